// The conformance report users attach to a bug (docs/widget-sdk.md, "Checking a real
// widget.js"): a versioned shape around one finding of the probe.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const REPORT_VERSION = 1;

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** What the server says about the script (best effort): size, hash, validators. */
export async function widgetFacts(url) {
  try {
    const response = await fetch(url, { redirect: 'follow' });
    const body = Buffer.from(await response.arrayBuffer());
    return {
      url,
      status: response.status,
      bytes: body.length,
      sha256: createHash('sha256').update(body).digest('hex'),
      lastModified: response.headers.get('last-modified'),
      etag: response.headers.get('etag'),
    };
  } catch (error) {
    return { url, error: String(error?.cause?.message ?? error?.message ?? error) };
  }
}

/**
 * @param {{ finding: any, browser: object, widget: object, org: boolean, settings: object }} parts
 */
export function conformanceReport({ finding, browser, widget, org, settings }) {
  return {
    report: 'closer-chat/conformance',
    version: REPORT_VERSION,
    timestamp: new Date().toISOString(),
    tool: { name: pkg.name, version: pkg.version, node: process.version },
    browser,
    widget,
    org: org ? 'given' : 'not given',
    settings,
    point: finding.point,
    dimensions: finding.dimensions,
    notes: finding.notes,
    pageErrors: finding.pageErrors,
  };
}
