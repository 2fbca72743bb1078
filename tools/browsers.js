// The @web/test-runner launcher list for the browsers BROWSERS asks for (where they are:
// tools/browser-paths.js). Chromium and Firefox are driven by puppeteer-core through
// @web/test-runner-chrome's chromeLauncher (Firefox over WebDriver BiDi), WebKit by
// @web/test-runner-webdriver on its own Xvfb display (tools/webkit.js). Nothing is
// downloaded.
import puppeteer from 'puppeteer-core';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM_ARGS, findChromium, findFirefox, requestedBrowsers } from './browser-paths.js';
import { webkitLauncher } from './webkit.js';

// Tests that use the official widget URL (preconnect hints) must never reach the
// internet: its host resolves to this machine, where nothing listens on 443.
const OFFICIAL_WIDGET_HOST = 'widget.closer.app';
const OFFLINE_CHROMIUM_ARGS = [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${OFFICIAL_WIDGET_HOST} 127.0.0.1`];
const OFFLINE_FIREFOX_PREFS = { 'network.dns.localDomains': OFFICIAL_WIDGET_HOST };

const LAUNCHERS = {
  chromium: () =>
    chromeLauncher({
      // passing puppeteer makes WTR label the browser "Chromium" rather than "Chrome"
      puppeteer,
      launchOptions: { executablePath: findChromium(), headless: true, args: OFFLINE_CHROMIUM_ARGS },
    }),
  firefox: () =>
    chromeLauncher({
      puppeteer,
      launchOptions: {
        browser: 'firefox',
        executablePath: findFirefox(),
        headless: true,
        extraPrefsFirefox: OFFLINE_FIREFOX_PREFS,
      },
    }),
  webkit: webkitLauncher,
};

/** The WTR `browsers` array. Throws a clear error when a requested browser is missing. */
export function browsers() {
  return requestedBrowsers().map((name) => LAUNCHERS[name]());
}

export default browsers;
