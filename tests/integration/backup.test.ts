import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../main/core/db/index.js';
import { scriptedDialogs } from '../helpers/ports.js';
import { MAGIC, readBackup } from '../../main/core/portability/index.js';
import { AUTO_BACKUP_DELAY_MS, flushAutoBackup } from '../../main/core/service/portability.js';
import { Vault } from '../../main/core/vault/index.js';
import type { AutomaticBackup, BackupFile, BackupPreview, PreviousJournal, RestoreResult } from '../../shared/portability.js';
import { OTHER_PASSPHRASE, PASSPHRASE, createdService, encodings, filesContaining, snapshotDir, tempDir, testService, callOf } from '../helpers/journal.js';
import { fingerprint, journalContent, seedJournal } from '../fixtures/portability/journal.js';

const CANARY = 'Backupcanary Marmosetphrase 5521';
const DAY = 86_400_000;

async function journalWithCanary(dataDir = tempDir(), extra: Parameters<typeof createdService>[1] = {}) {
  const s = await createdService(dataDir, extra);
  await seedJournal(s.call, () => s.service.vault.database());
  await s.call('entries.create', { occurredAt: Date.UTC(2024, 4, 1), timeZone: 'UTC', title: CANARY, body: `${CANARY} in the body` });
  await s.call('drafts.save', { key: 'new', content: JSON.stringify({ body: CANARY }) });
  return s;
}

const bytesOf = (b64: string) => Buffer.from(b64, 'base64');
const holdsCanary = (bytes: Buffer) => encodings(CANARY).some((e) => bytes.includes(e)) || bytes.includes(Buffer.from('Marmosetphrase'));

/**
 * Every file byte for byte. With the journal open, the WAL is checkpointed first and the -shm file
 * (SQLite's shared-memory index of the WAL, rewritten by readers) is left out: it holds no data.
 */
function expectSameFiles(before: Map<string, Buffer>, after: Map<string, Buffer>, opts: { open?: boolean } = {}) {
  const keep = (names: Iterable<string>) => [...names].filter((n) => !(opts.open && n.endsWith('-shm'))).sort();
  expect(keep(after.keys())).toEqual(keep(before.keys()));
  for (const name of keep(before.keys())) expect(after.get(name)!.equals(before.get(name)!), `${name} changed`).toBe(true);
}

