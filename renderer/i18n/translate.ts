/**
 * The DOM-free half of the interface's language (tests and plain modules use it): the catalogues,
 * the locale for a language, and `translate` for code outside components. The React side is ./index.tsx.
 */
import { createIntl, createIntlCache, type IntlShape } from 'react-intl';
import { RTL_LANGUAGES, type Language } from '../../shared/locales.js';
import { en, type MessageId } from './messages/en.js';
import { es } from './messages/es.js';
import { de } from './messages/de.js';
import { ar } from './messages/ar.js';

export type { MessageId };
export type MessageValues = Record<string, string | number | Date | null | undefined>;

export const CATALOGUES: Readonly<Record<Language, Readonly<Record<MessageId, string>>>> = { en, es, de, ar };

/** Each language's own name, as its speakers write it (the language picker shows these). */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', es: 'Español', de: 'Deutsch', ar: 'العربية' };

export const directionOf = (language: Language): 'rtl' | 'ltr' => (RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr');

export const systemLanguages = (): readonly string[] => {
  const nav = (globalThis as { navigator?: { languages?: readonly string[]; language?: string } }).navigator;
  return nav?.languages ?? (nav?.language ? [nav.language] : []);
};

/**
 * The locale for dates and numbers: the system's own tag when it is in the same language (so an
 * English interface on a British system writes "3 March", on an American one "March 3"), else the language.
 */
export function localeFor(language: Language, preferred: readonly string[] = systemLanguages()): string {
  const own = preferred.find((tag) => tag.toLowerCase().split(/[-_]/)[0] === language);
  if (own) {
    try {
      return Intl.getCanonicalLocales(own)[0] ?? language;
    } catch {
      return language;
    }
  }
  return language;
}

const cache = createIntlCache();
const intls = new Map<string, IntlShape>();
export function intlFor(language: Language, locale = localeFor(language)): IntlShape {
  const key = `${language}|${locale}`;
  let intl = intls.get(key);
  if (!intl) {
    intl = createIntl({ locale, defaultLocale: 'en', messages: CATALOGUES[language] }, cache);
    intls.set(key, intl);
  }
  return intl;
}

let current: IntlShape = intlFor('en', 'en');
/** The interface's language now (for code outside components). */
export const currentLanguage = (): Language => (current.messages === CATALOGUES.en ? 'en' : (Object.keys(CATALOGUES) as Language[]).find((l) => CATALOGUES[l] === current.messages) ?? 'en');
/** Set by the language provider when the language changes. */
export function setCurrentIntl(intl: IntlShape): void {
  current = intl;
}

/**
 * A message in the current language, for code outside components (error wording, chart helpers).
 * Components use `useT()`, which re-renders when the language changes.
 */
export function translate(id: MessageId, values?: MessageValues): string {
  return current.formatMessage({ id }, values);
}

/** A message in a given language, whatever the interface speaks (the report may be printed in another). */
export function translateIn(language: Language, id: MessageId, values?: MessageValues): string {
  return intlFor(language).formatMessage({ id }, values);
}

