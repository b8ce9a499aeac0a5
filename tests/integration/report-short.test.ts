/**
 * The short default report: past the first FULL_TEXT_ENTRIES included entries, each is a one-line
 * row (date, people, patterns, first words) whose words are never read whole, nor put in the model,
 * nor disclosed in the evidence; "full text for every entry" is the person's explicit choice, with
 * its own page estimate. Every included entry keeps its proof either way.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { IntlProvider } from 'react-intl';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkEvidence, shortCodeOf, type Evidence, type PrintedProofs } from '../../shared/evidence.js';
import { FULL_TEXT_ENTRIES, type ReportConfig, type ReportEstimate, type ReportModel } from '../../shared/report.js';
import { EXCERPT_CHARS, rowExcerpt } from '../../main/core/report/model.js';
import { Pseudonymiser } from '../../main/core/portability/export/pseudonyms.js';
import { ReportDocument } from '../../renderer/report/ReportDocument.js';
import { VerificationAppendix } from '../../renderer/report/Appendix.js';
import { setFormatLocale } from '../../renderer/lib/format.js';
import { intlFor } from '../../renderer/i18n/translate.js';
import { createdService } from '../helpers/journal.js';

const DAY = Date.UTC(2025, 2, 1, 18);
const at = (d: number, h = 0) => DAY + d * 86_400_000 + h * 3_600_000;
const RANGE = { kind: 'dates', from: '2025-03-01', to: '2025-04-30' } as const;
const FLAGGED = FULL_TEXT_ENTRIES + 6;
/** A word deep in every entry's text: it is never in a row, whatever the row shows. */
const DEEP = 'zephyrmarker';

type Call = Awaited<ReturnType<typeof createdService>>['call'];
let call: Call;
let jordan: number;

beforeAll(async () => {
  const s = await createdService();
  call = s.call;
  jordan = (await call<{ id: number }>('people.create', { name: 'Jordan Quillfeather', kind: 'romantic', color: '#336699' })).id;
  for (let i = 0; i < FLAGGED; i++) {
    // Every third has no title: its row shows the start of its text instead.
    const titled = i % 3 !== 0;
    await call('entries.create', {
      occurredAt: at(i),
      timeZone: 'UTC',
      title: titled ? `Evening ${i} with Jordan` : '',
      body: `Jordan Quillfeather decided about the money again, entry ${i}. ${'We talked for a long time about it and nothing changed. '.repeat(20)}${DEEP} ${i}`,
      outcome: `Outcome ${i}: ${DEEP}`,
      personIds: [jordan],
      raiseWithTherapist: true,
    });
  }
  // Two entries not flagged: left out of a flagged report, and counted as such.
  for (let i = 0; i < 2; i++) await call('entries.create', { occurredAt: at(50 + i), timeZone: 'UTC', title: 'Not flagged', body: 'private', personIds: [jordan] });
});

const config = (over: Partial<ReportConfig['entries']> = {}, pseudonyms = true): ReportConfig => ({
  range: RANGE,
  entries: { select: 'flagged', ...over },
  ...(pseudonyms ? { pseudonyms: { [jordan]: 'Partner' } } : {}),
});

