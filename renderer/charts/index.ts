/**
 * Insight charts (recharts + plain SVG), reusable by the insights page, the person view and the printed
 * report. Each takes the series the core returns (shared/insights.ts) as props, draws a title, a
 * one-line summary, an empty state, tooltips and a "Show as table" text alternative. Pass
 * `print={{ width }}` for a fixed size without animation or tooltips, and `onDrill` to make marks and
 * table numbers open their entries.
 */
export { PatternFrequencyChart } from './PatternFrequencyChart.js';
export { BalanceChart, type Who } from './BalanceChart.js';
export { ScoresChart } from './ScoresChart.js';
export { HealthyShareChart } from './HealthyShareChart.js';
export { TopPatternsTable } from './TopPatternsTable.js';
export { HeatMapChart } from './HeatMap.js';
export { DomainsChart } from './DomainsChart.js';
export { PeopleChart } from './PeopleChart.js';
export { CheckInLines, CheckInTrendsChart, PersonCheckInChart, type CheckInLine } from './CheckInChart.js';
export { ChartFrame, Legend, type LegendItem } from './parts.js';
export type { ChartProps, OnDrill } from './types.js';
export * as summaries from './summaries.js';
export { CHECKIN_QUESTIONS, CHECKIN_COLORS, SCORE_LABELS, PRINT_WIDTH } from './theme.js';
export { bucketLabel, rangeLabel, dayLabel, num, signed, percent } from './format.js';
