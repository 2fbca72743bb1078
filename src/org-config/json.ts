/**
 * JSON values: the one place org-config tells an object from an array, compares,
 * merges and fingerprints them. (The element has its own `isPlainObject` in
 * src/config/attributes.ts; the two builds stay apart, so neither imports the other.)
 */

/** A JSON object: not null, not an array. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep equality of JSON values; object key order does not count. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}

/**
 * `overlay` merged onto `base`: objects merge key by key, recursively; anything else
 * (an array, a string, null) in `overlay` replaces what `base` had. Keys keep
 * `base`'s order, then the overlay's new ones. Neither input is changed.
 */
export function deepMerge(base: Record<string, unknown>, overlay: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(overlay)) {
    const current = out[key];
    out[key] = isRecord(current) && isRecord(value) ? deepMerge(current, value) : structuredClone(value);
  }
  return out;
}

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The value at `segments` inside `root`, and whether it is there at all. */
export function valueAt(root: unknown, segments: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let value: unknown = root;
  for (const key of segments) {
    if (typeof value !== 'object' || value === null || !(key in value)) return { found: false, value: undefined };
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value };
}
