// A headless browser for the conformance probe, with no driver: the system Chromium or
// Firefox is started on the runner page's URL with a fresh, throw-away profile, the
// page posts its findings to the local server, and the browser is then stopped. So the
// published probe needs no dependency (not puppeteer-core nor playwright-core, which the
// package keeps as development tools) and downloads nothing.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, findChromium, findFirefox } from '../tools/browser-paths.js';

export const BROWSER_NAMES = ['chromium', 'firefox'];

/** The executable for `name`: `path` if given, else CHROME_PATH / FIREFOX_PATH, else the usual places. */
export function browserExecutable(name, path) {
  if (!BROWSER_NAMES.includes(name)) throw new Error(`--browser ${name}: use ${BROWSER_NAMES.join(' or ')}`);
  if (path) return path;
  return name === 'firefox' ? findFirefox() : findChromium();
}

/** What `<browser> --version` prints (best effort). */
export function browserVersion(executable) {
  return new Promise((resolve) => {
    execFile(executable, ['--version'], { timeout: 15_000 }, (error, stdout) => {
      const line = String(stdout || '')
        .split('\n')
        .map((text) => text.trim())
        .find((text) => /\d+\.\d+/.test(text));
      resolve(line || (error ? `unknown (${error.message.split('\n')[0]})` : 'unknown'));
    });
  });
}

/**
 * Chromium slows the timers of frames it deems unimportant (small, off-screen, in the
 * background): a widget's install timer could then look like "never".
 */
const UNTHROTTLED = [
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  '--window-size=1280,1024',
];

/** Preferences of the fresh Firefox profile: no first-run pages, no background traffic. */
const FIREFOX_PREFS = {
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.aboutwelcome.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'app.update.disabledForTesting': true,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
};

/**
 * Starts `name` headless on `url`. `exited` rejects if the browser stops by itself;
 * `close()` stops it (its whole process group) and removes the profile.
 */
export async function launchBrowser({ name, executable, url }) {
  const profile = await mkdtemp(join(tmpdir(), 'closer-conformance-'));
  let args;
  if (name === 'firefox') {
    const prefs = Object.entries(FIREFOX_PREFS).map(
      ([key, value]) => `user_pref(${JSON.stringify(key)}, ${JSON.stringify(value)});`,
    );
    await writeFile(join(profile, 'user.js'), `${prefs.join('\n')}\n`);
    args = ['--headless', '--no-remote', '--profile', profile, url];
  } else {
    args = [
      '--headless',
      ...CHROMIUM_ARGS,
      ...UNTHROTTLED,
      '--no-default-browser-check',
      `--user-data-dir=${profile}`,
      url,
    ];
  }
  const group = process.platform !== 'win32';
  const child = spawn(executable, args, { detached: group, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  let closing = false;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  const exited = new Promise((_, reject) => {
    child.once('error', (error) => reject(new Error(`could not start ${executable}: ${error.message}`)));
    gone.then((code) => {
      if (!closing) reject(new Error(`${executable} exited (${code}) before the probe finished:\n${stderr.trim()}`));
    });
  });
  exited.catch(() => undefined);
  const signal = (sig) => {
    try {
      if (group) process.kill(-child.pid, sig);
      else child.kill(sig);
    } catch {
      /* already gone */
    }
  };
  return {
    exited,
    async close() {
      closing = true;
      if (child.exitCode === null && child.signalCode === null) {
        signal('SIGTERM');
        const timer = setTimeout(() => signal('SIGKILL'), 3000);
        await gone;
        clearTimeout(timer);
      }
      await rm(profile, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
