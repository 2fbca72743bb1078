/**
 * The input rules the boot reads attributes by, before the element exists: kept apart
 * from the attribute table (attributes.ts, which re-exports them) so that the boot, and
 * a bundler's first chunk, carry these few lines and not the table. Plain TypeScript.
 */

export const OFFICIAL_WIDGET_URL = 'https://widget.closer.app/widget.js';
const OFFICIAL_WIDGET_HOST = 'widget.closer.app';

export const LOADING_STRATEGIES = ['eager', 'idle', 'interaction', 'manual'] as const;
/** When the widget script is fetched. */
export type LoadingStrategy = (typeof LOADING_STRATEGIES)[number];

/**
 * A boolean attribute where the literal "false" also means false: CMS editors write
 * `disable-auto-open="false"` and expect it to do what it says.
 */
export const booleanAttribute = {
  fromAttribute: (value: string | null): boolean => value !== null && !saysFalse(value),
};

/** The literal "false", in any case and with blanks around it: a flag turned off. */
export const saysFalse = (value: string | null | undefined): boolean => value?.trim().toLowerCase() === 'false';

/**
 * Absent → undefined (the SDK's own default), `""`/`"true"` → true, `"false"` → false.
 * For `show-button`, whose SDK default also remembers a widget opened before.
 */
export const optionalBooleanAttribute = {
  fromAttribute: (value: string | null): boolean | undefined =>
    value === null ? undefined : booleanAttribute.fromAttribute(value),
};

/** Only the development widget on this page's origin, or the official one. */
export function isAllowedWidgetUrl(src: unknown): boolean {
  if (typeof src !== 'string') return false;
  let url: URL;
  try {
    url = new URL(src, document.baseURI);
  } catch {
    return false;
  }
  // The document's own origin (`window.origin`): right in a srcdoc frame too, whose
  // location is about:srcdoc; "null" (opaque, sandboxed) never matches.
  const sameOrigin = url.origin === window.origin && url.origin !== 'null';
  return sameOrigin || (url.protocol === 'https:' && url.host === OFFICIAL_WIDGET_HOST);
}

/** Any version of UUID (as zod's `guid()`), in either case. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
