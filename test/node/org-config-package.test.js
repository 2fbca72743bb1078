// closer-chat/org-config as a package user gets it: its own entry, kept out of the
// element's builds, and a `closer-config` bin that works from an installed tarball.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { test } from 'node:test';

const root = fileURLToPath(new URL('../..', import.meta.url));
const exec = promisify(execFile);

/** Every module dist/index.js reaches through relative imports. */
function importGraph(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const [, spec] of code.matchAll(
      /(?:import|export)[^'"]*?from\s*['"](\.[^'"]+)['"]|import\s*\(\s*['"](\.[^'"]+)['"]/g,
    )) {
      if (spec) visit(resolve(dirname(file), spec));
    }
  };
  visit(entry);
  return [...seen].map((file) => file.slice(root.length));
}

test('the element’s entry and its bundle hold nothing of org-config', () => {
  const graph = importGraph(join(root, 'dist/index.js'));
  assert.ok(graph.includes('dist/closer-chat.js'), `the walk follows imports: ${graph.join(', ')}`);
  assert.deepEqual(
    graph.filter((file) => file.includes('org-config')),
    [],
  );
  const bundle = readFileSync(join(root, 'dist/closer-chat.bundle.js'), 'utf8');
  for (const marker of ['spinner.closer.app', 'workingHours', 'x-api-key', 'closer-config']) {
    assert.ok(!bundle.includes(marker), `the bundle holds "${marker}"`);
  }
});

test('closer-chat/org-config imports in Node without a DOM', async () => {
  assert.equal(typeof globalThis.document, 'undefined', 'this test must run without a DOM');
  const module = await import('closer-chat/org-config');
  for (const name of [
    'createOrgConfigClient',
    'orgConfigSchema',
    'validateOrgConfig',
    'diffConfigs',
    'toWeeklySchedule',
    'isOpen',
    'OrgConfigError',
  ]) {
    assert.ok(name in module, `exports ${name}`);
  }
});

test('npm pack → npm install in an empty folder → npx closer-config works', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'closer-config-install-'));
  try {
    // The build ran before the tests (npm test); --ignore-scripts skips prepack's rebuild.
    const { stdout } = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
      cwd: root,
    });
    const [{ filename, files }] = JSON.parse(stdout);
    assert.ok(
      files.some((f) => f.path === 'bin/closer-config.js'),
      'the bin is packed',
    );
    assert.ok(
      files.some((f) => f.path === 'dist/org-config/cli.js'),
      'the CLI module is packed',
    );
    writeFileSync(join(dir, 'package.json'), '{ "name": "try-closer-config", "private": true, "type": "module" }\n');
    await exec('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, filename)], { cwd: dir });

    const help = await exec('npx', ['--no-install', 'closer-config', '--help'], { cwd: dir });
    assert.match(help.stdout, /^Usage: closer-config /);
    writeFileSync(join(dir, 'config.json'), readFileSync(join(root, 'examples/org-config/complete.json')));
    const valid = await exec('npx', ['--no-install', 'closer-config', 'validate', 'config.json'], { cwd: dir });
    assert.equal(valid.stdout, 'config.json: valid\n');
    const imported = await exec(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import('closer-chat/org-config').then((m) => console.log(typeof m.createOrgConfigClient))",
      ],
      { cwd: dir },
    );
    assert.equal(imported.stdout.trim(), 'function');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
