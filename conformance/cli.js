// `closer-conformance` (bin/closer-conformance.js) and `npm run conformance`: probes one
// widget.js in a headless browser and prints the JSON report (docs/widget-sdk.md).
import { parseArgs } from 'node:util';
import { conformanceReport, widgetFacts } from './report.js';
import { DEFAULTS, probeWidgets } from './run.js';

const USAGE = `Usage: closer-conformance [--widget <url>] [--org <organisation id>] [options]

Loads a Closer widget.js in a headless browser and prints, as JSON, which point of the
space of widget SDKs it occupies (docs/widget-sdk.md in the closer-chat package).

  --widget <url>          the script (default ${DEFAULTS.widget})
  --org <id>              a test organisation: also probe init, deinit, openWidget,
                          callbacks, a second init and a second tab
  --browser <name>        chromium (default) or firefox
  --browser-path <path>   its executable (default: CHROME_PATH / FIREFOX_PATH, then the usual places)
  --settle-ms <ms>        how long to wait for the widget to react (default ${DEFAULTS.settleMs})
  --install-wait-ms <ms>  how long to wait for it to install its methods (default ${DEFAULTS.installWaitMs})
  --timeout-ms <ms>       the whole run (default ${DEFAULTS.timeoutMs})
  --help                  this text`;

const ORG_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class UsageError extends Error {}

function milliseconds(values, name, fallback) {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0) throw new UsageError(`--${name} ${raw}: give a whole number of milliseconds`);
  return ms;
}

/** The options, checked; throws a UsageError naming what is wrong. */
export function readOptions(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        widget: { type: 'string' },
        org: { type: 'string' },
        browser: { type: 'string' },
        'browser-path': { type: 'string' },
        'settle-ms': { type: 'string' },
        'install-wait-ms': { type: 'string' },
        'timeout-ms': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(error.message);
  }
  const { values } = parsed;
  if (values.help) return { help: true };
  const widget = values.widget ?? DEFAULTS.widget;
  let url;
  try {
    url = new URL(widget);
  } catch {
    throw new UsageError(`--widget ${widget}: not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`--widget ${widget}: use http(s)`);
  if (values.org !== undefined && !ORG_ID.test(values.org)) {
    throw new UsageError('--org: give an organisation id (8-4-4-4-12 hexadecimal digits)');
  }
  const browser = values.browser ?? DEFAULTS.browser;
  if (browser !== 'chromium' && browser !== 'firefox')
    throw new UsageError(`--browser ${browser}: use chromium or firefox`);
  return {
    widget: url.href,
    org: values.org,
    browser,
    browserPath: values['browser-path'],
    settleMs: milliseconds(values, 'settle-ms', DEFAULTS.settleMs),
    installWaitMs: milliseconds(values, 'install-wait-ms', DEFAULTS.installWaitMs),
    timeoutMs: milliseconds(values, 'timeout-ms', DEFAULTS.timeoutMs),
  };
}

/** Runs the CLI; returns the exit status. */
export async function main(argv = process.argv.slice(2)) {
  let options;
  try {
    options = readOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`closer-conformance: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const [probe, widget] = await Promise.all([
      probeWidgets({ ...options, widgets: [options.widget] }),
      widgetFacts(options.widget),
    ]);
    const finding = probe.findings[0];
    if (!finding || finding.failure) throw new Error(finding?.failure ?? 'the probe page reported nothing');
    const report = conformanceReport({
      finding,
      browser: probe.browser,
      widget,
      org: options.org !== undefined,
      settings: { settleMs: options.settleMs, installWaitMs: options.installWaitMs },
    });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`closer-conformance: ${error.message}\n`);
    return 1;
  }
}
