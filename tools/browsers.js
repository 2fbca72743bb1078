// The system browsers, for the tests, the examples and the benchmark: where Chromium
// and Firefox ESR are (tools/browser-paths.js), and the @web/test-runner launcher
// list (both driven by puppeteer-core through @web/test-runner-chrome's chromeLauncher,
// Firefox over WebDriver BiDi). Nothing is downloaded.
//
//   BROWSERS=chromium | firefox | chromium,firefox   (default: both)
//   CHROME_PATH=/path/to/chromium   FIREFOX_PATH=/path/to/firefox
import puppeteer from 'puppeteer-core';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM_ARGS, findChromium, findFirefox } from './browser-paths.js';

export { CHROMIUM_ARGS, findChromium, findFirefox };

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
