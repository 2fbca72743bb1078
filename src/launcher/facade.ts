/**
 * The facade: a small launcher drawn by the element until the real widget has drawn
 * its own (for `interaction`, Save-Data, or while consent is withheld), and the watch
 * that tells when that has happened.
 */
import { css, html, nothing, svg, type TemplateResult } from 'lit';

/** If the widget adds nothing to the page once initialised, hand over after this anyway. */
export const DRAW_TIMEOUT_MS = 3_000;

const chatIcon = svg`<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Z"/></svg>`;

/*
 * Kept terse on purpose: it ships as written. `--_…` are private shorthands of the
 * public custom properties, so each default is written once.
 * Hover: darker and lifted, not only bigger (a scale alone is easy to miss).
 * Focus: a two-colour ring, a light band against the button and a dark page, then the
 * outline against a light page, so it shows at 3:1 on any page and on the button.
 */
// prettier-ignore
export const facadeStyles = css`
  :host {
    display: contents;
    --_x: var(--closer-chat-launcher-offset-x, var(--closer-chat-launcher-offset, 20px));
    --_y: var(--closer-chat-launcher-offset-y, var(--closer-chat-launcher-offset, 20px));
    --_size: var(--closer-chat-launcher-size, 56px);
    --_bg: var(--closer-chat-launcher-background, #1b4fd8);
    --_z: var(--closer-chat-launcher-z-index, 2147483000);
    --_shadow: 0 4px 14px rgb(0 0 0 / 0.25);
  }
  button, p { position: fixed; inset-inline-end: var(--_x); z-index: var(--_z); box-shadow: var(--_shadow); }
  button {
    inset-block-end: var(--_y); display: grid; place-items: center; box-sizing: border-box;
    inline-size: var(--_size); block-size: var(--_size); padding: 0; border: 0;
    border-radius: var(--closer-chat-launcher-radius, 50%); background: var(--_bg);
    color: var(--closer-chat-launcher-color, #fff); font: inherit; cursor: pointer;
    transition: transform 0.15s, background-color 0.15s;
  }
  button:hover { transform: scale(1.06); background: color-mix(in srgb, var(--_bg), #000 18%); box-shadow: 0 6px 20px rgb(0 0 0 / 0.35); }
  button:focus-visible {
    outline: 3px solid var(--closer-chat-launcher-focus-ring, #1b4fd8); outline-offset: 3px;
    box-shadow: 0 0 0 3px var(--closer-chat-launcher-focus-ring-inner, #fff), var(--_shadow);
  }
  p {
    inset-block-end: calc(var(--_y) + var(--_size) + 12px); max-inline-size: 16rem; margin: 0;
    padding: 8px 12px; border-radius: 8px; background: #fff; color: #1f2937; font: 14px/1.4 system-ui, sans-serif;
  }
  [aria-busy='true'] { cursor: progress; }
  [aria-busy='true'] ::slotted(*), [aria-busy='true'] svg { animation: pulse 1s infinite; }
  @keyframes pulse { 50% { opacity: 0.45; } }
  @media (prefers-reduced-motion: reduce) {
    button { transition: none; }
    button:hover { transform: none; }
    [aria-busy='true'] ::slotted(*), [aria-busy='true'] svg { animation: none; }
  }
`;

interface FacadeHandlers {
  readonly label: string;
  readonly busy: boolean;
  /** A note next to the launcher (the chat needs consent). */
  readonly note: string | undefined;
  readonly onIntent: () => void;
  readonly onClick: () => void;
}

export function renderFacade({ label, busy, note, onIntent, onClick }: FacadeHandlers): TemplateResult {
  return html`${note ? html`<p part="note" role="status">${note}</p>` : nothing}<button
      part="launcher button"
      type="button"
      aria-label=${label}
      aria-busy=${busy ? 'true' : nothing}
      @pointerenter=${onIntent}
      @focus=${onIntent}
      @touchstart=${{ handleEvent: onIntent, passive: true }}
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
