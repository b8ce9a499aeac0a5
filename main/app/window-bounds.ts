/** Window placement from saved preferences, kept on a screen that still exists. Plain, unit-tested. */
import type { WindowBounds } from '../core/prefs.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_SIZE = { width: 1200, height: 800 } as const;
const MIN_VISIBLE = 64;

/**
 * Saved bounds, clamped to fit a display and dropped to centred defaults when the saved spot is no
 * longer on any screen (a monitor unplugged since), so the window never opens out of reach.
 */
export function fitBounds(saved: WindowBounds | null, workAreas: Rect[]): { width: number; height: number; x?: number; y?: number } {
  if (!saved) return { ...DEFAULT_SIZE };
  const largest = workAreas.reduce<Rect | null>((a, b) => (!a || b.width * b.height > a.width * a.height ? b : a), null);
  const width = Math.min(saved.width, largest?.width ?? saved.width);
  const height = Math.min(saved.height, largest?.height ?? saved.height);
  if (saved.x === undefined || saved.y === undefined) return { width, height };
  const { x, y } = saved;
  const visible = workAreas.some(
    (a) => x + width - MIN_VISIBLE >= a.x && x + MIN_VISIBLE <= a.x + a.width && y >= a.y && y + MIN_VISIBLE <= a.y + a.height,
  );
  return visible ? { x, y, width, height } : { width, height };
}
