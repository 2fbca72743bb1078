#!/usr/bin/env node
// `npm test` orchestrator (after the build): runs @web/test-runner (extra argv is passed
// through to it), then node:test over test/node/**/*.test.js (`--no-node` skips them),
// then the framework examples (scripts/examples.js; `--no-examples` skips them), and
// ends with each browser's counts, then ONE line:
//   N passed, N failed[, N skipped]
// A runner that could not start (a browser missing), crashed or wrote no results counts
// as one failed test in that line, so the line never reads "0 failed" for a run that
// failed. Exit status is non-zero if anything failed or nothing ran.
import { spawnSync } from 'node:child_process';
import { runNodeTests } from './node-tests.js';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// TEST_RESULTS_DIR: where the runners' counts go (a test of this script runs it into a temp dir).
const resultsDir = process.env.TEST_RESULTS_DIR ?? join(root, '.test-results');
const wtrJson = join(resultsDir, 'wtr.json');
const nodeTap = join(resultsDir, 'node.tap');
const nodeTestDir = join(root, 'test', 'node');

const examplesJson = join(resultsDir, 'examples.json');
const OWN_FLAGS = ['--no-examples', '--no-node'];
const withExamples = !process.argv.includes('--no-examples');
const withNode = !process.argv.includes('--no-node');
const wtrArgs = process.argv.slice(2).filter((arg) => !OWN_FLAGS.includes(arg));

const problems = [];
const total = { passed: 0, failed: 0, skipped: 0 };
/** The browser tests' counts per browser, for the lines before the closing one. */
let byBrowser;
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
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TEST_RESULTS_DIR: resultsDir },
  });
  if (r.error) return { code: 1, why: r.error.message };
  if (r.signal) return { code: 1, why: `killed by ${r.signal}` };
  return { code: r.status ?? 1 };
}

// 1. browser tests. A non-zero exit with no failed test counted (a browser that did
//    not launch, a crash) is a problem of its own.
{
  const wtr = join(root, 'node_modules', '.bin', 'wtr');
  const r = run(wtr, wtrArgs);
  const counts = existsSync(wtrJson) ? JSON.parse(readFileSync(wtrJson, 'utf8')) : undefined;
  if (counts) add({ ...counts, problems: [] });
  byBrowser = counts?.browsers ?? {};
  if (!counts)
    problems.push(
      `web-test-runner wrote no results (exit ${r.code}${r.why ? `, ${r.why}` : ''}): see its output above`,
    );
  else if (r.code !== 0 && counts.failed === 0)
    problems.push(`web-test-runner exited with ${r.code}${r.why ? ` (${r.why})` : ''}`);
}

// 2. node tests
function findNodeTests(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.test\.m?js$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath ?? e.path, e.name)))
    .sort();
}
const nodeFiles = withNode ? findNodeTests(nodeTestDir) : [];
if (nodeFiles.length) add(runNodeTests(nodeFiles, { cwd: root, tapFile: nodeTap }));

// 3. framework examples (React, Vue, Svelte apps built with Vite, Angular with its CLI,
//    tested in Chromium);
//    `--no-examples` skips them for a quick local run.
if (withExamples) {
  rmSync(examplesJson, { force: true });
  const r = run(process.execPath, [join(root, 'scripts', 'examples.js'), '--skip-build']);
  const counts = existsSync(examplesJson) ? JSON.parse(readFileSync(examplesJson, 'utf8')) : undefined;
  if (counts) add({ ...counts, problems: [] });
  if (!counts) problems.push(`examples.js wrote no results (exit ${r.code})`);
  else if (r.code !== 0 && counts.failed === 0) problems.push(`examples.js exited with ${r.code}`);
}

if (total.passed + total.failed === 0) problems.push('no test ran');
for (const p of problems) console.log(`test.js: ${p}`);

const countLine = ({ passed, failed, skipped }) =>
  `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
for (const [browser, counts] of Object.entries(byBrowser ?? {}))
  console.log(`test/*.test.ts in ${browser}: ${countLine(counts)}`);
// Each problem (a runner that did not start or did not finish) is a failure too.
const failed = total.failed + problems.length;
console.log(countLine({ ...total, failed }));
process.exitCode = failed > 0 ? 1 : 0;
