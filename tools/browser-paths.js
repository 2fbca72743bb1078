// Where the system's Chromium and Firefox are, and the flags Chromium needs here: no
// dependencies, so that the published conformance probe (bin/closer-conformance.js) can
// use it as well as the tests, the examples and the benchmark (tools/browsers.js).
//
//   CHROME_PATH=/path/to/chromium   FIREFOX_PATH=/path/to/firefox
import { existsSync } from 'node:fs';

const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];
const FIREFOX_CANDIDATES = [
  '/usr/bin/firefox-esr',
  '/usr/bin/firefox',
  '/Applications/Firefox.app/Contents/MacOS/firefox',
  'C:\\Program Files\\Mozilla Firefox\\firefox.exe',
];

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
      `Install it (on Debian: \`apt-get install -y ${aptPackage}\`), or set ${envVar} to its executable.`,
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
