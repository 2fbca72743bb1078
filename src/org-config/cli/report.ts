/**
 * What `plan`, `apply` and `drift` print: for people, per target, the changes and the
 * three sides of every live change; for CI (`--json`), one documented, versioned shape
 * (docs/org-config.md, "The --json shape").
 */
import type { Difference } from '../diff.js';
import type { LiveChange, Side } from '../three-way.js';
import { formatValue, plural, renderDifferences, summariseDifferences } from '../terminal.js';
import { isFailure, type Comparison, type Failure, type FileProblem } from './compare.js';
import type { Context } from './context.js';
import { describeTarget } from './targets.js';
import type { Target } from './workspace.js';

/** The version of the `--json` shape; bumped on any change that could break a reader. */
export const JSON_SHAPE_VERSION = 1;

export type TargetStatus = 'no-changes' | 'changes' | 'invalid' | 'error' | 'refused' | 'not-confirmed' | 'applied';

export interface TargetReport {
  readonly target: string;
  readonly org: string | null;
  readonly env: string | null;
  readonly orgId: string;
  readonly host: string;
  readonly files: readonly string[];
  readonly status: TargetStatus;
  readonly problems: readonly FileProblem[];
  readonly warnings: readonly FileProblem[];
  readonly differences: readonly Difference[];
  readonly keptFromServer: readonly string[];
  /** `none`: no base snapshot; `unchanged`/`changed`: the live configuration since it. */
  readonly base: 'none' | 'unchanged' | 'changed';
  readonly liveChanges: readonly LiveChange[];
  readonly error: { readonly code: string | null; readonly message: string } | null;
  readonly backup?: string | null;
  /** Fields the server holds otherwise than sent, read back after the write. */
  readonly notAsSent?: readonly Difference[] | null;
}

function identity(target: Target) {
  return {
    target: target.name,
    org: target.org ?? null,
    env: target.env ?? null,
    orgId: target.orgId,
    host: new URL(target.baseUrl).host,
    files: target.files,
  };
}

/** The report of a compared target (`status` as the command decides) or of a failure. */
export function reportOf(result: Comparison | Failure, status?: TargetStatus): TargetReport {
  if (isFailure(result))
    return {
      ...identity(result.target),
      status: result.problems.length ? 'invalid' : 'error',
      problems: result.problems,
      warnings: result.warnings,
      differences: [],
      keptFromServer: [],
      base: 'none',
      liveChanges: [],
      error: result.problems.length ? null : { code: result.code ?? null, message: result.message },
    };
  const invalid = result.problems.length > 0;
  return {
    ...identity(result.target),
    status: invalid ? 'invalid' : (status ?? (result.plan.differences.length ? 'changes' : 'no-changes')),
    problems: result.problems,
    warnings: result.warnings,
    differences: result.plan.differences,
    keptFromServer: result.plan.keptFromServer,
    base: !result.base ? 'none' : result.liveChanges.length ? 'changed' : 'unchanged',
    liveChanges: result.liveChanges,
    error: null,
  };
}

/** The `--json` document of a run. */
export function jsonDocument(command: string, reports: readonly TargetReport[]) {
  const count = (...statuses: TargetStatus[]) => reports.filter((r) => statuses.includes(r.status)).length;
  return {
    version: JSON_SHAPE_VERSION,
    command,
    summary: {
      targets: reports.length,
      changes: count('changes', 'refused', 'not-confirmed'),
      noChanges: count('no-changes'),
      applied: count('applied'),
      errors: count('invalid', 'error'),
    },
    targets: reports,
  };
}

const sideText = (s: Side, max: number) => (s.present ? formatValue(s.value, max) : '(absent)');

const KIND_NOTE: Record<LiveChange['kind'], string> = {
  stale: 'the files hold the base value: apply would undo it; pull --merge takes it',
  conflict: 'changed in the files too: decide, then pull --merge or apply --force',
  same: 'the files already hold it',
  'not-in-file': 'the files do not set it: apply keeps it',
};

/** Base, file and live of every live change, as a table. */
export function renderLiveChanges(ctx: Context, changes: readonly LiveChange[]): string[] {
  const { style } = ctx;
  const rows = changes.map((c) => [c.field, sideText(c.base, 28), sideText(c.file, 28), sideText(c.live, 28)]);
  const header = ['field', 'base', 'file', 'live'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [
    `    ${style('dim', line(header))}`,
    ...rows.map(
      (cells, i) =>
        `    ${line(cells)}  ${style(changes[i].kind === 'conflict' ? 'red' : 'dim', KIND_NOTE[changes[i].kind])}`,
    ),
  ];
}

/** The lines for one target of a plan or a drift check. */
export function renderComparison(ctx: Context, result: Comparison | Failure, write = ctx.out): void {
  const { style } = ctx;
  const title = style('bold', describeTarget(result.target));
  for (const w of result.warnings) ctx.err(`${style('yellow', 'warning')}: ${w.file}: ${w.path}: ${w.message}`);
  if (isFailure(result)) {
    if (result.problems.length) {
      write(`${title}: ${style('red', plural(result.problems.length, 'problem'))}, not compared`);
      for (const p of result.problems) write(`  ${p.file}: ${style('bold', p.path)}: ${p.message}`);
    } else ctx.err(`${title}: ${style('red', 'error')}: ${result.message}`);
    return;
  }
  const { differences, keptFromServer } = result.plan;
  if (result.problems.length) {
    write(`${title}: ${style('red', plural(result.problems.length, 'problem'))} in what apply would send`);
    for (const p of result.problems) write(`  ${p.file}: ${style('bold', p.path)}: ${p.message}`);
  }
  if (differences.length) {
    write(`${title}: ${plural(differences.length, 'change')}`);
    for (const line of renderDifferences(differences, style)) write(line);
    write(style('dim', `  ${summariseDifferences(differences)}`));
  } else write(`${title}: ${style('green', 'no changes')}`);
  if (keptFromServer.length) write(style('dim', `  only on the server, kept by apply: ${keptFromServer.join(', ')}`));
  if (!result.base) {
    write(style('dim', '  no base snapshot: pull to record one (apply cannot tell a lost update without it)'));
  } else if (result.liveChanges.length) {
    write(
      `  ${style('yellow', 'the live configuration changed since the base')} (recorded ${result.base.recordedAt}):`,
    );
    for (const line of renderLiveChanges(ctx, result.liveChanges)) write(line);
    if (result.lost.length)
      write(
        `  ${style('red', `apply would refuse: it would undo ${plural(result.lost.length, 'live change')}`)} (--force overrides)`,
      );
  }
}