describe('encrypted backups', () => {
  it('snapshots with VACUUM INTO encrypted under the journal key: no SQLite header, no canary', async () => {
    const { service } = await journalWithCanary();
    const dir = tempDir();
    const snap = path.join(dir, 'snap.db');
    service.vault.database().prepare('VACUUM INTO ?').run(snap);
    const bytes = fs.readFileSync(snap);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(holdsCanary(bytes)).toBe(false);
    // And it is the journal: it opens with the journal's key and holds the canary inside.
    service.vault.withDataKey((key) => {
      const db = openDatabase(snap, key, { readonly: true });
      expect(db.prepare('SELECT count(*) FROM entries WHERE title = ?').pluck().get(CANARY)).toBe(1);
      db.close();
    });
    expect(() => openDatabase(snap, Buffer.alloc(32, 7), { readonly: true })).toThrow(/cannot be decrypted/);
  });

  it('builds a .fulcrum file with only key metadata in the clear and no canary anywhere', async () => {
    const { call, service, dataDir } = await journalWithCanary();
    const file = await call<BackupFile>('backup.build');
    const bytes = bytesOf(file.base64);
    expect(file).toMatchObject({ plaintext: false, bytes: bytes.length, preview: { entries: 5, people: 3, checkins: 2, sameJournal: true } });
    expect(file.filename).toMatch(/^fulcrum-backup-\d{4}-\d{2}-\d{2}\.fulcrum$/);
    expect(bytes.subarray(0, MAGIC.length).equals(MAGIC)).toBe(true);
    expect(holdsCanary(bytes)).toBe(false);
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    // The readable header: format, time, kind, vault metadata, checksum — no counts, no dates of entries.
    const header = readBackup({ buffer: bytes });
    expect(Object.keys(header).sort()).toEqual(['createdAt', 'database', 'format', 'kind', 'vault', 'version']);
    expect(header.vault.journalId).toBe(service.vault.journalId);
    expect(bytes.includes(Buffer.from('2024-03-02'))).toBe(false);
    // Nothing was left behind in the data folder, and nothing there holds the canary.
    expect(fs.readdirSync(dataDir).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(filesContaining(dataDir, CANARY)).toEqual([]);
  });

  it('previews a backup with its passphrase or recovery key without changing anything', async () => {
    const a = await journalWithCanary();
    const file = await a.call<BackupFile>('backup.build');
    a.service.vault.database().pragma('wal_checkpoint(TRUNCATE)');
    const before = snapshotDir(a.dataDir);
    const preview = await a.call<BackupPreview>('backup.inspect', { file: { base64: file.base64 }, secret: { passphrase: PASSPHRASE } });
    expect(preview).toMatchObject({ entries: 5, firstDay: '2024-02-20', lastDay: '2024-05-01', people: 3, checkins: 2, kind: 'manual', sameJournal: true });
    const byKey = await a.call<BackupPreview>('backup.inspect', { file: { base64: file.base64 }, secret: { recoveryKey: a.recoveryKey } });
    expect(byKey.entries).toBe(5);
    a.service.vault.database().pragma('wal_checkpoint(TRUNCATE)');
    expectSameFiles(before, snapshotDir(a.dataDir), { open: true });
  });

  it('restores into a fresh folder with identical content, leaves it locked, and the same secret opens it', async () => {
    const a = await journalWithCanary();
    const file = await a.call<BackupFile>('backup.build');
    const expected = journalContent(a.service.vault.database());
    const expectedRows = fingerprint(a.service.vault.database());

    const dir = tempDir();
    const b = testService(dir);
    const call = callOf(b);
    const result = await call<RestoreResult>('backup.restore', { file: { base64: file.base64 }, secret: { passphrase: PASSPHRASE } });
    expect(result.previous).toBeNull();
    expect(result.preview.entries).toBe(5);
    expect(b.vault.unlocked).toBe(false);
    expect(fs.readdirSync(dir).filter((n) => !n.startsWith('backups')).sort()).toEqual(['journal.db', 'vault.json']);
    await call('vault.unlock', { passphrase: PASSPHRASE });
    expect(journalContent(b.vault.database())).toEqual(expected);
    expect(fingerprint(b.vault.database())).toBe(expectedRows);
    expect((await call<{ content: string }>('drafts.get', { key: 'new' })).content).toContain(CANARY);
    expect(filesContaining(dir, CANARY)).toEqual([]);
  });

  it('replaces an existing journal, keeps the previous one aside until discarded', async () => {
    const a = await journalWithCanary();
    const file = await a.call<BackupFile>('backup.build');
    const b = await createdService();
    await b.call('entries.create', { occurredAt: Date.UTC(2023, 0, 1), timeZone: 'UTC', title: 'only in b', body: '' });
    const bRows = fingerprint(b.service.vault.database());
    const bJournal = b.service.vault.journalId;
    await b.call('vault.lock');
    await b.call('vault.unlock', { passphrase: PASSPHRASE });
    expect((await flushAutoBackup(b.service))?.made).not.toBeNull();

    const result = await b.call<RestoreResult>('backup.restore', { file: { base64: file.base64 }, secret: { recoveryKey: a.recoveryKey } });
    expect(result.preview.sameJournal).toBe(false);
    expect(result.previous).not.toBeNull();
    expect(b.service.vault.unlocked).toBe(false);
    await b.call('vault.unlock', { recoveryKey: a.recoveryKey });
    expect(journalContent(b.service.vault.database())).toEqual(journalContent(a.service.vault.database()));
    // B's backups from today are of the replaced journal: the restored one gets its own at once.
    expect((await flushAutoBackup(b.service))?.made).not.toBeNull();

    const previous = await b.call<PreviousJournal[]>('backup.previous');
    expect(previous).toEqual([result.previous]);
    expect(Date.parse(previous[0]!.keptUntil) - Date.parse(previous[0]!.movedAsideAt)).toBe(14 * DAY);
    // The journal kept aside is whole: it opens with its own passphrase.
    const aside = new Vault({ dataDir: path.join(b.dataDir, `previous-${previous[0]!.id}`) });
    await aside.unlock({ passphrase: PASSPHRASE });
    expect(aside.journalId).toBe(bJournal);
    expect(fingerprint(aside.database())).toBe(bRows);
    aside.lock();

    await b.call('backup.discardPrevious', { id: previous[0]!.id });
    expect(await b.call('backup.previous')).toEqual([]);
    expect(fs.existsSync(path.join(b.dataDir, `previous-${previous[0]!.id}`))).toBe(false);
  });

  describe('refuses a bad backup or secret with a clear message and leaves the journal byte-identical', () => {
    const cases: { name: string; make: (good: Buffer, other: Buffer) => Buffer; secret?: object; code: string; message: RegExp }[] = [
      { name: 'a wrong passphrase', make: (g) => g, secret: { passphrase: OTHER_PASSPHRASE }, code: 'WRONG_SECRET', message: /not right/ },
      { name: 'a mistyped recovery key', make: (g) => g, secret: { recoveryKey: 'ABCD-EFGH' }, code: 'WRONG_SECRET', message: /recovery key/ },
      { name: 'a flipped byte in the database', make: (g) => flip(g, g.length - 5000), code: 'CORRUPT', message: /damaged.*checksum/ },
      { name: 'a truncated file', make: (g) => g.subarray(0, g.length - 4096), code: 'CORRUPT', message: /shorter than it should be/ },
      { name: 'a file cut inside its header', make: (g) => g.subarray(0, 40), code: 'CORRUPT', message: /cut off in its header/ },
      { name: 'extra bytes at the end', make: (g) => Buffer.concat([g, Buffer.from('more')]), code: 'CORRUPT', message: /extra data/ },
      { name: 'a foreign file (a PNG)', make: () => Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), code: 'CORRUPT', message: /not a Fulcrum backup/ },
      { name: 'an empty file', make: () => Buffer.alloc(0), code: 'CORRUPT', message: /not a Fulcrum backup/ },
      { name: 'a journal.db renamed to .fulcrum', make: (_g, other) => other, code: 'CORRUPT', message: /not a Fulcrum backup/ },
      { name: 'a damaged header', make: (g) => flip(g, MAGIC.length + 10), code: 'CORRUPT', message: /header is unreadable/ },
      { name: 'a backup from a newer Fulcrum', make: (g) => withHeader(g, (h) => ({ ...h, version: 9 })), code: 'TOO_NEW', message: /newer version/ },
      {
        name: "another journal's database under this header",
        make: (g, other) => withDb(g, other),
        code: 'CORRUPT',
        message: /cannot be decrypted/,
      },
    ];
    for (const c of cases) {
      it(`${c.name}`, async () => {
        const a = await journalWithCanary();
        const good = bytesOf((await a.call<BackupFile>('backup.build')).base64);
        const other = await createdService();
        const otherDb = fs.readFileSync(path.join(other.dataDir, 'journal.db'));
        const bad = c.make(good, otherDb);

        // Against an unlocked journal and a locked one.
        for (const locked of [false, true]) {
          const target = await createdService();
          await target.call('entries.create', { occurredAt: Date.UTC(2023, 0, 1), timeZone: 'UTC', title: 'mine', body: '' });
          if (locked) await target.call('vault.lock');
          else target.service.vault.database().pragma('wal_checkpoint(TRUNCATE)');
          const before = snapshotDir(target.dataDir);
          for (const call of ['backup.inspect', 'backup.restore']) {
            const reply = await target.service.dispatch(call, { file: { base64: bad.toString('base64') }, secret: c.secret ?? { passphrase: PASSPHRASE } });
            expect(reply.ok, `${call} accepted ${c.name}`).toBe(false);
            if (!reply.ok) {
              expect(reply.error.code).toBe(c.code);
              expect(reply.error.message).toMatch(c.message);
              expect(reply.error.message).toMatch(/Nothing was changed|not right|recovery key/);
            }
          }
          if (!locked) target.service.vault.database().pragma('wal_checkpoint(TRUNCATE)');
          expectSameFiles(before, snapshotDir(target.dataDir), { open: !locked });
          expect(target.service.vault.unlocked).toBe(!locked);
        }
      });
    }
  });

  it('counts wrong secrets given to a backup like failed unlocks, so it is no way round the throttle', async () => {
    let now = Date.UTC(2024, 0, 1);
    const s = await journalWithCanary(tempDir(), { ports: { log: () => {}, now: () => now } });
    await s.call('vault.lock');
    await s.call('vault.unlock', { passphrase: PASSPHRASE });
    await flushAutoBackup(s.service);
    await s.call('vault.lock');
    const [auto] = await s.call<AutomaticBackup[]>('backup.list');
    const attempt = (passphrase: string) => s.service.dispatch('backup.inspect', { file: { automatic: auto!.name }, secret: { passphrase } });
    for (let i = 0; i < 3; i++) expect(await attempt(OTHER_PASSPHRASE)).toMatchObject({ ok: false, error: { code: 'WRONG_SECRET' } });
    // The right passphrase is refused too until the wait is over.
    expect(await attempt(PASSPHRASE)).toMatchObject({ ok: false, error: { code: 'THROTTLED', detail: { retryAfterMs: 1000 } } });
    now += 1000;
    expect(await attempt(PASSPHRASE)).toMatchObject({ ok: true, value: { kind: 'automatic' } });
  });

  it('restores from a file chosen in the native dialog, while locked', async () => {
    const a = await journalWithCanary();
    const saveTo = path.join(tempDir(), 'my.fulcrum');
    const dir = tempDir();
    const withDialogs = await createdService(dir, { ports: { log: () => {}, dialogs: scriptedDialogs([saveTo, saveTo]) } });
    await seedJournal(withDialogs.call, () => withDialogs.service.vault.database());
    const saved = await withDialogs.call<{ saved: boolean; path: string; preview: BackupPreview }>('backup.save');
    expect(saved).toMatchObject({ saved: true, path: saveTo, preview: { entries: 4 } });
    expect(fs.statSync(saveTo).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(saveTo))).toEqual(['my.fulcrum']);
    const expected = journalContent(withDialogs.service.vault.database());
    await withDialogs.call('entries.create', { occurredAt: Date.UTC(2025, 0, 1), timeZone: 'UTC', title: 'after the backup', body: '' });
    await withDialogs.call('vault.lock');

    const picked = await withDialogs.call<{ token: string; name: string; bytes: number }>('backup.pick');
    expect(picked).toMatchObject({ name: 'my.fulcrum', bytes: fs.statSync(saveTo).size });
    await withDialogs.call('backup.restore', { file: { token: picked.token }, secret: { passphrase: PASSPHRASE } });
    await withDialogs.call('vault.unlock', { passphrase: PASSPHRASE });
    expect(journalContent(withDialogs.service.vault.database())).toEqual(expected);
    // A token works only for what it was picked for, and a made-up one is refused.
    const forged = await withDialogs.service.dispatch('backup.inspect', { file: { token: 'A'.repeat(24) }, secret: { passphrase: PASSPHRASE } });
    expect(forged).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(a.service.vault.unlocked).toBe(true);
  });

  it('a crash between the two renames of a restore is finished or undone by the next unlock', async () => {
    const a = await journalWithCanary();
    const good = bytesOf((await a.call<BackupFile>('backup.build')).base64);
    const b = await createdService();
    await b.call('entries.create', { occurredAt: Date.UTC(2023, 0, 1), timeZone: 'UTC', title: 'only in b', body: '' });
    const bRows = fingerprint(b.service.vault.database());
    await b.call('vault.lock');
    // The state right after step 5's first two renames (staged files under the rotation names).
    const staging = tempDir();
    const header = readBackup({ buffer: good }, path.join(staging, 'journal.db'));
    fs.copyFileSync(path.join(staging, 'journal.db'), path.join(b.dataDir, 'journal.db.rotating'));
    fs.writeFileSync(path.join(b.dataDir, 'vault.next.json'), JSON.stringify(header.vault));
    await b.call('vault.unlock', { passphrase: PASSPHRASE });
    expect(fingerprint(b.service.vault.database())).toBe(bRows);
    expect(fs.existsSync(path.join(b.dataDir, 'journal.db.rotating'))).toBe(false);
  });
});

