/**
 * Validation with readable problems: every problem at once, each with its path, in
 * the order of the document. The configuration handed back is a copy of the input,
 * not zod's output, so unknown fields and the key order are exactly as they came.
 * The docs' legacy field names are warnings that name the typed client's field.
 */
import type * as z from 'zod/mini';
import { OrgConfigValidationError, type OrgConfigProblem } from './errors.js';
import { isRecord, valueAt } from './json.js';
import { formatPath } from './path.js';
import {
  LEGACY_FIELDS,
  ORG_CONFIG_FIELDS,
  maintenanceWindowProblems,
  orgConfigPartialSchema,
  orgConfigSchema,
  slaRangeProblems,
  type LegacyField,
  type OrgConfig,
} from './schema.js';

interface ValidationNotes {
  /** Top-level fields the schema does not know: kept, never a problem. */
  readonly unknownFields: readonly string[];
  /** Not problems, but worth a look: a legacy field name, with the typed client's name for it. */
  readonly warnings: readonly OrgConfigProblem[];
}
export type OrgConfigValidation =
  | ({ readonly ok: true; readonly config: OrgConfig } & ValidationNotes)
  | ({ readonly ok: false; readonly problems: readonly OrgConfigProblem[] } & ValidationNotes);

/** The key an editor reads to find the JSON Schema; never part of the configuration. */
export const SCHEMA_KEY = '$schema';
const KNOWN = new Set<string>([...ORG_CONFIG_FIELDS, SCHEMA_KEY]);
const legacyOf = (key: string): (typeof LEGACY_FIELDS)[LegacyField] | undefined =>
  Object.hasOwn(LEGACY_FIELDS, key) ? LEGACY_FIELDS[key as LegacyField] : undefined;

/** `"orange"`, `1.5`, `null`, `an array`: what was found, short enough for one line. */
function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (isRecord(value)) return 'an object';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 39)}…` : value;
    return JSON.stringify(shown);
  }
  return String(value);
}

const EXPECTED: Record<string, string> = {
  boolean: 'true or false',
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  array: 'an array',
  object: 'an object',
};

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const { found, value } = valueAt(input, issue.path);
  const got = found ? `, got ${describeValue(value)}` : '';
  switch (issue.code) {
    case 'invalid_type':
      if (!found)
        return `required: the field is missing (expected ${EXPECTED[issue.expected] ?? issue.expected})${renamedFrom(issue.path, input)}`;
      return `expected ${EXPECTED[issue.expected] ?? issue.expected}${got}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => String(v)).join(', ')}${got}`;
    case 'too_small':
      return `must be ${String(issue.minimum)} or more${got}`;
    case 'too_big':
      return `must be ${String(issue.maximum)} or less${got}`;
    default:
      // Our own checks (formats, refinements) carry their message.
      return `${issue.message}${issue.code === 'custom' ? '' : got}`;
  }
}

/** ` (the file has the legacy phonePrefix: rename it)`, for a missing field whose legacy name is there. */
function renamedFrom(path: readonly PropertyKey[], input: unknown): string {
  if (path.length !== 1 || !isRecord(input)) return '';
  const legacyName = Object.keys(input).find((key) => legacyOf(key)?.field === path[0]);
  return legacyName ? ` (the file has the legacy ${legacyName}: ${legacyOf(legacyName)!.note})` : '';
}

/** One warning per legacy field name in the document. */
function legacyWarnings(input: unknown): OrgConfigProblem[] {
  if (!isRecord(input)) return [];
  return Object.keys(input).flatMap((key) => {
    const legacy = legacyOf(key);
    return legacy
      ? [problem([key], `a legacy name from the docs: Closer’s typed client calls it ${legacy.field} (${legacy.note})`)]
      : [];
  });
}

/** Problems sorted by where their top-level field stands in the document. */
function inDocumentOrder(problems: OrgConfigProblem[], input: unknown): OrgConfigProblem[] {
  const keys = isRecord(input) ? Object.keys(input) : [];
  const rank = (p: OrgConfigProblem) => {
    const top = p.segments[0];
    const inDoc = typeof top === 'string' ? keys.indexOf(top) : -1;
    // Missing fields come after the present ones, in the API's order.
    return inDoc >= 0 ? inDoc : keys.length + ORG_CONFIG_FIELDS.indexOf(top as never) + 1;
  };
  return problems
    .map((p, i) => ({ p, i, r: rank(p) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map(({ p }) => p);
}

const problem = (segments: readonly (string | number)[], message: string): OrgConfigProblem => ({
  path: formatPath(segments),
  segments,
  message,
});

export interface ValidateOptions {
  /** A part of a configuration: no field is required (an overlay, a file `apply` completes). */
  readonly partial?: boolean;
}

/**
 * Checks a configuration (already parsed from JSON) against the known fields. Never
 * throws. Unknown fields are not problems: they are listed in `unknownFields` (a typo
 * of a known name shows up there, and as that field missing); legacy names are
 * `warnings`.
 */
export function validateOrgConfig(input: unknown, { partial = false }: ValidateOptions = {}): OrgConfigValidation {
  const unknownFields = isRecord(input) ? Object.keys(input).filter((key) => !KNOWN.has(key)) : [];
  const warnings = legacyWarnings(input);
  const result = (partial ? orgConfigPartialSchema : orgConfigSchema).safeParse(input);
  if (result.success) return { ok: true, config: structuredClone(input) as OrgConfig, unknownFields, warnings };

  // A pattern and a parse of the same field may both fail with one message: say it once.
  const problems: OrgConfigProblem[] = [];
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    const found = problem(
      issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k)),
      describeIssue(issue, input),
    );
    const key = `${found.path}\n${issue.message}`;
    if (!seen.has(key)) problems.push(found);
    seen.add(key);
  }
  // zod skips an object's refinements once a field failed; the cross-field checks are
  // still worth reporting with everything else.
  if (isRecord(input)) {
    const crossField: [(string | number)[], string][] = [
      ...slaRangeProblems(input).map(([field, message]): [string[], string] => [[field], message]),
      ...maintenanceWindowProblems(input),
    ];
    for (const [segments, message] of crossField) {
      if (!seen.has(`${formatPath(segments)}\n${message}`)) problems.push(problem(segments, message));
    }
  }
  return { ok: false, problems: inDocumentOrder(problems, input), unknownFields, warnings };
}

/**
 * The configuration if valid, typed; otherwise throws `OrgConfigValidationError`
 * listing every problem. The result is a copy of `input`, unknown fields and key
 * order kept.
 */
export function parseOrgConfig(input: unknown): OrgConfig {
  const result = validateOrgConfig(input);
  if (!result.ok) throw new OrgConfigValidationError(result.problems);
  return result.config;
}

/** Line and column (1-based) of a character offset, for JSON syntax errors. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before.at(-1)!.length + 1}`;
}

/**
 * Validates a configuration file's text: a JSON syntax error is one problem at `$`
 * (with its line and column), otherwise as `validateOrgConfig`.
 */
export function validateOrgConfigJson(text: string): OrgConfigValidation {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const where = position ? ` (${lineAndColumn(text, Number(position[1]))})` : '';
    return {
      ok: false,
      problems: [problem([], `not valid JSON${where}: ${message}`)],
      unknownFields: [],
      warnings: [],
    };
  }
  return validateOrgConfig(input);
}
