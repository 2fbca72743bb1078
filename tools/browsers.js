// The system browsers, for the tests, the examples and the benchmark: where Chromium
// and Firefox ESR are, the flags Chromium needs here, and the @web/test-runner launcher
// list (both driven by puppeteer-core through @web/test-runner-chrome's chromeLauncher,
// Firefox over WebDriver BiDi). Nothing is downloaded.
//
//   BROWSERS=chromium | firefox | chromium,firefox   (default: both)
//   CHROME_PATH=/path/to/chromium   FIREFOX_PATH=/path/to/firefox
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { chromeLauncher } from '@web/test-runner-chrome';

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const FIREFOX_CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function find(envVar, candidates, aptPackage, label) {
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(
      `${label} not found at ${envVar}=${fromEnv}. ` +
        `Point ${envVar} at an existing ${label} binary, or unset it to use ${candidates.join(' / ')}.`,
    );
  }
  const found = candidates.find((p) => existsSync(p));
  if (found) return found;
  throw new Error(
    `${label} not found (looked at ${candidates.join(', ')}). ` +
      `Install it with \`apt-get install -y ${aptPackage}\`, or set ${envVar} to its executable. ` +
      `(Locally, BROWSERS=chromium or BROWSERS=firefox runs just one; CI runs both.)`,
  );
}

/** Path of the Chromium executable (CHROME_PATH, then the usual system paths). Throws if none. */
export function findChromium() {
  return find('CHROME_PATH', CHROMIUM_CANDIDATES, 'chromium', 'Chromium');
}

/** Path of the Firefox executable (FIREFOX_PATH, then the usual system paths). Throws if none. */
export function findFirefox() {
  return find('FIREFOX_PATH', FIREFOX_CANDIDATES, 'firefox-esr', 'Firefox');
}

/** Names requested through BROWSERS (default: every supported browser). */
export function requestedBrowsers() {
  const raw = (process.env.BROWSERS ?? '').trim();
  if (!raw) return ['chromium', 'firefox'];
  const names = [
    ...new Set(
      raw
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((n) => n.toLowerCase()),
    ),
  ];
  const unknown = names.filter((n) => n !== 'chromium' && n !== 'firefox');
  if (unknown.length) {
    throw new Error(
      `BROWSERS=${raw}: unknown browser ${unknown.join(', ')} (use chromium, firefox or chromium,firefox).`,
    );
  }
  return names;
}

// Tests that use the official widget URL (preconnect hints) must never reach the
// internet: its host resolves to this machine, where nothing listens on 443.
const OFFICIAL_WIDGET_HOST = 'widget.closer.app';
const OFFLINE_CHROMIUM_ARGS = [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${OFFICIAL_WIDGET_HOST} 127.0.0.1`];
const OFFLINE_FIREFOX_PREFS = { 'network.dns.localDomains': OFFICIAL_WIDGET_HOST };

/** The WTR `browsers` array. Throws a clear error when a requested browser is missing. */
export function browsers() {
  return requestedBrowsers().map((name) => {
    if (name === 'chromium') {
      return chromeLauncher({
        // passing puppeteer makes WTR label the browser "Chromium" rather than "Chrome"
        puppeteer,
        launchOptions: { executablePath: findChromium(), headless: true, args: OFFLINE_CHROMIUM_ARGS },
      });
    }
    return chromeLauncher({
      puppeteer,
      launchOptions: {
        browser: 'firefox',
        executablePath: findFirefox(),
        headless: true,
        extraPrefsFirefox: OFFLINE_FIREFOX_PREFS,
      },
    });
  });
}

export default browsers;
