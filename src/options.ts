/**
 * Validation: what the element holds → the options of `closer.init(...)` and the rest
 * of the widget's config, or a list of issues naming the attribute to fix. The schema
 * is built from the input tables (attributes.ts). Plain TypeScript: no Lit, no DOM at import.
 */
import * as z from 'zod/mini';
import {
  INPUTS,
  isPlainObject,
  nameOf,
  propertyOf,
  type ConsentState,
  type Identity,
  type InputRow,
  type LoadingStrategy,
} from './attributes.js';
import type { ConfigIssue } from './errors.js';
import type { ReportedOptions } from './events.js';

/** The options we pass to `closer.init`, callbacks excluded (the widget adds them). */
export interface InitOptions {
  readonly orgId: string;
  readonly apiKey?: string;
  readonly showButton?: boolean;
  readonly disableAutoOpen?: boolean;
  readonly enableLog?: boolean;
  readonly initializeBeforeRender?: boolean;
  readonly getLoginHintToken?: () => Promise<string>;
  readonly [extra: string]: unknown;
}

/** Everything the page's one widget needs from its element. */
export interface WidgetConfig {
  readonly init: InitOptions;
  readonly identity?: Identity;
  readonly src: string;
  readonly nonce?: string;
  /** How long a removed element's running widget waits for a successor. */
  readonly gracePeriod: number;
}

type ConfigResult =
  | {
      readonly ok: true;
      readonly config: WidgetConfig;
      readonly loading: LoadingStrategy;
      readonly consent: ConsentState | undefined;
    }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/** Built on first use, so defining the element does not pay for it. */
let schema: z.ZodMiniObject | undefined;
const elementSchema = () =>
  (schema ??= z.object(Object.fromEntries(INPUTS.map((row) => [propertyOf(row), row.type.schema]))));

/** Keys of `options` that must come from their own attribute or property. */
const RESERVED_OPTIONS: Readonly<Record<string, string>> = {
  orgId: 'set the org-id attribute instead',
  apiKey: 'set the api-key attribute instead',
  getLoginHintToken: 'set the getLoginHintToken property instead',
};

/** `options` may carry SDK options we do not know yet, but no callbacks and no identity. */
function checkExtraOptions(options: Record<string, unknown>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const [key, value] of Object.entries(options)) {
    const name = `options.${key}`;
    if (key in RESERVED_OPTIONS) {
      issues.push({ name, message: `${name}: not allowed here; ${RESERVED_OPTIONS[key]}` });
    } else if (typeof value === 'function') {
      issues.push({
        name,
        message: `${name}: callbacks are not allowed in options; listen to the element's closer-* events instead`,
      });
    }
  }
  return issues;
}

function received(row: InputRow, value: unknown): string {
  if (!('echo' in row) || (typeof value !== 'string' && typeof value !== 'boolean')) return '';
  return ` (received ${JSON.stringify(String(value).slice(0, 80))})`;
}

/** The value validation sees: empty text counts as absent where the row says so, then the fallback. */
function inputValue(row: InputRow, input: Readonly<Record<string, unknown>>): unknown {
  let value = input[propertyOf(row)];
  if ('emptyIsAbsent' in row && (value === '' || value === null)) value = undefined;
  if (value == null && 'fallback' in row) return row.fallback;
  if (value == null && 'default' in row) return row.default;
  return value;
}

function toIssue(issue: z.core.$ZodIssue, input: Readonly<Record<string, unknown>>): ConfigIssue {
  const key = String(issue.path[0]);
  const row = INPUTS.find((candidate) => propertyOf(candidate) === key) as InputRow;
  const name = nameOf(row);
  const { expected } = row.type;
  // A missing value reports as a type error; say "required" instead.
  if (issue.code === 'invalid_type' && input[key] == null) return { name, message: `${name}: required (${expected})` };
  return { name, message: `${name}: ${expected}${received(row, input[key])}` };
}

/** Drops undefined values so an absent attribute never overrides the SDK's default. */
function definedOnly(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
}

/**
 * Validates the element's input and builds the widget config. Never throws.
 * `input` is the element itself: its values live behind prototype accessors, so they
 * are read row by row (a spread would not copy them).
 */
export function readConfig(input: object): ConfigResult {
  const values = input as Readonly<Record<string, unknown>>;
  const parsed = elementSchema().safeParse(
    Object.fromEntries(INPUTS.map((row) => [propertyOf(row), inputValue(row, values)])),
  );
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((issue) => toIssue(issue, values)) };

  const data = parsed.data as Record<string, unknown>;
  const options = (data.options ?? {}) as Record<string, unknown>;
  const extraIssues = checkExtraOptions(options);
  if (extraIssues.length > 0) return { ok: false, issues: extraIssues };

  const attributeOptions: Record<string, unknown> = {};
  for (const row of INPUTS) if ('init' in row) attributeOptions[propertyOf(row)] = data[propertyOf(row)];
  const init = { ...options, ...definedOnly(attributeOptions) } as InitOptions;
  const identity = isPlainObject(data.identity) ? (data.identity as Identity) : undefined;
  const config = {
    init,
    src: data.src as string,
    gracePeriod: data.gracePeriod as number,
    ...definedOnly({ identity, nonce: data.nonce }),
  };
  return {
    ok: true,
    config,
    loading: data.loading as LoadingStrategy,
    consent: data.consent as ConsentState | undefined,
  };
}

/** What went wrong in a config failure, one line per issue: names each attribute, echoes no secret. */
export function describeIssues(issues: readonly ConfigIssue[]): string {
  return ['invalid configuration:', ...issues.map((issue) => `  - ${issue.message}`)].join('\n');
}

/** `closer-ready` detail: what init ran with, minus functions, with the api key hidden. */
export function reportOptions(init: InitOptions): ReportedOptions {
  const reported: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(init)) {
    if (typeof value === 'function') continue;
    reported[key] = key === 'apiKey' ? REDACTED : value;
  }
  return Object.freeze(reported);
}

const REDACTED = '[redacted]';

/**
 * A copy of what the SDK passed to a callback, safe for an event detail: plain objects
 * and arrays are copied (a few levels deep) with the api key, and any `apiKey` field,
 * replaced by "[redacted]". Other objects are passed as they are.
 */
export function redact<T>(value: T, secret: string | undefined, depth = 4): T {
  if (typeof value === 'string')
    return (secret && value.includes(secret) ? value.split(secret).join(REDACTED) : value) as T;
  if (depth === 0 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return Object.freeze(value.map((item: unknown) => redact(item, secret, depth - 1))) as T;
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value))
    copy[key] = key === 'apiKey' ? REDACTED : redact(item, secret, depth - 1);
  return Object.freeze(copy) as T;
}

/** Two configs are the same visitor identity when org and api key match. */
export function sameIdentity(a: InitOptions, b: InitOptions): boolean {
  return a.orgId === b.orgId && a.apiKey === b.apiKey;
}
