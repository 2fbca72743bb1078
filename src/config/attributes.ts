/**
 * The element's inputs, one row each: the attribute a page writes, the property it
 * becomes, how its text is read, what its value must be, which `closer.init` option
 * it feeds, and whether its value may be repeated in a message. The Lit `properties`,
 * the element's property types, validation, the framework typings and the docs checks
 * all derive from these two tables: adding an input is one row (and its test).
 * Plain TypeScript, no Lit, no DOM at import.
 */
import type { ConsentManager } from '../consent/managers.js';
import { isConsentSource } from '../consent/source.js';

import {
  isAllowedWidgetUrl,
  LOADING_STRATEGIES,
  OFFICIAL_WIDGET_URL,
  optionalBooleanAttribute,
  booleanAttribute,
  UUID_PATTERN,
  type LoadingStrategy,
} from '../boot/input-rules.js';

// The rules the boot reads attributes by too live apart (the boot must not carry this table).
export {
  isAllowedWidgetUrl,
  LOADING_STRATEGIES,
  OFFICIAL_WIDGET_URL,
  UUID_PATTERN,
  type LoadingStrategy,
} from '../boot/input-rules.js';

export const CONSENT_STATES = ['pending', 'granted', 'denied'] as const;
/** The visitor's consent to the chat, when the page gates it on consent. */
export type ConsentState = (typeof CONSENT_STATES)[number];

/** Where the visitor's consent comes from: the site's consent manager and what in it covers the chat. */
export type ConsentSource = `${ConsentManager}:${string}`;

/** Lead data for `closer.identify` (`email`, `firstName`, `lastName`, …). */
export type Identity = Readonly<Record<string, unknown>>;

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isText = (value: unknown): boolean => typeof value === 'string';
const isFlag = (value: unknown): boolean => typeof value === 'boolean';
const isUuid = (value: unknown): boolean => typeof value === 'string' && UUID_PATTERN.test(value);
const isOneOf = (values: readonly string[]) => (value: unknown) => values.includes(value as string);

/**
 * The kinds of value an input takes: how Lit reads the attribute's text (`converter`;
 * absent: as a string), whether undefined passes (`optional`), and what a value must be
 * (`accepts`). Validation is these checks: plain functions, so a page with a valid tag
 * never loads zod. zod explains a refusal (schemas.ts, loaded with config-issues.ts only
 * then), and a test holds each kind's check and schema to the same verdict.
 */
export const KINDS = {
  text: { optional: true, accepts: isText },
  flag: { converter: booleanAttribute, optional: true, accepts: isFlag },
  optionalFlag: { converter: optionalBooleanAttribute, optional: true, accepts: isFlag },
  uuid: { accepts: isUuid },
  optionalUuid: { optional: true, accepts: isUuid },
  strategy: { accepts: isOneOf(LOADING_STRATEGIES) },
  // Which origins may serve the widget is ours to say; the official URL needs no parsing.
  widgetUrl: { accepts: (value: unknown) => value === OFFICIAL_WIDGET_URL || isAllowedWidgetUrl(value) },
  consent: { optional: true, accepts: isOneOf(CONSENT_STATES) },
  consentSource: { optional: true, accepts: isConsentSource },
  milliseconds: {
    converter: { fromAttribute: (value: string | null) => (value === null ? undefined : Number(value)) },
    optional: true,
    accepts: (value: unknown) => Number.isFinite(value) && (value as number) >= 0,
  },
  loginHint: { optional: true, accepts: (value: unknown) => typeof value === 'function' },
  identity: { optional: true, accepts: isPlainObject },
  extraOptions: { optional: true, accepts: isPlainObject },
} as const;

/** The value each kind holds (what its schema lets through), for the property types. */
export interface KindValues {
  text: string;
  flag: boolean;
  optionalFlag: boolean;
  uuid: string;
  optionalUuid: string;
  strategy: LoadingStrategy;
  widgetUrl: string;
  consent: ConsentState;
  consentSource: ConsentSource;
  milliseconds: number;
  loginHint: () => Promise<string>;
  identity: Identity;
  extraOptions: Readonly<Record<string, unknown>>;
}
export type Kind = keyof typeof KINDS;

