// `npm test` on a fresh machine: a missing browser is installed with apt-get where this
// user may (saying what and why first), else the run stops before anything with the one
// command to run; only the browsers BROWSERS asks for count. The decision is tested from
// given facts (which executables exist, root, sudo, apt-get): nothing here installs,
// removes or hides a real browser.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ensureBrowsers, missingExecutables, planBrowsers } from '../../tools/browser-install.js';
import { BROWSERS } from '../../tools/browser-paths.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ALL = Object.keys(BROWSERS);

/** A machine where every usual path exists but those of `absent` (executable names). */
function machine(absent = [], env = {}) {
  const present = new Set(
    Object.values(BROWSERS).flatMap((browser) =>
      browser.parts.filter((part) => !absent.includes(part.name)).map((part) => part.candidates[0]),
    ),
  );
  return { env, exists: (path) => present.has(path) };
}

const ROOT = { isRoot: true, sudo: 'none', aptGet: true };
const USER = { isRoot: false, sudo: 'none', aptGet: true };

test('everything there: the tests run, nothing is installed', () => {
  assert.deepEqual(planBrowsers({ missing: missingExecutables(ALL, machine()), ...ROOT }), { action: 'run' });
});

test('as root with apt-get: installs the packages of what is missing, each once, and says why', () => {
  const missing = missingExecutables(ALL, machine(['Chromium', 'WebKitWebDriver', 'MiniBrowser']));
  const plan = planBrowsers({ missing, ...ROOT });
  assert.equal(plan.action, 'install');
  assert.deepEqual(plan.packages, ['chromium', 'webkit2gtk-driver']);
  assert.equal(plan.sudo, false);
  assert.match(plan.message, /the tests run in Chromium and WebKit, which are not installed/);
  assert.match(plan.message, /MiniBrowser: not at \/usr\/lib\/x86_64-linux-gnu\/webkit2gtk-4\.1\/MiniBrowser/);
  assert.match(plan.message, /\(as root\): apt-get update, then apt-get install -y chromium webkit2gtk-driver$/);
});

test('a user with sudo that needs no password: installs through sudo', () => {
  const missing = missingExecutables(ALL, machine(['Xvfb']));
  const plan = planBrowsers({ missing, ...USER, sudo: 'passwordless' });
  assert.deepEqual([plan.action, plan.packages, plan.sudo], ['install', ['xvfb'], true]);
  assert.match(plan.message, /through sudo/);
});

test('a user whose sudo asks for a password: stops, with the sudo command to run', () => {
  const missing = missingExecutables(ALL, machine(['Firefox', 'Xvfb']));
  const plan = planBrowsers({ missing, ...USER, sudo: 'password' });
  assert.equal(plan.action, 'stop');
  assert.equal(plan.command, 'sudo apt-get update && sudo apt-get install -y firefox-esr xvfb');
  assert.match(plan.message, /Installing needs root/);
});

test('a user without sudo: stops, with the command to run as root', () => {
  const plan = planBrowsers({ missing: missingExecutables(ALL, machine(['Chromium'])), ...USER });
  assert.equal(plan.action, 'stop');
  assert.equal(plan.command, "su -c 'apt-get update && apt-get install -y chromium'");
});

test('no apt-get, even as root: stops, naming the packages and the variables to set', () => {
  const plan = planBrowsers({ missing: missingExecutables(ALL, machine(['Chromium'])), ...ROOT, aptGet: false });
  assert.equal(plan.action, 'stop');
  assert.equal(plan.command, undefined);
  assert.match(plan.message, /no apt-get: install chromium .*yourself,\nor point CHROME_PATH at them/);
});

test('a variable that names no executable is the user’s choice: stops, installs nothing, even as root', () => {
  const lookup = machine([], { FIREFOX_PATH: '/opt/nowhere/firefox' });
  const plan = planBrowsers({ missing: missingExecutables(ALL, lookup), ...ROOT });
  assert.equal(plan.action, 'stop');
  assert.match(
    plan.message,
    /FIREFOX_PATH names no executable:\n {2}Firefox: nothing at FIREFOX_PATH=\/opt\/nowhere\/firefox/,
  );
});

