/**
 * The report's own language: its document renders inside an IntlProvider for the language chosen in
 * the builder (a therapist may read another language than the app speaks), so its words come from
 * that catalogue and its dates and numbers are written in that locale. The app around it keeps its own.
 */
import { useMemo, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import type { Language } from '../../shared/locales.js';
import { useLanguage } from '../i18n/index.js';
import { intlFor, localeFor } from '../i18n/translate.js';

export function ReportLanguage({ language, children }: { language: Language | null; children: ReactNode }) {
  const app = useLanguage();
  const outer = useIntl();
  const intl = useMemo(() => (language === null || language === app.language ? outer : intlFor(language, localeFor(language))), [language, app.language, outer]);
  return (
    <IntlProvider locale={intl.locale} messages={intl.messages} defaultLocale="en" textComponent="span">
      {children}
    </IntlProvider>
  );
}
