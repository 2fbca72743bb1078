/**
 * What the element itself says to a visitor (the facade's accessible name, its busy
 * name, the consent note), in the language of the element or the page: the `lang` of
 * the nearest ancestor that has one. Polish and English are built in; for any other
 * language, `launcher-label` names the launcher. (The widget's own texts are the widget's.)
 */
const STRINGS = {
  en: { open: 'Open chat', loading: 'Loading chat…', consent: 'The chat needs your consent first.' },
  pl: { open: 'Otwórz czat', loading: 'Ładowanie czatu…', consent: 'Czat wymaga najpierw Twojej zgody.' },
} as const;

export type Strings = (typeof STRINGS)[keyof typeof STRINGS];

/** The strings for `element`'s language (`pl-PL` → `pl`); English otherwise. */
export function stringsFor(element: Element): Strings {
  // A server-side DOM shim has no `closest`: the element's own `lang` is all there is.
  const lang = (element.closest?.('[lang]') ?? element).getAttribute?.('lang') ?? '';
  const primary = lang.trim().toLowerCase().split('-')[0];
  return primary in STRINGS ? STRINGS[primary as keyof typeof STRINGS] : STRINGS.en;
}
