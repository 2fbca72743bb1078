/**
 * What `closer-config` prints for people: problems, differences and the weekly hours
 * table. Plain strings; colour comes in through `Style`, which is a no-op unless
 * the CLI decided stdout is a terminal that wants colour.
 */
import type { Difference } from './diff.js';
import type { OrgConfigProblem } from './errors.js';
import { ORG_CONFIG_FIELDS } from './schema.js';
import type { WeeklySchedule } from './working-hours.js';

export type Colour = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan';
export type Style = (colour: Colour, text: string) => string;
export const plain: Style = (_colour, text) => text;

const KNOWN = new Set<string>(ORG_CONFIG_FIELDS);
/** `1 problem`, `3 problems`. */
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A value on one line: JSON, long strings cut with `…`. */
export function formatValue(value: unknown, max = 60): string {
  const json = JSON.stringify(value) ?? String(value);
  if (json.length <= max) return json;
  return typeof value === 'string' ? `${json.slice(0, max - 2)}…"` : `${json.slice(0, max - 1)}…`;
}

/** `  color: expected a hex colour like #fe7f00, got "orange"`, one line per problem. */
export function renderProblems(problems: readonly OrgConfigProblem[], style: Style): string[] {
  return problems.map((p) => `  ${style('bold', p.path)}: ${p.message}`);
}

/** One line per difference: `~` changed, `+` added, `-` removed, from the live configuration to the file. */
export function renderDifferences(differences: readonly Difference[], style: Style): string[] {
  return differences.map((d) => {
    const path = style('bold', d.path);
    const undocumented =
      d.segments.length === 1 && !KNOWN.has(String(d.segments[0])) ? style('dim', '  (not a documented field)') : '';
    if (d.kind === 'changed')
      return `  ${style('yellow', '~')} ${path}: ${style('red', formatValue(d.before))} → ${style('green', formatValue(d.after))}${undocumented}`;
    if (d.kind === 'added')
      return `  ${style('green', '+')} ${path}: ${style('green', formatValue(d.after))}${undocumented}`;
    return `  ${style('red', '-')} ${path}: ${style('red', formatValue(d.before))}${undocumented}`;
  });
}

/** `3 changed, 1 added, 1 removed`. */
export function summariseDifferences(differences: readonly Difference[]): string {
  const count = (kind: Difference['kind']) => differences.filter((d) => d.kind === kind).length;
  return [`${count('changed')} changed`, `${count('added')} added`, `${count('removed')} removed`].join(', ');
}

/** `8 h 29 min`. */
export function formatDuration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h && m ? `${h} h ${m} min` : h ? `${h} h` : `${m} min`;
}

/** The week as a table: one row per day, its openings or `closed`. */
export function renderHoursTable(schedule: WeeklySchedule, style: Style): string[] {
  const rows = schedule.map(({ day, open }) => {
    const times = open.length ? open.map(({ start, end }) => `${start}–${end}`).join(', ') : style('dim', 'closed');
    return `  ${style('bold', day)}  ${times}`;
  });
  return [`  ${style('dim', 'Day  Open')}`, ...rows];
}