/**
 * One row per attribute; the property is its camelCased name, and the row's comment
 * is its description in the manifest.
 * - `type`: one of the kinds above (`KINDS`).
 * - `init`: it becomes the `closer.init` option of the property's name.
 * - `echo`: its value may be repeated in an error message (never a key or nonce).
 * - `default`: the property's value until set (and what validation sees if unset).
 * - `fallback`: what validation sees for an absent value.
 * - `emptyIsAbsent`: an empty value counts as absent (`api-key=""` must not fail a page).
 * - `drawOnly`: only drawn; a change does not reach the widget.
 * - `builtIn`: HTMLElement's own property, not a Lit one (`nonce` survives CSP hiding).
 */
export const ATTRIBUTES = [
  /** Your organisation's id (UUID). Required. */
  { attribute: 'org-id', type: 'uuid', init: true, echo: true },
  /** A client's api key (UUID): restores that client's session. Changing it after init switches the visitor. */
  { attribute: 'api-key', type: 'optionalUuid', init: true, emptyIsAbsent: true },
  /** `"false"` hides the launcher; absent keeps the SDK default (shown). */
  { attribute: 'show-button', type: 'optionalFlag', init: true, echo: true },
  /** Start closed even if the visitor had the widget open before. */
  { attribute: 'disable-auto-open', type: 'flag', init: true, echo: true },
  /** Send the widget's frontend logs to Closer. */
  { attribute: 'enable-log', type: 'flag', init: true, echo: true },
  /** Check the stored session before drawing the widget. */
  { attribute: 'initialize-before-render', type: 'flag', init: true, echo: true },
  /** When the widget script is fetched: `eager`, `idle` (default), `interaction` or `manual`. */
  { attribute: 'loading', type: 'strategy', default: 'idle', echo: true },
  /** Widget script URL: the official one (default) or one on this page's origin. */
  { attribute: 'src', type: 'widgetUrl', fallback: OFFICIAL_WIDGET_URL, emptyIsAbsent: true, echo: true },
  /** CSP nonce for the injected script tag, read through the built-in `nonce` property. */
  { attribute: 'nonce', type: 'text', emptyIsAbsent: true, builtIn: true },
  /** Accessible name of the `interaction` launcher. Default "Open chat". */
  { attribute: 'launcher-label', type: 'text', drawOnly: true, echo: true },
  /** `"false"`: do not remember that the visitor engaged (a returning visitor then gets the facade again). */
  { attribute: 'remember-engagement', type: 'optionalFlag', echo: true },
  /** Gate the chat on the visitor's consent: `pending` or `denied` loads, preconnects and stores nothing; `granted` goes ahead. Absent: no gate. */
  { attribute: 'consent', type: 'consent', echo: true },
  /** Take consent from the site's consent manager: `<manager>:<what>`, e.g. `cookieconsent:functionality`, `klaro:closer`, `tcf:1,11`, `onetrust:C0003`, `cookiebot:preferences`. Until it decides, as `consent="pending"`. Not together with `consent`. */
  { attribute: 'consent-from', type: 'consentSource', echo: true },
  /** Milliseconds a removed element's running widget waits for a successor (a SPA's next route) before it tears down. Default 3000. */
  { attribute: 'grace-period', type: 'milliseconds', default: 3000, echo: true },
] as const;

/** What only a property can carry: objects and functions. Each comment is its manifest description. */
export const PROPERTIES = [
  /** OAuth login hint, passed to `closer.init`. */
  { property: 'getLoginHintToken', type: 'loginHint', init: true },
  /** Lead data for `closer.identify`, sent once initialised and whenever it changes. */
  { property: 'identity', type: 'identity' },
  /** Extra init options, merged under the attribute-derived ones. No callbacks. */
  { property: 'options', type: 'extraOptions' },
] as const;

export type AttributeRow = (typeof ATTRIBUTES)[number];
export type PropertyRow = (typeof PROPERTIES)[number];
export type InputRow = AttributeRow | PropertyRow;

