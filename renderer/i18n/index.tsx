/**
 * The interface's language: FormatJS (react-intl) over the catalogues in ./messages, one per language.
 * The language follows the operating system (navigator.languages) unless the person chose one in
 * Settings; the choice is a preference kept outside the journal, so the unlock screen speaks it too.
 * Changing it re-renders every screen at once: the document's `lang` and `dir`, the messages and the
 * formatting module's locale all move together.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { LanguageChoice, resolveLanguage, type Language } from '../../shared/locales.js';
import { setFormatLocale } from '../lib/format.js';
import { directionOf, intlFor, localeFor, setCurrentIntl, systemLanguages, type MessageId, type MessageValues } from './translate.js';

export { CATALOGUES, LANGUAGE_NAMES, directionOf, localeFor, translate, translateIn, type MessageId, type MessageValues } from './translate.js';

interface LanguageState {
  language: Language;
  choice: LanguageChoice;
  /** Applies at once; saved as a preference when `persist` (the Settings page). */
  choose: (choice: LanguageChoice) => Promise<void>;
}
const LanguageContext = createContext<LanguageState>({ language: 'en', choice: 'system', choose: async () => undefined });

export const useLanguage = (): LanguageState => useContext(LanguageContext);

/** `t('nav.timeline')`, `t('unlock.wait', { seconds })`: a message in the interface's language. */
export function useT(): (id: MessageId, values?: MessageValues) => string {
  const intl = useIntl();
  return useCallback((id: MessageId, values?: MessageValues) => intl.formatMessage({ id }, values), [intl]);
}

export interface LanguageStore {
  load: () => Promise<LanguageChoice>;
  save: (choice: LanguageChoice) => Promise<LanguageChoice>;
}

export function I18nProvider({ store, children }: { store: LanguageStore | null; children: ReactNode }) {
  const [choice, setChoice] = useState<LanguageChoice>('system');
  const [system, setSystem] = useState(systemLanguages);
  const language = resolveLanguage(choice, system);
  const locale = localeFor(language, system);

  // Set during render, before any child formats a date: the whole tree renders in one locale.
  const intl = useMemo(() => {
    setFormatLocale(locale);
    const intl = intlFor(language, locale);
    setCurrentIntl(intl);
    return intl;
  }, [language, locale]);

  // The document's language and direction: Arabic lays the whole page out right to left.
  useEffect(() => {
    const root = (globalThis as { document?: { documentElement: { lang: string; dir: string } } }).document?.documentElement;
    if (!root) return;
    root.lang = locale;
    root.dir = directionOf(language);
  }, [language, locale]);

  useEffect(() => {
    if (!store) return;
    let live = true;
    store
      .load()
      .then((c) => live && setChoice(LanguageChoice.parse(c)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [store]);

  useEffect(() => {
    // The system's languages changed (browsers fire this on the window): 'system' follows at once.
    const target = globalThis as unknown as EventTarget;
    const onChange = () => setSystem(systemLanguages());
    target.addEventListener('languagechange', onChange);
    return () => target.removeEventListener('languagechange', onChange);
  }, []);

  const choose = useCallback(
    async (next: LanguageChoice) => {
      setChoice(next);
      if (store) setChoice(await store.save(next));
    },
    [store],
  );
  const state = useMemo(() => ({ language, choice, choose }), [language, choice, choose]);

  return (
    <LanguageContext.Provider value={state}>
      <IntlProvider locale={intl.locale} messages={intl.messages} defaultLocale="en" textComponent="span">
        {children}
      </IntlProvider>
    </LanguageContext.Provider>
  );
}
