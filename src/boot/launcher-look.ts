/**
 * The launcher's look as plain text: its styles and icon, shared by the Lit element
 * (facade.ts) and the boot (boot.ts), which draws the same launcher without Lit before
 * the element has loaded, so nothing moves when the element takes over.
 */

/**
 * The build's template compactor (rollup.config.js, compactTemplates) strips the
 * whitespace of templates tagged `css`: this tag gives it the plain text.
 */
const css = (text: TemplateStringsArray): string => text.raw[0];

/** The launcher icon's path (24×24, filled with the text colour). */
export const CHAT_ICON_PATH = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Z';

/*
 * Kept terse on purpose: it ships as written. `--_…` are private shorthands of the
 * public custom properties, so each default is written once.
 * Hover: darker and lifted, not only bigger (a scale alone is easy to miss).
 * Focus: a two-colour ring, a light band against the button and a dark page, then the
 * outline against a light page, so it shows at 3:1 on any page and on the button.
 */
// prettier-ignore
export const LAUNCHER_CSS = css`
  :host {
    display: contents;
    --_x: var(--closer-chat-launcher-offset-x, var(--closer-chat-launcher-offset, 20px));
    --_y: var(--closer-chat-launcher-offset-y, var(--closer-chat-launcher-offset, 20px));
    --_size: var(--closer-chat-launcher-size, 56px);
    --_bg: var(--closer-chat-launcher-background, #1b4fd8);
    --_z: var(--closer-chat-launcher-z-index, 2147483000);
    --_shadow: 0 4px 14px rgb(0 0 0 / 0.25);
  }
  button {
    position: fixed; inset-inline-end: var(--_x); z-index: var(--_z); box-shadow: var(--_shadow);
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
  [aria-busy='true'] { cursor: progress; }
  [aria-busy='true'] ::slotted(*), [aria-busy='true'] svg { animation: pulse 1s infinite; }
  @keyframes pulse { 50% { opacity: 0.45; } }
  @media (prefers-reduced-motion: reduce) {
    button { transition: none; }
    button:hover { transform: none; }
    [aria-busy='true'] ::slotted(*), [aria-busy='true'] svg { animation: none; }
  }
`;
