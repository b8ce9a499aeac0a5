/**
 * The therapist report through the real service: the model the print view draws for a
 * seeded journal — chosen sections, numbers against the previous period, pseudonyms applied to every
 * name and mention, excluded entries absent, flagged-only and hand-picked selections, "since my last
 * session" — the report's Markdown/CSV/JSON, therapy session days, templates and the PDF port.
 */
import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportDocument } from '../../renderer/report/ReportDocument.js';
import { FulcrumExport, type ExportFile } from '../../shared/portability.js';
import type { ReportConfig, ReportEstimate, ReportModel, ReportTemplate, TherapySession } from '../../shared/report.js';
import { wrappedLines } from '../../main/core/report/index.js';
import type { PrintOptions } from '../../main/core/ports.js';
import { scriptedDialogs } from '../helpers/ports.js';
import { setFormatLocale } from '../../renderer/lib/format.js';
import { createdService, tempDir } from '../helpers/journal.js';
import {
  MANAGER,
  markersExcept,
  PARTNER,
  PREVIOUS,
  RANGE,
  realNamePattern,
  SESSION_DAY,
  seedReportJournal,
  TODAY,
  type ReportJournal,
} from '../fixtures/report/journal.js';

type Call = Awaited<ReturnType<typeof createdService>>['call'];

let call: Call;
let j: ReportJournal;

beforeAll(async () => {
  const s = await createdService();
  call = s.call;
  j = await seedReportJournal((channel, input) => call(channel, input));
});

const build = (config: ReportConfig) => call<ReportModel>('report.build', { config, today: TODAY });
const ids = (m: ReportModel) => (m.entries ?? []).map((e) => e.id);
const text = (x: unknown) => JSON.stringify(x);

