/**
 * Verifiable reports: the evidence a report carries checks out with shared/evidence.ts (the code of
 * the standalone verifier and the "Check a report" screen) — with pseudonyms and redactions — and any
 * change to it (a character, a removed entry, a swapped proof, another head) fails, saying where.
 */
import fs from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkEvidence, type Evidence } from '../../shared/evidence.js';
import type { EvidencePackageFile } from '../../shared/report.js';
import type { Receipt } from '../../shared/ledger.js';
import { buildVerifierHtml, generatedSource, GENERATED } from '../../main/cli/build-verifier.js';
import path from 'node:path';
import { scriptedDialogs } from '../helpers/ports.js';
import { callOf, createdService, tempDir } from '../helpers/journal.js';
import { invalidateRollups, refreshRollups } from '../../main/core/db/analytics/index.js';

const DAY = Date.UTC(2025, 2, 3, 18);
const at = (d: number) => DAY + d * 86_400_000;
const RANGE = { kind: 'dates', from: '2025-03-01', to: '2025-03-31' } as const;

async function journal() {
  const { call } = await createdService();
  const sam = await call<{ id: number }>('people.create', { name: 'Sam', kind: 'romantic', color: '#336699' });
  const mk = (d: number, title: string, body: string, flag = true) =>
    call<{ id: number }>('entries.create', { occurredAt: at(d), timeZone: 'UTC', title, body, personIds: [sam.id], raiseWithTherapist: flag, outcome: 'We left it there.' });
  const a = await mk(0, 'The budget talk', 'Sam decided alone again.');
  const b = await mk(1, 'Dinner', 'A calm evening, nothing to report.');
  await mk(2, 'Not for the report', 'private', false);
  const receipt = await call<Receipt>('ledger.takeReceipt');
  const c = await mk(3, 'Car keys', 'The keys were hidden.');
  await call('entries.update', { id: b.id, patch: { body: 'A calm evening; we laughed.' } });
  return { call, sam, ids: [a.id, b.id, c.id], receipt };
}

const config = (over: object = {}) => ({ range: RANGE, entries: { select: 'flagged', detail: 'full' }, ...over });