describe('the short default report', () => {
  it('prints the first entries whole and the rest as rows, reading none of the rows’ text past its first words', async () => {
    const m = await call<ReportModel>('report.build', { config: config() });
    const entries = m.entries!;
    expect(m.fullText).toBe('first');
    expect(entries).toHaveLength(FLAGGED);
    expect(entries.slice(0, FULL_TEXT_ENTRIES).every((e) => e.shown === 'full' && e.body !== null && e.excerpt === null)).toBe(true);
    const rows = entries.slice(FULL_TEXT_ENTRIES);
    expect(rows.every((e) => e.shown === 'row' && e.title === null && e.body === null && e.outcome === null)).toBe(true);
    // Oldest first: the rows are the latest entries.
    expect(rows.map((e) => e.day)).toEqual(Array.from({ length: FLAGGED - FULL_TEXT_ENTRIES }, (_, k) => new Date(at(FULL_TEXT_ENTRIES + k)).toISOString().slice(0, 10)));
    expect(JSON.stringify(rows)).not.toContain(DEEP);
    expect(JSON.stringify(m)).not.toMatch(/Jordan|Quillfeather/);
    // A titled row shows its title; an untitled one the start of its text, cut at a word, pseudonyms applied.
    const titled = rows.find((e) => !e.excerpt!.startsWith('Partner decided'))!;
    expect(titled.excerpt).toMatch(/^Evening \d+ with Partner$/);
    const untitled = rows.find((e) => e.excerpt!.startsWith('Partner decided'))!;
    expect(untitled.excerpt!.length).toBeLessThanOrEqual(EXCERPT_CHARS + 1);
    expect(untitled.excerpt).toMatch(/^Partner decided about the money again, entry \d+\. We talked .*[a-z.]…$/);
    // The flags and the people are there for every row.
    expect(rows.every((e) => e.flagged && e.people.join() === 'Partner')).toBe(true);
  });

  it('prints every entry whole when the person asks for it', async () => {
    const m = await call<ReportModel>('report.build', { config: config({ fullText: 'all' }) });
    expect(m.entries!.every((e) => e.shown === 'full' && e.body!.includes(DEEP))).toBe(true);
    const s = await call<ReportModel>('report.build', { config: config({ detail: 'summary' }) });
    expect(s.entries!.every((e) => e.shown === 'summary' && e.body === null && e.excerpt === null)).toBe(true);
  });

  it('keeps every included entry’s proof; a row’s words are withheld, as a summary’s are', async () => {
    const ev = await call<Evidence>('report.evidence', { config: config({}, false) });
    expect(ev.counts).toEqual({ inPeriod: FLAGGED + 2, included: FLAGGED, withheld: 2 });
    ev.entries.forEach((e, i) => {
      for (const f of ['title', 'body', 'outcome']) {
        if (i < FULL_TEXT_ENTRIES) expect(e.fields![f], `entry ${i} ${f}`).not.toHaveProperty('withheld');
        else expect(e.fields![f], `entry ${i} ${f}`).toMatchObject({ withheld: 'redacted' });
      }
      expect(e.proof.length).toBeGreaterThan(0);
    });
    expect(JSON.stringify(ev.entries.slice(FULL_TEXT_ENTRIES))).not.toContain(DEEP);
    expect((await checkEvidence(ev)).ok).toBe(true);
    const all = await call<Evidence>('report.evidence', { config: config({ fullText: 'all' }, false) });
    expect(all.entries.every((e) => !('withheld' in e.fields!.body!))).toBe(true);
  });

  it('gives the preview the hashes of every entry and the proofs of those printed whole, as the evidence has them', async () => {
    const ev = await call<Evidence>('report.evidence', { config: config() });
    const printed = await call<PrintedProofs>('report.printedProofs', { config: config() });
    expect(printed.head).toEqual(ev.head);
    expect(printed.counts).toEqual(ev.counts);
    expect(printed.entries.map((e) => [e.id, e.seq, e.hash])).toEqual(ev.entries.map((e) => [e.id, e.seq, e.hash]));
    printed.entries.forEach((e, i) => {
      if (i < FULL_TEXT_ENTRIES) {
        expect(e.proof, `entry ${i}`).toEqual(ev.entries[i]!.proof);
        // Withheld fields named as the evidence marks them (the text, with the pseudonym in it).
        const marked = Object.entries(ev.entries[i]!.fields!).flatMap(([name, f]) => ('withheld' in f ? [{ name, why: f.withheld }] : []));
        expect(marked.length).toBeGreaterThan(0);
        expect(e.withheld).toEqual(marked);
      } else {
        expect(e.proof, `entry ${i}`).toBeNull();
        expect(e.withheld).toEqual([]);
      }
    });
    // Every proof printed whole, a code for each row: the appendix as drawn from it.
    const intl = intlFor('en', 'en-GB');
    const appendix = renderToStaticMarkup(
      createElement(IntlProvider, { locale: intl.locale, messages: intl.messages, defaultLocale: 'en' }, createElement(VerificationAppendix, { evidence: printed, problem: null })),
    );
    for (const e of printed.entries.slice(0, FULL_TEXT_ENTRIES)) expect(appendix).toContain(e.proof!.join(' '));
    for (const e of printed.entries.slice(FULL_TEXT_ENTRIES)) expect(appendix).toContain(shortCodeOf(e.hash));
    expect(appendix).not.toContain(printed.entries.at(-1)!.hash);
    // Every entry whole: every proof.
    const all = await call<PrintedProofs>('report.printedProofs', { config: config({ fullText: 'all' }) });
    expect(all.entries.every((e) => e.proof !== null && e.proof.length > 0)).toBe(true);
  });

  it('estimates the short report, and the pages every entry in full would take', async () => {
    const short = await call<ReportEstimate>('report.estimate', { config: config() });
    const long = await call<ReportEstimate>('report.estimate', { config: config({ fullText: 'all' }) });
    expect(short).toMatchObject({ entries: FLAGGED, rows: FLAGGED - FULL_TEXT_ENTRIES });
    expect(long).toMatchObject({ entries: FLAGGED, rows: 0, fullPages: null });
    // From the rows' sizes alone, within a page of the estimate from their words.
    expect(short.fullPages).not.toBeNull();
    expect(Math.abs(short.fullPages! - long.pages)).toBeLessThanOrEqual(1);
    expect(short.pages).toBeLessThan(long.pages);
  });

  it('the document says which entries are rows and how to print them whole', async () => {
    setFormatLocale('en-GB');
    const m = await call<ReportModel>('report.build', { config: config() });
    const html = renderToStaticMarkup(createElement(ReportDocument, { model: m }));
    expect(html.match(/class="rp-row"/g)).toHaveLength(FLAGGED - FULL_TEXT_ENTRIES);
    expect(html.match(/class="rp-entry"/g)).toHaveLength(FULL_TEXT_ENTRIES);
    expect(html).toContain(`The first 30 of these ${FLAGGED} entries are printed in full above; the other 6 entries are one line each`);
    expect(html).toContain('Full text for every entry');
    // No row has a pattern here: no key to signs none of them uses.
    expect(html).not.toContain('rp-rows-key');
    // Rows with patterns: each sign once per pattern, and the key names the signs the rows use.
    const withPatterns: ReportModel = {
      ...m,
      entries: m.entries!.map((e, i) =>
        e.shown === 'row'
          ? { ...e, patterns: [{ label: 'Decided without me', slug: null, polarity: 'imbalance' as const }, ...(i % 2 ? [{ label: 'Really listened to', slug: null, polarity: 'healthy' as const }] : [])] }
          : e,
      ),
    };
    const keyed = renderToStaticMarkup(createElement(ReportDocument, { model: withPatterns }));
    const key = /<span class="rp-rows-key">(.*?)<\/span>/.exec(keyed)?.[1]?.replace(/<[^>]+>/g, '');
    expect(key).toBe('≠ Imbalance · = Healthy');
    const row = /<li class="rp-row">.*?<\/li>/.exec(keyed)![0].replace(/<[^>]+>/g, '');
    expect(row).toMatch(/≠ Decided without me(; = Really listened to)?/);
  });
});

describe('a row’s first words', () => {
  const alias = new Pseudonymiser([{ id: 1, name: 'Jordan Quillfeather' }], { '1': 'Partner' });
  it('never cuts a name in half before the pseudonyms are applied', () => {
    // The start of the text read from the journal ends inside the surname.
    const lead = `${'word '.repeat(10)}Jordan Quillfea`;
    const out = rowExcerpt(lead, true, alias)!;
    expect(out).toBe(`${'word '.repeat(10)}Partner…`);
    expect(out).not.toMatch(/Quill/);
  });
  it('shortens at a word’s end and says so; a short title stays whole', () => {
    expect(rowExcerpt('A short title about Jordan', false, alias)).toBe('A short title about Partner');
    const long = rowExcerpt('alpha '.repeat(40), false, alias)!;
    expect(long.endsWith('alpha…')).toBe(true);
    expect(long.length).toBeLessThanOrEqual(EXCERPT_CHARS + 1);
    expect(rowExcerpt('   ', false, alias)).toBeNull();
  });
});
