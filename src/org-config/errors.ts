/**
 * The errors of `closer-chat/org-config`: one class with a stable `code` per cause,
 * so a caller (or the CLI's exit code) switches on `code` rather than on a message.
 * Messages follow one recipe: `[closer-config]`, what was done, what went wrong, the
 * fix. None ever holds the api key (see `redact`).
 */

/** Why a request or a validation failed. */
export const ORG_CONFIG_ERROR_CODES = [
  /** 401: the api key was not accepted. */
  'unauthorized',
  /** 403: the key is valid but may not do this (updating needs an admin adviser's key). */
  'forbidden',
  /** 404: no such organisation on this host. */
  'not-found',
  /** Another 4xx: the server refused the request; `serverMessage` says why. */
  'rejected',
  /** 5xx, after the retries a GET gets. */
  'server',
  /** The host could not be reached (refused, DNS, reset). */
  'network',
  /** No answer within `timeoutMs`. */
  'timeout',
  /** The caller's `AbortSignal` fired. */
  'aborted',
  /** The server answered 2xx with something that is not a JSON object. */
  'invalid-response',
  /** A configuration failed validation (see `OrgConfigValidationError.problems`). */
  'invalid-config',
  /** Working hours or a display zone that cannot be read (see ./working-hours.ts). */
  'invalid-schedule',
  /** The client was created with a bad option (org id, api key, base URL…). */
  'invalid-option',
] as const;

export type OrgConfigErrorCode = (typeof ORG_CONFIG_ERROR_CODES)[number];

/** One problem found in a configuration, located by its path (`workingHours[2].durationSeconds`). */
export interface OrgConfigProblem {
  /** Where: `color`, `workingHours[2].durationSeconds`, or `$` for the whole document. */
  readonly path: string;
  /** The same location as keys and indexes. */
  readonly segments: readonly (string | number)[];
  /** What is wrong and what is expected, e.g. `expected a hex colour like #fe7f00, got "orange"`. */
  readonly message: string;
}

export interface OrgConfigErrorDetails {
  readonly status?: number;
  readonly method?: string;
  readonly url?: string;
  readonly serverMessage?: string;
  readonly cause?: unknown;
}

/** Every error thrown by `closer-chat/org-config`. */
export class OrgConfigError extends Error {
  override readonly name: string = 'OrgConfigError';
  /** Stable: switch on this, not on the message. */
  readonly code: OrgConfigErrorCode;
  /** The HTTP status, when the server answered. */
  readonly status: number | undefined;
  /** `GET` or `PUT`, for request errors. */
  readonly method: string | undefined;
  /** The URL requested (it never holds the key: the key travels in a header). */
  readonly url: string | undefined;
  /** What the server said about a refused request, api key redacted. */
  readonly serverMessage: string | undefined;

  constructor(code: OrgConfigErrorCode, message: string, details: OrgConfigErrorDetails = {}) {
    super(`[closer-config] ${message}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.status = details.status;
    this.method = details.method;
    this.url = details.url;
    this.serverMessage = details.serverMessage;
  }
}

/** A configuration that failed validation: every problem, in the document's order. */
export class OrgConfigValidationError extends OrgConfigError {
  override readonly name: string = 'OrgConfigValidationError';
  readonly problems: readonly OrgConfigProblem[];

  constructor(problems: readonly OrgConfigProblem[], what = 'the configuration') {
    const shown = problems
      .slice(0, 10)
      .map((p) => `\n  ${p.path}: ${p.message}`)
      .join('');
    const more = problems.length > 10 ? `\n  … and ${problems.length - 10} more` : '';
    super(
      'invalid-config',
      `${what} is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):${shown}${more}`,
    );
    this.problems = problems;
  }
}

const REDACTED = '[redacted]';

/**
 * `text` with every occurrence of `secret` replaced, as written and URL-encoded: a
 * server that echoes the request back in its error must not put the key in our error.
 */
export function redact(text: string, secret: string | undefined): string {
  if (!secret) return text;
  let out = text;
  for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join(REDACTED);
  return out;
}
