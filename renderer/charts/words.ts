/**
 * The language a chart writes in: its titles, summaries, axis dates and numbers. On screen that is the
 * interface's (the global catalogue and the formatting module's locale); the printed report may be in
 * another language than the app speaks, so it provides its own through ChartWordsContext, and the
 * same chart components then write in the report's language.
 */
import { createContext, useContext } from 'react';
import type { Language } from '../../shared/locales.js';
import { useT, type MessageId, type MessageValues } from '../i18n/index.js';
import { currentLanguage, translate } from '../i18n/translate.js';
import { formatLocale } from '../lib/format.js';

export interface ChartWords {
  /** A message from the catalogue of this language. */
  t: (id: MessageId, values?: MessageValues) => string;
  /** The locale dates and numbers are written in (undefined: the formatting module's). */
  locale: string | undefined;
  language: Language;
}

/** The interface's language: the charts on the app's pages. */
export const appWords = (): ChartWords => ({ t: translate, locale: formatLocale(), language: currentLanguage() });

/** Set by the printed report: its charts write in its language. */
export const ChartWordsContext = createContext<ChartWords | null>(null);

/** The words of the chart being drawn: the report's when inside it, else the interface's. */
export function useChartWords(): ChartWords {
  const given = useContext(ChartWordsContext);
  // Subscribes to the interface's language, so a chart on screen redraws when it changes.
  useT();
  return given ?? appWords();
}
