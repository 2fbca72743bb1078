// The conformance probe's local HTTP server (node:http, no dependencies): the runner
// page, one job page per widget.js to probe, blank same-origin documents for the
// scenarios, the probe script, and the reports the job pages post back. It listens on
// 127.0.0.1 on one port for the runner and one per lane: each lane is an origin of its
// own, so that jobs running side by side share no storage and no BroadcastChannel.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';

const PROBE_SCRIPT = new URL('./probe-page.js', import.meta.url);
const MAX_REPORT_BYTES = 1_000_000;

/** JSON for inside an inline <script>: nothing in it can close the element. */
const inlineJson = (value) => JSON.stringify(value).replace(/</g, '\\u003c');

// Every frame in view and big enough not to count as unimportant (browsers slow the timers of those).
const STYLE =
  '<style>body{margin:0}iframe{display:inline-block;width:300px;height:240px;border:0;vertical-align:top}.lanes iframe{width:100%;height:480px;display:block}</style>';
const page = (title, body, bodyClass = '') =>
  `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title>${STYLE}</head><body class="${bodyClass}">${body}</body></html>\n`;

const listen = (server) =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });

/**
 * @param {{ jobs: { id: number }[], lanes: number }} options every job's config, as its page gets it
 * @returns {Promise<{ runnerUrl: string, reports: Promise<Map<number, unknown>>, close(): Promise<void> }>}
 */
export async function startProbeServer({ jobs, lanes }) {
  const probeScript = await readFile(PROBE_SCRIPT, 'utf8');
  const reports = new Map();
  let allIn;
  const reported = new Promise((resolve) => (allIn = resolve));
  const servers = [];
  let laneOrigins = [];

  const handler = (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const send = (status, type, body) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.method === 'POST' && url.pathname === '/report') {
      const id = Number(url.searchParams.get('job'));
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => {
        body += chunk;
        if (body.length > MAX_REPORT_BYTES) req.destroy();
      });
      req.on('end', () => {
        send(204, 'text/plain', '');
        if (!jobs.some((job) => job.id === id) || reports.has(id)) return;
        try {
          reports.set(id, JSON.parse(body));
        } catch {
          reports.set(id, { failure: 'the probe page posted a report that is not JSON' });
        }
        if (reports.size === jobs.length) allIn(reports);
      });
      return;
    }
    if (req.method !== 'GET') return send(405, 'text/plain', 'method not allowed');
    switch (url.pathname) {
      case '/':
        return send(
          200,
          'text/html; charset=utf-8',
          page(
            'closer-chat conformance probe',
            `<script src="/probe.js"></script><script>closerProbe.runnerPage(${inlineJson({
              jobs: jobs.map(({ id }) => ({ id })),
              lanes: laneOrigins,
            })})</script>`,
            'lanes',
          ),
        );
      case '/job': {
        const job = jobs.find((candidate) => candidate.id === Number(url.searchParams.get('id')));
        if (!job) return send(404, 'text/plain', 'no such job');
        return send(
          200,
          'text/html; charset=utf-8',
          page(
            `probe ${job.id}`,
            `<script src="/probe.js"></script><script>closerProbe.jobPage(${inlineJson(job)})</script>`,
          ),
        );
      }
      case '/blank.html':
        return send(200, 'text/html; charset=utf-8', page('scenario', ''));
      case '/probe.js':
        return send(200, 'text/javascript; charset=utf-8', probeScript);
      default:
        return send(404, 'text/plain', 'not found');
    }
  };

  const ports = [];
  for (let i = 0; i <= Math.max(1, lanes); i++) {
    const server = createServer(handler);
    servers.push(server);
    ports.push(await listen(server));
  }
  laneOrigins = ports.slice(1).map((port) => `http://localhost:${port}`);
  return {
    runnerUrl: `http://localhost:${ports[0]}/`,
    reports: reported,
    close: () =>
      Promise.all(
        servers.map(
          (server) =>
            new Promise((resolve) => {
              server.closeAllConnections?.();
              server.close(() => resolve());
            }),
        ),
      ).then(() => undefined),
  };
}