/** `org-id` → `orgId`, in types. */
export type Camelize<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<Camelize<Tail>>}`
  : S;

/** An input's property name: `org-id` → `orgId`. */
type PropertyName<R extends InputRow> = R extends AttributeRow
  ? Camelize<R['attribute']>
  : (R & PropertyRow)['property'];

const propertyNames = new Map<InputRow, string>();
/** `org-id` → `orgId`, at run time (once per row: validation asks on every update). */
export function propertyOf(row: InputRow): string {
  let name = propertyNames.get(row);
  if (name === undefined) {
    name = 'property' in row ? row.property : row.attribute.split('-').map(capitalizeAfterFirst).join('');
    propertyNames.set(row, name);
  }
  return name;
}
const capitalizeAfterFirst = (word: string, index: number) => (index ? word[0].toUpperCase() + word.slice(1) : word);

/** Properties that are only drawn (`drawOnly`): a change to them does not reach the widget. */
let drawOnly: Set<PropertyKey> | undefined;
export const reachesWidget = (property: PropertyKey): boolean =>
  !(drawOnly ??= new Set(ATTRIBUTES.filter((row) => 'drawOnly' in row).map(propertyOf))).has(property);

/** The element's inputs as read, property → value (what config-issues.ts explains). */
export type ElementValues = Readonly<Record<string, unknown>>;

/** Keys of `options` that must come from their own attribute or property. */
export const RESERVED_OPTIONS = ['orgId', 'apiKey', 'getLoginHintToken'] as const;
export type ReservedOption = (typeof RESERVED_OPTIONS)[number];

/** `options` may carry SDK options we do not know yet, but no callbacks and none of ours. */
export const isExtraOptionAllowed = ([key, value]: [string, unknown]): boolean =>
  !(RESERVED_OPTIONS as readonly string[]).includes(key) && typeof value !== 'function';

/**
 * The value validation sees: a removed attribute (Lit hands over null) is absent, empty
 * text too where the row says so; then the default or fallback.
 */
export function inputValue(row: InputRow, input: ElementValues): unknown {
  let value = input[propertyOf(row)];
  if (value === null || ('emptyIsAbsent' in row && value === '')) value = undefined;
  if (value == null && 'fallback' in row) return row.fallback;
  if (value == null && 'default' in row) return row.default;
  return value;
}

/** How an input is named in messages: its attribute, or its property. */
export const nameOf = (row: InputRow): string => ('attribute' in row ? row.attribute : row.property);

/** Every input, attribute rows first. */
export const INPUTS: readonly InputRow[] = [...ATTRIBUTES, ...PROPERTIES];

/** What a row's kind lets through. */
type KindValue<R extends InputRow> = KindValues[R['type']];

/** A property's type: what its kind lets through, or undefined until set (unless it has a default). */
type PropertyType<R extends InputRow> = R extends { default: unknown } ? KindValue<R> : KindValue<R> | undefined;

/** The reactive properties the element adds (HTMLElement's own `nonce` is not one). */
export type ElementProperties = {
  -readonly [R in InputRow as R extends { builtIn: true } ? never : PropertyName<R>]: PropertyType<R>;
};

/** The kebab-case attribute names, for templates. */
export type AttributeName = AttributeRow['attribute'];

/** What an attribute's converter reads from its text (`never` without a converter: the text itself). */
type Converted<R extends AttributeRow> = (typeof KINDS)[R['type']] extends {
  converter: { fromAttribute: (text: string | null) => infer T };
}
  ? T
  : never;

/** Attributes whose absence means the SDK default, so `false` must be written `"false"`. */
export type OptionalBooleanAttributeName = {
  [R in AttributeRow as R['attribute']]: undefined extends Converted<R>
    ? Exclude<Converted<R>, undefined> extends boolean
      ? R['attribute']
      : never
    : never;
}[AttributeName];

/** A boolean attribute's value as a template writes it. */
export type BooleanAttributeValue = boolean | '' | 'true' | 'false';

/** An attribute's value as a template writes it: text, a boolean for boolean attributes, a number for numeric ones. */
export type AttributeValue<R extends AttributeRow> = [Converted<R>] extends [never]
  ? KindValue<R>
  : Exclude<Converted<R>, undefined> extends boolean
    ? BooleanAttributeValue
    : number | `${number}`;

/** Lit's `static properties`, from the tables. */
export function litProperties(): Record<string, { attribute?: string | false; converter?: object }> {
  const properties: Record<string, { attribute?: string | false; converter?: object }> = {};
  for (const row of ATTRIBUTES) {
    if ('builtIn' in row) continue;
    const { converter } = KINDS[row.type] as { converter?: object };
    properties[propertyOf(row)] = { attribute: row.attribute, ...(converter && { converter }) };
  }
  for (const row of PROPERTIES) properties[row.property] = { attribute: false };
  return properties;
}

/** Sets the properties that have a default, e.g. `loading = 'idle'`. */
export function applyDefaults(target: object): void {
  for (const row of ATTRIBUTES) {
    if ('default' in row) (target as Record<string, unknown>)[propertyOf(row)] = row.default;
  }
}
