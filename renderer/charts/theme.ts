/**
 * Chart colours, line styles and sizes. Colours come from the colour-blind-safe palette the chips use
 * (shared/catalogue.ts): a category's bars are its tag colour, a person's lines their colour. Colour
 * is never the only signal: lines also differ in dash and marker, healthy bars are hatched and sit
 * below the axis, and every chart has a summary and a table.
 */
import type { CheckInMeasure, ScoreMeasure } from '../../shared/insights.js';
import { translate, type MessageId } from '../i18n/translate.js';

/** A palette colour as drawn on the current background: black marks would vanish on the dark theme. */
export function inkFor(hex: string, dark: boolean): string {
  if (!dark) return hex;
  const h = hex.toUpperCase();
  if (h === '#000000') return '#C9C9C9';
  if (h === '#6A3D9A') return '#B08BD9';
  return hex;
}

/** Dash patterns told apart without colour (first: solid). */
export const DASHES = ['', '7 4', '2 4', '10 4 2 4', '4 4', '12 6', '1 3', '6 2 2 2 2 2'] as const;
export const dashFor = (i: number): string => DASHES[i % DASHES.length]!;

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'star';
export const MARKERS: readonly MarkerShape[] = ['circle', 'square', 'triangle', 'diamond', 'cross', 'star'];
export const markerFor = (i: number): MarkerShape => MARKERS[i % MARKERS.length]!;

const SCORE_IDS: Record<ScoreMeasure, MessageId> = { heard: 'score.heard', respected: 'score.respected', valued: 'score.valued', involved: 'score.involved' };
/** A rating's name in the interface's language ("Heard", "Escuchado"); read when drawn, so it follows the language. */
export const SCORE_LABELS: Readonly<Record<ScoreMeasure, string>> = {
  get heard() {
    return translate(SCORE_IDS.heard);
  },
  get respected() {
    return translate(SCORE_IDS.respected);
  },
  get valued() {
    return translate(SCORE_IDS.valued);
  },
  get involved() {
    return translate(SCORE_IDS.involved);
  },
};
export const SCORE_COLORS: Record<ScoreMeasure, string> = {
  heard: '#0072B2',
  respected: '#D55E00',
  valued: '#009E73',
  involved: '#CC79A7',
};

const question = (label: MessageId, short: MessageId): { readonly label: string; readonly short: string } => ({
  get label() {
    return translate(label);
  },
  get short() {
    return translate(short);
  },
});
/**
 * The check-in questions, in the words of the questionnaire (and a short form for charts), from the
 * catalogue in the interface's language: read when drawn, so they follow a change of language.
 */
export const CHECKIN_QUESTIONS: Readonly<Record<CheckInMeasure, { readonly label: string; readonly short: string }>> = {
  heard: question('charts.question.heard', 'charts.short.heard'),
  respected: question('charts.question.respected', 'charts.short.respected'),
  involved: question('charts.question.involved', 'charts.short.involved'),
  fairShare: question('charts.question.fairShare', 'charts.short.fairShare'),
  boundaries: question('charts.question.boundaries', 'charts.short.boundaries'),
  safe: question('charts.question.safe', 'charts.short.safe'),
};
export const CHECKIN_COLORS: Record<CheckInMeasure, string> = {
  heard: '#0072B2',
  respected: '#D55E00',
  involved: '#CC79A7',
  fairShare: '#E69F00',
  boundaries: '#56B4E9',
  safe: '#009E73',
};

export const POLARITY_COLORS = { entries: '#0072B2', imbalance: '#D55E00', healthy: '#009E73' } as const;

/** Width of a chart drawn for print (the report's column at A4 with margins, in CSS pixels). */
export const PRINT_WIDTH = 680;

/** Size props for a recharts chart: fills its box on screen, a fixed size without animation in print. */
export function chartSize(height: number, print: { width?: number } | undefined) {
  return print
    ? { width: print.width ?? PRINT_WIDTH, height }
    : { responsive: true as const, style: { width: '100%', height, maxWidth: '100%' } };
}
