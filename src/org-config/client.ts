/**
 * A client for the org configuration API:
 *   GET /api/orgs/{orgId}/config   header `x-api-key` (an adviser's key)
 *   PUT /api/orgs/{orgId}/config   the whole object as JSON (an admin adviser's key)
 * The API docs title the update `POST`, but their own example request and Closer's
 * typed client (`putConfig` in @closerplatform/spinner-openapi) send `PUT` with the
 * whole object; this client sends `PUT`.
 *
 * Uses the global `fetch` (Node ≥ 20, browsers). GETs are retried with backoff on
 * network errors, timeouts, 429 and 5xx; a PUT is never retried (the docs do not say
 * it is idempotent, and a PUT that timed out may still have been applied). The api key
 * is kept in a closure, sent only as a header, and redacted from anything the server
 * sends back.
 */
import { UUID_PATTERN } from '../boot/input-rules.js';
import { OrgConfigError, OrgConfigValidationError, redact } from './errors.js';
import { parseOrgConfig, validateOrgConfig } from './validate.js';
import type { OrgConfig } from './schema.js';

/** The Closer hosts of the org configuration API. */
export const CLOSER_HOSTS = {
  production: 'https://spinner.closer.app',
  stage: 'https://spinner.stage.closer.app',
} as const;

export interface OrgConfigClientOptions {
  /** The organisation's id (a UUID). */
  readonly orgId: string;
  /** An adviser's api key; updating needs the key of an adviser with admin permission. */
  readonly apiKey: string;
  /** Default: production (`CLOSER_HOSTS.production`). Plain http only for localhost. */
  readonly baseUrl?: string;
  /** Per attempt, in milliseconds. Default 10 000. */
  readonly timeoutMs?: number;
  /** Extra attempts a GET gets after a network error, timeout, 429 or 5xx. Default 2. */
  readonly retries?: number;
  /** Wait before the first retry, doubled for each next one. Default 500 ms. */
  readonly retryDelayMs?: number;
}

export interface RequestOptions {
  /** Cancels the request, and a GET's retries. */
  readonly signal?: AbortSignal;
}

export interface OrgConfigClient {
  /** The org id this client talks about. */
  readonly orgId: string;
  /** The base URL requests go to. */
  readonly baseUrl: string;
  /**
   * The live configuration, validated. Throws `OrgConfigValidationError` (code
   * `invalid-config`) if the server's configuration does not pass the schema; use
   * `getRawConfig` to read it anyway.
   */
  getConfig(options?: RequestOptions): Promise<OrgConfig>;
  /** The live configuration as the server sent it (a JSON object), not validated. */
  getRawConfig(options?: RequestOptions): Promise<Record<string, unknown>>;
  /**
   * Replaces the configuration with `config` (validated first: an invalid one throws
   * `OrgConfigValidationError` and nothing is sent). Sent once, never retried.
   * The whole object is sent: read, change and write back, so no field is lost.
   */
  putConfig(config: OrgConfig, options?: RequestOptions): Promise<void>;
}

/** An org id: 8-4-4-4-12 hex digits (not strictly RFC 9562), the element's `org-id` rule. */
export { UUID_PATTERN };
/** What an HTTP header value may hold (visible ASCII): a key with a newline is refused here, not echoed by fetch. */
const HEADER_SAFE = /^[\x21-\x7e]+$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const RETRY_STATUS = (status: number) => status === 429 || status >= 500;

const optionError = (message: string) => new OrgConfigError('invalid-option', message);

function checkBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw optionError(`baseUrl "${baseUrl}" is not a URL: expected one like ${CLOSER_HOSTS.production}`);
  }
  const local = LOOPBACK.has(url.hostname) || url.hostname.endsWith('.localhost');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw optionError(
      `baseUrl "${baseUrl}" must be https (plain http only for localhost): the api key travels with every request`,
    );
  }
  if (url.search || url.hash || url.username || url.password)
    throw optionError(`baseUrl "${baseUrl}" must not hold a query, fragment or credentials`);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