describe('the report model', () => {
  it('counts the range against the previous period of equal length, from the journal itself', async () => {
    const m = await build({ range: RANGE, entries: { select: 'all' } });
    expect(m.range).toEqual({ from: '2024-04-01', to: '2024-04-30', days: 30 });
    expect(m.previous).toEqual({ ...PREVIOUS, days: 30 });
    expect(m.generatedOn).toBe(TODAY);
    const s = m.summary!;
    // Five live entries in April (the trashed one is not counted), two in March.
    expect(s.entries).toEqual({ value: 5, previous: 2 });
    expect(s.daysWithEntries).toBe(5);
    expect(s.imbalance).toEqual({ value: 3, previous: 2 });
    expect(s.healthy).toEqual({ value: 2, previous: 0 });
    expect(s.flagged).toBe(3);
    expect(s.safety).toBe(1);
    expect(s.balance.value).toBeCloseTo(-1, 6);
    expect(s.balance.previous).toBeCloseTo(-2, 6);
    expect(s.intensity.value).toBeCloseTo(12 / 5, 6);
    expect(s.checkins).toBe(3);
    // The most frequent pattern, with its change.
    expect(m.topPatterns[0]).toMatchObject({ label: 'Decided without me', count: 2, previousCount: 1, change: 1, polarity: 'imbalance' });
    expect(m.patterns!.map((p) => p.label)).toContain('Talked over');
    expect(m.areas[0]).toEqual({ domain: 'social', entries: 3, previousEntries: 0 });
    // Everyone with entries, most entries first.
    expect(m.everyone).toBe(true);
    expect(m.people.map((p) => [p.name, p.entries])).toEqual([
      [PARTNER.name, 3],
      [MANAGER.name, 2],
      ['Sam Okafor', 1],
    ]);
    expect(ids(m)).toEqual(['weekend', 'standup', 'budget', 'climbing', 'dinner'].map((k) => j.entries[k]!.id));
    expect(m.flagged.items.map((e) => e.id)).toEqual(['weekend', 'budget', 'dinner'].map((k) => j.entries[k]!.id));
    // The trash, older entries and the previous period stay out of the text.
    for (const marker of ['MARKER-TRASHED', 'MARKER-OLD', 'MARKER-MARCH1', 'MARKER-MARCH2']) expect(text(m)).not.toContain(marker);
  });

  it('replaces a pseudonymised name everywhere — names, entry text, outcomes, notes, pattern labels, questions', async () => {
    const m = await build({
      range: RANGE,
      pseudonyms: j.pseudonyms,
      entries: { select: 'all' },
      questions: 'Why does Jordan decide for both of us? And is Priya fair?',
    });
    const all = text(m);
    expect(all).not.toMatch(realNamePattern());
    expect(m.people.map((p) => p.name)).toEqual([PARTNER.alias, MANAGER.alias, 'Sam Okafor']);
    expect(m.people.filter((p) => p.pseudonym).map((p) => p.name)).toEqual([PARTNER.alias, MANAGER.alias]);
    const weekend = m.entries!.find((e) => e.id === j.entries.weekend!.id)!;
    expect(weekend.people).toEqual([PARTNER.alias]);
    expect(weekend.body).toContain('Partner booked the weekend');
    expect(weekend.outcome).toBe('Told Partner I want to be asked.');
    expect(weekend.patterns.map((p) => p.label)).toContain('Arguments with Partner');
    expect(m.entries!.find((e) => e.id === j.entries.dinner!.id)!.body).toContain('Manager and Partner decided');
    expect(m.questions).toBe('Why does Partner decide for both of us? And is Manager fair?');
    expect(m.checkins!.notes).toEqual([{ week: '2024-04-08', name: PARTNER.alias, note: 'Partner was kind on Sunday. MARKER-CHECKIN' }]);
    expect(Object.values(m.charts!.names).sort()).toEqual([PARTNER.alias, MANAGER.alias, 'Sam Okafor'].sort());
    // Not a pseudonymised person: shown by name.
    expect(all).toContain('Sam Okafor');
  });

  it('includes only hand-picked entries, and nothing of the others', async () => {
    const m = await build({ range: RANGE, entries: { select: 'picked', pickedIds: [j.entries.standup!.id, j.entries.climbing!.id, j.entries.old!.id, j.entries.trashed!.id] } });
    // Picked entries outside the range or in the trash stay out.
    expect(ids(m)).toEqual([j.entries.standup!.id, j.entries.climbing!.id]);
    const all = text(m);
    for (const marker of markersExcept(j, ['standup', 'climbing'])) expect(all).not.toContain(marker);
    for (const title of ['Weekend booked without asking', 'Budget together', 'team dinner']) expect(all).not.toContain(title);
    // Aggregates still cover the whole range; the first page lists no unpicked flagged entry.
    expect(m.summary!.flagged).toBe(3);
    expect(m.flagged).toEqual({ total: 3, items: [] });
  });

  it('includes only entries flagged "raise with my therapist" when asked', async () => {
    const m = await build({ range: RANGE, entries: { select: 'flagged' } });
    expect(ids(m)).toEqual(['weekend', 'budget', 'dinner'].map((k) => j.entries[k]!.id));
    expect(text(m)).not.toContain('MARKER-STANDUP');
    expect(text(m)).not.toContain('MARKER-CLIMBING');
  });

  it('in "summary only" mode keeps date, people, patterns and balance, and no text at all', async () => {
    const m = await build({ range: RANGE, pseudonyms: j.pseudonyms, entries: { select: 'all', detail: 'summary' } });
    expect(m.entries).toHaveLength(5);
    for (const e of m.entries!) {
      expect(e).toMatchObject({ title: null, body: null, outcome: null });
      expect(e.people.length).toBeGreaterThan(0);
    }
    expect(m.entries![0]).toMatchObject({ day: '2024-04-03', balance: -2, people: [PARTNER.alias] });
    for (const marker of markersExcept(j, [])) expect(text(m)).not.toContain(marker);
    expect(text(m)).not.toContain('Weekend booked');
  });

  it('leaves out the sections that were not chosen', async () => {
    const m = await build({
      range: RANGE,
      sections: { summary: false, charts: false, patterns: false, checkins: false, entries: false, questions: false },
      questions: 'MARKER-QUESTION',
      entries: { select: 'all' },
    });
    expect(m).toMatchObject({ summary: null, charts: null, patterns: null, checkins: null, entries: null, questions: null, topPatterns: [], areas: [] });
    expect(m.flagged.items).toEqual([]);
    expect(text(m)).not.toContain('MARKER-');
  });

  it('narrows everything to the chosen people', async () => {
    const m = await build({ range: RANGE, personIds: [j.friend], entries: { select: 'all' } });
    expect(m.everyone).toBe(false);
    expect(m.people.map((p) => p.name)).toEqual(['Sam Okafor']);
    expect(m.summary!.entries).toEqual({ value: 1, previous: 0 });
    expect(ids(m)).toEqual([j.entries.climbing!.id]);
    expect(m.checkins!.people).toEqual([]);
    expect(m.topPatterns.map((p) => p.label)).toEqual(['Really listened to']);
  });

  it('starts "since my last session" at the latest session day, with the flagged entries and check-ins since', async () => {
    const sessions = await call<TherapySession[]>('sessions.list', {});
    expect(sessions.map((s) => s.day)).toEqual([SESSION_DAY]);
    const m = await build({ range: { kind: 'sinceLastSession' }, entries: { select: 'flagged' } });
    expect(m.sinceSession).toBe(SESSION_DAY);
    expect(m.lastSession).toBe(SESSION_DAY);
    expect(m.range).toEqual({ from: SESSION_DAY, to: TODAY, days: 21 });
    expect(m.flagged.items.map((e) => e.id)).toEqual([j.entries.budget!.id, j.entries.dinner!.id]);
    // Check-ins from the session's week on.
    expect(m.checkins!.weeks[0]).toBe('2024-04-08');
    expect(m.checkins!.people.find((p) => p.personId === j.partner)!.count).toBe(2);
  });

  it('never compares against a period before the journal began: it knows the first entry and drops every previous value', async () => {
    // The first live entry is 15 January 2024 (the trashed one is later). April's previous period, March, is inside the journal.
    const april = await build({ range: RANGE, entries: { select: 'all' } });
    expect(april).toMatchObject({ journalStart: '2024-01-15', compared: true });

    // February to April: the previous 90 days reach back to November 2023, before the first entry.
    const m = await build({ range: { kind: 'dates', from: '2024-02-01', to: '2024-04-30' }, entries: { select: 'all' } });
    expect(m.previous.from < '2024-01-15').toBe(true);
    expect(m).toMatchObject({ journalStart: '2024-01-15', compared: false });
    const s = m.summary!;
    for (const c of [s.entries, s.imbalance, s.healthy, s.healthyShare, s.balance, s.intensity]) expect(c.previous).toBeNull();
    expect(s.entries.value).toBe(7);
    expect(m.patterns!.length).toBeGreaterThan(0);
    for (const p of m.patterns!) expect([p.previousCount, p.change, p.count > 0]).toEqual([null, null, true]);
    for (const a of m.areas) expect(a.previousEntries).toBeNull();
    for (const d of m.charts!.domains.items) expect(d.previousEntries).toBeNull();
    for (const p of m.checkins!.people) expect(Object.values(p.previousMean).every((v) => v === null)).toBe(true);

    // The journal starting inside the previous period is no better: "was 0" there means "not written yet".
    const starting = await build({ range: { kind: 'dates', from: '2024-01-20', to: '2024-02-20' } });
    expect(starting.previous.to >= '2024-01-15').toBe(true);
    expect(starting.compared).toBe(false);
    expect(starting.summary!.entries).toEqual({ value: 0, previous: null });
  });

  it('knows no start for an empty journal, and compares nothing', async () => {
    const fresh = await createdService();
    const m = await fresh.call<ReportModel>('report.build', { config: { range: RANGE }, today: TODAY });
    expect(m).toMatchObject({ journalStart: null, compared: false, safety: { total: 0, items: [] } });
    expect(m.summary!.entries).toEqual({ value: 0, previous: null });
  });

  it('lists the safety concerns among the included entries and counts the rest', async () => {
    const all = await build({ range: RANGE, entries: { select: 'all' } });
    expect(all.safety.total).toBe(1);
    expect(all.safety.items.map((e) => e.id)).toEqual([j.entries.dinner!.id]);
    // Not included: counted, never shown.
    const picked = await build({ range: RANGE, entries: { select: 'picked', pickedIds: [j.entries.standup!.id] } });
    expect(picked.safety).toEqual({ total: 1, items: [] });
    expect(text(picked)).not.toContain('MARKER-DINNER');
  });

  it('refuses "since my last session" when no session is marked, saying what to do', async () => {
    const fresh = await createdService();
    const reply = await fresh.service.dispatch('report.build', { config: { range: { kind: 'sinceLastSession' } }, today: TODAY });
    expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/Mark the day of your last session/) } });
  });

  it('refuses a config that does not match the schema', async () => {
    const s = await createdService();
    for (const config of [
      { range: { kind: 'dates', from: '2024-05-01', to: '2024-04-01' } },
      { range: { kind: 'last', days: 0 } },
      { range: RANGE, sections: { summary: 'yes' } },
      { range: RANGE, entries: { select: 'some' } },
      { range: RANGE, pseudonyms: { abc: 'x' } },
      { range: RANGE, extra: true },
    ]) {
      const reply = await s.service.dispatch('report.build', { config });
      expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });
});

