/**
 * Field-by-field differences between two configurations, and the body a push sends.
 *
 * Arrays of plain values (`allowedAttachmentExtensions`, `origin`) compare as lists of
 * members: an added `.webp` is one difference, not a shift of every later index. Arrays
 * of objects (`workingHours`) compare index by index, field by field.
 */
import { isRecord, jsonEqual } from './json.js';
import { formatPath } from './path.js';

export type DifferenceKind = 'changed' | 'added' | 'removed';

/** One difference from `before` (the live configuration) to `after` (the file). */
export interface Difference {
  readonly kind: DifferenceKind;
  /** `color`, `workingHours[1].durationSeconds`, `allowedAttachmentExtensions[17]`. */
  readonly path: string;
  readonly segments: readonly (string | number)[];
  /** The value before (absent for `added`). */
  readonly before?: unknown;
  /** The value after (absent for `removed`). */
  readonly after?: unknown;
}

type Json = unknown;

const isPlain = (value: unknown) => value === null || typeof value !== 'object';

function diffValues(before: Json, after: Json, segments: (string | number)[], out: Difference[]): void {
  const at = (kind: DifferenceKind, path: (string | number)[], values: { before?: unknown; after?: unknown }) =>
    out.push({ kind, path: formatPath(path), segments: path, ...values });

  if (jsonEqual(before, after)) return;
  if (isRecord(before) && isRecord(after)) {
    for (const key of Object.keys(before)) {
      if (!(key in after)) at('removed', [...segments, key], { before: before[key] });
      else diffValues(before[key], after[key], [...segments, key], out);
    }
    for (const key of Object.keys(after)) if (!(key in before)) at('added', [...segments, key], { after: after[key] });
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.every(isPlain) && after.every(isPlain)) {
      const removed = before.map((v, i) => [v, i] as const).filter(([v]) => !after.some((w) => jsonEqual(v, w)));
      const added = after.map((v, i) => [v, i] as const).filter(([v]) => !before.some((w) => jsonEqual(v, w)));
      for (const [v, i] of removed) at('removed', [...segments, i], { before: v });
      for (const [v, i] of added) at('added', [...segments, i], { after: v });
      // Same members, another order (or other counts of a repeated one).
      if (!removed.length && !added.length) at('changed', segments, { before, after });
      return;
    }
    const common = Math.min(before.length, after.length);
    for (let i = 0; i < common; i++) diffValues(before[i], after[i], [...segments, i], out);
    for (let i = common; i < before.length; i++) at('removed', [...segments, i], { before: before[i] });
    for (let i = common; i < after.length; i++) at('added', [...segments, i], { after: after[i] });
    return;
  }
  at('changed', segments, { before, after });
}

/**
 * What changes from `before` to `after`, in `before`'s field order, then the fields
 * only `after` has. Empty when they are equal (key order aside).
 */
export function diffConfigs(before: Record<string, unknown>, after: Record<string, unknown>): Difference[] {
  const out: Difference[] = [];
  diffValues(before, after, [], out);
  return out;
}

/** What a push sends, and which of the server's fields it carries over unchanged. */
export interface PushPlan {
  /** The file's fields in the file's order, then the server's fields the file lacks. */
  readonly body: Record<string, unknown>;
  /** Top-level fields only the server has: sent back as they are. */
  readonly keptFromServer: readonly string[];
  /** What the push changes on the server. */
  readonly differences: readonly Difference[];
}

/**
 * The update a push makes: the file, plus every top-level field the live configuration
 * has and the file lacks (a setting the server added after the file was pulled), so a
 * push never deletes a server setting.
 */
export function planPush(live: Record<string, unknown>, file: Record<string, unknown>): PushPlan {
  const keptFromServer = Object.keys(live).filter((key) => !(key in file));
  const body: Record<string, unknown> = { ...file };
  for (const key of keptFromServer) body[key] = live[key];
  return { body, keptFromServer, differences: diffConfigs(live, body) };
}
