/**
 * The report being built, shared by the builder (#/report) and the print view (#/report/print) — in
 * memory only, inside the unlocked app: it is dropped with everything else when the journal locks,
 * and never goes into the URL, storage or the history. The report's language lives here too (null:
 * the app's own), beside the settings core reads, because only the renderer writes words.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { DEFAULT_REPORT_CONFIG, type ReportConfigParsed } from '../../shared/report.js';
import type { Language } from '../../shared/locales.js';

export interface ReportState {
  config: ReportConfigParsed;
  setConfig: (update: (c: ReportConfigParsed) => ReportConfigParsed) => void;
  /** The language the report is printed in; null follows the app's language. */
  language: Language | null;
  setLanguage: (language: Language | null) => void;
}

const ReportContext = createContext<ReportState | null>(null);

export function ReportStateProvider({ children }: { children: ReactNode }) {
  const [config, set] = useState<ReportConfigParsed>(DEFAULT_REPORT_CONFIG);
  const [language, setLanguage] = useState<Language | null>(null);
  const value = useMemo<ReportState>(() => ({ config, setConfig: (update) => set(update), language, setLanguage }), [config, language]);
  return <ReportContext.Provider value={value}>{children}</ReportContext.Provider>;
}

export function useReportState(): ReportState {
  const s = useContext(ReportContext);
  if (!s) throw new Error('useReportState outside the unlocked app');
  return s;
}
