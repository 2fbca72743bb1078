#!/usr/bin/env node
// Builds and tests the framework examples (examples/<name>/) against this package as
// users get it: the tarball of `npm pack`.
//
//   node scripts/examples.js [--skip-build] [angular] [react] [svelte] [vue]
//
// 1. `npm run build` at the root (skip with --skip-build when dist/ is fresh), then
//    `npm pack` once into a temporary folder.
// 2. In each example: `npm ci` (its own lockfile, which does not list closer-chat),
//    then `npm install --no-save <tarball>`. Neither package.json nor the lockfile
//    changes; the script checks that.
// 3. `vite build` (production, dist/) and a development build (dist-dev/:
//    NODE_ENV=development, --mode development), where frameworks warn and React's
//    <StrictMode> double-mounts. Angular: `ng build` and `ng build --configuration
//    development` (see builds()).
// 4. `node --test` over examples/*/test/*.test.js: browser tests in the system
//    Chromium (playwright-core) and WebKit (WebDriver), those of them BROWSERS asks for
//    (examples/shared/harness.js). With neither asked for, nothing is built or run.
//
// An example whose install or build fails counts as one failed test; the others still
// run. The last line is `N passed, N failed`; exit status 1 on any failure.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNodeTests } from './node-tests.js';
import { EXAMPLE_BROWSERS, browserLabel, exampleBrowsers } from '../examples/shared/harness.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const examplesDir = join(root, 'examples');
const resultsDir = process.env.TEST_RESULTS_DIR ?? join(root, '.test-results');
const tapFile = join(resultsDir, 'examples.tap');

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
for (const flag of flags) {
  if (flag !== '--skip-build') {
    console.error(`examples.js: unknown option ${flag} (use --skip-build, or example names)`);
    process.exit(2);
  }
}
const allExamples = readdirSync(examplesDir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(examplesDir, e.name, 'package.json')))
  .map((e) => e.name)
  .sort();
const wanted = args.filter((a) => !a.startsWith('--'));
const unknown = wanted.filter((name) => !allExamples.includes(name));
if (unknown.length) {
  console.error(`examples.js: no example named ${unknown.join(', ')} (have: ${allExamples.join(', ')})`);
  process.exit(2);
}
const examples = wanted.length ? wanted : allExamples;

if (!exampleBrowsers().length) {
  console.log(
    `examples.js: not run: the example apps are tested in ${EXAMPLE_BROWSERS.map(browserLabel).join(' and ')}, ` +
      `and BROWSERS=${process.env.BROWSERS} asks for neither`,
  );
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'examples.json'), JSON.stringify({ passed: 0, failed: 0, skipped: 0 }));
  console.log('0 passed, 0 failed');
  process.exit(0);
}

// Children inherit this environment: no browser downloads, no npm chatter, and none of
// the parent npm's per-project settings when this runs as an npm script.
const env = { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', npm_config_update_notifier: 'false' };
delete env.npm_config_local_prefix;
delete env.NODE_ENV;
const npm = 'npm';
// npm is a .cmd file on Windows, which only a shell can start.
const shell = process.platform === 'win32';
const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];

const problems = [];
const timings = [];
const started = Date.now();

function section(title) {
  console.log(`\n=== ${title} ===`);
}

/** Runs a command; returns true when it exited 0. Output goes to this terminal. */
function run(label, cmd, cmdArgs, { cwd = root, extraEnv = {} } = {}) {
  const t0 = Date.now();
  console.log(`$ ${[cmd, ...cmdArgs].join(' ')}${cwd !== root ? `   (in ${relative(root, cwd)})` : ''}`);
  const r = spawnSync(cmd, cmdArgs, {
    cwd,
    env: { ...env, ...extraEnv },
    stdio: 'inherit',
    shell: shell && cmd === npm,
  });
  const seconds = (Date.now() - t0) / 1000;
  timings.push([label, seconds]);
  if (r.error || r.signal || r.status !== 0) {
    const why = r.error ? r.error.message : r.signal ? `killed by ${r.signal}` : `exit ${r.status}`;
    console.log(`examples.js: ${label} failed (${why})`);
    return false;
  }
  return true;
}

/**
 * The two builds of an example: production into dist/, development into dist-dev/.
 * Vite for most; the Angular CLI (its esbuild `application` builder; angular.json names
 * the output folders) where there is an angular.json.
 * @returns {[label: string, script: string, args: string[], env?: Record<string, string>][]}
 */
