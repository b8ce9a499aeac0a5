/**
 * The chart words in the interface's language: the same summaries, comparisons and check-in
 * questions as in English, but from the catalogue, with each language's plurals and number style.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setDateLocale } from '../../renderer/lib/format.js';
import { CATALOGUES, intlFor, setCurrentIntl } from '../../renderer/i18n/translate.js';
import { changeWords, comparison, midSentence, periodLabel } from '../../renderer/charts/format.js';
import { balanceWords, heatMapSummary, personCheckInSummary, scoresSummary } from '../../renderer/charts/summaries.js';
import { CHECKIN_QUESTIONS, SCORE_LABELS } from '../../renderer/charts/theme.js';
import type { Language } from '../../shared/locales.js';
import { CHECKIN_MEASURES, SCORE_MEASURES, type CheckInTrends, type HeatMap, type ScoreTrends } from '../../shared/insights.js';

function speak(language: Language, locale: string): void {
  setDateLocale(locale);
  setCurrentIntl(intlFor(language, locale));
}
afterEach(() => {
  setDateLocale(undefined);
  setCurrentIntl(intlFor('en', 'en'));
});

const heat = (days: { day: string; entries: number }[]): HeatMap => ({ period: { from: '2025-03-01', to: '2025-03-31' }, maxEntries: 3, days: days.map((d) => ({ ...d, meanIntensity: null })) }) as unknown as HeatMap;

const checkins = (count: number): CheckInTrends =>
  ({
    weeks: ['2025-03-03'],
    series: [{ personId: 7, count, values: {}, mean: Object.fromEntries(CHECKIN_MEASURES.map((m) => [m, m === 'heard' ? 3.5 : null])) }],
  }) as unknown as CheckInTrends;

describe('chart words in other languages', () => {
  it('counts with each language’s plural forms (Arabic has six)', () => {
    speak('ar', 'ar');
    const two = heatMapSummary(heat([{ day: '2025-03-03', entries: 1 }, { day: '2025-03-04', entries: 1 }]), 'في آذار');
    expect(two).toContain('إدخالان');
    expect(two).toContain('يومين');
    speak('de', 'de-DE');
    expect(heatMapSummary(heat([{ day: '2025-03-03', entries: 1 }]), 'im März')).toBe('1 Eintrag an 1 Tag im März.');
    speak('es', 'es-ES');
    expect(heatMapSummary(heat([{ day: '2025-03-03', entries: 2 }, { day: '2025-03-04', entries: 1 }]), 'en marzo')).toMatch(/^3 entradas en 2 días en marzo\. El día con más fue el /);
  });

  it('asks the check-in questions in the interface’s language, read when drawn', () => {
    expect(CHECKIN_QUESTIONS.heard.label).toBe('I felt heard');
    speak('de', 'de-DE');
    expect(CHECKIN_QUESTIONS.heard.label).toBe('Ich habe mich gehört gefühlt');
    expect(SCORE_LABELS.heard).toBe('Gehört');
    // German keeps its capitals mid-sentence.
    expect(personCheckInSummary(checkins(2), 7, 'in den letzten 12 Wochen')).toBe('2 Check-ins in den letzten 12 Wochen; Durchschnitt von 5: Gehört gefühlt 3,5.');
    speak('es', 'es-ES');
    expect(personCheckInSummary(checkins(1), 7, 'en las últimas 12 semanas')).toBe('1 revisión en las últimas 12 semanas; media sobre 5: me escucharon 3,5.');
  });

  it('writes comparisons and numbers in the locale', () => {
    speak('de', 'de-DE');
    expect(comparison(1.25, 2.5, (x) => x.toLocaleString('de-DE'))).toBe(' (vorher 2,5)');
    expect(changeWords(-3)).toBe('3 weniger');
    expect(periodLabel(null)).toBe('noch keine Einträge');
    expect(midSentence('Gehört gefühlt')).toBe('Gehört gefühlt');
    speak('es', 'es-ES');
    const theyLittle = CATALOGUES.es['balance.theyLittle'];
    expect(balanceWords(-0.6)).toBe(theyLittle.charAt(0).toLowerCase() + theyLittle.slice(1));
    const scores = { series: SCORE_MEASURES.map((measure) => ({ measure, mean: measure === 'heard' ? 3.25 : null, previousMean: null, values: [], rated: [] })) } as unknown as ScoreTrends;
    expect(scoresSummary(scores, 'este mes')).toBe('Media sobre 5 este mes: escucha 3,3.');
  });
});
