import type { DrillTarget } from '../../shared/insights.js';

/** A click on a mark: what it stands for, the number it shows, and that in words. */
export type OnDrill = (target: DrillTarget, count: number, label: string) => void;

export interface ChartProps {
  /** How the range reads in a sentence: "in the last 30 days". */
  when: string;
  /** Heading level of the chart's title (2 on the insights page, 4 in the printed report). */
  level?: 2 | 3 | 4;
  /** Drawn for print (the report): a fixed width, no animation, no tooltip. */
  print?: { width?: number };
  /** Clicks on marks (and the numbers in the table) open these entries; omitted: nothing is clickable. */
  onDrill?: OnDrill;
  /** Replaces the default title. */
  title?: string;
  /** Open the "Show as table" disclosure. */
  tableOpen?: boolean;
}
