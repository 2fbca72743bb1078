// A stand-in for the org configuration API on 127.0.0.1 (random port, or the one
// asked for), for the org-config tests and the docs' how-to: GET and PUT
// /api/orgs/{orgId}/config with `x-api-key`, as documented, for one organisation or
// several. It records every request and checks the header, the method and the body
// itself, so a test sees a mistake as the status a real server would send.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

export const ORG_ID = '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
/** An adviser's key: may read. */
export const READ_KEY = 'adviser-key-0f9e8d7c6b5a';
/** An admin adviser's key: may read and update. */
export const ADMIN_KEY = 'admin-key-1a2b3c4d5e6f';

/** The docs' example under Closer's typed contract: every field the client knows. */
export const EXAMPLE_PATH = new URL('../../examples/org-config/complete.json', import.meta.url);
export const exampleText = () => readFileSync(EXAMPLE_PATH, 'utf8');
export const example = () => JSON.parse(exampleText());
/** The docs' own example, as the docs show it: three legacy names, some required fields missing. */
export const DOCS_EXAMPLE_PATH = new URL('../../examples/org-config/example.json', import.meta.url);
export const docsExampleText = () => readFileSync(DOCS_EXAMPLE_PATH, 'utf8');
export const docsExample = () => JSON.parse(docsExampleText());

const send = (res, status, body, headers = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

/**
 * Starts the fake API. `handlers` queued with `api.next(fn)` answer the next requests
 * first (fn(req, res, body) — to fail, stall or echo); then the documented behaviour.
 * `orgs` maps org ids to configurations (default: ORG_ID → the example); `keys` the
 * keys it accepts; `onPut(config)` what the server stores of a PUT (default: all of it).
 */
export async function startFakeApi({
  config = example(),
  orgs = { [ORG_ID]: config },
  keys = { read: [READ_KEY], admin: [ADMIN_KEY] },
  onPut = (body) => body,
  port: wantedPort = 0,
} = {}) {
  const state = {
    orgs,
    /** The configuration of ORG_ID. */
    get config() {
      return orgs[ORG_ID];
    },
    set config(value) {
      orgs[ORG_ID] = value;
    },
  };
  const requests = [];
  const queue = [];
  const sockets = new Set();

  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method, url: req.url, headers: req.headers, body });
      const handler = queue.shift();
      if (handler) return handler(req, res, body);

      const orgId = /^\/api\/orgs\/([^/]+)\/config$/.exec(req.url)?.[1];
      if (!orgId || !Object.hasOwn(orgs, orgId)) return send(res, 404, { message: 'Organization not found' });
      const key = req.headers['x-api-key'];
      const admin = keys.admin.includes(key);
      if (!admin && !keys.read.includes(key)) return send(res, 401, { message: 'Invalid api key' });
      if (req.method === 'GET') return send(res, 200, orgs[orgId]);
      if (req.method !== 'PUT') return send(res, 405, { message: `Method ${req.method} not allowed` });
      if (!admin) return send(res, 403, { message: 'Adviser has no admin permission' });
      if (!/^application\/json\b/.test(req.headers['content-type'] ?? ''))
        return send(res, 415, { message: 'Expected JSON' });
      try {
        orgs[orgId] = onPut(JSON.parse(body), orgId);
      } catch {
        return send(res, 400, { message: 'Malformed JSON body' });
      }
      return send(res, 200, orgs[orgId]);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(wantedPort, '127.0.0.1', resolve);
  });
  const { port } = server.address();

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    state,
    requests,
    /** Answers the next request with `handler(req, res, body)`. */
    next(handler) {
      queue.push(handler);
      return this;
    },
    send,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}
