/**
 * Why a config is invalid, one issue per input to fix, each naming its attribute or
 * property, what was expected and (where it is no secret) what was received, from the
 * zod schemas (schemas.ts). Loaded only when a kind's check refused an input (options.ts,
 * a dynamic import: an app's bundler splits it off, zod with it; the self-contained
 * bundle has it inline), so a valid page never evaluates these messages.
 */
import {
  CONSENT_STATES,
  inputValue,
  INPUTS,
  isExtraOptionAllowed,
  type ElementValues,
  isPlainObject,
  LOADING_STRATEGIES,
  nameOf,
  OFFICIAL_WIDGET_URL,
  propertyOf,
  type InputRow,
  type Kind,
  type ReservedOption,
} from './attributes.js';
import { errorDetail, type CloserErrorDetail, type ConfigIssue } from '../errors.js';
import { schemaOf } from './schemas.js';

const UUID_HINT = 'expected a UUID like 00000000-0000-0000-0000-000000000000';

/** What a message says each kind expected. */
const EXPECTED: Record<Kind, string> = {
  text: 'expected text',
  flag: 'expected true or false',
  optionalFlag: 'expected true or false',
  uuid: UUID_HINT,
  optionalUuid: UUID_HINT,
  strategy: `expected one of ${LOADING_STRATEGIES.join(', ')}`,
  widgetUrl: `only the official widget (${OFFICIAL_WIDGET_URL}) or a script on this page's own origin may be loaded`,
  consent: `expected one of ${CONSENT_STATES.join(', ')} (or no consent attribute)`,
  // Spelled out rather than imported: consent/managers.ts loads with the adapters (a test checks the list).
  consentSource:
    'expected <manager>:<what>: tcf:<purpose ids> (e.g. tcf:1,11), cookieconsent:<category>, klaro:<service>, onetrust:<group id> or cookiebot:<category>',
  milliseconds: 'expected a number of milliseconds, 0 or more',
  loginHint: 'expected a function returning Promise<string>',
  identity: 'expected an object such as { email, firstName, lastName }',
  extraOptions: 'expected a plain object',
};

/** Why a key of `options` is refused: one entry per reserved option (the type holds them to the list). */
const RESERVED_FIX: Readonly<Record<ReservedOption, string>> = {
  orgId: 'set the org-id attribute instead',
  apiKey: 'set the api-key attribute instead',
  getLoginHintToken: 'set the getLoginHintToken property instead',
};

function received(row: InputRow, value: unknown): string {
  if (!('echo' in row) || (typeof value !== 'string' && typeof value !== 'boolean')) return '';
  return ` (received ${JSON.stringify(String(value).slice(0, 80))})`;
}

/** The issue of one input, if its value fails its schema. */
function issueOf(row: InputRow, input: ElementValues): ConfigIssue | undefined {
  const raw = input[propertyOf(row)];
  const result = schemaOf(row.type).safeParse(inputValue(row, input));
  if (result.success) return undefined;
  const name = nameOf(row);
  const expected = EXPECTED[row.type];
  // A missing value reports as a type error; say "required" instead.
  if (result.error.issues[0]?.code === 'invalid_type' && raw == null) {
    return { name, message: `${name}: required (${expected})` };
  }
  return { name, message: `${name}: ${expected}${received(row, raw)}` };
}

/** `options` may carry SDK options we do not know yet, but no callbacks and none of ours. */
function extraOptionIssues(options: Record<string, unknown>): ConfigIssue[] {
  return Object.entries(options)
    .filter((entry) => !isExtraOptionAllowed(entry))
    .map(([key]) => {
      const name = `options.${key}`;
      const why =
        key in RESERVED_FIX
          ? `not allowed here; ${RESERVED_FIX[key as ReservedOption]}`
          : "callbacks are not allowed in options; listen to the element's closer-* events instead";
      return { name, message: `${name}: ${why}` };
    });
}

/** Two inputs that cannot both be set (options.ts, `conflicting`). */
function conflictIssues(input: ElementValues): ConfigIssue[] {
  if (input.consent == null || input.consentFrom == null) return [];
  const message =
    'consent-from: not together with consent (which would decide?); remove consent to let the consent manager decide';
  return [{ name: 'consent-from', message }];
}

/** The issues of an input options.ts refused: each input's own, else a conflict, else those of `options`. */
export function configIssues(input: ElementValues): ConfigIssue[] {
  const issues = INPUTS.map((row) => issueOf(row, input)).filter((issue) => issue !== undefined);
  if (issues.length > 0) return issues;
  const conflicts = conflictIssues(input);
  if (conflicts.length > 0) return conflicts;
  return extraOptionIssues(isPlainObject(input.options) ? input.options : {});
}

/** The `closer-error` detail of an invalid config: one line per issue, naming each attribute, echoing no secret. */
export function invalidConfig(input: ElementValues): CloserErrorDetail {
  const issues = configIssues(input);
  const what = ['invalid configuration:', ...issues.map((issue) => `  - ${issue.message}`)].join('\n');
  return errorDetail('invalid-config', what, issues);
}
