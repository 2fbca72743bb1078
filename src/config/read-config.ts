/**
 * What the element holds → the options of `closer.init(...)` and the rest of the
 * widget's config. Each input is validated by its kind's check (attributes.ts). An
 * invalid config comes back as the values that were checked, and config-issues.ts
 * (loaded only then, with zod) says what to fix in each.
 * Plain TypeScript: no Lit, no DOM at import.
 */
import {
  inputValue,
  INPUTS,
  isExtraOptionAllowed,
  isPlainObject,
  KINDS,
  propertyOf,
  type ElementValues,
  type ConsentSource,
  type ConsentState,
  type Identity,
  type InputRow,
  type LoadingStrategy,
} from './attributes.js';
import { errorDetail, type CloserErrorDetail } from '../errors.js';
import type { ReportedOptions } from '../events.js';

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

/** What `readConfig` makes of the element's values: the widget config and the strategy inputs, or the values to explain. */
type ConfigReading =
  | {
      readonly ok: true;
      readonly config: WidgetConfig;
      readonly loading: LoadingStrategy;
      readonly consent: ConsentState | undefined;
      /** Absent: the page sets `consent` itself, or does not gate the chat. */
      readonly consentFrom: ConsentSource | undefined;
    }
  | { readonly ok: false; readonly input: ElementValues };

/** An absent value passes where the input is optional; any other, its kind's check. */
const isValid = (row: InputRow, value: unknown): boolean => {
  const kind = KINDS[row.type];
  return value === undefined ? 'optional' in kind : kind.accepts(value);
};

/**
 * Checks the element's input and builds the widget config, in one pass over the input
 * rows (a valid page's whole validation). Never throws. `input` is the element itself:
 * its values live behind prototype accessors, so they are read row by row (a spread
 * would not copy them).
 */
export function readConfig(input: object): ConfigReading {
  const values = input as ElementValues;
  const read: Record<string, unknown> = {};
  const data: Record<string, unknown> = {};
  const attributeOptions: Record<string, unknown> = {};
  let valid = true;
  for (const row of INPUTS) {
    const key = propertyOf(row);
    read[key] = values[key];
    const value = (data[key] = inputValue(row, read));
    valid &&= isValid(row, value);
    // An absent attribute never overrides the SDK's default.
    if ('init' in row && value !== undefined) attributeOptions[key] = value;
  }
  const options = (data.options ?? {}) as Record<string, unknown>;
  // Which of `consent` and `consent-from` decides would be a guess (config-issues.ts says so).
  const conflicting = !!data.consent && !!data.consentFrom;
  if (!valid || conflicting || !Object.entries(options).every(isExtraOptionAllowed)) return { ok: false, input: read };

  const config: Writable<WidgetConfig> = {
    init: { ...options, ...attributeOptions } as InitOptions,
    // The URL that was checked: a relative one resolved now, so that a <base> added
    // later cannot point the script tag somewhere else.
    src: new URL(data.src as string, document.baseURI).href,
    gracePeriod: data.gracePeriod as number,
  };
  if (isPlainObject(data.identity)) config.identity = data.identity;
  if (data.nonce !== undefined) config.nonce = data.nonce as string;
  return {
    ok: true,
    config,
    loading: data.loading as LoadingStrategy,
    consent: data.consent as ConsentState | undefined,
    consentFrom: data.consentFrom as ConsentSource | undefined,
  };
}

/**
 * The `closer-error` detail of an invalid config, each issue naming its attribute. Its
 * messages (config-issues.ts) are loaded only now: a page with a valid tag never needs them.
 */
export const explainInvalidConfig = (input: ElementValues): Promise<CloserErrorDetail> =>
  import('./config-issues.js').then(
    ({ invalidConfig }) => invalidConfig(input),
    (error: unknown) => errorDetail('invalid-config', `invalid configuration (details not loaded: ${String(error)})`),
  );

type Writable<T> = { -readonly [K in keyof T]: T[K] };

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
