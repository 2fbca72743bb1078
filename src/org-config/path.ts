/** Locations in a configuration document, written the way JavaScript would read them. */

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * `['workingHours', 2, 'durationSeconds']` → `workingHours[2].durationSeconds`;
 * a key that is not an identifier is quoted (`["odd key"]`); `[]` → `$` (the document).
 */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && IDENTIFIER.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out || '$';
}
