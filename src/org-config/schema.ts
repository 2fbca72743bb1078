/**
 * The organisation configuration as Closer's own typed API client defines it: the
 * `OrgConfig` interface of `@closerplatform/spinner-openapi` (a devDependency; the
 * type test in test/types/org-config-contract.ts holds this schema and that interface
 * together, both ways), every field with its type, enum and nesting, required where
 * the client requires it. Then the fields Closer's docs show and the client lacks
 * (optional), and the docs' legacy names (optional, flagged by `validate`).
 *
 * Objects are *loose*: a field the schema does not know is kept, untouched, so a
 * configuration read from a newer server survives read → edit → write.
 *
 * zod/mini rather than classic zod: the same flavour as the element's own option
 * parsing, so an app that ships both shares one zod, and this entry stays small in a
 * browser. Messages come from ./validate.ts, not from a zod locale. Every check that
 * JSON Schema can express is written as one (a pattern, a bound), so the JSON Schema
 * that `closer-config schema` prints (./json-schema.ts) checks what `validate` checks;
 * the few it cannot carry are listed in `CHECKS_BEYOND_JSON_SCHEMA`.
 */
import * as z from 'zod/mini';

/** Seconds in a week: working-hours offsets count from the start of the week. */
export const WEEK_SECONDS = 7 * 24 * 60 * 60;

/** The statuses an adviser may get on login (`defaultStatusAfterLogin`, from the docs). */
export const STATUSES_AFTER_LOGIN = ['available', 'away', 'unavailable', 'unready'] as const;
export type StatusAfterLogin = (typeof STATUSES_AFTER_LOGIN)[number];

/** The client's `CallPopoutMode` enum: where a call opens. */
export const CALL_POPOUT_MODES = ['window', 'tab'] as const;
export type CallPopoutMode = (typeof CALL_POPOUT_MODES)[number];

/** Descriptions for editors (the JSON Schema's `description`), kept out of the shape's way. */
export const descriptions = z.registry<{ description?: string; deprecated?: boolean }>();
function described<T extends z.core.$ZodType>(schema: T, description: string, deprecated = false): T {
  descriptions.add(schema, deprecated ? { description, deprecated } : { description });
  return schema;
}

