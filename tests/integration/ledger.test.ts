import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { MIGRATIONS, openDatabase, type DB } from '../../main/core/db/index.js';
import {
  createEntry,
  createPerson,
  deleteCheckIn,
  lastLedgerCheck,
  purgeEntry,
  saveCheckIn,
  trashEntry,
  updateEntry,
  verifyAll,
} from '../../main/core/db/repos/index.js';
import { GENESIS, chainHash, digestOf } from '../../main/core/ledger/encoding.js';
import { CHECKIN_FIELDS, ENTRY_FIELDS, commitmentForm, fieldCommitment, leafHash, link2 } from '../../shared/evidence.js';
import { CheckInInput, EntryInput, PersonInput } from '../../shared/schemas.js';
import type { LedgerCheck, LedgerStatus, Receipt, Revision, RevisionSummary, SinceReceipt } from '../../shared/ledger.js';
import { PASSPHRASE, createdService, encodings, tempDir } from '../helpers/journal.js';
import { decryptedPages } from '../helpers/plaintext.js';

const T0 = Date.UTC(2025, 0, 6, 9);
const entry = (title: string, body = 'body') => ({ occurredAt: T0, timeZone: 'UTC', title, body });

describe('revision history (through the API)', () => {
  it('keeps every save, opens an old one, restores it as a new revision; drafts are not revisions', async () => {
    const { call } = await createdService();
    const e = await call<{ id: number }>('entries.create', entry('First words', 'what happened'));
    await call('entries.update', { id: e.id, patch: { title: 'Second words', balance: -2 } });
    await call('drafts.save', { key: `entry-${e.id}`, content: JSON.stringify({ title: 'a draft, not a save' }) });
    await call('entries.update', { id: e.id, patch: { body: 'what happened, told better' } });
    const list = await call<RevisionSummary[]>('history.list', { type: 'entry', id: e.id });
    expect(list.map((r) => [r.rev, r.event])).toEqual([[1, 'saved'], [2, 'saved'], [3, 'saved']]);
    const first = await call<Revision>('history.get', { type: 'entry', id: e.id, rev: 1 });
    expect(first.content).toMatchObject({ title: 'First words', body: 'what happened', balance: null });

    const restored = await call<RevisionSummary>('history.restore', { type: 'entry', id: e.id, rev: 1 });
    expect(restored).toMatchObject({ rev: 4, restoredFrom: 1 });
    expect(await call('entries.get', { id: e.id })).toMatchObject({ title: 'First words', body: 'what happened', balance: null });
    // The versions in between are still there.
    expect((await call<Revision>('history.get', { type: 'entry', id: e.id, rev: 3 })).content).toMatchObject({ title: 'Second words' });
    expect((await call<LedgerCheck>('ledger.verify')).ok).toBe(true);
  });

  it('trash keeps the history; deleting for good blanks it, keeps the hashes and records when', async () => {
    const { call, service } = await createdService();
    const e = await call<{ id: number }>('entries.create', entry('To be deleted'));
    await call('entries.update', { id: e.id, patch: { title: 'Edited' } });
    await call('entries.delete', { id: e.id });
    expect(await call<RevisionSummary[]>('history.list', { type: 'entry', id: e.id })).toHaveLength(2);
    const before = await call<RevisionSummary[]>('history.list', { type: 'entry', id: e.id });
    await call('entries.purge', { id: e.id });
    const after = await call<RevisionSummary[]>('history.list', { type: 'entry', id: e.id });
    expect(after.map((r) => [r.rev, r.event, r.purged])).toEqual([[1, 'saved', true], [2, 'saved', true], [3, 'deleted', false]]);
    expect(after.slice(0, 2).map((r) => r.hash)).toEqual(before.map((r) => r.hash));
    const gone = await service.dispatch('history.get', { type: 'entry', id: e.id, rev: 1 });
    expect(gone).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await call<LedgerCheck>('ledger.verify')).ok).toBe(true);
    // A new entry never takes the purged one's id, so its history cannot mix with the old one.
    const next = await call<{ id: number }>('entries.create', entry('New'));
    expect(next.id).not.toBe(e.id);
    expect(await call<RevisionSummary[]>('history.list', { type: 'entry', id: next.id })).toHaveLength(1);
  });

  it('check-ins: each save is a revision, restoring brings the answers back, deleting leaves a tombstone', async () => {
    const { call } = await createdService();
    const p = await call<{ id: number }>('people.create', { name: 'Sam', kind: 'romantic', color: '#0072B2' });
    const c = await call<{ id: number }>('checkins.save', { personId: p.id, week: '2025-01-06', heard: 2, note: 'first' });
    await call('checkins.save', { personId: p.id, week: '2025-01-06', heard: 4, note: 'second' });
    await call('history.restore', { type: 'checkin', id: c.id, rev: 1 });
    expect((await call<{ heard: number; note: string }[]>('checkins.list'))[0]).toMatchObject({ heard: 2, note: 'first' });
    await call('checkins.delete', { id: c.id });
    const list = await call<RevisionSummary[]>('history.list', { type: 'checkin', id: c.id });
    expect(list.map((r) => [r.rev, r.event, r.purged])).toEqual([[1, 'saved', true], [2, 'saved', true], [3, 'saved', true], [4, 'deleted', false]]);
    expect((await call<LedgerCheck>('ledger.verify')).ok).toBe(true);
  });

  it('refuses bad references with a plain message', async () => {
    const { service } = await createdService();
    expect(await service.dispatch('history.get', { type: 'entry', id: 99, rev: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await service.dispatch('history.list', { type: 'note', id: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await service.dispatch('ledger.takeReceipt', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/nothing in the history/) } });
    expect(await service.dispatch('ledger.sinceReceipt', { receiptId: 5, type: 'entry', id: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('the ledger: checks and receipts (through the API)', () => {
  it('after unlock checks the whole chain once, then only what was added since the last clean check', async () => {
    const { call, service } = await createdService();
    for (let i = 0; i < 5; i++) await call('entries.create', entry(`e${i}`));
    expect((await call<LedgerStatus>('ledger.status')).lastCheck).toBeNull();
    await call('vault.lock');
    await call('vault.unlock', { passphrase: PASSPHRASE });
    // The unlock answered before the check ran: it is scheduled for the next turn of the event loop.
    expect(lastLedgerCheck(service.vault.database())).toBeNull();
    await vi.waitFor(async () => expect((await call<LedgerStatus>('ledger.status')).lastCheck).not.toBeNull());
    const first = (await call<LedgerStatus>('ledger.status')).lastCheck!;
    // The first check has no checkpoint to start from, so it reads everything; the next one only the new revisions.
    expect(first).toMatchObject({ ok: true, revisions: 5, failures: [] });
    await call('entries.create', entry('after'));
    await call('vault.lock');
    await call('vault.unlock', { passphrase: PASSPHRASE });
    await vi.waitFor(async () => expect((await call<LedgerStatus>('ledger.status')).lastCheck).toMatchObject({ kind: 'incremental', revisions: 6, ok: true }));
  });

  it('a receipt names the head; later the entries changed since it are listed, the others shown unchanged', async () => {
    const { call } = await createdService();
    const a = await call<{ id: number }>('entries.create', entry('kept as it was'));
    const b = await call<{ id: number }>('entries.create', entry('changed later'));
    const receipt = await call<Receipt>('ledger.takeReceipt');
    const status = await call<LedgerStatus>('ledger.status');
    expect(receipt).toMatchObject({ seq: 2, head: status.head!.hash, code: status.head!.code });
    expect(receipt.code).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/);
    expect(receipt.payload).toBe(`FULCRUM-RECEIPT:1:${receipt.head}:2:${new Date(receipt.takenAt).toISOString()}`);
    expect(receipt.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>$/);
    await call('entries.update', { id: b.id, patch: { title: 'changed after the receipt' } });
    const c = await call<{ id: number }>('entries.create', entry('new after the receipt'));

    expect(await call<Receipt[]>('ledger.receipts')).toEqual([receipt]);
    const sa = await call<SinceReceipt>('ledger.sinceReceipt', { receiptId: receipt.id, type: 'entry', id: a.id });
    expect(sa).toMatchObject({ headMatches: true, existed: true, after: [] });
    const sb = await call<SinceReceipt>('ledger.sinceReceipt', { receiptId: receipt.id, type: 'entry', id: b.id });
    expect(sb.after.map((r) => r.rev)).toEqual([2]);
    const sc = await call<SinceReceipt>('ledger.sinceReceipt', { receiptId: receipt.id, type: 'entry', id: c.id });
    expect(sc).toMatchObject({ existed: false });
  });

  it('a decrypted copy edited outside the app is reported, naming the revision, and nothing is repaired', async () => {
    const { call, service, dataDir } = await createdService();
    const e = await call<{ id: number }>('entries.create', entry('What I wrote'));
    await call('entries.update', { id: e.id, patch: { body: 'more' } });
    await call('entries.create', entry('Another'));
    const key = service.vault.withDataKey((k) => Buffer.from(k));
    await call('vault.lock');
    const db = openDatabase(path.join(dataDir, 'journal.db'), key);
    db.exec('DROP TRIGGER revisions_immutable');
    const row = db.prepare('SELECT content FROM revisions WHERE seq = 1').get() as { content: string };
    db.prepare('UPDATE revisions SET content = ? WHERE seq = 1').run(row.content.replace('What I wrote', 'What I never wrote'));
    db.close();
    await call('vault.unlock', { passphrase: PASSPHRASE });
    const check = await call<LedgerCheck>('ledger.verify');
    expect(check.ok).toBe(false);
    expect(check.failures).toEqual([expect.objectContaining({ seq: 1, type: 'entry', itemId: e.id, rev: 1, code: 'content-changed', problem: expect.stringMatching(/changed/) })]);
    expect((await call<LedgerStatus>('ledger.status')).lastCheck).toMatchObject({ ok: false, kind: 'full' });
    // Nothing is silently repaired: a second check finds the same.
    expect((await call<LedgerCheck>('ledger.verify')).failures).toEqual(check.failures);
    // The damaged version still lists, and opening a version whose stored form is not even JSON says so plainly.
    expect(await call<RevisionSummary[]>('history.list', { type: 'entry', id: e.id })).toHaveLength(2);
    await call('vault.lock');
    const db2 = openDatabase(path.join(dataDir, 'journal.db'), key);
    db2.prepare("UPDATE revisions SET content = 'not json {' WHERE seq = 2").run();
    db2.close();
    await call('vault.unlock', { passphrase: PASSPHRASE });
    expect(await call<RevisionSummary[]>('history.list', { type: 'entry', id: e.id })).toHaveLength(2);
    expect(await service.dispatch('history.get', { type: 'entry', id: e.id, rev: 2 })).toMatchObject({ ok: false, error: { code: 'CORRUPT', message: expect.stringMatching(/damaged/) } });
    // And after the next unlock the check stays a full one, still failing.
    await call('vault.lock');
    await call('vault.unlock', { passphrase: PASSPHRASE });
    await vi.waitFor(async () => expect((await call<LedgerStatus>('ledger.status')).lastCheck).toMatchObject({ ok: false, kind: 'full', at: expect.any(Number) }));
  });
});

describe('the live journal against its newest revisions', () => {
  it('an entry or check-in changed in a decrypted copy without a revision is reported; a pattern merge leaves revisions', async () => {
    const { call, service, dataDir } = await createdService();
    const p = await call<{ id: number }>('people.create', { name: 'Sam', kind: 'romantic', color: '#0072B2' });
    const a = await call<{ id: number }>('tags.create', { label: 'Mine', polarity: 'imbalance', category: 'other' });
    const b = await call<{ id: number }>('tags.create', { label: 'Also mine', polarity: 'imbalance', category: 'other' });
    const e = await call<{ id: number }>('entries.create', { ...entry('Kept honest'), tagIds: [a.id] });
    const other = await call<{ id: number }>('entries.create', entry('Untouched'));
    const c = await call<{ id: number }>('checkins.save', { personId: p.id, week: '2025-01-06', heard: 2 });
    await call('tags.merge', { from: a.id, into: b.id });
    expect((await call<RevisionSummary[]>('history.list', { type: 'entry', id: e.id })).map((r) => r.rev)).toEqual([1, 2]);
    expect((await call<Revision>('history.get', { type: 'entry', id: e.id, rev: 2 })).content).toMatchObject({ patterns: [b.id] });
    expect(await call<LedgerCheck>('ledger.verify')).toMatchObject({ ok: true, failures: [] });

    const key = service.vault.withDataKey((k) => Buffer.from(k));
    await call('vault.lock');
    const db = openDatabase(path.join(dataDir, 'journal.db'), key);
    db.prepare("UPDATE entries SET body = 'words never saved in Fulcrum' WHERE id = ?").run(e.id);
    db.prepare('UPDATE checkins SET heard = 5 WHERE id = ?').run(c.id);
    db.close();
    await call('vault.unlock', { passphrase: PASSPHRASE });
    const check = await call<LedgerCheck>('ledger.verify');
    expect(check.ok).toBe(false);
    expect(check.failures.map((f) => [f.type, f.itemId, f.rev])).toEqual([['entry', e.id, 2], ['checkin', c.id, 1]]);
    expect(check.failures[0]).toMatchObject({ code: 'changed-without-revision', problem: expect.stringMatching(/changed without a revision/) });
    expect(check.failures.some((f) => f.itemId === other.id)).toBe(false);
  });
});

describe('migration 6 on an existing journal', () => {
  it('gives every entry and check-in a first revision, hashed at upgrade, and the chain checks', async () => {
    const file = path.join(tempDir(), 'journal.db');
    const key = randomBytes(32);
    const v5 = openDatabase(file, key, { create: true, migrations: MIGRATIONS.slice(0, 5) });
    const add = v5.prepare("INSERT INTO entries (occurred_at, time_zone, day, created_at, updated_at, title, body) VALUES (?, 'UTC', '2024-01-01', ?, ?, ?, 'b')");
    add.run(1, 10, 30, 'older');
    add.run(2, 5, 20, 'newer id, changed first');
    v5.prepare("INSERT INTO people (name, kind, color, created_at, updated_at) VALUES ('Sam', 'family', '#000000', 1, 1)").run();
    v5.prepare("INSERT INTO checkins (person_id, week, note, created_at, updated_at) VALUES (1, '2024-01-01', 'n', 1, 25)").run();
    v5.close();
    const db = openDatabase(file, key, { migrations: MIGRATIONS });
    const rows = db.prepare('SELECT seq, item_type, item_id, rev, saved_at FROM revisions ORDER BY seq').all();
    expect(rows).toEqual([
      { seq: 1, item_type: 'entry', item_id: 2, rev: 1, saved_at: 20 },
      { seq: 2, item_type: 'checkin', item_id: 1, rev: 1, saved_at: 25 },
      { seq: 3, item_type: 'entry', item_id: 1, rev: 1, saved_at: 30 },
    ]);
    expect(await verifyAll(db, 100)).toMatchObject({ ok: true, revisions: 3 });
    // Revisions are append-only inside the app.
    expect(() => db.prepare('DELETE FROM revisions WHERE seq = 1').run()).toThrow(/revisions are kept/);
    expect(() => db.prepare("UPDATE revisions SET content = '{}' WHERE seq = 1").run()).toThrow(/cannot be changed/);
    db.close();
  });
});

// ------------------------------------------------------------------ property tests

type Op =
  | { kind: 'create'; title: string; body: string }
  | { kind: 'update'; pick: number; title: string; body: string }
  | { kind: 'trash'; pick: number }
  | { kind: 'purge'; pick: number }
  | { kind: 'checkin'; week: number; heard: number; note: string }
  | { kind: 'uncheck'; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('create' as const), title: fc.string({ maxLength: 20 }), body: fc.string({ unit: 'grapheme', maxLength: 60 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), title: fc.string({ maxLength: 20 }), body: fc.string({ unit: 'grapheme', maxLength: 60 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('trash' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('purge' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('checkin' as const), week: fc.nat({ max: 3 }), heard: fc.integer({ min: 1, max: 5 }), note: fc.string({ maxLength: 20 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('uncheck' as const), pick: fc.nat() }) },
);

/** Applies a random edit history through the repositories (the same code the handlers run). */
function journalWith(ops: readonly Op[]): DB {
  const db = openDatabase(path.join(tempDir(), 'journal.db'), randomBytes(32), { create: true });
  let now = T0;
  const person = createPerson(db, PersonInput.parse({ name: 'Sam', kind: 'family', color: '#000000' }), now);
  const ids = (sql: string) => db.prepare(sql).pluck().all() as number[];
  const pick = <T>(xs: T[], i: number) => (xs.length === 0 ? undefined : xs[i % xs.length]);
  for (const op of ops) {
    now += 1000;
    switch (op.kind) {
      case 'create':
        createEntry(db, EntryInput.parse(entry(op.title, op.body)), now);
        break;
      case 'update': {
        const id = pick(ids('SELECT id FROM entries WHERE deleted_at IS NULL ORDER BY id'), op.pick);
        if (id !== undefined) updateEntry(db, id, { title: op.title, body: op.body }, now);
        break;
      }
      case 'trash': {
        const id = pick(ids('SELECT id FROM entries WHERE deleted_at IS NULL ORDER BY id'), op.pick);
        if (id !== undefined) trashEntry(db, id, now);
        break;
      }
      case 'purge': {
        const id = pick(ids('SELECT id FROM entries WHERE deleted_at IS NOT NULL ORDER BY id'), op.pick);
        if (id !== undefined) purgeEntry(db, id, now);
        break;
      }
      case 'checkin':
        saveCheckIn(db, CheckInInput.parse({ personId: person.id, week: `2025-01-0${op.week + 1}`, heard: op.heard, note: op.note }), now);
        break;
      case 'uncheck': {
        const id = pick(ids('SELECT id FROM checkins ORDER BY id'), op.pick);
        if (id !== undefined) deleteCheckIn(db, id, now);
        break;
      }
    }
  }
  // As someone editing a decrypted copy would: the app's guards are not in their way.
  return db;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const sha256 = async (...parts: (Uint8Array | string)[]) =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)))));
/** RFC 9162's Merkle tree hash, written out from its definition. */
async function mth(leaves: Uint8Array[]): Promise<Uint8Array> {
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha256(new Uint8Array([1]), await mth(leaves.slice(0, k)), await mth(leaves.slice(k)));
}
/** A revision's digest from its stored content: whole content (version 1) or its salted field commitments (version 2). */
async function independentDigest(content: string): Promise<string> {
  const o = JSON.parse(content) as Record<string, unknown> & { v: number; type: 'entry' | 'checkin'; id: number; rev: number; savedAt: number; salt: string };
  if (o.v === 1) return hex(await sha256(content));
  const names = o.type === 'entry' ? ENTRY_FIELDS : CHECKIN_FIELDS;
  const salts = createHash('shake256', { outputLength: 32 * names.length }).update('fulcrum-salt-v2\u0000').update(Buffer.from(o.salt, 'hex')).digest();
  const commitments: [string, string][] = [];
  for (const [i, name] of names.entries()) {
    commitments.push([name, await fieldCommitment(name, hex(salts.subarray(32 * i, 32 * i + 32)), o[name])]);
  }
  return hex(await sha256(commitmentForm(o, commitments)));
}

const unguard = (db: DB) => db.exec('DROP TRIGGER revisions_immutable; DROP TRIGGER revisions_keep;');
const count = (db: DB) => db.prepare('SELECT count(*) FROM revisions').pluck().get() as number;
const failedSeqs = (c: LedgerCheck) => c.failures.map((f) => f.seq);

/** A history of at least two revisions. */
const historyArb = fc.array(opArb, { minLength: 2, maxLength: 25 }).filter((ops) => ops.filter((o) => o.kind === 'create' || o.kind === 'checkin').length >= 2);

describe('the ledger over random edit histories (property tests)', () => {
  it('the chain of any edit history verifies, and each link is what the encoding document says', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 30 }), async (ops) => {
        const db = journalWith(ops);
        try {
          expect(await verifyAll(db, T0)).toMatchObject({ ok: true, failures: [] });
          // Recomputed here from the stored fields alone, as another program would (WebCrypto, the
          // recipe of docs/ledger-encoding.md, with its own tree: nothing of the app's hashing).
          let prev = GENESIS;
          const leaves: Uint8Array[] = [];
          for (const r of db.prepare('SELECT seq, content, digest, prev_hash, hash FROM revisions ORDER BY seq').all() as { seq: number; content: string | null; digest: string; prev_hash: string; hash: string }[]) {
            if (r.content !== null) expect(await independentDigest(r.content)).toBe(r.digest);
            expect(r.prev_hash).toBe(prev);
            leaves.push(await leafHash(r.seq, r.digest));
            // Every new revision has a version 2 link: it commits to the tree up to and including it.
            expect(await link2(prev, r.digest, hex(await mth(leaves)))).toBe(r.hash);
            prev = r.hash;
          }
        } finally {
          db.close();
        }
      }),
      { numRuns: 25 },
    );
  });

  it('flipping any byte of any revision is detected at that revision', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, fc.nat(), fc.constantFrom('content', 'digest', 'prev_hash', 'hash'), fc.nat(), fc.integer({ min: 0, max: 7 }), async (ops, rowPick, column, bytePick, bit) => {
        const db = journalWith(ops);
        try {
          unguard(db);
          const rows = db.prepare(`SELECT seq, ${column} AS v FROM revisions WHERE ${column} IS NOT NULL ORDER BY seq`).all() as { seq: number; v: string }[];
          const row = rows[rowPick % rows.length]!;
          const bytes = Buffer.from(row.v, 'utf8');
          bytes[bytePick % bytes.length]! ^= 1 << bit;
          db.prepare(`UPDATE revisions SET ${column} = ? WHERE seq = ?`).run(bytes.toString('utf8'), row.seq);
          const check = await verifyAll(db, T0);
          expect(check.ok).toBe(false);
          expect(failedSeqs(check)).toContain(row.seq);
        } finally {
          db.close();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('reordering, deleting or inserting a revision is detected where it happened', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, fc.constantFrom('swap', 'delete', 'insert'), fc.nat(), fc.nat(), async (ops, how, p1, p2) => {
        const db = journalWith(ops);
        try {
          unguard(db);
          const n = count(db);
          const cols = 'item_type, item_id, rev, event, saved_at, content, digest, prev_hash, hash, purged_at';
          if (how === 'swap') {
            const a = 1 + (p1 % n);
            let b = 1 + (p2 % n);
            if (b === a) b = a === n ? 1 : a + 1;
            const [i, j] = [Math.min(a, b), Math.max(a, b)];
            db.exec(`UPDATE revisions SET seq = -1 WHERE seq = ${i}; UPDATE revisions SET seq = ${i} WHERE seq = ${j}; UPDATE revisions SET seq = ${j} WHERE seq = -1;`);
            expect(failedSeqs(await verifyAll(db, T0))).toContain(i);
          } else if (how === 'delete') {
            const k = 1 + (p1 % n);
            db.prepare('DELETE FROM revisions WHERE seq = ?').run(k);
            // Removing the newest leaves the recorded head pointing at a revision that is not there (reported at that position).
            expect(failedSeqs(await verifyAll(db, T0))).toContain(k === n ? n : k + 1);
          } else {
            // A forged revision slipped in before position k, well formed and chained to the one before it.
            const k = 1 + (p1 % n);
            const prev = k === 1 ? GENESIS : (db.prepare('SELECT hash FROM revisions WHERE seq = ?').pluck().get(k - 1) as string);
            db.exec(`UPDATE revisions SET seq = -seq - 1 WHERE seq >= ${k}; UPDATE revisions SET seq = -seq WHERE seq < 0;`);
            const content = JSON.stringify({ v: 1, type: 'entry', event: 'saved', id: 999, rev: 1, savedAt: T0 });
            const digest = digestOf(content);
            db.prepare(`INSERT INTO revisions (seq, ${cols}) VALUES (?, 'entry', 999, 1, 'saved', ?, ?, ?, ?, ?, NULL)`).run(k, T0, content, digest, prev, chainHash(prev, digest));
            expect(failedSeqs(await verifyAll(db, T0))).toContain(k + 1);
          }
        } finally {
          db.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('no plaintext of revisions on disk', () => {
  it('old versions are in no file (but are in the decrypted pages while kept); a purge leaves no trace of them', async () => {
    const { call, dataDir, service } = await createdService();
    const OLD = 'Revisioncanary Marmotphrase 5521';
    const e = await call<{ id: number }>('entries.create', entry(`${OLD} title`, `${OLD} body`));
    await call('entries.update', { id: e.id, patch: { title: 'plain', body: 'plain' } });
    expect((await call<Revision>('history.get', { type: 'entry', id: e.id, rev: 1 })).content).toMatchObject({ title: `${OLD} title` });
    await call('vault.lock');
    const scan = (needle: string) => fs.readdirSync(dataDir).filter((f) => fs.readFileSync(path.join(dataDir, f)).includes(needle));
    for (const needle of [OLD, 'Revisioncanary', 'Marmotphrase']) expect(scan(needle)).toEqual([]);
    // The scan looks for something real: the decrypted pages hold the old version while it is kept…
    await call('vault.unlock', { passphrase: PASSPHRASE });
    expect(encodings(OLD).some((x) => decryptedPages(service.vault).includes(x))).toBe(true);
    // …and not once the entry is deleted for good (its revisions become tombstones).
    await call('entries.delete', { id: e.id });
    await call('entries.purge', { id: e.id });
    expect(encodings('Marmotphrase').some((x) => decryptedPages(service.vault).includes(x))).toBe(false);
    expect((await call<LedgerCheck>('ledger.verify')).ok).toBe(true);
  });
});
