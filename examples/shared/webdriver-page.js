// The part of Playwright's `Page` the example tests use, over a WebDriver session
// (webdriverio), for WebKit, which Playwright cannot drive here: Debian's WebKitGTK
// speaks WebDriver classic only (tools/webkit.js).
//
// What WebDriver classic cannot see, a probe in the page collects instead: the static
// server puts PROBE first in every HTML page's <head> (its `headScript` option), so it
// runs before the app. It records console.error / console.warn calls, uncaught errors,
// unhandled rejections and requests to another origin (answered ones from resource
// timing, fetch() calls, elements whose load failed), in window.__exampleProblems;
// problems() reads them.

/** Runs in the page before anything else (as an inline script). */
export const PROBE = `(() => {
  const problems = (window.__exampleProblems = []);
  const text = (value) => (value instanceof Error ? value.message : typeof value === 'string' ? value : String(value));
  for (const [level, label] of [['error', 'console.error'], ['warn', 'console.warn']]) {
    const original = console[level];
    console[level] = function (...args) {
      problems.push(label + ': ' + args.map(text).join(' '));
      return original.apply(this, args);
    };
  }
  const outside = new Set();
  const request = (url) => {
    const absolute = new URL(url, location.href);
    if (absolute.origin === location.origin || outside.has(absolute.href)) return;
    outside.add(absolute.href);
    problems.push('request left the test server: ' + absolute.href);
  };
  // Requests that got an answer (resource timing); fetch() calls and elements whose load
  // failed (WebKit gets no answer from outside: tools/webkit.js).
  new PerformanceObserver((list) => list.getEntries().forEach((entry) => request(entry.name))).observe({
    type: 'resource',
    buffered: true,
  });
  const originalFetch = window.fetch;
  window.fetch = function (input, init) {
    request(input instanceof Request ? input.url : String(input));
    return originalFetch.call(this, input, init);
  };
  addEventListener(
    'error',
    (event) => {
      if (event instanceof ErrorEvent) problems.push('page error: ' + text(event.error ?? event.message));
      else if (event.target?.src || event.target?.href) request(event.target.src || event.target.href);
    },
    true,
  );
  addEventListener('unhandledrejection', (event) => problems.push('page error: ' + text(event.reason)));
})();`;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls `fn` (a function's source, run in the page) with the script's arguments. */
const call = (fn) => `return (${fn}).apply(null, arguments);`;

export class WebDriverPage {
  #browser;
  #timeout = 30_000;

  /** @param {import('webdriverio').Browser} browser */
  constructor(browser) {
    this.#browser = browser;
  }

  setDefaultTimeout(ms) {
    this.#timeout = ms;
  }

  async goto(url) {
    await this.#browser.navigateTo(url);
  }

  /** Runs `fn(arg)` in the page; a returned promise is awaited (WebDriver's Execute Script does). */
  evaluate(fn, arg) {
    return arg === undefined ? this.#browser.execute(call(fn)) : this.#browser.execute(call(fn), arg);
  }

  /** Polls `fn(arg)` in the page until it returns a truthy value. */
  async waitForFunction(fn, arg, { timeout = this.#timeout } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const value = await this.evaluate(fn, arg);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`waitForFunction: ${timeout} ms passed: ${String(fn).slice(0, 200)}`);
      await sleep(50);
    }
  }

  $eval(selector, fn) {
    return this.#browser.execute(
      `const element = document.querySelector(arguments[0]);
       if (!element) throw new Error('no element matches ' + arguments[0]);
       return (${fn})(element);`,
      selector,
    );
  }

  textContent(selector) {
    return this.$eval(selector, (element) => element.textContent);
  }

  locator(selector) {
    return {
      allTextContents: () =>
        this.evaluate((s) => Array.from(document.querySelectorAll(s), (element) => element.textContent), selector),
      count: () => this.evaluate((s) => document.querySelectorAll(s).length, selector),
    };
  }

  /** A real click (WebDriver's Element Click), once the element is there. */
  async click(selector) {
    const element = await this.#browser.$(selector);
    await element.waitForExist({ timeout: this.#timeout });
    await element.click();
  }

  async uncheck(selector) {
    if (await this.$eval(selector, (element) => element.checked)) await this.click(selector);
  }

  waitForTimeout(ms) {
    return sleep(ms);
  }

  async goBack() {
    await this.#browser.back();
  }

  url() {
    return this.#browser.getUrl();
  }

  /** What the probe collected (PROBE). */
  problems() {
    return this.evaluate(() => window.__exampleProblems ?? ['the problem probe did not run in this page']);
  }
}
