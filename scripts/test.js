#!/usr/bin/env node
// `npm test` orchestrator (after the build): runs @web/test-runner (extra argv is passed
// through to it), then node:test over test/node/**/*.test.js, then the framework
// examples (scripts/examples.js; `--no-examples` skips them), and ends with ONE line:
//   N passed, N failed[, N skipped]
// Exit status is non-zero if a test failed, either runner failed, or nothing ran.
import { spawnSync } from 'node:child_process';
import { runNodeTests } from './node-tests.js';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = join(root, '.test-results');
const wtrJson = join(resultsDir, 'wtr.json');
const nodeTap = join(resultsDir, 'node.tap');
const nodeTestDir = join(root, 'test', 'node');

const examplesJson = join(resultsDir, 'examples.json');
const withExamples = !process.argv.includes('--no-examples');
const wtrArgs = process.argv.slice(2).filter((arg) => arg !== '--no-examples');

const problems = [];
const total = { passed: 0, failed: 0, skipped: 0 };
function add(counts) {
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
  problems.push(...counts.problems);
}

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
  const r = run(wtr, wtrArgs);
  if (r.code !== 0) problems.push(`web-test-runner exited with ${r.code}${r.why ? ` (${r.why})` : ''}`);
  if (existsSync(wtrJson)) {
    add({ ...JSON.parse(readFileSync(wtrJson, 'utf8')), problems: [] });
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
if (nodeFiles.length) add(runNodeTests(nodeFiles, { cwd: root, tapFile: nodeTap }));

// 3. framework examples (React, Vue, Svelte apps built with Vite, tested in Chromium);
//    `--no-examples` skips them for a quick local run.
if (withExamples) {
  rmSync(examplesJson, { force: true });
  const r = run(process.execPath, [join(root, 'scripts', 'examples.js'), '--skip-build']);
  if (existsSync(examplesJson)) add({ ...JSON.parse(readFileSync(examplesJson, 'utf8')), problems: [] });
  else problems.push('examples.js wrote no results (.test-results/examples.json)');
  if (r.code !== 0) problems.push(`examples.js exited with ${r.code}`);
}

if (total.passed + total.failed === 0) problems.push('no test ran');
for (const p of problems) console.log(`test.js: ${p}`);

let line = `${total.passed} passed, ${total.failed} failed`;
if (total.skipped) line += `, ${total.skipped} skipped`;
console.log(line);
process.exitCode = total.failed > 0 || problems.length ? 1 : 0;
