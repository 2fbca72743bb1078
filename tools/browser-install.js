// What `npm test` does when a browser it is to test in is missing (scripts/ensure-browsers.js):
// it installs it with apt-get where it may (as root, or through sudo without a password),
// saying what and why before it does; where it may not, it stops before anything runs and
// prints the one command to run. Only the browsers BROWSERS asks for are looked at, so
// nothing is installed for a browser that was not asked for. An executable named by its
// environment variable (CHROME_PATH, ...) is the user's choice: never installed over.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { BROWSERS, locate } from './browser-paths.js';

/**
 * The executables of the browsers `names` that are not there: `{ browser, name, env,
 * apt, missing, fromEnv }` each. `lookup` is passed to locate() (tests give their own).
 */
export function missingExecutables(names, lookup) {
  return names.flatMap((browser) =>
    BROWSERS[browser].parts
      .map((part) => ({ browser, name: part.name, env: part.env, apt: part.apt, ...locate(part, lookup) }))
      .filter((found) => !found.path),
  );
}

const list = (items) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
const browsersOf = (missing) => [...new Set(missing.map(({ browser }) => BROWSERS[browser].label))];
const missingLines = (missing) =>
  missing.map(({ name, missing: where, fromEnv }) => `  ${name}: ${fromEnv ? 'nothing at ' : 'not at '}${where}`);

/**
 * The decision, from facts alone:
 *   missing   missingExecutables() of the requested browsers
 *   isRoot    this process runs as root
 *   sudo      'passwordless' (sudo -n works), 'password' (sudo would ask), or 'none'
 *   aptGet    apt-get is on PATH
 * @returns {{ action: 'run' }
 *   | { action: 'install', packages: string[], sudo: boolean, message: string }
 *   | { action: 'stop', message: string, command?: string }}
 */
export function planBrowsers({ missing, isRoot, sudo, aptGet }) {
  if (!missing.length) return { action: 'run' };
  const chosen = missing.filter((m) => m.fromEnv);
  if (chosen.length) {
    return {
      action: 'stop',
      message: [
        `npm test: ${list(chosen.map((m) => m.env))} ${chosen.length > 1 ? 'name' : 'names'} no executable:`,
        ...missingLines(chosen),
        `Point ${chosen.length > 1 ? 'them' : 'it'} at the browser, or unset ${chosen.length > 1 ? 'them' : 'it'} to use (and install) the system's.`,
      ].join('\n'),
    };
  }
  const packages = [...new Set(missing.map((m) => m.apt))];
  const why = [
    `npm test: the tests run in ${list(browsersOf(missing))}, which ${browsersOf(missing).length > 1 ? 'are' : 'is'} not installed here:`,
    ...missingLines(missing),
  ];
  const install = `apt-get install -y ${packages.join(' ')}`;
  if (!aptGet) {
    return {
      action: 'stop',
      message: [
        ...why,
        `This machine has no apt-get: install ${list(packages)} (or your system's packages of them) yourself,`,
        `or point ${list([...new Set(missing.map((m) => m.env))])} at them. BROWSERS= picks fewer browsers (${Object.keys(BROWSERS).join(',')}).`,
      ].join('\n'),
    };
  }
  if (isRoot || sudo === 'passwordless') {
    const as = isRoot ? 'as root' : 'through sudo';
    return {
      action: 'install',
      packages,
      sudo: !isRoot,
      message: [...why, `Installing with apt-get (${as}): apt-get update, then ${install}`].join('\n'),
    };
  }
  const command =
    sudo === 'password' ? `sudo apt-get update && sudo ${install}` : `su -c 'apt-get update && ${install}'`;
  return {
    action: 'stop',
    message: [
      ...why,
      'Installing needs root. Run this, then npm test again (or pick fewer browsers with BROWSERS=):',
    ].join('\n'),
    command,
  };
}

/** Is `command` an executable on PATH? */
function onPath(command, path = process.env.PATH ?? '') {
  return path.split(delimiter).some((dir) => {
    try {
      accessSync(join(dir || '.', command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The facts planBrowsers() needs, from this machine (sudo is only tried when it matters). */
export function machineFacts(missing) {
  const isRoot = process.getuid?.() === 0;
  let sudo = 'none';
  if (missing.length && !isRoot && onPath('sudo')) {
    sudo = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 ? 'passwordless' : 'password';
  }
  return { isRoot, sudo, aptGet: onPath('apt-get') };
}

/** Runs a command with its output on this terminal; returns its exit code (or 1). */
function runCommand(argv) {
  const r = spawnSync(argv[0], argv.slice(1), { stdio: 'inherit' });
  return r.status ?? 1;
}

/**
 * Makes sure the browsers `names` are there: returns true when the tests may run.
 * Everything it needs from the machine can be given (the tests of this file do).
 */
export function ensureBrowsers(
  names,
  { lookup, facts = machineFacts, run = runCommand, log = (line) => console.log(line) } = {},
) {
  const missing = missingExecutables(names, lookup);
  const plan = planBrowsers({ missing, ...facts(missing) });
  if (plan.action === 'run') return true;
  log(plan.message);
  if (plan.action === 'stop') {
    if (plan.command) log(plan.command);
    return false;
  }
  const prefix = plan.sudo ? ['sudo', '-n'] : [];
  // An update that fails (offline) may still leave an install from what apt knows.
  if (run([...prefix, 'apt-get', 'update']) !== 0)
    log('npm test: apt-get update failed; trying the install all the same');
  const code = run([...prefix, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', ...plan.packages]);
  const still = missingExecutables(names, lookup);
  if (code === 0 && !still.length) {
    log(`npm test: installed ${plan.packages.join(' ')}`);
    return true;
  }
  log(
    [
      `npm test: apt-get install ${code === 0 ? 'finished' : `failed (exit ${code})`}, and the tests still miss:`,
      ...missingLines(still.length ? still : missing),
    ].join('\n'),
  );
  return false;
}
