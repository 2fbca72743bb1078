/**
 * The facade: a small launcher drawn by the element until the real widget has drawn
 * its own (for `interaction`, Save-Data, or while consent is withheld), and the watch
 * that tells when that has happened.
 */
import { css, html, nothing, svg, unsafeCSS, type TemplateResult } from 'lit';
import { CHAT_ICON_PATH, LAUNCHER_CSS } from '../boot/launcher-look.js';

/** If the widget adds nothing to the page once initialised, hand over after this anyway. */
export const DRAW_TIMEOUT_MS = 3_000;

const chatIcon = svg`<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false"><path fill="currentColor" d=${CHAT_ICON_PATH}/></svg>`;

/** The launcher's look (shared with the boot), and the note that only the element draws. */
// prettier-ignore
export const facadeStyles = [unsafeCSS(LAUNCHER_CSS), css`
  p {
    position: fixed; inset-inline-end: var(--_x); z-index: var(--_z); box-shadow: var(--_shadow);
    inset-block-end: calc(var(--_y) + var(--_size) + 12px); max-inline-size: 16rem; margin: 0;
    padding: 8px 12px; border-radius: 8px; background: #fff; color: #1f2937; font: 14px/1.4 system-ui, sans-serif;
  }
`];

interface FacadeHandlers {
  readonly label: string;
  readonly busy: boolean;
  /** A note next to the launcher (the chat needs consent). */
  readonly note: string | undefined;
  /** Pointer over or focus on the launcher, not a finger landing: a tap's click follows at once, and its busy state paints first. */
  readonly onIntent: () => void;
  readonly onClick: () => void;
}

export function renderFacade({ label, busy, note, onIntent, onClick }: FacadeHandlers): TemplateResult {
  return html`${note ? html`<p part="note" role="status">${note}</p>` : nothing}<button
      part="launcher button"
      type="button"
      aria-label=${label}
      aria-busy=${busy ? 'true' : nothing}
      @pointerenter=${(event: PointerEvent) => event.pointerType !== 'touch' && onIntent()}
      @focus=${onIntent}
      @click=${onClick}
    >
      <slot>${chatIcon}</slot>
    </button>`;
}

/**
 * Watches for the widget drawing itself: the first element added to `<body>` after
 * the call (widgets mount their root there). Start it before init: the SDK may draw
 * inside init.
 */
export function watchForWidget(): { drawn: Promise<void>; stop: () => void } {
  let observer: MutationObserver | undefined;
  const drawn = new Promise<void>((resolve) => {
    observer = new MutationObserver((records) => {
      if (records.some((record) => Array.from(record.addedNodes).some(isWidgetRoot))) resolve();
    });
    observer.observe(document.body, { childList: true });
  });
  return { drawn, stop: () => observer?.disconnect() };
}

/** `promise`, or a timeout after `ms`; the timer never outlives the wait. */
export async function within(promise: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

const isWidgetRoot = (node: Node): boolean =>
  node instanceof Element && !['SCRIPT', 'LINK', 'STYLE', 'CLOSER-CHAT'].includes(node.tagName);
