/**
 * Validation with readable problems: every problem at once, each with its path, in
 * the order of the document. The configuration handed back is a copy of the input,
 * not zod's output, so unknown fields and the key order are exactly as they came.
 */
import type * as z from 'zod/mini';
import { OrgConfigValidationError, type OrgConfigProblem } from './errors.js';
import { formatPath } from './path.js';
import { ORG_CONFIG_FIELDS, orgConfigSchema, slaRangeProblems, type OrgConfig } from './schema.js';

export type OrgConfigValidation =
  | { readonly ok: true; readonly config: OrgConfig; readonly unknownFields: readonly string[] }
  | { readonly ok: false; readonly problems: readonly OrgConfigProblem[]; readonly unknownFields: readonly string[] };

const KNOWN = new Set<string>(ORG_CONFIG_FIELDS);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

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

function valueAt(root: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let value: unknown = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !(key in value)) return { found: false, value: undefined };
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value };
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const { found, value } = valueAt(input, issue.path);
  const got = found ? `, got ${describeValue(value)}` : '';
  switch (issue.code) {
    case 'invalid_type':
      if (!found) return `required: the field is missing (expected ${EXPECTED[issue.expected] ?? issue.expected})`;
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

/**
 * Checks a configuration (already parsed from JSON) against the documented fields.
 * Never throws. Unknown fields are not problems: they are listed in `unknownFields`
 * (a typo of a known name shows up there, and as that field missing).
 */
export function validateOrgConfig(input: unknown): OrgConfigValidation {
  const unknownFields = isRecord(input) ? Object.keys(input).filter((key) => !KNOWN.has(key)) : [];
  const result = orgConfigSchema.safeParse(input);
  if (result.success) return { ok: true, config: structuredClone(input) as OrgConfig, unknownFields };

  const problems = result.error.issues.map((issue) =>
    problem(
      issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k)),
      describeIssue(issue, input),
    ),
  );
  // zod skips an object's refinements once a field failed; the SLA ranges are still worth
  // reporting with everything else.
  if (isRecord(input)) {
    const seen = new Set(problems.map((p) => `${p.path}\n${p.message}`));
    for (const [field, message] of slaRangeProblems(input)) {
      if (!seen.has(`${field}\n${message}`)) problems.push(problem([field], message));
    }
  }
  return { ok: false, problems: inDocumentOrder(problems, input), unknownFields };
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
    return { ok: false, problems: [problem([], `not valid JSON${where}: ${message}`)], unknownFields: [] };
  }
  return validateOrgConfig(input);
}