describe('evidence of a report', () => {
  it('a pseudonymised report checks out: unaltered fields shown, altered ones withheld as commitments; counts of what was left out', async () => {
    const { call, sam, ids } = await journal();
    const ev = await call<Evidence>('report.evidence', { config: config({ pseudonyms: { [sam.id]: 'P.' } }) });
    expect(ev.entries.map((e) => e.id)).toEqual(ids);
    expect(ev.counts).toEqual({ inPeriod: 4, included: 3, withheld: 1 });
    const first = ev.entries[0]!.fields!;
    // "Sam decided alone again." became "P. decided alone again.": withheld, its pseudonymised text beside it.
    expect(first.body).toMatchObject({ withheld: 'pseudonymised', shown: 'P. decided alone again.' });
    expect(first.title).toMatchObject({ value: 'The budget talk' });
    expect(JSON.stringify(ev)).not.toContain('Sam decided');
    const r = await checkEvidence(ev);
    expect(r.ok).toBe(true);
    expect(r.summary).toMatch(/^Valid against head [0-9A-F]{4}(-[0-9A-F]{4}){4} \(position \d+\): 3 entries, 1 withheld in the period 2025-03-01 to 2025-03-31\.$/);
    expect(r.entries[0]!.withheld).toEqual([{ name: 'body', why: 'pseudonymised' }]);
    expect(r.entries.map((e) => [e.day, e.title])).toEqual([['2025-03-03', 'The budget talk'], ['2025-03-04', 'Dinner'], ['2025-03-06', 'Car keys']]);
  });

  it('counts the period’s entries the same whether the day rollups are current or stale, the trash and other months left out', async () => {
    const { call, service } = await createdService();
    const mk = (d: number) => call<{ id: number }>('entries.create', { occurredAt: at(d), timeZone: 'UTC', title: `Day ${d}`, raiseWithTherapist: true });
    for (const d of [0, 0, 1, 5, 40]) await mk(d);
    const trashed = await mk(2);
    await call('entries.delete', { id: trashed.id });
    const db = service.vault.database();
    const counts = async () => (await call<Evidence>('report.evidence', { config: config() })).counts;
    refreshRollups(db);
    expect(await counts()).toEqual({ inPeriod: 4, included: 4, withheld: 0 });
    // One day stale (a new entry there), then every day.
    await call('entries.create', { occurredAt: at(1), timeZone: 'UTC', title: 'Later that day' });
    expect(await counts()).toEqual({ inPeriod: 5, included: 4, withheld: 1 });
    invalidateRollups(db);
    expect(await counts()).toEqual({ inPeriod: 5, included: 4, withheld: 1 });
    refreshRollups(db);
    expect(await counts()).toEqual({ inPeriod: 5, included: 4, withheld: 1 });
  });

  it('"summary only" withholds every text field, and still checks out', async () => {
    const { call } = await journal();
    const ev = await call<Evidence>('report.evidence', { config: config({ entries: { select: 'all', detail: 'summary' } }) });
    for (const e of ev.entries) for (const f of ['title', 'body', 'outcome']) expect(e.fields![f]).toMatchObject({ withheld: 'redacted' });
    expect(JSON.stringify(ev)).not.toMatch(/budget|hidden|private|calm/);
    expect((await checkEvidence(ev)).ok).toBe(true);
  });

  it('a receipt’s head shows which entries existed, unchanged, when it was taken', async () => {
    const { call, receipt } = await journal();
    const ev = await call<Evidence>('report.evidence', { config: config() });
    const r = await checkEvidence(ev, receipt.code);
    expect(r.ok).toBe(true);
    // The budget talk existed; the dinner was changed after the receipt and the car keys written after it.
    expect(r.entries.map((e) => e.atReceipt)).toEqual(['existed', 'after', 'after']);
    expect(r.receipt).toMatchObject({ ok: true, existed: 1, after: 2, seq: receipt.seq });
    expect((await checkEvidence(ev, receipt.head)).receipt?.ok).toBe(true);
    const unknown = await checkEvidence(ev, 'ABCD-EF01-2345-6789-ABCD');
    expect(unknown.ok).toBe(false);
    expect(unknown.summary).toContain('no receipt with that head is in the report');
  });

  it('one changed character, a removed entry, a swapped proof, another head or a changed commitment fails, saying where', async () => {
    const { call } = await journal();
    const ev = await call<Evidence>('report.evidence', { config: config() });
    const copy = () => structuredClone(ev);

    const typo = copy();
    const f = typo.entries[1]!.fields!.body as { value: string };
    f.value = f.value.replace('laughed', 'laugheD');
    let r = await checkEvidence(typo);
    expect(r.ok).toBe(false);
    expect(r.entries.map((e) => e.ok)).toEqual([true, false, true]);
    expect(r.summary).toMatch(/^Not valid: entry 2 \(#\d+, version 2\): Its field “body” was changed: it does not match its commitment\.$/);

    // Changed with its commitment recomputed (by someone without the journal's other commitments): the proof fails instead.
    const recommitted = copy();
    const g = recommitted.entries[0]!.fields!.title as { commitment: string };
    g.commitment = g.commitment.replace(/^./, (ch) => (ch === 'a' ? 'b' : 'a'));
    r = await checkEvidence(recommitted);
    expect(r.entries[0]!.problems).toContain('Its field “title” was changed: it does not match its commitment.');
    // The same finding as a code for the app to word (one code per English sentence).
    expect(r.entries[0]!.issues).toContainEqual({ code: 'field-changed', name: 'title' });
    expect(r.entries[0]!.issues).toHaveLength(r.entries[0]!.problems.length);
    const digestOnly = copy();
    delete digestOnly.entries[0]!.digest;
    (digestOnly.entries[0]!.fields!.title as { commitment: string }).commitment = g.commitment;
    (digestOnly.entries[0]!.fields!.title as { value: string; salt: string; commitment: string }).salt = '0'.repeat(64);
    r = await checkEvidence(digestOnly);
    expect(r.entries[0]!.problems.join(' ')).toContain('Its proof does not lead to the stated head');

    const removed = copy();
    removed.entries.splice(0, 1);
    r = await checkEvidence(removed);
    expect(r.ok).toBe(false);
    expect(r.summary).toContain('The report says it includes 3 entries but carries 2.');
    expect(r.issues).toContainEqual({ code: 'included-count', said: 3, carried: 2 });

    const swapped = copy();
    [swapped.entries[0]!.proof, swapped.entries[2]!.proof] = [swapped.entries[2]!.proof, swapped.entries[0]!.proof];
    r = await checkEvidence(swapped);
    expect(r.entries.filter((e) => !e.ok).map((e) => e.index)).toEqual([1, 3]);

    const head = copy();
    head.head.root = head.head.root.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    r = await checkEvidence(head);
    expect(r.problems[0]).toContain('The stated head does not commit to the stated tree');

    const redacted = await call<Evidence>('report.evidence', { config: config({ entries: { select: 'flagged', detail: 'summary' } }) });
    const altered = structuredClone(redacted);
    const w = altered.entries[0]!.fields!.title as { commitment: string };
    w.commitment = w.commitment.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    r = await checkEvidence(altered);
    expect(r.entries[0]!.ok).toBe(false);

    expect((await checkEvidence({ format: 'something else' })).unreadable).toMatch(/^This is not a Fulcrum evidence file/);
    expect((await checkEvidence(null)).ok).toBe(false);
  });

  it('the check-ins behind the check-in section are disclosed with proofs: answers shown, a note only when the report prints it', async () => {
    const { call, sam } = await journal();
    const alex = await call<{ id: number }>('people.create', { name: 'Alex', kind: 'family', color: '#993366' });
    const save = (personId: number, week: string, note: string, forTherapist: boolean) =>
      call<{ id: number }>('checkins.save', { personId, week, heard: 2, respected: 3, safe: 4, note, forTherapist });
    const shared = await save(sam.id, '2025-03-03', 'Sam listened this week.', true);
    const kept = await save(sam.id, '2025-03-10', 'Only for me.', false);
    const other = await save(alex.id, '2025-03-10', '', false);
    await save(sam.id, '2025-04-07', 'After the period.', true);

    const ev = await call<Evidence>('report.evidence', { config: config({ pseudonyms: { [sam.id]: 'P.' } }) });
    expect(ev.checkins!.map((c) => c.id)).toEqual([shared.id, kept.id, other.id]);
    const [first, second] = ev.checkins!;
    expect(first!.fields!.heard).toMatchObject({ value: 2 });
    expect(first!.fields!.week).toMatchObject({ value: '2025-03-03' });
    // Printed pseudonymised: withheld, the printed text beside it. Not marked for the therapist: withheld.
    expect(first!.fields!.note).toMatchObject({ withheld: 'pseudonymised', shown: 'P. listened this week.' });
    expect(second!.fields!.note).toMatchObject({ withheld: 'redacted' });
    expect(JSON.stringify(ev)).not.toMatch(/Only for me|Sam listened/);

    const r = await checkEvidence(ev);
    expect(r.ok).toBe(true);
    expect(r.checkins.map((c) => [c.ok, c.week])).toEqual([[true, '2025-03-03'], [true, '2025-03-10'], [true, '2025-03-10']]);
    expect(r.checkins[1]!.withheld).toEqual([{ name: 'note', why: 'redacted' }]);
    expect(r.summary).toContain('3 check-ins behind its check-in section.');

    // One person chosen: only their check-ins. No check-in section: none.
    const onlyAlex = await call<Evidence>('report.evidence', { config: config({ personIds: [alex.id] }) });
    expect(onlyAlex.checkins!.map((c) => c.id)).toEqual([other.id]);
    const noSection = await call<Evidence>('report.evidence', {
      config: config({ sections: { summary: true, charts: true, patterns: true, checkins: false, entries: true, questions: true } }),
    });
    expect(noSection.checkins).toEqual([]);

    // A changed answer, a swapped proof or a changed note commitment fails at that check-in.
    const changed = structuredClone(ev);
    (changed.checkins![0]!.fields!.safe as { value: number }).value = 1;
    let bad = await checkEvidence(changed);
    expect(bad.ok).toBe(false);
    expect(bad.summary).toMatch(/^Not valid: check-in 1 \(#\d+, version 1\): Its field “safe” was changed: it does not match its commitment\.$/);
    const swapped = structuredClone(ev);
    [swapped.checkins![0]!.proof, swapped.checkins![2]!.proof] = [swapped.checkins![2]!.proof, swapped.checkins![0]!.proof];
    bad = await checkEvidence(swapped);
    expect(bad.checkins.filter((c) => !c.ok).map((c) => c.index)).toEqual([1, 3]);
    const note = structuredClone(ev);
    const n = note.checkins![1]!.fields!.note as { commitment: string };
    n.commitment = n.commitment.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    expect((await checkEvidence(note)).checkins[1]!.problems.join(' ')).toContain('Its proof does not lead to the stated head');
    // A check-in disclosed as if it were an entry does not check out (its commitment form names its type).
    const moved = structuredClone(ev);
    moved.entries[0] = { ...moved.checkins![0]! };
    expect((await checkEvidence(moved)).entries[0]!.ok).toBe(false);
  });

  it('the package holds the report, evidence.json and the standalone verifier; the report JSON carries the same evidence', async () => {
    const { call } = await journal();
    const pkg = await call<EvidencePackageFile>('report.evidencePackage', { config: config(), html: '<!doctype html><p>report</p>', pageSize: 'a4', from: '2025-03-01', to: '2025-03-31', generatedOn: '2025-04-01' });
    expect(pkg).toMatchObject({ mimeType: 'application/zip', entries: 3, withheld: 1 });
    const files = unzipSync(Buffer.from(pkg.base64, 'base64'));
    expect(Object.keys(files).sort()).toEqual(['README.txt', 'evidence.json', 'report.html', 'verify-report.html']);
    const ev = JSON.parse(strFromU8(files['evidence.json']!)) as Evidence;
    expect((await checkEvidence(ev)).ok).toBe(true);
    const html = strFromU8(files['verify-report.html']!);
    expect(html).toContain("default-src 'none'");
    // Nothing loaded from anywhere: no external script, style, image or frame (the CSP forbids any fetch too).
    expect(/<(script|img|iframe)[^>]+src=|<link[^>]+href=/i.test(html)).toBe(false);

    const json = JSON.parse((await call<{ content: string }>('report.export', { config: config(), format: 'json' })).content) as { verification: Evidence };
    expect((await checkEvidence(json.verification)).ok).toBe(true);
    expect(json.verification.entries).toHaveLength(3);
  });

  it('desktop: the package holds the PDF the printer port made, and is written where the dialog says (0600); no printer: a plain message', async () => {
    const target = path.join(tempDir(), 'evidence.zip');
    const dialogs = scriptedDialogs([target]);
    const { service } = await createdService(undefined, { ports: { log: () => {}, dialogs, printer: { printToPDF: async () => Buffer.from('%PDF-1.7 test') } } });
    const call = callOf(service);
    await call('entries.create', { occurredAt: at(0), timeZone: 'UTC', title: 'One', body: 'text', raiseWithTherapist: true });
    const input = { config: config(), html: '<!doctype html><p>report</p>', pageSize: 'a4', from: '2025-03-01', to: '2025-03-31', generatedOn: '2025-04-01' };
    const saved = await call<{ saved: boolean; path: string }>('report.saveEvidencePackage', input);
    expect(saved).toMatchObject({ saved: true, path: target });
    expect((fs.statSync(target).mode & 0o777).toString(8)).toBe('600');
    const files = unzipSync(fs.readFileSync(target));
    expect(Object.keys(files).sort()).toEqual(['README.txt', 'evidence.json', 'report.pdf', 'verify-report.html']);
    expect(strFromU8(files['report.pdf']!)).toBe('%PDF-1.7 test');
    expect(dialogs.asked[0]!.title).toMatch(/not encrypted/);
    expect((await checkEvidence(JSON.parse(strFromU8(files['evidence.json']!)))).ok).toBe(true);

    const browser = await createdService();
    expect(await browser.service.dispatch('report.saveEvidencePackage', input)).toMatchObject({ ok: false, error: { code: 'IO' } });
  });

  it('the verifier file in the repository is the one the build makes from its sources', async () => {
    expect(fs.readFileSync(GENERATED, 'utf8')).toBe(generatedSource(await buildVerifierHtml()));
  });
});
