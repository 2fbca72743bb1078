// Where the system's browsers are: which executables each needs, where they are (an
// environment variable, then the usual paths), which Debian package brings them, which
// browsers BROWSERS asks for, and the flags Chromium needs here. No dependencies, so that
// the published conformance probe (bin/closer-conformance.js) can use it as well as the
// tests, the examples and the benchmark. Nothing is downloaded; in this repository
// scripts/ensure-browsers.js installs what is missing with apt-get.
//
//   BROWSERS=chromium,firefox,webkit   (any subset; default: all three)
//   CHROME_PATH  FIREFOX_PATH  WEBKIT_DRIVER_PATH  MINIBROWSER_PATH  XVFB_PATH
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Each browser: a label, and the executables it needs. WebKit is WebKitGTK's MiniBrowser
 * (Safari's engine) driven by WebKitWebDriver on an Xvfb display (tools/webkit.js);
 * Debian's libwebkit2gtk, which webkit2gtk-driver depends on, brings MiniBrowser.
 */
export const BROWSERS = {
  chromium: {
    label: 'Chromium',
    parts: [
      {
        name: 'Chromium',
        env: 'CHROME_PATH',
        candidates: [
          '/usr/bin/chromium',
          '/usr/bin/chromium-browser',
          '/usr/bin/google-chrome',
          '/usr/bin/google-chrome-stable',
          '/Applications/Chromium.app/Contents/MacOS/Chromium',
          '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
          'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
        ],
        apt: 'chromium',
      },
    ],
  },
  firefox: {
    label: 'Firefox ESR',
    parts: [
      {
        name: 'Firefox',
        env: 'FIREFOX_PATH',
        candidates: [
          '/usr/bin/firefox-esr',
          '/usr/bin/firefox',
          '/Applications/Firefox.app/Contents/MacOS/firefox',
          'C:\\Program Files\\Mozilla Firefox\\firefox.exe',
        ],
        apt: 'firefox-esr',
      },
    ],
  },
  webkit: {
    label: 'WebKit',
    parts: [
      {
        name: 'WebKitWebDriver',
        env: 'WEBKIT_DRIVER_PATH',
        candidates: ['/usr/bin/WebKitWebDriver'],
        apt: 'webkit2gtk-driver',
      },
      {
        name: 'MiniBrowser',
        env: 'MINIBROWSER_PATH',
        // Debian's multiarch library folders
        candidates: ['x86_64-linux-gnu', 'aarch64-linux-gnu', 'arm-linux-gnueabihf'].map(
          (triplet) => `/usr/lib/${triplet}/webkit2gtk-4.1/MiniBrowser`,
        ),
        apt: 'webkit2gtk-driver',
      },
      { name: 'Xvfb', env: 'XVFB_PATH', candidates: ['/usr/bin/Xvfb'], apt: 'xvfb' },
    ],
  },
};

export const BROWSER_NAMES = Object.keys(BROWSERS);

/** The Debian packages that bring `names` (each once, in table order). */
export function aptPackages(names) {
  return [...new Set(names.flatMap((name) => BROWSERS[name].parts.map((part) => part.apt)))];
}

/**
 * Where one executable is: `{ path }`, or `{ missing }` saying what was looked at. An
 * environment variable that is set wins, and is never second-guessed (`fromEnv`).
 */
export function locate(part, { env = process.env, exists = existsSync } = {}) {
  const fromEnv = env[part.env];
  if (fromEnv) return exists(fromEnv) ? { path: fromEnv } : { missing: `${part.env}=${fromEnv}`, fromEnv: true };
  const path = part.candidates.find((candidate) => exists(candidate));
  return path ? { path } : { missing: part.candidates.join(', ') };
}

function find(browser, partName, lookup) {
  const part = BROWSERS[browser].parts.find((p) => p.name === partName);
  const found = locate(part, lookup);
  if (found.path) return found.path;
  if (found.fromEnv) {
    throw new Error(
      `${part.name} not found at ${found.missing}. ` +
        `Point ${part.env} at an existing ${part.name} executable, or unset it to use ${part.candidates[0]}.`,
    );
  }
  throw new Error(
    `${part.name} not found (looked at ${found.missing}). ` +
      `Install it (on Debian: \`apt-get install -y ${aptPackages([browser]).join(' ')}\`), ` +
      `or set ${part.env} to its executable.`,
  );
}

// Each find*() returns an executable's path, or throws a message that says how to get it.
// `lookup` ({ env, exists }) stands in for process.env and the file system in tests.

/** Path of the Chromium executable (CHROME_PATH, then the usual system paths). Throws if none. */
export const findChromium = (lookup) => find('chromium', 'Chromium', lookup);
/** Path of the Firefox executable (FIREFOX_PATH, then the usual system paths). Throws if none. */
export const findFirefox = (lookup) => find('firefox', 'Firefox', lookup);
/** Path of WebKitWebDriver (WEBKIT_DRIVER_PATH, then /usr/bin). Throws if none. */
export const findWebKitDriver = (lookup) => find('webkit', 'WebKitWebDriver', lookup);
/** Path of WebKitGTK's MiniBrowser (MINIBROWSER_PATH, then Debian's library folder). Throws if none. */
export const findMiniBrowser = (lookup) => find('webkit', 'MiniBrowser', lookup);
/** Path of Xvfb, the virtual display WebKit runs on (XVFB_PATH, then /usr/bin). Throws if none. */
export const findXvfb = (lookup) => find('webkit', 'Xvfb', lookup);

/** Names requested through BROWSERS (default: every supported browser). Throws on an unknown name. */
export function requestedBrowsers(raw = process.env.BROWSERS ?? '') {
  const names = [
    ...new Set(
      raw
        .trim()
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((n) => n.toLowerCase()),
    ),
  ];
  if (!names.length) return [...BROWSER_NAMES];
  const unknown = names.filter((n) => !BROWSER_NAMES.includes(n));
  if (unknown.length) {
    throw new Error(
      `BROWSERS=${raw}: unknown browser ${unknown.join(', ')} (use any of ${BROWSER_NAMES.join(', ')}, comma-separated).`,
    );
  }
  return names;
}

/**
 * A browser's name and version for the log, e.g. "Chromium 156.0.8078.129", "Mozilla
 * Firefox 153.8.0esr", "WebKitGTK 2.50.6" (from Debian's package: MiniBrowser and its
 * driver print none); its label alone when that cannot be read.
 */
export function describeBrowser(name) {
  const read = (cmd, args) => {
    const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 10_000 });
    return r.status === 0 ? r.stdout.trim().split('\n').at(-1).trim() : '';
  };
  try {
    if (name === 'chromium') return read(findChromium(), ['--version']).replace(/ built on .*$/, '') || 'Chromium';
    if (name === 'firefox') return read(findFirefox(), ['--version']) || 'Firefox';
    const version = read('dpkg-query', ['-W', '-f', '${Version}', 'webkit2gtk-driver']).split('-')[0];
    return version ? `WebKitGTK ${version}` : 'WebKit';
  } catch {
    return BROWSERS[name].label;
  }
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
