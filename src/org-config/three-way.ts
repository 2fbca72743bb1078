/**
 * Base, file and live: what the live configuration was when it was last pulled or
 * applied (the base, kept in the state file), what the files say now, and what the
 * server holds now. A field the server changed since the base is a *live change*;
 * applying the files over it would lose that change unless the files already agree.
 * Compared top-level field by top-level field (a list such as `workingHours` is one
 * field: the server replaces it whole, and so does an overlay).
 */
import { jsonEqual } from './json.js';

/** One side's value of a field; `present: false` when that side does not have the field. */
export interface Side {
  readonly present: boolean;
  readonly value?: unknown;
}

/**
 * - `stale`: the files still hold the base value; applying would undo the live change
 *   (`pull --merge` brings the live value into the files).
 * - `conflict`: the files changed the field too, to something else; someone decides.
 * - `same`: the files already hold the live value.
 * - `not-in-file`: the files do not set the field; applying keeps the live value.
 */
export type LiveChangeKind = 'stale' | 'conflict' | 'same' | 'not-in-file';

export interface LiveChange {
  readonly field: string;
  readonly kind: LiveChangeKind;
  readonly base: Side;
  readonly file: Side;
  readonly live: Side;
}

const side = (config: Record<string, unknown>, field: string): Side =>
  Object.hasOwn(config, field) ? { present: true, value: config[field] } : { present: false };
const sameSide = (a: Side, b: Side) => a.present === b.present && (!a.present || jsonEqual(a.value, b.value));

/** The fields the server changed since `base`, each with the three sides and what it means for an apply. */
export function liveChangesSinceBase(
  base: Record<string, unknown>,
  file: Record<string, unknown>,
  live: Record<string, unknown>,
): LiveChange[] {
  const fields = [...new Set([...Object.keys(base), ...Object.keys(live)])];
  return fields.flatMap((field): LiveChange[] => {
    const sides = { base: side(base, field), file: side(file, field), live: side(live, field) };
    if (sameSide(sides.base, sides.live)) return [];
    const kind: LiveChangeKind = !sides.file.present
      ? 'not-in-file'
      : sameSide(sides.file, sides.live)
        ? 'same'
        : sameSide(sides.file, sides.base)
          ? 'stale'
          : 'conflict';
    return [{ field, kind, ...sides }];
  });
}

/** The live changes an apply of the files would undo: the reason to refuse it. */
export const wouldBeLost = (changes: readonly LiveChange[]): LiveChange[] =>
  changes.filter((change) => change.kind === 'stale' || change.kind === 'conflict');
