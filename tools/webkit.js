// WebKit (Safari's engine) for the tests: WebKitGTK's MiniBrowser, driven over WebDriver
// by WebKitWebDriver, on a virtual display of its own (Xvfb). MiniBrowser cannot run
// headless, so every WebKit run starts an Xvfb on a free display number and a
// WebKitWebDriver on a free port, and stops both when it ends: normally, on a failure,
// on Ctrl-C (SIGINT), SIGTERM or SIGHUP.
//
//   const driver = await startWebKitDriver();   // { url, port, display, stop() }
//   webkitLauncher()                            // the @web/test-runner browser
//   webkitCapabilities()                        // what a WebDriver session asks for
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import { findMiniBrowser, findWebKitDriver, findXvfb } from './browser-paths.js';

const START_TIMEOUT_MS = 20_000;

/**
 * The capabilities that start a MiniBrowser session (it refuses --headless). WebDriver
 * classic: webdriverio would ask for BiDi (`webSocketUrl`), which WebKitWebDriver
 * 2.50 does not match.
 */
export function webkitCapabilities() {
  return {
    browserName: 'MiniBrowser',
    'wdio:enforceWebDriverClassic': true,
    'webkitgtk:browserOptions': { binary: findMiniBrowser(), args: ['--automation'] },
  };
}

/** Children to kill if this process ends before they are stopped. */
const running = new Set();
let exitHooked = false;
function killOnExit(child) {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (exitHooked) return;
  exitHooked = true;
  const killAll = () => {
    for (const c of running) c.kill('SIGTERM');
  };
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    // A listener of our own would keep the process alive: kill, then let the signal do
    // what it would have done (unless someone else, e.g. the test runner, handles it).
    process.once(signal, () => {
      killAll();
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Keeps the last lines a child printed, for the error when it does not start. */
function tail(child) {
  const lines = [];
  const keep = (chunk) =>
    lines.push(...String(chunk).split('\n').filter(Boolean)) && lines.splice(0, lines.length - 10);
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => lines.join('\n');
}

/** Xvfb on a display number it picks itself (-displayfd writes it when it is ready). */
function startXvfb() {
  const xvfb = spawn(findXvfb(), ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  killOnExit(xvfb);
  const output = tail(xvfb);
  return new Promise((resolve, reject) => {
    let digits = '';
    const timer = setTimeout(() => fail('it did not report a display in time'), START_TIMEOUT_MS);
    function fail(why) {
      clearTimeout(timer);
      xvfb.kill('SIGKILL');
      reject(new Error(`Xvfb did not start: ${why}\n${output()}`));
    }
    xvfb.once('error', (error) => fail(error.message));
    xvfb.once('exit', (code, signal) => fail(`exited (${signal ?? code})`));
    xvfb.stdio[3].on('data', (chunk) => {
      digits += chunk;
      if (!digits.includes('\n')) return;
      clearTimeout(timer);
      xvfb.removeAllListeners('exit');
      xvfb.stdio[3].destroy();
      resolve({ display: `:${digits.trim()}`, process: xvfb });
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForStatus(url, child, output) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`WebKitWebDriver exited (${child.signalCode ?? child.exitCode})\n${output()}`);
    try {
      const response = await fetch(`${url}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not answer on ${url}\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The tests never reach the internet. Chromium and Firefox map the official widget host
 * to this machine (tools/browsers.js); WebKit has no such switch, so every host but this
 * machine goes through a proxy where nothing listens: such a request fails at once, here.
 * (WebKitGTK reads the proxy from these variables; its `preconnect` to the official
 * widget origin, for one, otherwise opens a real connection.)
 */
async function offlineProxyEnv() {
  const nowhere = `http://127.0.0.1:${await freePort()}`;
  return { http_proxy: nowhere, https_proxy: nowhere, no_proxy: 'localhost,127.0.0.1,::1' };
}

/**
 * Starts Xvfb and WebKitWebDriver (on a free port, with that display). `stop()` ends
 * both; they also end with this process. The browser it starts reaches this machine only.
 * @returns {Promise<{ url: string, port: number, display: string, stop: () => Promise<void> }>}
 */
export async function startWebKitDriver() {
  const driverPath = findWebKitDriver();
  findMiniBrowser(); // fail before starting anything when a piece is missing
  const xvfb = await startXvfb();
  try {
    const env = { ...process.env, DISPLAY: xvfb.display, ...(await offlineProxyEnv()) };
    // A port taken between freePort() and the driver's bind is retried once.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const driver = spawn(driverPath, [`--port=${port}`, '--host=local'], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      killOnExit(driver);
      const url = `http://127.0.0.1:${port}`;
      try {
        await waitForStatus(url, driver, tail(driver));
      } catch (error) {
        await stopChild(driver);
        if (attempt < 2) continue;
        throw error;
      }
      driver.stdout.resume();
      driver.stderr.resume();
      return {
        url,
        port,
        display: xvfb.display,
        stop: async () => {
          await stopChild(driver);
          await stopChild(xvfb.process);
        },
      };
    }
  } catch (error) {
    await stopChild(xvfb.process);
    throw error;
  }
}

/** @web/test-runner-webdriver's launcher, with its own Xvfb and driver for the run. */
class WebKitLauncher extends WebdriverLauncher {
  #driver;

  constructor() {
    super({ capabilities: webkitCapabilities(), hostname: '127.0.0.1', port: 0, logLevel: 'error' });
  }

  async initialize(config, testFiles) {
    this.#driver = await startWebKitDriver();
    this.options.port = this.#driver.port;
    await super.initialize(config, testFiles);
    this.name = 'WebKit';
  }

  async stop() {
    await super.stop();
    await this.#driver?.stop();
    this.#driver = undefined;
  }
}

/** The @web/test-runner browser for WebKit. Throws a clear error when a piece is missing. */
export function webkitLauncher() {
  return new WebKitLauncher();
}
