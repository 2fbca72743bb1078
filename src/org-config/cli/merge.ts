/**
 * `pull --merge`: the changes made on the server since the base snapshot, brought into
 * the files where they do not conflict with an edit in the files. A live value goes
 * into the target's own file (its last environment overlay, created if need be), so a
 * change to one organisation's production never leaks into the files others share.
 * The base moves to the live configuration only once nothing is left in conflict.
 */
import { existsSync } from 'node:fs';
import { jsonEqual } from '../json.js';
import { liveChangesSinceBase, type LiveChange } from '../three-way.js';
import { CliError, jsonText, type Context } from './context.js';
import { checkFiles, failureOf, type Failure } from './compare.js';
import { readBase, recordBase } from './state.js';
import { clientFor, type ConnectionOptions } from './targets.js';
import { addEnvironmentOverlay, type Target } from './workspace.js';

export interface MergeResult {
  readonly target: Target;
  /** Fields whose live value was written into `file`. */
  readonly merged: readonly LiveChange[];
  /** Fields left as they are: changed on both sides, or a removal the target's own file cannot express. */
  readonly conflicts: readonly (LiveChange & { readonly why: string })[];
  /** Without a base: fields where the files and the live configuration differ (apply would send the files'). */
  readonly unbased: readonly string[];
  readonly file: string;
  readonly baseRecorded: boolean;
}

export async function mergeTarget(
  ctx: Context,
  target: Target,
  options: ConnectionOptions,
): Promise<MergeResult | Failure> {
  try {
    const { config } = await checkFiles(ctx, target);
    if (!config) throw new CliError('failed', `${target.files.join(', ')}: not a JSON object; fix it first`);
    const client = clientFor(ctx, target, options);
    const live = await client.getRawConfig();
    const base = await readBase(ctx, target);
    const own = await ctx.readJsonObject(target.ownFile, { missingIsEmpty: true });
    const ownExisted = existsSync(target.ownFile);
    // Without a base nobody can tell which side changed: add what the files lack, list the rest.
    const changes = base
      ? liveChangesSinceBase(base.config, config, live)
      : liveChangesSinceBase({}, config, live).filter((c) => c.kind === 'not-in-file');
    const unbased = base
      ? []
      : Object.keys(live).filter((k) => Object.hasOwn(config, k) && !jsonEqual(config[k], live[k]));
    const merged: LiveChange[] = [];
    const conflicts: (LiveChange & { why: string })[] = [];
    for (const change of changes) {
      if (change.kind === 'same' || (change.kind === 'not-in-file' && !change.live.present)) continue;
      if (change.kind === 'conflict') {
        conflicts.push({ ...change, why: 'changed in the files and on the server' });
      } else if (change.live.present) {
        own[change.field] = change.live.value;
        merged.push(change);
      } else if (Object.hasOwn(own, change.field) && target.files.filter((f) => f !== target.ownFile).length === 0) {
        delete own[change.field];
        merged.push(change);
      } else {
        conflicts.push({ ...change, why: 'removed on the server; remove it from the files by hand' });
      }
    }
    if (merged.length) {
      await ctx.writeText(target.ownFile, jsonText(own), { mkdir: true });
      if (!ownExisted && target.workspace) await addEnvironmentOverlay(ctx, target, target.ownFile);
    }
    const baseRecorded = conflicts.length === 0;
    if (baseRecorded) await recordBase(ctx, target, live);
    return { target, merged, conflicts, unbased, file: target.ownFile, baseRecorded };
  } catch (error) {
    return failureOf(target, error);
  }
}
