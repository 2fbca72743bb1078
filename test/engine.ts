/**
 * Which browser engine a test page runs in, and what that changes for a test: a test an
 * engine cannot hold is skipped there (itExcept), a heavy test does that engine's share
 * (stepsFor). No imports: test/property/config.ts reads it without the element.
 */
/** The browser engines the suite runs in (BROWSERS in tools/browser-paths.js). */
export type Engine = 'chromium' | 'firefox' | 'webkit';

/**
 * The engine this test page runs in, read from its user agent: Firefox says `Firefox/`,
 * Chromium `Chrome/` (`HeadlessChrome/` too); WebKitGTK's MiniBrowser says neither.
 */
export const ENGINE: Engine = /Firefox\//.test(navigator.userAgent)
  ? 'firefox'
  : /Chrome\//.test(navigator.userAgent)
    ? 'chromium'
    : 'webkit';

const ENGINE_LABELS: Record<Engine, string> = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit' };

/**
 * `it`, but skipped in `engine` for `reason`: a test that cannot hold there because the
 * engine lacks what it checks. It still counts, as skipped, and its title says why.
 *
 *   itExcept('webkit', 'WebKit reports no eval violation')('an eval probe is reported', async () => …);
 */
export function itExcept(engine: Engine, reason: string): (title: string, test: Mocha.AsyncFunc) => Mocha.Test {
  return (title, test) =>
    ENGINE === engine ? it.skip(`${title} (skipped in ${ENGINE_LABELS[engine]}: ${reason})`, test) : it(title, test);
}

/**
 * How much of a heavy test (random steps, property runs) each engine gets, as a share of
 * the full count. Measured on the 2 shared cores of CI, the property test's CI run
 * (test/lifecycle.property.test.ts: 100 cases, 5,409 steps, seed 20261207) alone:
 * Chromium 91 s, WebKit 119 s, Firefox 270 s (under a load of 13), so every engine runs
 * it all. Lower an engine's share here if it gets
 * slow; the tests then do fewer runs (and promise fewer steps) there.
 */
const HEAVY_TEST_SHARE: Record<Engine, number> = { chromium: 1, firefox: 1, webkit: 1 };

/** `count` steps (or runs) scaled to this engine's share, at least 1. */
export const stepsFor = (count: number): number => Math.max(1, Math.round(count * HEAVY_TEST_SHARE[ENGINE]));
