// Runs `node bin/closer-config.js …` as a process, the way a user or CI does: stdin a
// pipe (not a terminal), only the environment given. Async, so a stand-in API in the
// test's own process keeps answering.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = join(fileURLToPath(new URL('../..', import.meta.url)), 'bin', 'closer-config.js');

/** Resolves to { code, stdout, stderr }. */
export function runCli(args, { cwd, env = {}, input = '' } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}