/** The print view's text (the same component the preview and the PDF draw), tags stripped. */
const printed = (m: ReportModel) =>
  renderToStaticMarkup(createElement(ReportDocument, { model: m }))
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('the printed document', () => {
  // The document formats dates in the app's locale; these expectations are British English.
  beforeAll(() => setFormatLocale('en-GB'));
  afterAll(() => setFormatLocale(undefined));

  it('says when the journal started instead of a change against a period before it', async () => {
    const young = printed(await build({ range: { kind: 'dates', from: '2024-02-01', to: '2024-04-30' }, entries: { select: 'all' } }));
    expect(young).toContain('Journal started on 15 January 2024, so there is no earlier period of the same length to compare with.');
    expect(young).not.toMatch(/[↑↓→]|\(was |compared with the|Arrows compare|Before|Change/);
    const april = printed(await build({ range: RANGE, entries: { select: 'all' } }));
    expect(april).not.toContain('Journal started');
    expect(april).toContain('compared with the 30 days before (2 March 2024 – 31 March 2024)');
    expect(april).toMatch(/↑ \+3 \(was 2\)/);
  });

  it('puts the safety concerns in their own box above the numbers', async () => {
    const html = renderToStaticMarkup(createElement(ReportDocument, { model: await build({ range: RANGE, entries: { select: 'all' } }) }));
    const box = /<section class="rp-safety" aria-labelledby="rp-safety"><h3 id="rp-safety">Safety concerns in this period<\/h3>(.*?)<\/section>/.exec(html);
    expect(box).not.toBeNull();
    expect(box![1]).toContain('1 entry in this period is marked as a safety concern.');
    expect(box![1]).toContain('Thu, 25 Apr 2024');
    expect(html.indexOf('rp-safety')).toBeLessThan(html.indexOf('In numbers'));
    // Not included, so counted only.
    const picked = printed(await build({ range: RANGE, entries: { select: 'picked', pickedIds: [j.entries.standup!.id] } }));
    expect(picked).toContain('1 entry in this period is marked as a safety concern. It is not included in this report.');
    expect(picked).not.toContain('team dinner');
    // No safety concern in the period: no box.
    expect(printed(await build({ range: { kind: 'dates', from: '2024-04-01', to: '2024-04-20' } }))).not.toContain('Safety concerns in this period');
  });

  it("sets the writer's own text apart by its own direction, so Arabic or Hebrew in it reads right", async () => {
    const m = await build({ range: RANGE, entries: { select: 'all' } });
    const html = renderToStaticMarkup(createElement(ReportDocument, { model: m }));
    const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
    const bodies = html.match(/<div class="rp-body"[^>]*>/g) ?? [];
    expect(bodies.length).toBe((m.entries ?? []).filter((e) => e.body).length);
    expect(bodies.length).toBeGreaterThan(0);
    for (const tag of bodies) expect(tag).toContain('dir="auto"');
    const titled = (m.entries ?? []).filter((e) => e.title);
    expect(titled.length).toBeGreaterThan(0);
    for (const e of titled) expect(html).toContain(`<bdi>${esc(e.title!)}</bdi>`);
  });

  it('keeps "I" a capital mid-sentence: in the Entries heading and in the balance words', async () => {
    const flagged = printed(await build({ range: RANGE, entries: { select: 'flagged' } }));
    expect(flagged).toContain('· entries I flagged to talk about');
    expect(flagged).not.toMatch(/\bi (flagged|chose|held)\b/);
    const picked = printed(await build({ range: RANGE, entries: { select: 'picked', pickedIds: [j.entries.standup!.id] } }));
    expect(picked).toContain('· entries I chose to share');
    const all = printed(await build({ range: RANGE, entries: { select: 'all' } }));
    expect(all).toContain('· all entries in this period');
    expect(all).toContain('−2 (they held more power)');
  });
});

describe('the estimated length', () => {
  const estimate = (config: ReportConfig) => call<ReportEstimate>('report.estimate', { config, today: TODAY });

  it('counts pages from the model: longer with more entries in full, shorter as summaries, page one alone without detail', async () => {
    const full = await estimate({ range: RANGE, entries: { select: 'all', detail: 'full' } });
    expect(full.entries).toBe(5);
    expect(full.pages).toBeGreaterThanOrEqual(2);
    expect(full.summaryPages).not.toBeNull();
    expect(full.summaryPages!).toBeLessThanOrEqual(full.pages);
    const summary = await estimate({ range: RANGE, entries: { select: 'all', detail: 'summary' } });
    expect(summary).toEqual({ pages: full.summaryPages, summaryPages: null, entries: 5, rows: 0, fullPages: null });
    const firstOnly = await estimate({ range: RANGE, sections: { summary: true, charts: false, patterns: false, checkins: false, entries: false, questions: true } });
    expect(firstOnly).toEqual({ pages: 1, summaryPages: null, entries: 0, rows: 0, fullPages: null });
  });

  it('grows with the length of the text, and with the user\'s questions', async () => {
    const base = { range: RANGE, sections: { summary: true, charts: false, patterns: false, checkins: false, entries: false, questions: true } } as const;
    const short = await estimate({ ...base, questions: 'One question.' });
    const long = await estimate({ ...base, questions: Array.from({ length: 120 }, (_, i) => `Question ${i + 1}: what could I say when plans are made for me?`).join('\n') });
    expect(short.pages).toBe(1);
    expect(long.pages).toBeGreaterThanOrEqual(2);
  });

  it('refuses settings that do not match the schema', async () => {
    const s = await createdService();
    expect(await s.service.dispatch('report.estimate', { config: { range: { kind: 'last', days: 0 } } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('wrapped lines', () => {
  it('wraps words at the line width, keeps every paragraph at least one line, and breaks words longer than a line', () => {
    // 10 pt over 100 mm: 56 characters a line.
    expect(wrappedLines('', 10, 100)).toBe(1);
    expect(wrappedLines('short', 10, 100)).toBe(1);
    expect(wrappedLines('a\n\nb', 10, 100)).toBe(3);
    expect(wrappedLines(Array.from({ length: 20 }, () => 'word').join(' '), 10, 100)).toBe(2);
    expect(wrappedLines('x'.repeat(150), 10, 100)).toBe(3);
    expect(wrappedLines(`start ${'x'.repeat(150)}`, 10, 100)).toBe(4);
  });
});

describe("the report's Markdown, CSV and JSON", () => {
  const config = (): ReportConfig => ({
    range: RANGE,
    pseudonyms: j.pseudonyms,
    entries: { select: 'picked', pickedIds: [j.entries.weekend!.id, j.entries.dinner!.id] },
    questions: 'Can we talk about how Jordan plans for me?',
  });
  const file = (format: 'markdown' | 'csv' | 'json', c = config()) => call<ExportFile>('report.export', { config: c, format, today: TODAY });

  it('carries the same pseudonyms and entry selection in every format, and nothing of excluded entries', async () => {
    for (const format of ['markdown', 'csv', 'json'] as const) {
      const f = await file(format);
      expect(f.plaintext).toBe(true);
      expect(f.filename).toMatch(new RegExp(`^fulcrum-report-\\d{4}-\\d{2}-\\d{2}\\.(md|csv|json)$`));
      expect(f.content, format).not.toMatch(realNamePattern());
      expect(f.content).toContain('MARKER-WEEKEND');
      expect(f.content).toContain('MARKER-DINNER');
      for (const marker of markersExcept(j, ['weekend', 'dinner'])) expect(f.content, `${format}: ${marker}`).not.toContain(marker);
      expect(f.counts.entries).toBe(2);
    }
  });

  it('writes CSV with one row per included entry and formula cells neutralised', async () => {
    const rows = parse((await file('csv')).content.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]!.people).toBe(PARTNER.alias);
    expect(rows[1]!.people).toBe(`${PARTNER.alias}; ${MANAGER.alias}`);
    expect(rows[1]!.title).toBe(`'=HYPERLINK("x") team dinner`);
  });

  it('writes JSON the import schema accepts, with pseudonyms as names and no person notes', async () => {
    const parsed = FulcrumExport.parse(JSON.parse((await file('json')).content));
    expect(parsed.scope.pseudonymised).toBe(true);
    expect(parsed.scope.from).toBe('2024-04-01');
    expect(parsed.journal.people.map((p) => p.name).sort()).toEqual([MANAGER.alias, PARTNER.alias].sort());
    expect(parsed.journal.people.every((p) => p.notes === '')).toBe(true);
    expect(parsed.journal.entries.map((e) => e.id)).toEqual([j.entries.weekend!.id, j.entries.dinner!.id]);
    expect(parsed.journal.sessions).toEqual([]);
    expect(parsed.journal.strengths).toEqual([]);
  });

  it('puts the questions at the top of the Markdown, pseudonymised, and leaves text out in summary mode', async () => {
    const md = (await file('markdown')).content;
    expect(md.startsWith('# Report for my therapist\n')).toBe(true);
    expect(md.indexOf('## Questions for my next session')).toBeLessThan(md.indexOf('## Entries'));
    expect(md).toContain('> Can we talk about how Partner plans for me?');
    const summary = await file('markdown', { ...config(), entries: { select: 'all', detail: 'summary' } });
    for (const marker of markersExcept(j, [])) expect(summary.content).not.toContain(marker);
    expect(summary.content).toContain('Entry text, titles, outcomes and notes are left out');
  });

  it('has no entries when the entries section is off', async () => {
    const f = await file('csv', { ...config(), sections: { summary: true, charts: true, patterns: true, checkins: true, entries: false, questions: true } });
    expect(f.counts.entries).toBe(0);
    expect(f.content).not.toContain('MARKER-');
  });
});

describe('therapy session days', () => {
  it('adds, lists newest first, keeps one row per day and deletes', async () => {
    const { call: c } = await createdService();
    const a = await c<TherapySession>('sessions.add', { day: '2024-02-01' });
    await c('sessions.add', { day: '2024-03-01', note: 'first' });
    const again = await c<TherapySession>('sessions.add', { day: '2024-03-01', note: 'renamed' });
    expect((await c<TherapySession[]>('sessions.list', {})).map((s) => [s.day, s.note])).toEqual([
      ['2024-03-01', 'renamed'],
      ['2024-02-01', ''],
    ]);
    await c('sessions.delete', { id: a.id });
    await c('sessions.delete', { id: again.id });
    expect(await c('sessions.list', {})).toEqual([]);
  });

  it('does not count a session marked ahead of today as the last one', async () => {
    const { call: c } = await createdService();
    await c('sessions.add', { day: '2024-04-01' });
    await c('sessions.add', { day: '2024-05-20' });
    const m = await c<ReportModel>('report.build', { config: { range: { kind: 'sinceLastSession' } }, today: '2024-05-01' });
    expect(m.range.from).toBe('2024-04-01');
  });
});

describe('report templates', () => {
  it('saves the settings under a name (not the questions nor hand-picked entries), replaces by name, lists by name, deletes', async () => {
    const { call: c } = await createdService();
    const config: ReportConfig = {
      range: { kind: 'last', days: 14 },
      pseudonyms: { '1': 'Partner' },
      entries: { select: 'picked', pickedIds: [5, 6], detail: 'summary' },
      questions: 'private question',
      pageSize: 'letter',
    };
    const t = await c<ReportTemplate>('templates.save', { name: '  Fortnightly  ', config });
    expect(t.name).toBe('Fortnightly');
    expect(t.config).toMatchObject({ range: { kind: 'last', days: 14 }, pseudonyms: { '1': 'Partner' }, questions: '', pageSize: 'letter', entries: { select: 'picked', pickedIds: [], detail: 'summary' } });
    const replaced = await c<ReportTemplate>('templates.save', { name: 'fortnightly', config: { ...config, range: { kind: 'last', days: 30 } } });
    expect(replaced.id).toBe(t.id);
    await c('templates.save', { name: 'After each session', config: { range: { kind: 'sinceLastSession' } } });
    const list = await c<ReportTemplate[]>('templates.list', {});
    expect(list.map((x) => [x.name, x.config.range])).toEqual([
      ['After each session', { kind: 'sinceLastSession' }],
      ['fortnightly', { kind: 'last', days: 30 }],
    ]);
    await c('templates.delete', { id: t.id });
    expect((await c<ReportTemplate[]>('templates.list', {})).map((x) => x.name)).toEqual(['After each session']);
  });

  it('refuses an invalid config or an empty name, and saves nothing', async () => {
    const { service, call: c } = await createdService();
    for (const input of [
      { name: 'x', config: { range: { kind: 'weeks', n: 2 } } },
      { name: '   ', config: { range: { kind: 'last', days: 7 } } },
      { name: 'x', config: { range: { kind: 'last', days: 7 }, questions: 'a\u0000b' } },
    ]) {
      expect(await service.dispatch('templates.save', input)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(await c('templates.list', {})).toEqual([]);
  });
});

describe('the report PDF through the printer port', () => {
  const pdfInput = { html: '<!doctype html><title>Fulcrum report</title><p>x</p>', pageSize: 'letter', from: '2024-04-01', to: '2024-04-30', generatedOn: '2024-04-30' };

  it('explains that browser mode prints through the browser when there is no printer', async () => {
    const { service } = await createdService();
    expect(await service.dispatch('report.savePdf', pdfInput)).toMatchObject({ ok: false, error: { code: 'IO', message: expect.stringMatching(/Print and choose “Save as PDF”/) } });
  });

  it('prints with page numbers, the range and the date in header and footer, and writes where the dialog says', async () => {
    const target = path.join(tempDir(), 'report.pdf');
    const seen: { html: string; opts: PrintOptions | undefined }[] = [];
    const dialogs = scriptedDialogs([target, null]);
    const { service } = await createdService(undefined, {
      ports: { log: () => {}, dialogs, printer: { printToPDF: async (html, opts) => (seen.push({ html, opts }), Buffer.from('%PDF-1.7 test')) } },
    });
    const saved = await service.dispatch('report.savePdf', pdfInput);
    expect(saved).toMatchObject({ ok: true, value: { saved: true, path: target, bytes: 13 } });
    expect(fs.readFileSync(target, 'utf8')).toBe('%PDF-1.7 test');
    expect((fs.statSync(target).mode & 0o777).toString(8)).toBe('600');
    const opts = seen[0]!.opts!;
    expect(opts.pageSize).toBe('Letter');
    expect(opts.headerTemplate).toContain('2024-04-01 to 2024-04-30');
    expect(opts.headerTemplate).toContain('Generated 2024-04-30');
    expect(opts.footerTemplate).toContain('<span class="pageNumber"></span>');
    expect(opts.footerTemplate).toContain('<span class="totalPages"></span>');
    expect(dialogs.asked[0]!.title).toMatch(/not encrypted/);
    // Cancelled dialog: nothing written.
    expect(await service.dispatch('report.savePdf', pdfInput)).toEqual({ ok: true, value: { saved: false } });
  });

  it('refuses header and footer values that are not days (no name can reach them)', async () => {
    const { service } = await createdService();
    expect(await service.dispatch('report.savePdf', { ...pdfInput, from: 'Jordan' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
