// closer-chat/org-config: the API client against a local stand-in of the org
// configuration API (test/node/org-config-fake-api.js), which checks the header,
// the method and the body. Every error status, retries for GET only, and the api
// key never in an error — even when the server echoes it back.
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { after, before, beforeEach, describe, test } from 'node:test';
import { CLOSER_HOSTS, OrgConfigError, OrgConfigValidationError, createOrgConfigClient } from 'closer-chat/org-config';
import { ADMIN_KEY, ORG_ID, READ_KEY, closedPort, example, exampleText, startFakeApi } from './org-config-fake-api.js';

let api;
before(async () => {
  api = await startFakeApi();
});
after(() => api.close());
beforeEach(() => {
  api.requests.length = 0;
  api.state.config = example();
});

const client = (options = {}) =>
  createOrgConfigClient({
    orgId: ORG_ID,
    apiKey: ADMIN_KEY,
    baseUrl: api.url,
    retryDelayMs: 5,
    timeoutMs: 2000,
    ...options,
  });

/** Asserts `promise` rejects with an OrgConfigError of `code`; returns the error. */
async function rejection(promise, code) {
  let caught;
  await assert.rejects(promise, (error) => {
    caught = error;
    return true;
  });
  assert.ok(caught instanceof OrgConfigError, `an OrgConfigError, got ${caught}`);
  assert.equal(caught.code, code, caught.message);
  assert.match(caught.message, /^\[closer-config\] /);
  return caught;
}

/** Nothing about the error — message, fields, cause, inspection — holds `secret`. */
function assertNoSecret(value, secret) {
  const seen = [
    String(value?.message ?? ''),
    JSON.stringify(value) ?? '',
    inspect(value, { depth: Infinity, showHidden: true }),
    String(value?.cause?.message ?? ''),
  ];
  for (const text of seen) assert.ok(!text.includes(secret), `the key leaked into: ${text.slice(0, 300)}`);
}

