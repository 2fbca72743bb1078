// The closing line of `npm test` ("N passed, N failed") is what CI and people read:
// a run that could not start a browser, or whose browser suite failed, must say
// failed there, not "0 failed". Runs scripts/test.js on a small scale, into a temp
// results folder so this run's own counts are untouched.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function runTestScript(args, env) {
  const results = mkdtempSync(join(tmpdir(), 'closer-chat-results-'));
  try {
    const run = spawnSync(process.execPath, ['scripts/test.js', '--no-node', '--no-examples', ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, TEST_RESULTS_DIR: results, ...env },
      timeout: 120_000,
    });
    const lines = `${run.stdout}`.trim().split('\n');
    return { status: run.status, output: `${run.stdout}${run.stderr}`, last: lines.at(-1) };
  } finally {
    rmSync(results, { recursive: true, force: true });
  }
}

const counts = (line) => {
  const match = /^(\d+) passed, (\d+) failed(?:, \d+ skipped)?$/.exec(line ?? '');
  assert.ok(match, `a closing line "N passed, N failed", got ${JSON.stringify(line)}`);
  return { passed: Number(match[1]), failed: Number(match[2]) };
};

test('a browser that cannot be launched counts as failed in the closing line', () => {
  const run = runTestScript([], { BROWSERS: 'firefox', FIREFOX_PATH: '/nonexistent/firefox' });
  assert.equal(run.status, 1);
  assert.match(run.output, /Firefox not found/, 'the reason is printed');
  assert.ok(counts(run.last).failed >= 1, run.last);
});

test('a failing browser suite counts as failed in the closing line', () => {
  const run = runTestScript(['--files', 'test/fixtures/always-fails.fixture.ts'], { BROWSERS: 'chromium' });
  assert.equal(run.status, 1);
  assert.deepEqual(counts(run.last), { passed: 0, failed: 1 });
});
