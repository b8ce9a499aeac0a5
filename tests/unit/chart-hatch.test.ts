/**
 * The stripes of hatched (healthy) marks, drawn as shapes: inside their rectangle, a quarter of it,
 * continuous across stacked marks, and the same whichever way round the rectangle is given.
 */
import { describe, expect, it } from 'vitest';
import { stripesPath } from '../../renderer/charts/parts.js';

type Pt = [number, number];
const polygons = (d: string): Pt[][] =>
  d
    .split('Z')
    .filter(Boolean)
    .map((p) =>
      p
        .replace(/^M/, '')
        .split('L')
        .map((xy) => xy.split(',').map(Number) as Pt),
    );
const area = (poly: Pt[]) => Math.abs(poly.reduce((s, [x, y], i) => s + x * poly[(i + 1) % poly.length]![1] - poly[(i + 1) % poly.length]![0] * y, 0)) / 2;
const covered = (d: string) => polygons(d).reduce((s, p) => s + area(p), 0);

describe('stripes of a hatched mark', () => {
  it('stay inside the rectangle and cover a quarter of it', () => {
    for (const [x, y, w, h] of [
      [10, 20, 120, 60],
      [0, 0, 7, 230],
      [3.5, 101.25, 40, 9],
    ] as const) {
      const d = stripesPath(x, y, w, h);
      for (const poly of polygons(d)) {
        expect(poly.length).toBeGreaterThanOrEqual(3);
        for (const [px, py] of poly) {
          expect(px).toBeGreaterThanOrEqual(x - 0.01);
          expect(px).toBeLessThanOrEqual(x + w + 0.01);
          expect(py).toBeGreaterThanOrEqual(y - 0.01);
          expect(py).toBeLessThanOrEqual(y + h + 0.01);
        }
      }
      // 1.5 of every 6 units across the stripes; small rectangles are cut unevenly at their ends.
      expect(covered(d) / (w * h)).toBeGreaterThan(0.2);
      expect(covered(d) / (w * h)).toBeLessThan(0.3);
    }
    expect(covered(stripesPath(0, 0, 600, 600)) / 360_000).toBeCloseTo(0.25, 2);
  });

  it('line up across two marks stacked one on the other', () => {
    const whole = covered(stripesPath(5, 0, 20, 80));
    const halves = covered(stripesPath(5, 0, 20, 30)) + covered(stripesPath(5, 30, 20, 50));
    expect(halves).toBeCloseTo(whole, 1);
  });

  it('are the same for a rectangle given with a negative height or width, and nothing for an empty one', () => {
    expect(covered(stripesPath(10, 50, 30, -40))).toBeCloseTo(covered(stripesPath(10, 10, 30, 40)), 5);
    expect(covered(stripesPath(40, 10, -30, 40))).toBeCloseTo(covered(stripesPath(10, 10, 30, 40)), 5);
    expect(stripesPath(10, 10, 0, 40)).toBe('');
    expect(stripesPath(10, 10, 30, 0)).toBe('');
    expect(stripesPath(Number.NaN, 10, 30, 40)).toBe('');
  });
});
