/**
 * One target compared, as `plan`, `apply` and `drift` all need it: its files resolved,
 * the live configuration read, what an apply would send (the files plus the fields only
 * the server has) and change, and what the server changed since the base snapshot.
 */
import { planPush, type Difference, type PushPlan } from '../diff.js';
import { OrgConfigError, type OrgConfigProblem } from '../errors.js';
import { liveChangesSinceBase, wouldBeLost, type LiveChange } from '../three-way.js';
import { validateOrgConfig } from '../validate.js';
import { CliError, type Context } from './context.js';
import { OUTCOME_OF_ERROR, type Outcome } from './exit-codes.js';
import { readBase, type BaseSnapshot } from './state.js';
import { clientFor, resolveConfig, type ConnectionOptions } from './targets.js';
import type { OrgConfigClient } from '../client.js';
import type { Target } from './workspace.js';

/** A problem with the file it comes from. */
export type FileProblem = OrgConfigProblem & { readonly file: string };

export interface Comparison {
  readonly target: Target;
  readonly client: OrgConfigClient;
  readonly file: Record<string, unknown>;
  readonly live: Record<string, unknown>;
  readonly plan: PushPlan;
  /** Legacy names and the like, each with its file. */
  readonly warnings: readonly FileProblem[];
  /** Problems of what an apply would send: a field the client requires and neither side has, say. */
  readonly problems: readonly FileProblem[];
  readonly base: BaseSnapshot | undefined;
  /** What the server changed since the base (none without a base). */
  readonly liveChanges: readonly LiveChange[];
  /** The live changes an apply would undo. */
  readonly lost: readonly LiveChange[];
}

/** A target that could not be compared: its files are invalid, or the request failed. */
export interface Failure {
  readonly target: Target;
  readonly outcome: Outcome;
  readonly message: string;
  readonly problems: readonly FileProblem[];
  readonly warnings: readonly FileProblem[];
  readonly code?: string;
}

export const isFailure = <T extends object>(result: T | Failure): result is Failure => 'outcome' in result;

/**
 * The files of `target` checked offline: problems (with their files) stop it before
 * any request, so a broken file never costs a round trip, let alone a write.
 */
export async function checkFiles(ctx: Context, target: Target) {
  const resolved = await resolveConfig(ctx, target);
  const withFile = (p: OrgConfigProblem): FileProblem => ({ ...p, file: resolved.fileOf(p) });
  const warnings = resolved.validation.warnings.map(withFile);
  const problems = resolved.validation.ok ? [] : resolved.validation.problems.map(withFile);
  return { config: resolved.config, problems, warnings };
}

/** Compares one target; a failure is returned, not thrown, so the other targets still run. */
export async function compareTarget(
  ctx: Context,
  target: Target,
  options: ConnectionOptions,
): Promise<Comparison | Failure> {
  const { config, problems, warnings } = await checkFiles(ctx, target);
  if (!config || problems.length)
    return { target, outcome: 'failed', message: 'the files are invalid', problems, warnings };
  try {
    const client = clientFor(ctx, target, options);
    const live = await client.getRawConfig();
    return await compareWithLive(ctx, target, client, config, live, warnings);
  } catch (error) {
    return failureOf(target, error, warnings);
  }
}

/** The comparison once the live configuration is known. */
export async function compareWithLive(
  ctx: Context,
  target: Target,
  client: OrgConfigClient,
  file: Record<string, unknown>,
  live: Record<string, unknown>,
  warnings: readonly FileProblem[],
): Promise<Comparison> {
  const plan = planPush(live, file);
  // A field the client requires is fine missing from the files if the server has it.
  const sent = validateOrgConfig(plan.body);
  const problems = sent.ok
    ? []
    : sent.problems.map((p) => ({
        ...p,
        file: target.files.at(-1)!,
        message: p.message.startsWith('required:') ? `${p.message}; the live configuration lacks it too` : p.message,
      }));
  const base = await readBase(ctx, target);
  const liveChanges = base ? liveChangesSinceBase(base.config, file, live) : [];
  return { target, client, file, live, plan, warnings, problems, base, liveChanges, lost: wouldBeLost(liveChanges) };
}

/** A thrown error as a target's failure: a library error keeps its outcome; anything else is a bug. */
export function failureOf(target: Target, error: unknown, warnings: readonly FileProblem[] = []): Failure {
  if (error instanceof CliError)
    return { target, outcome: error.outcome, message: error.message, problems: [], warnings };
  if (error instanceof OrgConfigError)
    return {
      target,
      outcome: OUTCOME_OF_ERROR[error.code],
      message: error.message.replace(/^\[closer-config\] /, ''),
      problems: [],
      warnings,
      code: error.code,
    };
  throw error;
}

/** The differences of a comparison, top-level field by field: changed in the admin panel, or only in the files. */
export function differencesBySource(comparison: Comparison): { live: Difference[]; files: Difference[] } {
  const changedLive = new Set(comparison.liveChanges.map((c) => c.field));
  const live: Difference[] = [];
  const files: Difference[] = [];
  for (const d of comparison.plan.differences) (changedLive.has(String(d.segments[0])) ? live : files).push(d);
  return { live, files };
}

/** How a target's comparison ends a plan or a drift check: failed, changes, or ok. */
export function outcomeOf(result: Comparison | Failure): Outcome {
  if (isFailure(result)) return result.outcome;
  if (result.problems.length) return 'failed';
  return result.plan.differences.length ? 'changes' : 'ok';
}