/** ensureBrowsers() on a pretend machine; `install` makes apt-get "bring" the absent executables. */
function pretend(names, absent, facts, { install = true, exitCode = 0 } = {}) {
  const gone = [...absent];
  const events = [];
  const ok = ensureBrowsers(names, {
    lookup: { env: {}, exists: (path) => machine(gone).exists(path) },
    facts: () => facts,
    run: (argv) => {
      events.push(['run', argv.join(' ')]);
      if (install && argv.includes('install')) gone.length = 0;
      return exitCode;
    },
    log: (line) => events.push(['log', line]),
  });
  return { ok, events };
}

test('installing: the message comes first, then apt-get update and install, and the tests run', () => {
  const { ok, events } = pretend(ALL, ['WebKitWebDriver', 'MiniBrowser', 'Xvfb'], ROOT);
  assert.equal(ok, true);
  assert.equal(events[0][0], 'log', 'what and why, before any command');
  assert.match(events[0][1], /WebKit, which is not installed/);
  assert.deepEqual(
    events.filter(([kind]) => kind === 'run').map(([, command]) => command),
    ['apt-get update', 'env DEBIAN_FRONTEND=noninteractive apt-get install -y webkit2gtk-driver xvfb'],
  );
  assert.deepEqual(events.at(-1), ['log', 'npm test: installed webkit2gtk-driver xvfb']);
});

test('through sudo: each command goes through sudo -n (never a password prompt)', () => {
  const { events } = pretend(['chromium'], ['Chromium'], { ...USER, sudo: 'passwordless' });
  assert.deepEqual(
    events.filter(([kind]) => kind === 'run').map(([, command]) => command),
    ['sudo -n apt-get update', 'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium'],
  );
});

test('a browser BROWSERS did not ask for is not looked at, let alone installed', () => {
  const { ok, events } = pretend(['firefox'], ['Chromium', 'MiniBrowser'], ROOT);
  assert.equal(ok, true);
  assert.deepEqual(events, []);
});

test('cannot install: nothing runs, and the last line is the command', () => {
  const { ok, events } = pretend(['chromium', 'firefox'], ['Chromium'], USER);
  assert.equal(ok, false);
  assert.deepEqual(
    events.map(([kind]) => kind),
    ['log', 'log'],
  );
  assert.equal(events.at(-1)[1], "su -c 'apt-get update && apt-get install -y chromium'");
});

test('an install that fails, or leaves a browser missing, stops the run and says what is still missing', () => {
  const failed = pretend(['chromium'], ['Chromium'], ROOT, { install: false, exitCode: 100 });
  assert.equal(failed.ok, false);
  assert.match(
    failed.events.at(-1)[1],
    /apt-get install failed \(exit 100\).*\n {2}Chromium: not at \/usr\/bin\/chromium/,
  );
  const incomplete = pretend(['chromium'], ['Chromium'], ROOT, { install: false });
  assert.equal(incomplete.ok, false);
  assert.match(incomplete.events.at(-1)[1], /apt-get install finished, and the tests still miss/);
});

test('scripts/ensure-browsers.js: a variable pointing nowhere stops it before apt-get runs', () => {
  const bin = mkdtempSync(join(tmpdir(), 'closer-chat-fake-apt-'));
  try {
    const marker = join(bin, 'apt-get-ran');
    writeFileSync(join(bin, 'apt-get'), `#!/bin/sh\ntouch ${marker}\n`);
    chmodSync(join(bin, 'apt-get'), 0o755);
    const run = spawnSync(process.execPath, ['scripts/ensure-browsers.js'], {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        PATH: `${bin}:${process.env.PATH}`,
        BROWSERS: 'firefox',
        FIREFOX_PATH: '/nonexistent/firefox',
      },
    });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /FIREFOX_PATH names no executable/);
    assert.equal(existsSync(marker), false, 'apt-get did not run');
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
});

test('scripts/ensure-browsers.js: an unknown name in BROWSERS stops it, listing the names', () => {
  const run = spawnSync(process.execPath, ['scripts/ensure-browsers.js'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, BROWSERS: 'chromium,safari' },
  });
  assert.equal(run.status, 1);
  assert.match(run.stdout, /unknown browser safari \(use any of chromium, firefox, webkit/);
});