describe('automatic backups', () => {
  it('makes one at unlock when the newest is over a day old, verified, and keeps 7 daily + 4 weekly', async () => {
    let now = Date.UTC(2024, 0, 1, 9);
    const s = await journalWithCanary(tempDir(), { ports: { log: () => {}, now: () => now } });
    await s.call('vault.lock');
    const made: string[] = [];
    for (let day = 0; day < 70; day++) {
      now = Date.UTC(2024, 0, 1 + day, 9);
      await s.call('vault.unlock', { passphrase: PASSPHRASE });
      expect((await flushAutoBackup(s.service))?.made).not.toBeNull();
      // A second unlock the same day does not make another.
      now += 3 * 3600_000;
      await s.call('vault.lock');
      await s.call('vault.unlock', { passphrase: PASSPHRASE });
      expect((await flushAutoBackup(s.service))?.made).toBeNull();
      await s.call('vault.lock');
      made.push(new Date(Date.UTC(2024, 0, 1 + day, 9)).toISOString().slice(0, 10));
    }
    const list = await s.call<AutomaticBackup[]>('backup.list');
    const days = list.map((b) => b.createdAt.slice(0, 10));
    // 70 days from Mon 1 Jan 2024: the last 7 days, then the newest of each of the 4 weeks before them.
    expect(days.slice(0, 7)).toEqual(made.slice(-7).reverse());
    expect(days).toHaveLength(11);
    const weekly = days.slice(7).map((d) => new Date(`${d}T00:00:00Z`).getUTCDay());
    expect(weekly).toEqual([0, 0, 0, 0]); // Sundays: the newest day of each earlier Monday-based week
    // Each is a real backup of this journal, readable with the passphrase, and holds no canary.
    const preview = await s.call<BackupPreview>('backup.inspect', { file: { automatic: list.at(-1)!.name }, secret: { passphrase: PASSPHRASE } });
    expect(preview).toMatchObject({ kind: 'automatic', entries: 5, sameJournal: true });
    expect(filesContaining(s.dataDir, CANARY)).toEqual([]);
  });

  it('after a passphrase change keeps only a fresh backup, which the old passphrase cannot open', async () => {
    let now = Date.UTC(2024, 5, 1, 9);
    const s = await journalWithCanary(tempDir(), { ports: { log: () => {}, now: () => now } });
    for (let d = 0; d < 3; d++) {
      await s.call('vault.lock');
      now += DAY;
      await s.call('vault.unlock', { passphrase: PASSPHRASE });
      await flushAutoBackup(s.service);
    }
    // And a journal kept aside by a restore (it opens with the old passphrase too).
    const backup = await s.call<BackupFile>('backup.build');
    await s.call('backup.restore', { file: { base64: backup.base64 }, secret: { passphrase: PASSPHRASE } });
    await s.call('vault.unlock', { passphrase: PASSPHRASE });
    const old = await s.call<AutomaticBackup[]>('backup.list');
    expect(old).toHaveLength(3);
    expect(await s.call<PreviousJournal[]>('backup.previous')).toHaveLength(1);
    const oldFile = fs.readFileSync(path.join(s.dataDir, 'backups', old[0]!.name));

    now += 60_000;
    await s.call('vault.changePassphrase', { current: PASSPHRASE, next: OTHER_PASSPHRASE });
    // The old ones went with the change itself; the fresh one follows a moment after the reply.
    expect(await s.call<AutomaticBackup[]>('backup.list')).toEqual([]);
    await flushAutoBackup(s.service);
    const fresh = await s.call<AutomaticBackup[]>('backup.list');
    expect(fresh).toHaveLength(1);
    expect(old.map((b) => b.name)).not.toContain(fresh[0]!.name);
    expect(await s.call('backup.previous')).toEqual([]);
    expect(fs.readdirSync(s.dataDir).filter((n) => n.startsWith('previous-'))).toEqual([]);

    const open = (secret: object) => s.service.dispatch('backup.inspect', { file: { automatic: fresh[0]!.name }, secret });
    expect(await open({ passphrase: PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'WRONG_SECRET' } });
    expect(await open({ passphrase: OTHER_PASSPHRASE })).toMatchObject({ ok: true, value: { entries: 5 } });
    // The deleted backup really was readable with the old passphrase: that is why it had to go.
    expect(await s.service.dispatch('backup.inspect', { file: { base64: oldFile.toString('base64') }, secret: { passphrase: PASSPHRASE } })).toMatchObject({ ok: true });
  });

  it('runs a moment after the unlock has answered, not during it', async () => {
    const s = await journalWithCanary();
    await s.call('vault.lock');
    await s.call('vault.unlock', { passphrase: PASSPHRASE });
    expect(await s.call<AutomaticBackup[]>('backup.list')).toEqual([]);
    // Wait on the backup itself, however long a busy machine takes to write it.
    await vi.waitFor(async () => expect(await s.call<AutomaticBackup[]>('backup.list')).toHaveLength(1), { timeout: AUTO_BACKUP_DELAY_MS + 30_000, interval: 100 });
    expect(filesContaining(s.dataDir, CANARY)).toEqual([]);
    // A lock before it runs cancels it: nothing is written for a locked journal.
    await s.call('vault.lock');
    fs.rmSync(path.join(s.dataDir, 'backups'), { recursive: true });
    await s.call('vault.unlock', { passphrase: PASSPHRASE });
    await s.call('vault.lock');
    expect(await flushAutoBackup(s.service)).toBeNull();
    expect(fs.existsSync(path.join(s.dataDir, 'backups'))).toBe(false);
  });
});

function flip(b: Buffer, at: number): Buffer {
  const c = Buffer.from(b);
  c[at] = c[at]! ^ 0xff;
  return c;
}

function parts(b: Buffer) {
  const len = b.readUInt32BE(MAGIC.length);
  const start = MAGIC.length + 4;
  return { header: JSON.parse(b.subarray(start, start + len).toString('utf8')), db: b.subarray(start + len) };
}

function pack(header: unknown, db: Buffer): Buffer {
  const json = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(4);
  len.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, len, json, db]);
}

function withHeader(b: Buffer, change: (h: Record<string, unknown>) => Record<string, unknown>): Buffer {
  const p = parts(b);
  return pack(change(p.header), p.db);
}

function withDb(b: Buffer, db: Buffer): Buffer {
  const p = parts(b);
  const sha256 = createHash('sha256').update(db).digest('hex');
  return pack({ ...p.header, database: { bytes: db.length, sha256 } }, db);
}
