#!/usr/bin/env node
// `npm test` orchestrator (after the build): runs @web/test-runner (extra argv is passed
// through to it), then node:test over test/node/**/*.test.js, and ends with ONE line:
//   N passed, N failed[, N skipped]
// Exit status is non-zero if a test failed, either runner failed, or nothing ran.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = join(root, '.test-results');
const wtrJson = join(resultsDir, 'wtr.json');
const nodeTap = join(resultsDir, 'node.tap');
const nodeTestDir = join(root, 'test', 'node');

const problems = [];
const total = { passed: 0, failed: 0, skipped: 0 };

mkdirSync(resultsDir, { recursive: true });
rmSync(wtrJson, { force: true });
rmSync(nodeTap, { force: true });

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.error) return { code: 1, why: r.error.message };
  if (r.signal) return { code: 1, why: `killed by ${r.signal}` };
  return { code: r.status ?? 1 };
}

// 1. browser tests
{
  const wtr = join(root, 'node_modules', '.bin', 'wtr');
  const r = run(wtr, process.argv.slice(2));
  if (r.code !== 0) problems.push(`web-test-runner exited with ${r.code}${r.why ? ` (${r.why})` : ''}`);
  if (existsSync(wtrJson)) {
    const c = JSON.parse(readFileSync(wtrJson, 'utf8'));
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
  } else {
    problems.push('web-test-runner wrote no results (.test-results/wtr.json)');
  }
}

// 2. node tests
function findNodeTests(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(e => e.isFile() && /\.test\.m?js$/.test(e.name))
    .map(e => relative(root, join(e.parentPath ?? e.path, e.name)))
    .sort();
}
const nodeFiles = findNodeTests(nodeTestDir);
if (nodeFiles.length) {
  const r = run(process.execPath, [
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${relative(root, nodeTap)}`,
    ...nodeFiles,
  ]);
  const tap = existsSync(nodeTap) ? readFileSync(nodeTap, 'utf8') : '';
  const count = key => {
    const all = [...tap.matchAll(new RegExp(`^# ${key} (\\d+)$`, 'gm'))];
    return all.length ? Number(all.at(-1)[1]) : undefined;
  };
  const pass = count('pass');
  if (pass === undefined) {
    problems.push('node --test wrote no summary (.test-results/node.tap)');
  } else {
    total.passed += pass;
    total.failed += (count('fail') ?? 0) + (count('cancelled') ?? 0);
    total.skipped += (count('skipped') ?? 0) + (count('todo') ?? 0);
  }
  if (r.code !== 0) problems.push(`node --test exited with ${r.code}${r.why ? ` (${r.why})` : ''}`);
}

if (total.passed + total.failed === 0) problems.push('no test ran');
for (const p of problems) console.log(`test.js: ${p}`);

let line = `${total.passed} passed, ${total.failed} failed`;
if (total.skipped) line += `, ${total.skipped} skipped`;
console.log(line);
process.exitCode = total.failed > 0 || problems.length ? 1 : 0;
