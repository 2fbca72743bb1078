/**
 * Attribute parsing and validation: what the element holds → the options of
 * `closer.init(...)`, or a list of issues naming the attribute to fix.
 * Plain TypeScript: no Lit, no DOM at import time.
 */
import * as z from 'zod/mini';
import type { ConfigIssue, ReportedOptions } from './events.js';

export const OFFICIAL_WIDGET_URL = 'https://widget.closer.app/widget.js';
const OFFICIAL_WIDGET_HOST = 'widget.closer.app';

export const LOADING_STRATEGIES = ['eager', 'idle', 'interaction', 'manual'] as const;
/** When the widget script is fetched. */
export type LoadingStrategy = (typeof LOADING_STRATEGIES)[number];

/** Lead data for `closer.identify` (`email`, `firstName`, `lastName`, …). */
export type Identity = Readonly<Record<string, unknown>>;

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
  readonly loading: LoadingStrategy;
  readonly src: string;
  readonly nonce?: string;
}

/** What the element hands over: its reactive properties, as set. */
export interface ElementInput {
  readonly orgId?: unknown;
  readonly apiKey?: unknown;
  readonly showButton?: unknown;
  readonly disableAutoOpen?: unknown;
  readonly enableLog?: unknown;
  readonly initializeBeforeRender?: unknown;
  readonly loading?: unknown;
  readonly src?: unknown;
  readonly nonce?: unknown;
  readonly getLoginHintToken?: unknown;
  readonly identity?: unknown;
  readonly options?: unknown;
}

export type ConfigResult =
  | { readonly ok: true; readonly config: WidgetConfig }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/**
 * A boolean attribute where the literal "false" also means false: CMS editors write
 * `disable-auto-open="false"` and expect it to do what it says.
 */
export const booleanAttribute = {
  fromAttribute: (value: string | null): boolean => value !== null && value.trim().toLowerCase() !== 'false',
};

/**
 * `show-button`: absent → undefined (the SDK's own default, which also remembers a
 * widget opened before), `""`/`"true"` → true, `"false"` → false.
 */
export const optionalBooleanAttribute = {
  fromAttribute: (value: string | null): boolean | undefined =>
    value === null ? undefined : booleanAttribute.fromAttribute(value),
};

const UUID_HINT = 'expected a UUID like 00000000-0000-0000-0000-000000000000';

/** Only the development widget on this page's origin, or the official one. */
function isAllowedWidgetUrl(src: string): boolean {
  let url: URL;
  try {
    url = new URL(src, document.baseURI);
  } catch {
    return false;
  }
  const sameOrigin = url.origin === location.origin && url.origin !== 'null';
  return sameOrigin || (url.protocol === 'https:' && url.host === OFFICIAL_WIDGET_HOST);
}

const isFunction = (value: unknown): boolean => typeof value === 'function';
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const optionalBoolean = (name: string) => z.optional(z.boolean(`${name}: expected true or false`));

const elementSchema = z.object({
  orgId: z.guid(`org-id: ${UUID_HINT}`),
  apiKey: z.optional(z.guid(`api-key: ${UUID_HINT}`)),
  showButton: optionalBoolean('show-button'),
  disableAutoOpen: optionalBoolean('disable-auto-open'),
  enableLog: optionalBoolean('enable-log'),
  initializeBeforeRender: optionalBoolean('initialize-before-render'),
  loading: z.enum(LOADING_STRATEGIES, `loading: expected one of ${LOADING_STRATEGIES.join(', ')}`),
  src: z
    .string('src: expected a URL')
    .check(
      z.refine(
        isAllowedWidgetUrl,
        `src: only the official widget (${OFFICIAL_WIDGET_URL}) or a script on this page's own origin may be loaded`,
      ),
    ),
  nonce: z.optional(z.string('nonce: expected a string')),
  getLoginHintToken: z.optional(
    z.custom<() => Promise<string>>(isFunction, 'getLoginHintToken: expected a function returning Promise<string>'),
  ),
  identity: z.optional(
    z.custom<Identity>(isPlainObject, 'identity: expected an object such as { email, firstName, lastName }'),
  ),
  options: z.optional(z.custom<Record<string, unknown>>(isPlainObject, 'options: expected a plain object')),
});

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
    } else if (isFunction(value)) {
      issues.push({
        name,
        message: `${name}: callbacks are not allowed in options; listen to the element's closer-* events instead`,
      });
    }
  }
  return issues;
}

