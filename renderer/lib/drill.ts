/**
 * Chart drill-down: a click on a bar, point or heat-map day opens the timeline filtered to exactly
 * the entries behind it. The filter travels in memory (not in the URL: the hash carries only page
 * names and ids), and the timeline takes it once when it mounts.
 */
import type { EntryFilter } from '../../shared/schemas.js';
import { navigate } from './router.js';

export interface DrillDown {
  filter: EntryFilter;
  /** What was clicked, in words ("Decisions, imbalance · 3–9 March"). */
  label: string;
  /** The number the chart showed (the timeline lists exactly this many). */
  count: number;
}

let pending: DrillDown | null = null;

export function openTimelineFor(drill: DrillDown): void {
  pending = drill;
  navigate('/timeline');
}

/** The drill-down waiting for the timeline, if any (read during render; cleared with `clearPendingDrill`). */
export function peekPendingDrill(): DrillDown | null {
  return pending;
}

export function clearPendingDrill(): void {
  pending = null;
}
