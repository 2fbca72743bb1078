/**
 * The organisation configuration as the org configuration API returns it
 * (`GET /api/orgs/{orgId}/config`): every documented field, its type and its bounds.
 *
 * Objects are *loose*: a field the schema does not know is kept, untouched, so a
 * configuration read from a newer server survives read → edit → write.
 *
 * zod/mini rather than classic zod: the same flavour as the element's own option
 * parsing (src/options.ts), so an app that ships both shares one zod, and this entry
 * stays a few kB in a browser. Messages come from ./validate.ts, not from a zod locale.
 */
import * as z from 'zod/mini';

/** Seconds in a week: working-hours offsets count from the start of the week. */
export const WEEK_SECONDS = 7 * 24 * 60 * 60;

/** The statuses an adviser may get on login, the one enumeration the API documents. */
export const STATUSES_AFTER_LOGIN = ['available', 'away', 'unavailable', 'unready'] as const;
export type StatusAfterLogin = (typeof STATUSES_AFTER_LOGIN)[number];

const HEX_COLOUR = /^#(?:[0-9a-fA-F]{3}){1,2}$/;
/** `.pdf`, `.tar.gz`: a dot, then no space, slash or empty part. */
const EXTENSION = /^(?:\.[^\s./\\]+)+$/;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && value === value.trim();
  } catch {
    return false;
  }
}

/** `*`, or exactly an origin: scheme, host and port, no path, no trailing slash. */
function isOriginEntry(value: string): boolean {
  if (value === '*') return true;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

const flag = () => z.boolean();
/** A count, a size or a timeout: a whole number, never negative. */
const count = () => z.int().check(z.nonnegative());
const text = () => z.string();
const httpUrl = () =>
  z.string().check(z.refine(isHttpUrl, 'expected an absolute http(s) URL like https://example.com/page'));

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

/** Each SLA range: the field holding its lower bound and the one holding its upper bound. */
export const SLA_RANGES = [
  ['openedConversationsSlaRangeLowerBound', 'openedConversationsSlaRangeUpperBound'],
  ['waitingConversationsSlaRangeLowerBound', 'waitingConversationsSlaRangeUpperBound'],
  ['averageResponseTimeSlaRangeLowerBound', 'averageResponseTimeSlaRangeUpperBound'],
] as const;

/** The fields in the order the API documents them (and returns them). */
const shape = {
  profanitiesCheckingEnabled: flag(),
  showAdviserLastNameEnabled: flag(),
  cobrowseEnabled: flag(),
  forgetMeEnabled: flag(),
  continueConversationOnMobileEnabled: flag(),
  typingPreviewEnabled: flag(),
  callsDisabled: flag(),
  defaultAgentAvatarUrl: httpUrl(),
  /** The widget's colour, `#rgb` or `#rrggbb`. */
  color: z.string().check(z.regex(HEX_COLOUR, 'expected a hex colour like #fe7f00')),
  /** The GDPR (RODO) agreement clause shown to visitors when `agreementEnabled`. */
  agreement: text(),
  name: z.string().check(z.minLength(1, 'expected the organisation’s name, not an empty string')),
  allowedAttachmentExtensions: z.array(
    z.string().check(z.regex(EXTENSION, 'expected a file extension starting with a dot, like .pdf')),
  ),
  maximumAttachmentSizeBytes: count(),
  messageMaxAllowedCharactersForClient: count(),
  phonePrefix: text(),
  webSpeechApiEnabled: flag(),
  /** Where the widget may run: `*`, or origins like `https://www.example.com`. */
  origin: z.array(
    z
      .string()
      .check(
        z.refine(isOriginEntry, 'expected "*" or an origin like https://www.example.com (no path, no trailing slash)'),
      ),
  ),
  welcomeMessagePl: text(),
  welcomeMessageEn: text(),
  headerWelcomeMessagePl: text(),
  headerWelcomeMessageEn: text(),
  agreementEnabled: flag(),
  baseUrl: httpUrl(),
  autoAssignedLimit: count(),
  workingHours: z.array(workingHoursEntrySchema),
  openedConversationsMetricEnabled: flag(),
  waitingConversationsMetricEnabled: flag(),
  averageResponseTimeMetricEnabled: flag(),
  openedConversationsSlaEnabled: flag(),
  waitingConversationsSlaEnabled: flag(),
  averageResponseTimeSlaEnabled: flag(),
  openedConversationsSlaRangeLowerBound: count(),
  waitingConversationsSlaRangeLowerBound: count(),
  /** Milliseconds, like its upper bound. */
  averageResponseTimeSlaRangeLowerBound: count(),
  openedConversationsSlaRangeUpperBound: count(),
  waitingConversationsSlaRangeUpperBound: count(),
  averageResponseTimeSlaRangeUpperBound: count(),
  autoreassignEnabled: flag(),
  reportsEnabled: flag(),
  oauthEnabled: flag(),
  autoFollowOnUnassign: flag(),
  reassignOnLogoutEnabled: flag(),
  statusChangeOnCloseEnabled: flag(),
  snoozeOnRoomChange: flag(),
  autoCloseTimeoutSeconds: count(),
  autoSnoozeTimeoutSeconds: count(),
  messageMaxAllowedCharactersForAgent: count(),
  contactEnquiryActionEnabled: flag(),
  meetingActionEnabled: flag(),
  defaultStatusAfterLogin: z.enum(STATUSES_AFTER_LOGIN),
  autoReassignOnWebsocketUnavailable: flag(),
};

/** The documented field names, in the API's order. */
export const ORG_CONFIG_FIELDS = Object.keys(shape) as readonly (keyof typeof shape)[];

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

/**
 * The zod schema of a configuration. `safeParse` checks every field; prefer
 * `validateOrgConfig` (./validate.ts), which words the problems, keeps the document's
 * key order and also reports the SLA ranges when another field already failed.
 */
export const orgConfigSchema = z.looseObject(shape).check(
  z.superRefine((value, ctx) => {
    for (const [path, message] of slaRangeProblems(value))
      ctx.addIssue({ code: 'custom', path: [path], message, input: value[path] });
  }),
);

/** An organisation's configuration: every documented field, plus any the server adds. */
export type OrgConfig = z.infer<typeof orgConfigSchema>;
