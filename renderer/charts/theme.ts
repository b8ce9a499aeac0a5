/**
 * Chart colours, line styles and sizes. Colours come from the colour-blind-safe palette the chips use
 * (shared/catalogue.ts): a category's bars are its tag colour, a person's lines their colour. Colour
 * is never the only signal: lines also differ in dash and marker, healthy bars are hatched and sit
 * below the axis, and every chart has a summary and a table.
 */
import { SCORE_MEASURES, type CheckInMeasure, type ScoreMeasure } from '../../shared/insights.js';
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

/** A rating's name: one catalogue key each, for the app's charts and the printed report alike. */
export const SCORE_IDS: Record<ScoreMeasure, MessageId> = { heard: 'score.heard', respected: 'score.respected', valued: 'score.valued', involved: 'score.involved' };
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

/** A check-in question's short name: one catalogue key each, for the app's charts and the printed report alike. */
export const CHECKIN_SHORT_IDS: Record<CheckInMeasure, MessageId> = {
  heard: 'charts.short.heard',
  respected: 'charts.short.respected',
  involved: 'charts.short.involved',
  fairShare: 'charts.short.fairShare',
  boundaries: 'charts.short.boundaries',
  safe: 'charts.short.safe',
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
  heard: question('charts.question.heard', CHECKIN_SHORT_IDS.heard),
  respected: question('charts.question.respected', CHECKIN_SHORT_IDS.respected),
  involved: question('charts.question.involved', CHECKIN_SHORT_IDS.involved),
  fairShare: question('charts.question.fairShare', CHECKIN_SHORT_IDS.fairShare),
  boundaries: question('charts.question.boundaries', CHECKIN_SHORT_IDS.boundaries),
  safe: question('charts.question.safe', CHECKIN_SHORT_IDS.safe),
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
/** A chart of one series (balance, areas, a check-in's weeks): the colour of entries. */
export const SERIES_COLOR = POLARITY_COLORS.entries;
/** A quiet grid line drawn in code (the recharts grid takes its colour from charts.css). */
export const GRID_COLOR = '#d9d6cf';

/** How a rating's line is drawn — colour, dash and marker — wherever it is drawn (the ratings' order sets the dash and marker). */
export function scoreStyle(m: ScoreMeasure): { color: string; dash: string; marker: MarkerShape } {
  const i = SCORE_MEASURES.indexOf(m);
  return { color: SCORE_COLORS[m], dash: dashFor(i), marker: markerFor(i) };
}

/** Width of a chart drawn for print: within the report's column on A4 and Letter (178 mm and 184 mm), in CSS pixels. */
export const PRINT_WIDTH = 640;

/** Size props for a recharts chart: fills its box on screen, a fixed size without animation in print. */
export function chartSize(height: number, print: { width?: number } | undefined) {
  return print
    ? { width: print.width ?? PRINT_WIDTH, height }
    : { responsive: true as const, style: { width: '100%', height, maxWidth: '100%' } };
}
