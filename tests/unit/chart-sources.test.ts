/**
 * One chart layer for the app and the printed report: the report draws the insights page's own chart
 * components (renderer/charts) for print, so there is one implementation per chart kind, one palette
 * (renderer/charts/theme.ts), one source of names (the catalogue keys the charts use) and one
 * formatting module (renderer/lib/format.ts, through renderer/charts/format.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKIN_SHORT_IDS, SCORE_IDS, scoreStyle } from '../../renderer/charts/theme.js';
import { CATALOGUES } from '../../renderer/i18n/translate.js';
import { CHECKIN_MEASURES, SCORE_MEASURES } from '../../shared/insights.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const read = (dir: string) =>
  fs
    .readdirSync(path.join(ROOT, dir))
    .filter((f) => /\.(tsx?|css)$/.test(f))
    .map((f) => ({ file: `${dir}/${f}`, text: fs.readFileSync(path.join(ROOT, dir, f), 'utf8') }));

describe('one chart layer for the app and the report', () => {
  it('the report draws no chart of its own: no SVG marks, no recharts, no colour of a mark', () => {
    for (const { file, text } of read('renderer/report')) {
      expect(text, file).not.toMatch(/<(svg|path|circle|rect|polyline|line)\b|from 'recharts'/);
      if (file.endsWith('.tsx')) expect(text.match(/#[0-9A-Fa-f]{6}\b/g) ?? [], file).toEqual([]);
    }
    expect(fs.existsSync(path.join(ROOT, 'renderer/report/charts.tsx'))).toBe(false);
  });

  it('the report prints the insights page’s chart components', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'renderer/report/ReportDocument.tsx'), 'utf8');
    for (const chart of ['PatternFrequencyChart', 'BalanceChart', 'ScoresChart', 'DomainsChart']) {
      expect(doc).toMatch(new RegExp(`import \\{ ${chart}\\b[^}]*\\} from '\\.\\./charts/${chart}\\.js'`));
      expect(doc).toMatch(new RegExp(`<${chart} [^>]*print=\\{print\\}`));
    }
  });

  it('each chart kind has one component', () => {
    const defined = read('renderer/charts')
      .concat(read('renderer/report'), read('renderer/pages'))
      .flatMap(({ text }) => [...text.matchAll(/export (?:const|function) (\w+Chart|Sparkline)\b/g)].map((m) => m[1]!));
    expect(defined.length).toBe(new Set(defined).size);
  });

  it('ratings and check-in questions have one name each, from the catalogue, and one line style', () => {
    const en = CATALOGUES.en as Record<string, string>;
    expect(en[CHECKIN_SHORT_IDS.boundaries]).toBe('Boundaries respected');
    for (const catalogue of Object.values(CATALOGUES) as Record<string, string>[]) {
      for (const m of CHECKIN_MEASURES) expect(catalogue[CHECKIN_SHORT_IDS[m]]).toBeTruthy();
      for (const m of SCORE_MEASURES) expect(catalogue[SCORE_IDS[m]]).toBeTruthy();
      // The report's own copies of these names are gone.
      expect(Object.keys(catalogue).filter((k) => k.startsWith('report.doc.measure.') || k.startsWith('report.chart.'))).toEqual([]);
    }
    expect(new Set(SCORE_MEASURES.map((m) => JSON.stringify(scoreStyle(m)))).size).toBe(SCORE_MEASURES.length);
  });
});