/** Attribute names by property, so zod's paths become names a page author recognises. */
const ATTRIBUTE_NAMES: Readonly<Record<string, string>> = {
  orgId: 'org-id',
  apiKey: 'api-key',
  showButton: 'show-button',
  disableAutoOpen: 'disable-auto-open',
  enableLog: 'enable-log',
  initializeBeforeRender: 'initialize-before-render',
};

/** Values safe to repeat in a message; the api key, nonce and objects never are. */
const ECHOED_KEYS = new Set(['orgId', 'loading', 'src', 'showButton', 'disableAutoOpen', 'enableLog', 'initializeBeforeRender']);

function received(key: string, value: unknown): string {
  if (!ECHOED_KEYS.has(key) || (typeof value !== 'string' && typeof value !== 'boolean')) return '';
  return ` (received ${JSON.stringify(String(value).slice(0, 80))})`;
}

/** Drops undefined values so an absent attribute never overrides the SDK's default. */
function definedOnly(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
}

/** Validates the element's input and builds the widget config. Never throws. */
export function readConfig(input: ElementInput): ConfigResult {
  // Read field by field: the element's values live behind prototype accessors,
  // which a spread would not copy.
  const parsed = elementSchema.safeParse({
    orgId: input.orgId,
    // An empty attribute is as good as none: `api-key=""` must not fail a page.
    apiKey: input.apiKey === '' || input.apiKey === null ? undefined : input.apiKey,
    showButton: input.showButton,
    disableAutoOpen: input.disableAutoOpen,
    enableLog: input.enableLog,
    initializeBeforeRender: input.initializeBeforeRender,
    loading: input.loading ?? 'idle',
    src: input.src || OFFICIAL_WIDGET_URL,
    nonce: input.nonce || undefined,
    getLoginHintToken: input.getLoginHintToken,
    identity: input.identity,
    options: input.options,
  });
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => {
        const key = String(issue.path[0] ?? 'org-id');
        // A missing value reports as a type error; say "required" instead.
        const missing = issue.code === 'invalid_type' && (input as Record<string, unknown>)[key] == null;
        const name = ATTRIBUTE_NAMES[key] ?? key;
        if (missing) return { name, message: `${name}: required (${UUID_HINT})` };
        return { name, message: issue.message + received(key, (input as Record<string, unknown>)[key]) };
      }),
    };
  }
  const { options = {}, identity, loading, src, nonce, ...attributeOptions } = parsed.data;
  const extraIssues = checkExtraOptions(options);
  if (extraIssues.length > 0) return { ok: false, issues: extraIssues };

  const init = { ...options, ...definedOnly(attributeOptions) } as InitOptions;
  return { ok: true, config: { init, loading, src, ...definedOnly({ identity, nonce }) } };
}

/** The one console line for a config failure: names each attribute, echoes no value. */
export function describeIssues(issues: readonly ConfigIssue[]): string {
  const lines = issues.map((issue) => `  - ${issue.message}`);
  return `[closer-chat] invalid configuration, the widget was not loaded:\n${lines.join('\n')}`;
}

/** `closer-ready` detail: what init ran with, minus functions, with the api key hidden. */
export function reportOptions(init: InitOptions): ReportedOptions {
  const reported: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(init)) {
    if (typeof value === 'function') continue;
    reported[key] = key === 'apiKey' ? '[redacted]' : value;
  }
  return Object.freeze(reported);
}

/** Two configs are the same visitor identity when org and api key match. */
export function sameIdentity(a: InitOptions, b: InitOptions): boolean {
  return a.orgId === b.orgId && a.apiKey === b.apiKey;
}
