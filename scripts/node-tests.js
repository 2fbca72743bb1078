// Runs node:test over some files and returns their counts, read from a TAP report
// (the spec report goes to the terminal). Shared by scripts/test.js and
// scripts/examples.js so both count tests the same way.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

/** @returns {{ passed: number, failed: number, skipped: number, problems: string[] }} */
export function runNodeTests(files, { cwd, tapFile }) {
  mkdirSync(dirname(tapFile), { recursive: true });
  rmSync(tapFile, { force: true });
  const result = spawnSync(
    process.execPath,
    [
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tapFile}`,
      ...files,
    ],
    { cwd, stdio: 'inherit' },
  );
  const tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
  // The last summary block is the run's total (nested suites print their own).
  const count = (key) => {
    const all = [...tap.matchAll(new RegExp(`^# ${key} (\\d+)$`, 'gm'))];
    return all.length ? Number(all.at(-1)[1]) : undefined;
  };
  const problems = [];
  const passed = count('pass');
  if (passed === undefined) problems.push(`node --test wrote no summary (${tapFile})`);
  const failed = (count('fail') ?? 0) + (count('cancelled') ?? 0);
  if (result.status !== 0 && failed === 0) problems.push(`node --test exited with ${result.status ?? result.signal}`);
  return { passed: passed ?? 0, failed, skipped: (count('skipped') ?? 0) + (count('todo') ?? 0), problems };
}
