/** German messages of one area (reportx): exactly the keys of reportx.en.ts. */
import type { reportxEn } from './reportx.en.js';

export const reportxDe: Record<keyof typeof reportxEn, string> = {
  'reportx.fullText.all': 'Vollständiger Text für jeden Eintrag, egal wie viele (sonst die ersten {full} vollständig und der Rest je in einer Zeile)',
  'reportx.estimate.paperRows': '({paper}; {full, plural, one {# Eintrag} other {# Einträge}} vollständig, {rows, plural, one {# weiterer} other {# weitere}} je in einer Zeile).',
  'reportx.estimate.rows': 'Nach {full, plural, one {dem ersten Eintrag} other {den ersten # Einträgen}} {rows, plural, one {wird # Eintrag} other {werden # Einträge}} je in einer Zeile gedruckt: Datum, Personen, Muster und erste Worte.',
  'reportx.estimate.allFull': 'Vollständiger Text für alle {entries} Einträge (etwa {pages, plural, one {# Seite} other {# Seiten}})',
  'reportx.estimate.isAll': 'Alle {entries} Einträge werden vollständig gedruckt: ein langer Ausdruck.',
  'reportx.estimate.short': 'Nur die ersten {full} vollständig',
  'reportx.doc.rowsNote': 'Die ersten {full} dieser {total} Einträge stehen oben vollständig; {rows, plural, one {der übrige # Eintrag steht} other {die übrigen # Einträge stehen}} je in einer Zeile (Datum, Personen, Muster und erste Worte). Um alle vollständig zu drucken, wähle beim Zusammenstellen des Berichts „Vollständiger Text für jeden Eintrag“.',
  'reportx.doc.rowsLabel': '{rows, plural, one {# Eintrag} other {# Einträge}}, je eine Zeile',
  'reportx.verify.rowsNote': '{rows, plural, one {Der # Eintrag} other {Die # Einträge}} in je einer Zeile, mit dem Code der gezeigten Revision (die ersten 20 Zeichen ihres Hashs). Ihre vollständigen Hashes und Einschlussnachweise stehen, wie die jedes Eintrags, im Nachweispaket (evidence.json).',
  'reportx.verify.row': 'Eintrag Nr. {id}, Revision {seq}:',
  'reportx.print.drawing': 'Die Einträge werden gezeichnet: {drawn} von {total} …',
  'reportx.print.waiting': 'Der Bericht wird für den Druck vorbereitet …',
  'reportx.print.printing': 'Wird gedruckt … Ein langer Bericht dauert eine Weile.',
  'reportx.print.progress': 'Gezeichnete Einträge',
  'reportx.charts.when': 'in diesem Zeitraum',
};