describe('org-config client', () => {
  test('getConfig: GET with the x-api-key header; the example comes back whole, in order', async () => {
    const config = await client({ apiKey: READ_KEY }).getConfig();
    assert.equal(`${JSON.stringify(config, null, 2)}\n`, exampleText());
    assert.equal(api.requests.length, 1);
    const [request] = api.requests;
    assert.equal(request.method, 'GET');
    assert.equal(request.url, `/api/orgs/${ORG_ID}/config`);
    assert.equal(request.headers['x-api-key'], READ_KEY);
    assert.equal(request.body, '');
  });

  test('putConfig: PUT (not POST) with the whole object as JSON; read → edit → write keeps every field', async () => {
    const api2 = client();
    const config = await api2.getConfig();
    config.color = '#0055ff';
    config.futureSetting = 'kept';
    await api2.putConfig(config);
    const put = api.requests.at(-1);
    assert.equal(put.method, 'PUT');
    assert.equal(put.headers['x-api-key'], ADMIN_KEY);
    assert.match(put.headers['content-type'], /^application\/json/);
    assert.deepEqual(Object.keys(JSON.parse(put.body)), [...Object.keys(example()), 'futureSetting']);
    assert.equal(JSON.parse(put.body).color, '#0055ff');
    assert.deepEqual(await api2.getConfig(), config);
  });

  test('putConfig refuses an invalid configuration and sends nothing', async () => {
    const error = await rejection(
      client().putConfig({ ...example(), color: 'orange', autoAssignedLimit: -2 }),
      'invalid-config',
    );
    assert.ok(error instanceof OrgConfigValidationError);
    assert.deepEqual(
      error.problems.map((p) => p.path),
      ['color', 'autoAssignedLimit'],
    );
    assert.equal(api.requests.length, 0);
  });

  test('401: unauthorized, says which key is needed, not retried', async () => {
    const error = await rejection(client({ apiKey: 'wrong-key-123' }).getConfig(), 'unauthorized');
    assert.equal(error.status, 401);
    assert.match(error.message, /api key was not accepted; reading needs the api key of an adviser/);
    assert.match(error.message, /The server said: Invalid api key/);
    assert.equal(api.requests.length, 1);
  });

  test('403 on update: forbidden, needs an admin adviser’s key', async () => {
    const error = await rejection(client({ apiKey: READ_KEY }).putConfig(example()), 'forbidden');
    assert.equal(error.status, 403);
    assert.equal(error.method, 'PUT');
    assert.match(error.message, /updating needs the api key of an adviser with admin permission/);
    assert.equal(api.requests.length, 1);
  });

  test('404: unknown organisation, named in the message', async () => {
    const other = '00000000-0000-0000-0000-000000000000';
    const error = await rejection(client({ orgId: other }).getConfig(), 'not-found');
    assert.equal(error.status, 404);
    assert.match(error.message, new RegExp(`no organisation ${other} on 127\\.0\\.0\\.1:${api.port}`));
    assert.equal(api.requests.length, 1, '404 is not retried');
  });

  test('400 with the server’s message (JSON or text)', async () => {
    api.next((req, res) => api.send(res, 400, { message: 'welcomeMessageEn is too long' }));
    const error = await rejection(client().putConfig(example()), 'rejected');
    assert.equal(error.status, 400);
    assert.equal(error.serverMessage, 'welcomeMessageEn is too long');
    assert.match(error.message, /refused the request\. The server said: welcomeMessageEn is too long$/);

    api.next((req, res) => api.send(res, 422, 'plain words', { 'content-type': 'text/plain' }));
    assert.equal((await rejection(client().getConfig(), 'rejected')).serverMessage, 'plain words');
  });

  test('5xx: a GET is retried with backoff, then fails as server', async () => {
    for (let i = 0; i < 3; i++) api.next((req, res) => api.send(res, 500, { error: 'boom' }));
    const error = await rejection(client({ retries: 2 }).getConfig(), 'server');
    assert.equal(error.status, 500);
    assert.equal(api.requests.length, 3, 'one attempt and two retries');
  });

  test('a GET that fails with 503 or 429, then succeeds, resolves', async () => {
    api.next((req, res) => api.send(res, 503, {})).next((req, res) => api.send(res, 429, {}));
    const config = await client({ retries: 2 }).getConfig();
    assert.equal(config.name, example().name);
    assert.equal(api.requests.length, 3);
  });

  test('a PUT is never retried, not even on 503', async () => {
    api.next((req, res) => api.send(res, 503, { message: 'maintenance' }));
    const error = await rejection(client({ retries: 5 }).putConfig(example()), 'server');
    assert.equal(error.serverMessage, 'maintenance');
    assert.equal(api.requests.length, 1);
  });

  test('connection refused: network, after the GET’s retries', async () => {
    const port = await closedPort();
    const error = await rejection(client({ baseUrl: `http://127.0.0.1:${port}`, retries: 1 }).getConfig(), 'network');
    assert.match(error.message, new RegExp(`could not reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
  });

  test('timeout: a GET is retried, a PUT is not', async () => {
    const stall = () => {}; // never answers
    api.next(stall).next(stall);
    const started = Date.now();
    const error = await rejection(client({ timeoutMs: 150, retries: 1 }).getConfig(), 'timeout');
    assert.match(error.message, /no answer from 127\.0\.0\.1:\d+ within 150 ms/);
    assert.equal(api.requests.length, 2);
    assert.ok(Date.now() - started < 1500, 'gave up soon after the timeouts');

    api.requests.length = 0;
    api.next(stall);
    await rejection(client({ timeoutMs: 150, retries: 3 }).putConfig(example()), 'timeout');
    assert.equal(api.requests.length, 1);
  });

  test('abort: the caller’s signal ends a stalled request and the retries', async () => {
    api.next(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await rejection(client({ timeoutMs: 5000 }).getConfig({ signal: controller.signal }), 'aborted');

    // Aborted while waiting to retry: no further attempt.
    api.requests.length = 0;
    api.next((req, res) => api.send(res, 500, {}));
    const during = new AbortController();
    const pending = client({ retryDelayMs: 2000, retries: 3 }).getConfig({ signal: during.signal });
    setTimeout(() => during.abort(), 100);
    await rejection(pending, 'aborted');
    assert.equal(api.requests.length, 1);

    await rejection(client().getConfig({ signal: AbortSignal.abort() }), 'aborted');
  });

  test('the api key never appears in an error, even when the server echoes it back', async () => {
    const echo = (status) => (req, res) =>
      api.send(res, status, {
        message: `key ${req.headers['x-api-key']} (${encodeURIComponent(req.headers['x-api-key'])}) rejected`,
      });
    const key = 'secret key+/=&0123';
    const weird = createOrgConfigClient({ orgId: ORG_ID, apiKey: ADMIN_KEY, baseUrl: api.url, retries: 0 });
    for (const [status, code] of [
      [400, 'rejected'],
      [401, 'unauthorized'],
      [403, 'forbidden'],
      [500, 'server'],
    ]) {
      api.next(echo(status));
      const error = await rejection(weird.getConfig(), code);
      assertNoSecret(error, ADMIN_KEY);
      assert.match(error.serverMessage, /key \[redacted\] \(\[redacted\]\) rejected/);
    }
    assertNoSecret(weird, ADMIN_KEY);
    // A key a header cannot carry is refused without repeating it.
    assertNoSecret(
      await rejection(
        Promise.resolve().then(() => createOrgConfigClient({ orgId: ORG_ID, apiKey: key, baseUrl: api.url })),
        'invalid-option',
      ),
      key,
    );
    const port = await closedPort();
    assertNoSecret(
      await rejection(client({ baseUrl: `http://127.0.0.1:${port}`, retries: 0 }).getConfig(), 'network'),
      ADMIN_KEY,
    );
  });

  test('getConfig validates what the server sends; getRawConfig returns it as is', async () => {
    api.state.config = { ...example(), color: 'teal' };
    const error = await rejection(client().getConfig(), 'invalid-config');
    assert.deepEqual(
      error.problems.map((p) => p.path),
      ['color'],
    );
    assert.equal((await client().getRawConfig()).color, 'teal');

    api.next((req, res) => api.send(res, 200, '<html>', { 'content-type': 'text/html' }));
    await rejection(client().getRawConfig(), 'invalid-response');
    api.next((req, res) => api.send(res, 200, [1, 2]));
    await rejection(client().getRawConfig(), 'invalid-response');
  });

  test('bad options are refused with what to pass', async () => {
    const bad = async (options, pattern) => {
      const error = await rejection(
        Promise.resolve().then(() => client(options)),
        'invalid-option',
      );
      assert.match(error.message, pattern);
    };
    await bad({ orgId: 'acme' }, /orgId must be the organisation's id, a UUID/);
    await bad({ apiKey: '' }, /apiKey is missing/);
    await bad({ apiKey: 'abc\ndef' }, /characters an HTTP header cannot carry/);
    await bad({ baseUrl: 'http://spinner.closer.app' }, /must be https \(plain http only for localhost\)/);
    await bad({ baseUrl: 'spinner.closer.app' }, /is not a URL/);
    await bad({ timeoutMs: 0 }, /timeoutMs must be a positive number/);
    assert.equal(createOrgConfigClient({ orgId: ORG_ID, apiKey: 'k' }).baseUrl, `${CLOSER_HOSTS.production}/`);
    assert.equal(CLOSER_HOSTS.stage, 'https://spinner.stage.closer.app');
  });

  test('a base URL with a path prefix keeps it', async () => {
    api.next((req, res) => api.send(res, req.url === `/proxy/api/orgs/${ORG_ID}/config` ? 200 : 404, example()));
    await client({ baseUrl: `${api.url}/proxy` }).getRawConfig();
    assert.equal(api.requests[0].url, `/proxy/api/orgs/${ORG_ID}/config`);
  });
});