const HEX_COLOUR = /^#(?:[0-9a-fA-F]{3}){1,2}$/;
/** `.pdf`, `.tar.gz`: a dot, then no space, slash or empty part. */
const EXTENSION = /^(?:\.[^\s./\\]+)+$/;
/** An absolute http(s) URL, as far as a pattern can tell (./validate.ts also parses it). */
const HTTP_URL = /^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/;
/** `*`, or exactly an origin: scheme, host and optional port, no path, no trailing slash. */
const ORIGIN = /^(?:\*|https?:\/\/[^\s/?#@]+)$/;
/** `Europe/Warsaw`, `America/Argentina/Buenos_Aires`, `UTC`: the shape of an IANA name. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function isOriginEntry(value: string): boolean {
  if (value === '*') return true;
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

/** Whether this runtime's `Intl` knows the zone (aliases like `Europe/Kiev` included). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const flag = () => z.boolean();
/** A count, a size or a timeout: a whole number, never negative. */
const count = () => z.int().check(z.nonnegative());
const text = () => z.string();
const httpUrl = () =>
  z
    .string()
    .check(
      z.regex(HTTP_URL, 'expected an absolute http(s) URL like https://example.com/page'),
      z.refine(isHttpUrl, 'expected an absolute http(s) URL like https://example.com/page'),
    );
const optional = z.optional;

/**
 * One opening: `offsetSeconds` from Monday 00:00 UTC (negative values reach back into
 * the previous week, see ./working-hours.ts) for `durationSeconds`. Duration 0 opens
 * nothing: the server writes such entries as "closed" markers.
 */
export const workingHoursEntrySchema = z.looseObject({
  offsetSeconds: z.int(),
  durationSeconds: z.int().check(z.nonnegative(), z.lte(WEEK_SECONDS)),
});
export type WorkingHoursEntry = z.infer<typeof workingHoursEntrySchema>;

/**
 * A planned maintenance: `from` and `to` in milliseconds since the Unix epoch (an
 * assumption: the client says only "number"), and the message visitors see.
 */
export const maintenanceWindowSchema = z.looseObject({
  from: count(),
  to: count(),
  message: z.string(),
});
export type MaintenanceWindow = z.infer<typeof maintenanceWindowSchema>;

/** Each SLA range: the field holding its lower bound and the one holding its upper bound. */
export const SLA_RANGES = [
  ['openedConversationsSlaRangeLowerBound', 'openedConversationsSlaRangeUpperBound'],
  ['waitingConversationsSlaRangeLowerBound', 'waitingConversationsSlaRangeUpperBound'],
  ['averageResponseTimeSlaRangeLowerBound', 'averageResponseTimeSlaRangeUpperBound'],
] as const;

/** `OrgConfig` of the typed client, field for field, in its order. */
const clientShape = {
  name: z.string().check(z.minLength(1, 'expected the organisation’s name, not an empty string')),
  /** The widget's colour, `#rgb` or `#rrggbb`. */
  color: described(
    z.string().check(z.regex(HEX_COLOUR, 'expected a hex colour like #fe7f00')),
    'The widget’s colour: #rgb or #rrggbb.',
  ),
  /** Where the widget may run: `*`, or origins like `https://www.example.com`. */
  origin: described(
    z.array(
      z
        .string()
        .check(
          z.regex(ORIGIN, 'expected "*" or an origin like https://www.example.com (no path, no trailing slash)'),
          z.refine(
            isOriginEntry,
            'expected "*" or an origin like https://www.example.com (no path, no trailing slash)',
          ),
        ),
    ),
    'Where the widget may run: "*", or origins like https://www.example.com (no path, no trailing slash).',
  ),
  logoToken: optional(text()),
  coverToken: optional(text()),
  meetingSlotSize: optional(count()),
  workingHours: described(
    z.array(workingHoursEntrySchema),
    'Openings: offsetSeconds from Monday 00:00 UTC, durationSeconds long. `closer-config hours` shows them in zoneId.',
  ),
  languageLocale: optional(text()),
  baseUrl: httpUrl(),
  /** The GDPR (RODO) agreement clause shown to visitors when `agreementEnabled`. */
  agreement: text(),
  agreementEnabled: flag(),
  welcomeMessagePl: optional(text()),
  welcomeMessageEn: optional(text()),
  headerWelcomeMessagePl: optional(text()),
  headerWelcomeMessageEn: optional(text()),
  phoneRegion: described(text(), 'The region phone numbers are read in, like PL (the docs called it phonePrefix).'),
  autoAssignedLimit: count(),
  callsEnabled: optional(flag()),
  callPopoutMode: optional(z.enum(CALL_POPOUT_MODES)),
  customerNotify: flag(),
  typingPreviewEnabled: flag(),
  openedConversationsMetricEnabled: flag(),
  waitingConversationsMetricEnabled: flag(),
  averageResponseTimeMetricEnabled: flag(),
  openedConversationsSlaEnabled: optional(flag()),
  waitingConversationsSlaEnabled: optional(flag()),
  averageResponseTimeSlaEnabled: optional(flag()),
  openedConversationsSlaRangeLowerBound: optional(count()),
  openedConversationsSlaRangeUpperBound: optional(count()),
  waitingConversationsSlaRangeLowerBound: optional(count()),
  waitingConversationsSlaRangeUpperBound: optional(count()),
  /** Milliseconds, like its upper bound. */
  averageResponseTimeSlaRangeLowerBound: optional(count()),
  averageResponseTimeSlaRangeUpperBound: optional(count()),
  cobrowseEnabled: flag(),
  continueConversationOnMobileEnabled: flag(),
  forgetMeEnabled: flag(),
  oauthEnabled: optional(flag()),
  showAdviserLastNameEnabled: optional(flag()),
  showAssignedAgentAvatarEnabled: optional(flag()),
  autoreassignEnabled: optional(flag()),
  profanitiesCheckingEnabled: optional(flag()),
  keyboardShortcutsEnabled: optional(flag()),
  reportsEnabled: optional(flag()),
  autoFollowOnUnassign: optional(flag()),
  snoozeOnRoomChange: optional(flag()),
  allowedAttachmentExtensions: optional(
    z.array(z.string().check(z.regex(EXTENSION, 'expected a file extension starting with a dot, like .pdf'))),
  ),
  maximumAttachmentSizeBytes: optional(count()),
  autoSnoozeTimeoutSeconds: optional(count()),
  autoCloseTimeoutSeconds: optional(count()),
  defaultAgentAvatarToken: optional(text()),
  messageMaxAllowedCharactersForAgent: optional(count()),
  messageMaxAllowedCharactersForClient: optional(count()),
  contactEnquiryActionEnabled: optional(flag()),
  meetingActionEnabled: optional(flag()),
  webSpeechApiEnabled: optional(flag()),
  resetRoomViewOnClose: optional(flag()),
  autoReassignOnWebsocketUnavailable: optional(flag()),
  zoneId: described(
    z
      .string()
      .check(
        z.regex(ZONE_NAME, 'expected an IANA time zone like Europe/Warsaw'),
        z.refine(isKnownTimeZone, 'expected an IANA time zone like Europe/Warsaw (this one is unknown)'),
      ),
    'The organisation’s time zone, an IANA name like Europe/Warsaw.',
  ),
  overrideStyles: optional(text()),
  widgetLogLevel: optional(text()),
  agentLogLevel: optional(text()),
  maintenanceWindows: described(
    z.array(maintenanceWindowSchema),
    'Planned maintenance: from and to in milliseconds since the Unix epoch, and the message visitors see.',
  ),
  welcomeMessageEnabled: flag(),
  ttlMs: optional(count()),
  externalIntegrationName: optional(text()),
  recordingEnabled: flag(),
  recordingValidityMinutes: count(),
  webrtcDiagnosticsEnabled: optional(flag()),
};

/** Fields Closer's docs show and the typed client lacks: known and typed, never required. */
const docsOnlyShape = {
  reassignOnLogoutEnabled: optional(flag()),
  statusChangeOnCloseEnabled: optional(flag()),
  defaultStatusAfterLogin: optional(z.enum(STATUSES_AFTER_LOGIN)),
};

/** The docs' names of fields the typed client names otherwise: which one, and how they differ. */
export const LEGACY_FIELDS = {
  callsDisabled: { field: 'callsEnabled', note: 'the opposite meaning: callsEnabled true is callsDisabled false' },
  defaultAgentAvatarUrl: { field: 'defaultAgentAvatarToken', note: 'a token of an uploaded file, not its URL' },
  phonePrefix: { field: 'phoneRegion', note: 'the same value, like PL' },
} as const;
export type LegacyField = keyof typeof LEGACY_FIELDS;

const legacy = <T extends z.core.$ZodType>(field: LegacyField, schema: T) =>
  described(
    optional(schema),
    `Legacy name from the docs: the typed client calls it ${LEGACY_FIELDS[field].field} (${LEGACY_FIELDS[field].note}).`,
    true,
  );
const legacyShape = {
  callsDisabled: legacy('callsDisabled', flag()),
  defaultAgentAvatarUrl: legacy('defaultAgentAvatarUrl', httpUrl()),
  phonePrefix: legacy('phonePrefix', text()),
};

const shape = { ...clientShape, ...docsOnlyShape, ...legacyShape };

/** The fields of Closer's typed client (`OrgConfig` in `@closerplatform/spinner-openapi`), in its order. */
export const CLIENT_FIELDS = Object.keys(clientShape) as readonly (keyof typeof clientShape)[];
/** Fields the docs show and the typed client lacks. */
export const DOCS_ONLY_FIELDS = Object.keys(docsOnlyShape) as readonly (keyof typeof docsOnlyShape)[];
export type DocsOnlyField = (typeof DOCS_ONLY_FIELDS)[number];
/** Every field the schema knows and types: the client's, the docs-only ones, the legacy names. */
export const ORG_CONFIG_FIELDS = Object.keys(shape) as readonly (keyof typeof shape)[];
/** The fields the typed client requires. */
export const REQUIRED_FIELDS = CLIENT_FIELDS.filter(
  (key) => (clientShape[key] as z.core.$ZodType)._zod.optin !== 'optional',
) as readonly (keyof typeof clientShape)[];

/** Each SLA lower bound above its upper bound, as [lower field, message]. */
export function slaRangeProblems(value: Record<string, unknown>): [string, string][] {
  const problems: [string, string][] = [];
  for (const [lower, upper] of SLA_RANGES) {
    const low = value[lower];
    const high = value[upper];
    if (typeof low === 'number' && typeof high === 'number' && low > high) {
      problems.push([lower, `must not exceed ${upper} (${high}), got ${low}`]);
    }
  }
  return problems;
}

/** Each maintenance window that ends before it starts, as [path, message]. */
export function maintenanceWindowProblems(value: Record<string, unknown>): [(string | number)[], string][] {
  const windows = value.maintenanceWindows;
  if (!Array.isArray(windows)) return [];
  const problems: [(string | number)[], string][] = [];
  windows.forEach((window: unknown, index) => {
    const { from, to } = (window ?? {}) as { from?: unknown; to?: unknown };
    if (typeof from === 'number' && typeof to === 'number' && to < from)
      problems.push([['maintenanceWindows', index, 'to'], `must not be before from (${from}), got ${to}`]);
  });
  return problems;
}

/** The checks `validate` makes that JSON Schema cannot express (the JSON Schema lets these pass). */
export const CHECKS_BEYOND_JSON_SCHEMA = [
  'each SLA lower bound is at most its upper bound',
  'each maintenance window ends at or after its start',
  'zoneId is a zone this runtime knows (the JSON Schema checks its shape)',
  'URLs and origins parse as URLs (the JSON Schema checks their shape)',
] as const;

const crossFieldChecks = z.superRefine((value: Record<string, unknown>, ctx) => {
  for (const [path, message] of slaRangeProblems(value))
    ctx.addIssue({ code: 'custom', path: [path], message, input: value[path] });
  for (const [path, message] of maintenanceWindowProblems(value))
    ctx.addIssue({ code: 'custom', path, message, input: undefined });
});

/**
 * The zod schema of a configuration. `safeParse` checks every field; prefer
 * `validateOrgConfig` (./validate.ts), which words the problems, keeps the document's
 * key order, names the legacy fields and also reports the cross-field checks when
 * another field already failed.
 */
export const orgConfigSchema = z.looseObject(shape).check(crossFieldChecks);

/**
 * The same with every field optional: a part of a configuration (an overlay, or a file
 * that `apply` completes with the fields only the live configuration has).
 */
export const orgConfigPartialSchema = z.partial(z.looseObject(shape)).check(crossFieldChecks);

/** An organisation's configuration: every known field, plus any the server adds. */
export type OrgConfig = z.infer<typeof orgConfigSchema>;
