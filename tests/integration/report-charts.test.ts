/**
 * The printed report's charts are the insights page's: drawn from the same model data, the report's
 * chart cards carry the same legends (names and colours) as the app's chart components, and the
 * check-in questions read as the app's charts name them.
 */
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { IntlProvider } from 'react-intl';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../shared/report.js';
import { BalanceChart } from '../../renderer/charts/BalanceChart.js';
import { DomainsChart } from '../../renderer/charts/DomainsChart.js';
import { PatternFrequencyChart } from '../../renderer/charts/PatternFrequencyChart.js';
import { ScoresChart } from '../../renderer/charts/ScoresChart.js';
import { barShape } from '../../renderer/charts/parts.js';
import { PRINT_WIDTH, SCORE_COLORS } from '../../renderer/charts/theme.js';
import { intlFor } from '../../renderer/i18n/translate.js';
import { ReportDocument } from '../../renderer/report/ReportDocument.js';
import { createdService } from '../helpers/journal.js';
import { RANGE, seedReportJournal, TODAY } from '../fixtures/report/journal.js';

let model: ReportModel;
beforeAll(async () => {
  const s = await createdService();
  await seedReportJournal((channel, input) => s.call(channel, input));
  model = await s.call<ReportModel>('report.build', { config: { range: RANGE, entries: { select: 'all' } }, today: TODAY });
});

function html(el: ReactElement): string {
  const intl = intlFor('en', 'en-GB');
  return renderToStaticMarkup(createElement(IntlProvider, { locale: intl.locale, messages: intl.messages, defaultLocale: 'en' }, el));
}
/** Each chart card's legend, by the card's title. */
function legends(markup: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const card of markup.split('<section class="chart-card').slice(1)) {
    const title = /<h\d[^>]*class="chart-title"[^>]*>([^<]+)</.exec(card)?.[1];
    const legend = /<ul class="legend-list">.*?<\/ul>/.exec(card)?.[0];
    // useId differs between two renders: the hatch's id is not part of the legend's meaning.
    if (title && legend) out.set(title, legend.replace(/url\(#[^)]*\)/g, 'url(#hatch)').replace(/id="[^"]*"/g, ''));
  }
  return out;
}

describe('the report prints the app’s charts', () => {
  it('the same chart cards with the same legends as the insights page draws from the same data', () => {
    const c = model.charts!;
    const print = { width: PRINT_WIDTH };
    const report = legends(html(createElement(ReportDocument, { model })));
    const app = legends(
      html(
        createElement('div', null, [
          createElement(PatternFrequencyChart, { key: 'p', data: c.patterns, when: 'x', print }),
          createElement(BalanceChart, { key: 'b', data: { ...c.balance, people: [] }, when: 'x', print, personOf: () => ({ name: '', color: '#000000' }) }),
          createElement(ScoresChart, { key: 's', data: c.scores, when: 'x', print }),
          createElement(DomainsChart, { key: 'd', data: c.domains, when: 'x', print }),
        ]),
      ),
    );
    expect([...report.keys()]).toEqual(['Patterns over time', 'Balance of power', 'How it felt', 'Areas of life']);
    expect(report).toEqual(app);
    // A rating's line in the colour of the app's palette, named as the app names it.
    expect(report.get('How it felt')).toContain(`stroke="${SCORE_COLORS.heard}"`);
    expect(report.get('How it felt')).toContain('>Heard<');
  });

  it('names the check-in questions with the app’s chart words', () => {
    const text = html(createElement(ReportDocument, { model })).replace(/<[^>]+>/g, ' ');
    expect(text).toContain('Boundaries respected');
    expect(text).not.toContain('Boundaries kept');
  });

  it('stripes healthy marks with plain shapes, never a pattern fill (which prints as an image per mark)', () => {
    const markup = html(createElement(ReportDocument, { model }));
    expect(markup).not.toContain('<pattern');
    expect(markup).not.toMatch(/fill="url\(/);
    // The striped samples (legends, the patterns table): a washed rectangle and its stripes.
    expect(markup.match(/fill-opacity="0.35"/g)?.length).toBeGreaterThan(0);
    expect(markup).toMatch(/fill-opacity="0.35"[^>]*><\/rect><path d="M[^"]+Z"/);
    // A bar of a healthy series (recharts draws bars only once measured, so the shape is drawn here).
    const Bar = barShape(() => ({ count: 3, from: '2026-01-01', to: '2026-01-31', series: 'money/healthy' }), '#2A948A');
    const bar = renderToStaticMarkup(createElement(Bar, { x: 10, y: 20, width: 30, height: 60 } as never));
    expect(bar).toContain('fill-opacity="0.35"');
    expect(bar).toMatch(/<path d="M[^"]+Z" fill="#2A948A"/);
    expect(renderToStaticMarkup(createElement(barShape(() => ({ count: 3, from: '', to: '', series: 's' })), { x: 10, y: 20, width: 30, height: 60, fill: '#AD7B32' } as never))).not.toContain('<path d="M1');
  });
});