function builds(dir) {
  if (existsSync(join(dir, 'angular.json'))) {
    const ng = join(dir, 'node_modules', '@angular', 'cli', 'bin', 'ng.js');
    // No analytics prompt (CI has no terminal); angular.json also turns analytics off.
    const quiet = { NG_CLI_ANALYTICS: 'false' };
    return [
      ['ng build', ng, ['build', '--progress=false'], quiet],
      ['ng build (development)', ng, ['build', '--configuration', 'development', '--progress=false'], quiet],
    ];
  }
  const vite = join(dir, 'node_modules', 'vite', 'bin', 'vite.js');
  return [
    ['vite build', vite, ['build', '--logLevel', 'warn']],
    [
      'vite build (development)',
      vite,
      ['build', '--mode', 'development', '--outDir', 'dist-dev', '--logLevel', 'warn'],
      { NODE_ENV: 'development' },
    ],
  ];
}

const hash = (file) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'missing');

// ---------------------------------------------------------------- 1. build + pack
let tarball;
const packDir = mkdtempSync(join(tmpdir(), 'closer-chat-pack-'));
try {
  section('build + pack the package');
  let ok = true;
  if (!flags.has('--skip-build')) ok = run('root: npm run build', npm, ['run', 'build', '--silent']);
  else if (!existsSync(join(root, 'dist', 'index.js'))) {
    console.log('examples.js: --skip-build, but dist/index.js is missing: run `npm run build` first');
    ok = false;
  }
  if (ok) {
    // --ignore-scripts: the build has just run (a prepack script would run it again).
    const t0 = Date.now();
    console.log(`$ npm pack --ignore-scripts --pack-destination ${packDir}`);
    const r = spawnSync(
      npm,
      ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir, '--loglevel=error'],
      {
        cwd: root,
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        shell,
      },
    );
    timings.push(['root: npm pack', (Date.now() - t0) / 1000]);
    try {
      const [info] = JSON.parse(r.stdout);
      tarball = join(packDir, info.filename);
      console.log(`packed ${info.filename}: ${info.entryCount} files, ${(info.size / 1024).toFixed(1)} kB`);
    } catch {
      console.log(`examples.js: npm pack failed (exit ${r.status})`);
    }
    if (!tarball || !existsSync(tarball)) tarball = undefined;
  }
  if (!tarball) problems.push('the package could not be built and packed');

  // ---------------------------------------------------------------- 2-3. install + build
  const ready = [];
  for (const name of examples) {
    if (!tarball) break;
    const dir = join(examplesDir, name);
    section(`${name}: install + build`);
    const lockBefore = hash(join(dir, 'package-lock.json'));
    const manifestBefore = hash(join(dir, 'package.json'));
    const step = (label, cmd, cmdArgs, extraEnv) => run(`${name}: ${label}`, cmd, cmdArgs, { cwd: dir, extraEnv });
    const ok =
      step('npm ci', npm, ['ci', ...NPM_QUIET]) &&
      step('npm install <tarball>', npm, ['install', '--no-save', ...NPM_QUIET, tarball]) &&
      builds(dir).every(([label, builder, builderArgs, extraEnv]) =>
        step(label, process.execPath, [builder, ...builderArgs], extraEnv),
      );
    if (!ok) {
      problems.push(`${name}: install or build failed (see above)`);
      continue;
    }
    if (hash(join(dir, 'package-lock.json')) !== lockBefore || hash(join(dir, 'package.json')) !== manifestBefore) {
      problems.push(`${name}: installing changed package.json or package-lock.json (they must stay as committed)`);
      continue;
    }
    ready.push(name);
  }

  // ---------------------------------------------------------------- 4. browser tests
  const testFiles = ready.flatMap((name) => {
    const testDir = join(examplesDir, name, 'test');
    const files = existsSync(testDir)
      ? readdirSync(testDir)
          .filter((f) => /\.test\.m?js$/.test(f))
          .map((f) => relative(root, join(testDir, f)))
      : [];
    if (!files.length) problems.push(`${name}: no test files in ${relative(root, testDir)}`);
    return files.sort();
  });

  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (testFiles.length) {
    section('browser tests');
    const counts = runNodeTests(testFiles, { cwd: root, tapFile });
    ({ passed, failed, skipped } = counts);
    problems.push(...counts.problems);
  }

  // Each example that never reached its tests counts as one failure.
  failed += examples.length - ready.length;
  if (!tarball) failed = Math.max(failed, 1);
  if (passed + failed === 0) problems.push('no test ran');

  section('summary');
  for (const [label, seconds] of timings) console.log(`${seconds.toFixed(1).padStart(6)} s  ${label}`);
  console.log(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  total`);
  for (const p of problems) console.log(`examples.js: ${p}`);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'examples.json'), JSON.stringify({ passed, failed, skipped }));
  let line = `${passed} passed, ${failed} failed`;
  if (skipped) line += `, ${skipped} skipped`;
  console.log(line);
  process.exitCode = failed > 0 || problems.length ? 1 : 0;
} finally {
  rmSync(packDir, { recursive: true, force: true });
}
