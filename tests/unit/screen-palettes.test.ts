/**
 * The screen's words and colours: people and pattern areas never share a colour (nor look alike),
 * area colours stay visible on the light and the dark background, captions are plain and neutral,
 * and the home screen's check-in nudge waits until a person has been in the journal for a week.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AREA_PALETTE, BUILTIN_PATTERNS, CATEGORIES, CATEGORY_COLORS, CATEGORY_DESCRIPTIONS, CATEGORY_LABELS, PEOPLE_PALETTE } from '../../shared/catalogue.js';
import { AREA_COLORS, COLOR_NAMES, PALETTE_COLORS, nextColor } from '../../renderer/lib/palette.js';
import { CHECKIN_NUDGE_AFTER_MS, checkInsToNudge } from '../../renderer/lib/nudges.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map(linear) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
/** WCAG contrast ratio. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
/** CIELAB (D65) distance, ΔE*76. */
function deltaE(a: string, b: string): number {
  const lab = (hex: string) => {
    const [r, g, b2] = channels(hex).map(linear) as [number, number, number];
    const x = (0.4124 * r + 0.3576 * g + 0.1805 * b2) / 0.95047;
    const y = 0.2126 * r + 0.7152 * g + 0.0722 * b2;
    const z = (0.0193 * r + 0.1192 * g + 0.9505 * b2) / 1.08883;
    const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
    return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))] as const;
  };
  const [p, q] = [lab(a), lab(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

/** The page and card backgrounds of the light theme and of the dark one, read from the stylesheet. */
function backgrounds(): { light: string[]; dark: string[] } {
  const css = fs.readFileSync(path.join(ROOT, 'renderer', 'styles', 'app.css'), 'utf8');
  const darkAt = css.indexOf('@media (prefers-color-scheme: dark)');
  const pick = (block: string) => ['--bg', '--surface', '--surface-2'].map((v) => new RegExp(`${v}:\\s*(#[0-9a-fA-F]{6})`).exec(block)![1]!);
  return { light: pick(css.slice(0, darkAt)), dark: pick(css.slice(darkAt)) };
}

describe('people and pattern areas have separate palettes', () => {
  const people = PEOPLE_PALETTE.map((c) => c.toUpperCase());
  const areas = AREA_PALETTE.map((c) => c.toUpperCase());

  it('shares no colour between the two, and repeats none within either', () => {
    expect(people.filter((c) => areas.includes(c))).toEqual([]);
    expect(new Set(people).size).toBe(people.length);
    expect(new Set(areas).size).toBe(areas.length);
  });

  it('gives every area its own colour from the areas palette', () => {
    const used = CATEGORIES.map((c) => CATEGORY_COLORS[c].toUpperCase());
    expect(new Set(used).size).toBe(CATEGORIES.length);
    for (const c of used) expect(areas).toContain(c);
  });

  it('keeps every area colour clearly apart from every person colour (ΔE ≥ 20)', () => {
    for (const a of areas) for (const p of people) expect(deltaE(a, p), `${a} against ${p}`).toBeGreaterThanOrEqual(20);
  });

  it('draws area colours at 3:1 or more against the light and the dark backgrounds (WCAG non-text contrast)', () => {
    const { light, dark } = backgrounds();
    for (const a of areas) for (const bg of [...light, ...dark]) expect(contrast(a, bg), `${a} on ${bg}`).toBeGreaterThanOrEqual(3);
  });

  it('offers people only people colours and custom patterns only area colours, each with a name', () => {
    expect([...PALETTE_COLORS]).toEqual([...PEOPLE_PALETTE]);
    expect([...AREA_COLORS]).toEqual([...AREA_PALETTE]);
    for (const c of [...people, ...areas]) expect(COLOR_NAMES[c], c).toBeTruthy();
    expect(new Set(Object.values(COLOR_NAMES)).size).toBe(Object.keys(COLOR_NAMES).length);
    // A new person takes the first free person colour: never an area's.
    expect(nextColor([])).toBe(PEOPLE_PALETTE[0]);
    expect(nextColor([PEOPLE_PALETTE[0]])).toBe(PEOPLE_PALETTE[1]);
  });
});

describe('captions are plain and neutral', () => {
  const jargon = /duluth|gottman|wheel|privilege|\bmale\b|\bfemale\b|\bhe\b|\bshe\b|\bhis\b|\bhers?\b|\bhim\b|\bman\b|\bwoman\b|\bmen\b|\bwomen\b|↔/i;

  it('describes every area in everyday words, without framework names or a gender', () => {
    for (const c of CATEGORIES) {
      expect(CATEGORY_DESCRIPTIONS[c].length, c).toBeGreaterThan(0);
      expect(CATEGORY_DESCRIPTIONS[c], c).not.toMatch(jargon);
      expect(CATEGORY_LABELS[c], c).not.toMatch(jargon);
    }
    for (const p of BUILTIN_PATTERNS) expect(p.label, p.slug).not.toMatch(jargon);
  });

  it('keeps framework names out of every caption the screens and the report can show', () => {
    const shown = [renderer('pages/Patterns.tsx'), renderer('report/ReportDocument.tsx')];
    for (const source of shown) expect(source).not.toMatch(/CATEGORY_FRAMEWORK|Duluth/);
  });
});

function renderer(file: string): string {
  return fs.readFileSync(path.join(ROOT, 'renderer', file), 'utf8');
}

describe('the home screen nudges about check-ins only for people who have been in the journal a week', () => {
  const now = Date.UTC(2026, 2, 10, 12);
  const people = new Map([
    [1, { createdAt: now - 5 * 60_000 }], // added minutes ago
    [2, { createdAt: now - CHECKIN_NUDGE_AFTER_MS + 1 }], // not quite a week
    [3, { createdAt: now - CHECKIN_NUDGE_AFTER_MS }], // exactly a week
    [4, { createdAt: now - 90 * 86_400_000 }],
  ]);

  it('counts only those, and never someone no longer in the list', () => {
    expect(checkInsToNudge([{ personId: 1 }, { personId: 2 }], people, now)).toBe(0);
    expect(checkInsToNudge([{ personId: 1 }, { personId: 3 }, { personId: 4 }, { personId: 9 }], people, now)).toBe(2);
    expect(checkInsToNudge([], people, now)).toBe(0);
  });
});
