/**
 * What the element itself says to a visitor (the facade's accessible name, its busy
 * name, the consent note), in the language of the element or the page: the `lang` of
 * the nearest ancestor that has one. Polish and English are built in; for any other
 * language, `launcher-label` names the launcher. (The widget's own texts are the widget's.)
 * The launcher's names and the consent note are apart: the boot draws only the launcher.
 */
const LAUNCHER_NAMES = {
  en: { open: 'Open chat', loading: 'Loading chat…' },
  pl: { open: 'Otwórz czat', loading: 'Ładowanie czatu…' },
} as const;

const CONSENT_NOTES = {
  en: 'The chat needs your consent first.',
  pl: 'Czat wymaga najpierw Twojej zgody.',
} as const;

type Language = keyof typeof LAUNCHER_NAMES;

/** `element`'s language (`pl-PL` → `pl`) if built in; English otherwise. */
function languageOf(element: Element): Language {
  // A server-side DOM shim has no `closest`: the element's own `lang` is all there is.
  const lang = (element.closest?.('[lang]') ?? element).getAttribute?.('lang') ?? '';
  const primary = lang.trim().toLowerCase().split('-')[0];
  return primary === 'pl' ? primary : 'en';
}

/** The launcher's accessible names for `element`'s language: at rest, and busy. */
export const launcherNames = (element: Element): (typeof LAUNCHER_NAMES)[Language] =>
  LAUNCHER_NAMES[languageOf(element)];

/** The note that the chat waits for consent, in `element`'s language. */
export const consentNote = (element: Element): string => CONSENT_NOTES[languageOf(element)];
