/**
 * The report printed in another language than the app's: the document inside ReportLanguage takes its
 * words from that language's catalogue, writes dates and numbers in its locale, carries its own `lang`
 * and `dir`, and names built-in patterns in that language — unless the person renamed one, whose
 * own name is kept.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { IntlProvider } from 'react-intl';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Tag } from '../../shared/schemas.js';
import type { ReportConfig, ReportModel } from '../../shared/report.js';
import { CATALOGUES, intlFor } from '../../renderer/i18n/translate.js';
import { ReportDocument } from '../../renderer/report/ReportDocument.js';
import { ReportLanguage } from '../../renderer/report/ReportLanguage.js';
import type { Language } from '../../shared/locales.js';
import { createdService } from '../helpers/journal.js';
import { RANGE, seedReportJournal, TODAY } from '../fixtures/report/journal.js';

type Call = Awaited<ReturnType<typeof createdService>>['call'];
let call: Call;

beforeAll(async () => {
  const s = await createdService();
  call = s.call;
  await seedReportJournal((channel, input) => call(channel, input));
});

const build = (config: ReportConfig) => call<ReportModel>('report.build', { config, today: TODAY });

/** The document as the print view draws it while the app speaks English. */
function printed(model: ReportModel, language: Language | null): string {
  const app = intlFor('en', 'en-US');
  return renderToStaticMarkup(
    createElement(IntlProvider, { locale: app.locale, messages: app.messages, defaultLocale: 'en' }, createElement(ReportLanguage, { language, children: createElement(ReportDocument, { model }) })),
  );
}
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/\s+/g, ' ');

describe('the report in its own language', () => {
  it('prints in German while the app speaks English: words, dates, numbers, built-in pattern names', async () => {
    const m = await build({ range: RANGE, entries: { select: 'all' } });
    const html = printed(m, 'de');
    const text = textOf(html);
    expect(html).toMatch(/<article[^>]* lang="de" dir="ltr"/);
    expect(text).toContain(CATALOGUES.de['report.doc.numbers']);
    expect(text).toContain(CATALOGUES.de['report.doc.kicker']);
    expect(text).not.toContain(CATALOGUES.en['report.doc.numbers']);
    // German dates ("1. April 2024") and decimals ("−1,0").
    expect(text).toContain('1. April 2024');
    expect(text).toMatch(/−1,0/);
    // A built-in pattern in German; the writer's own pattern as they named it.
    expect(m.topPatterns.find((p) => p.label === 'Decided without me')?.slug).toBe('decided-without-me');
    expect(text).toContain(CATALOGUES.de['pattern.decided-without-me']);
    expect(text).not.toContain('Decided without me');
    expect(text).toContain('Arguments with Jordan');
  });

  it('prints in Arabic right to left, with Arabic month names', async () => {
    const m = await build({ range: RANGE, entries: { select: 'all' } });
    const html = printed(m, 'ar');
    expect(html).toMatch(/<article[^>]* lang="ar" dir="rtl"/);
    const text = textOf(html);
    expect(text).toContain(CATALOGUES.ar['report.doc.numbers']);
    expect(text).toContain(CATALOGUES.ar['pattern.decided-without-me']);
    // The month as Arabic writes it (the digits are the locale's: Arabic-Indic or Western, by the ICU data).
    expect(text).toContain('أبريل');
    expect(text).not.toContain('April');
  });

  it('follows the app when no language is chosen', async () => {
    const m = await build({ range: RANGE, entries: { select: 'all' } });
    const html = printed(m, null);
    expect(html).toMatch(/<article[^>]* lang="en-US" dir="ltr"/);
    expect(textOf(html)).toContain('In numbers');
    expect(textOf(html)).toContain('Decided without me');
  });

  it('keeps the name of a built-in pattern the person renamed, in every language', async () => {
    const tags = await call<Tag[]>('tags.list', {});
    const builtin = tags.find((t) => t.builtin && t.slug === 'decided-without-me')!;
    await call('tags.update', { id: builtin.id, patch: { label: 'Plans made over my head' } });
    try {
      const m = await build({ range: RANGE, entries: { select: 'all' } });
      const text = textOf(printed(m, 'de'));
      expect(text).toContain('Plans made over my head');
      expect(text).not.toContain(CATALOGUES.de['pattern.decided-without-me']);
    } finally {
      await call('tags.update', { id: builtin.id, patch: { label: builtin.label } });
    }
  });
});