function checkPositive(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw optionError(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${value}`);
  }
  return value;
}

/** `AbortSignal.any`, which Node gained in 20.3. */
function anySignal(signals: AbortSignal[]): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(signals);
  const controller = new AbortController();
  for (const signal of signals) {
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}

/** Waits `ms`, or rejects as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** What a refusing server said, from a JSON `message`/`error`/… field or the text body. */
function serverMessageOf(body: string): string | undefined {
  const trimmed = body.trim();
  if (!trimmed) return undefined;
  try {
    const json: unknown = JSON.parse(trimmed);
    if (json && typeof json === 'object') {
      for (const key of ['message', 'error', 'errorMessage', 'detail', 'title', 'description']) {
        const value = (json as Record<string, unknown>)[key];
        if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 500);
      }
    }
  } catch {
    // Not JSON: the text itself.
  }
  return trimmed.slice(0, 500);
}

/** Creates a client for one organisation. Throws `OrgConfigError` (`invalid-option`) on a bad option. */
export function createOrgConfigClient(options: OrgConfigClientOptions): OrgConfigClient {
  const { orgId, apiKey } = options;
  if (typeof orgId !== 'string' || !UUID_PATTERN.test(orgId)) {
    throw optionError(
      `orgId must be the organisation's id, a UUID like 00000000-0000-0000-0000-000000000000, got ${JSON.stringify(orgId)}`,
    );
  }
  // Never echo the key, not even a bad one.
  if (typeof apiKey !== 'string' || !apiKey) throw optionError('apiKey is missing: pass an adviser’s api key');
  if (!HEADER_SAFE.test(apiKey))
    throw optionError('apiKey holds spaces or characters an HTTP header cannot carry: check how it was copied');
  const base = checkBaseUrl(options.baseUrl ?? CLOSER_HOSTS.production);
  const timeoutMs = checkPositive('timeoutMs', options.timeoutMs, 10_000);
  const retries = Math.floor(checkPositive('retries', options.retries, 2, true));
  const retryDelayMs = checkPositive('retryDelayMs', options.retryDelayMs, 500, true);
  const url = new URL(`api/orgs/${encodeURIComponent(orgId)}/config`, base).href;
  const host = base.host;
  const clean = (text: string) => redact(text, apiKey);

  /** One attempt: the response, or an OrgConfigError for what went wrong. */
  async function attempt(
    method: 'GET' | 'PUT',
    body: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Response | OrgConfigError> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? anySignal([signal, timeout]) : timeout;
    const headers: Record<string, string> = { 'x-api-key': apiKey, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      // No redirects: fetch would carry the x-api-key header to wherever one points.
      return await fetch(url, { method, headers, body, signal: combined, redirect: 'error' });
    } catch (error) {
      if (signal?.aborted)
        return new OrgConfigError('aborted', `${method} ${url}: aborted by the caller`, {
          method,
          url,
          cause: signal.reason,
        });
      if (timeout.aborted)
        return new OrgConfigError('timeout', `${method} ${url}: no answer from ${host} within ${timeoutMs} ms`, {
          method,
          url,
        });
      const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
      const why = clean(cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error)));
      return new OrgConfigError(
        'network',
        `${method} ${url}: could not reach ${host} (${why}): check the network and the base URL`,
        { method, url },
      );
    }
  }

  /** The error for a non-2xx answer; reads (and redacts) the body. */
  async function statusError(method: 'GET' | 'PUT', response: Response): Promise<OrgConfigError> {
    const { status } = response;
    let text = '';
    try {
      text = await response.text();
    } catch {
      // The body is only for the message.
    }
    const said = serverMessageOf(text);
    const serverMessage = said === undefined ? undefined : clean(said);
    const details = { status, method, url, serverMessage };
    const tail = serverMessage ? ` The server said: ${serverMessage}` : '';
    const what = `${method} ${url}: ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
    const needs =
      method === 'PUT'
        ? 'updating needs the api key of an adviser with admin permission in this organisation'
        : 'reading needs the api key of an adviser of this organisation';
    if (status === 401)
      return new OrgConfigError('unauthorized', `${what}: the api key was not accepted; ${needs}.${tail}`, details);
    if (status === 403)
      return new OrgConfigError('forbidden', `${what}: this api key may not do that; ${needs}.${tail}`, details);
    if (status === 404)
      return new OrgConfigError(
        'not-found',
        `${what}: no organisation ${orgId} on ${host}; check the org id and the host (production or stage).${tail}`,
        details,
      );
    if (status < 500) return new OrgConfigError('rejected', `${what}: the server refused the request.${tail}`, details);
    return new OrgConfigError('server', `${what}: the server failed; try again later.${tail}`, details);
  }

  async function request(
    method: 'GET' | 'PUT',
    body: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Response> {
    const attempts = method === 'GET' ? retries + 1 : 1;
    for (let n = 1; ; n++) {
      const result = await attempt(method, body, signal);
      const failure =
        result instanceof OrgConfigError ? result : result.ok ? undefined : await statusError(method, result);
      if (!failure) return result as Response;
      const retriable =
        failure.code === 'network' ||
        failure.code === 'timeout' ||
        (failure.status !== undefined && RETRY_STATUS(failure.status));
      if (!retriable || n >= attempts) throw failure;
      try {
        await sleep(retryDelayMs * 2 ** (n - 1), signal);
      } catch (reason) {
        throw new OrgConfigError('aborted', `${method} ${url}: aborted by the caller`, { method, url, cause: reason });
      }
    }
  }

  async function getRawConfig({ signal }: RequestOptions = {}): Promise<Record<string, unknown>> {
    const response = await request('GET', undefined, signal);
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      if (signal?.aborted)
        throw new OrgConfigError('aborted', `GET ${url}: aborted by the caller`, {
          method: 'GET',
          url,
          cause: signal.reason,
        });
      throw new OrgConfigError('invalid-response', `GET ${url}: the answer is not JSON`, {
        status: response.status,
        method: 'GET',
        url,
      });
    }
    if (!json || typeof json !== 'object' || Array.isArray(json)) {
      throw new OrgConfigError(
        'invalid-response',
        `GET ${url}: expected a JSON object, got ${Array.isArray(json) ? 'an array' : typeof json}`,
        { status: response.status, method: 'GET', url },
      );
    }
    return json as Record<string, unknown>;
  }

  return {
    orgId,
    baseUrl: base.href,
    getRawConfig,
    async getConfig(requestOptions) {
      const raw = await getRawConfig(requestOptions);
      const result = validateOrgConfig(raw);
      if (!result.ok)
        throw new OrgConfigValidationError(result.problems, `the configuration of org ${orgId} on ${host}`);
      return result.config;
    },
    async putConfig(config, { signal } = {}) {
      const valid = parseOrgConfig(config);
      const response = await request('PUT', JSON.stringify(valid), signal);
      // Drain the body so the connection is freed; what it holds is not documented.
      await response.arrayBuffer().catch(() => undefined);
    },
  };
}
