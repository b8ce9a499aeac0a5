/**
 * "Your journal is yours": a journal and a `.fulcrum` backup made through the app's API are read back
 * by two readers that share no code with the app —
 *  - docs/reader/open-journal.mjs, run as a child process with the secret on standard input, and
 *  - Signal's independent SQLCipher 4 build (@signalapp/sqlcipher, a test-only dependency), opened with
 *    the data key this test derives itself from docs/journal-format.md's recipe —
 * and every entry is compared with what the app's API returns.
 */
import { hashRaw } from '@node-rs/argon2';
import SignalDatabase from '@signalapp/sqlcipher';
import { spawn, spawnSync } from 'node:child_process';
import { createDecipheriv, createHash, hkdfSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../main/core/db/migrations/index.js';
import type { BackupFile } from '../../shared/portability.js';
import type { Entry, Person, Tag } from '../../shared/schemas.js';
import { OTHER_PASSPHRASE, PASSPHRASE, createdService, snapshotDir, tempDir } from '../helpers/journal.js';
import { seedJournal } from '../fixtures/portability/journal.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const READER = path.join(ROOT, 'docs', 'reader', 'open-journal.mjs');
const DOC = path.join(ROOT, 'docs', 'journal-format.md');
const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

// ---------------------------------------------------------------------------------------------------
// The document's recipe (docs/journal-format.md §2), written here a third time, from the document.

interface Wrapped { iv: string; tag: string; key: string }
interface VaultJson {
  journalId: string;
  passphrase: { kdf: { memoryKiB: number; iterations: number; parallelism: number; salt: string }; wrapped: Wrapped };
  recovery: { salt: string; wrapped: Wrapped };
}

function unwrapPerDoc(kek: Buffer, w: Wrapped, journalId: string, slot: string): Buffer {
  const d = createDecipheriv('aes-256-gcm', kek, Buffer.from(w.iv, 'base64'));
  d.setAAD(Buffer.from(`fulcrum-vault/v1/${journalId}/${slot}`));
  d.setAuthTag(Buffer.from(w.tag, 'base64'));
  return Buffer.concat([d.update(Buffer.from(w.key, 'base64')), d.final()]);
}

async function keyFromPassphrase(vault: VaultJson, passphrase: string): Promise<Buffer> {
  const k = vault.passphrase.kdf;
  const kek = await hashRaw(Buffer.from(passphrase.normalize('NFC'), 'utf8'), {
    algorithm: 2, // Argon2id
    memoryCost: k.memoryKiB,
    timeCost: k.iterations,
    parallelism: k.parallelism,
    outputLen: 32,
    salt: Buffer.from(k.salt, 'base64'),
  });
  return unwrapPerDoc(kek, vault.passphrase.wrapped, vault.journalId, 'passphrase');
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** §2.2 steps 1–3: the 19-byte secret, or null when the checksum byte does not match. */
function recoverySecret(recoveryKey: string): Buffer | null {
  const s = recoveryKey.toUpperCase().replace(/[\s\-_.]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  expect(s).toMatch(/^[0-9A-HJKMNP-TV-Z]{32}$/);
  let n = 0n;
  for (const c of s) n = (n << 5n) | BigInt(CROCKFORD.indexOf(c));
  const bytes = Buffer.from(n.toString(16).padStart(40, '0'), 'hex');
  const secret = bytes.subarray(0, 19);
  return createHash('sha256').update('fulcrum-recovery').update(secret).digest()[0] === bytes[19] ? secret : null;
}

/** The recovery key with its first character changed so that the checksum fails (as a typo does 255 times in 256). */
function withTypo(recoveryKey: string): string {
  for (const c of CROCKFORD) {
    const candidate = c + recoveryKey.slice(1);
    if (candidate[0] !== recoveryKey[0] && recoverySecret(candidate) === null) return candidate;
  }
  throw new Error('no typo found');
}

function keyFromRecovery(vault: VaultJson, recoveryKey: string): Buffer {
  const secret = recoverySecret(recoveryKey);
  expect(secret).not.toBeNull();
  const kek = Buffer.from(hkdfSync('sha256', secret!, Buffer.from(vault.recovery.salt, 'base64'), 'fulcrum/recovery-kek/v1', 32));
  return unwrapPerDoc(kek, vault.recovery.wrapped, vault.journalId, 'recovery');
}

/** §4: header and database part of a .fulcrum file. */
function splitBackup(bytes: Buffer): { header: { vault: VaultJson; database: { bytes: number; sha256: string } }; db: Buffer } {
  const magic = Buffer.from('FULCRUM-BACKUP\n', 'ascii');
  expect(bytes.subarray(0, 15).equals(magic)).toBe(true);
  const len = bytes.readUInt32BE(15);
  const header = JSON.parse(bytes.subarray(19, 19 + len).toString('utf8'));
  const db = bytes.subarray(19 + len);
  expect(db.length).toBe(header.database.bytes);
  expect(createHash('sha256').update(db).digest('hex')).toBe(header.database.sha256);
  return { header, db };
}

// ---------------------------------------------------------------------------------------------------
// What the entries are, by the app's API, in the document's column names (§3).

const NON_ASCII = ['Grüße aus Köln — „Anführung“', '他说我们以后再谈。', 'مرحبا، كيف حالك؟', 'Emoji 🙂👍🏽 and a combining é (e\u0301)'];

async function makeJournal(extra: Parameters<typeof createdService>[1] = {}) {
  const s = await createdService(undefined, extra);
  const seeded = await seedJournal(s.call, () => s.service.vault.database());
  for (const [i, text] of NON_ASCII.entries()) {
    await s.call('entries.create', { occurredAt: Date.UTC(2024, 5, 1 + i, 9), timeZone: 'Asia/Tokyo', title: text.slice(0, 12), body: `${text}\n\nsecond paragraph`, personIds: [seeded.sam] });
  }
  return { ...s, seeded };
}

type Call = Awaited<ReturnType<typeof makeJournal>>['call'];

/** Every entry (live and in the trash), as the API gives it, in the format document's terms. */
async function entriesByApi(call: Call) {
  const people = new Map((await call<Person[]>('people.list', { includeArchived: true })).map((p) => [p.id, p.name]));
  const tags = new Map((await call<Tag[]>('tags.list', { includeArchived: true })).map((t) => [t.id, t.label]));
  const ids = await idsOf(call);
  const out = [];
  for (const id of ids) {
    const e = await call<Entry>('entries.get', { id });
    out.push({
      id: e.id,
      occurred_at: e.occurredAt,
      time_zone: e.timeZone,
      day: e.day,
      created_at: e.createdAt,
      updated_at: e.updatedAt,
      deleted_at: e.deletedAt,
      title: e.title,
      body: e.body,
      balance: e.balance,
      intensity: e.intensity,
      heard: e.heard,
      respected: e.respected,
      valued: e.valued,
      involved: e.involved,
      outcome: e.outcome,
      raise_with_therapist: e.raiseWithTherapist ? 1 : 0,
      safety_flag: e.safetyConcern ? 1 : 0,
      source: e.source,
      source_ref: null,
      people: e.personIds.map((p) => people.get(p)!).sort(),
      patterns: e.tagIds.map((t) => tags.get(t)!).sort(),
      domains: [...e.domains].sort(),
      power_sources: [...e.powerSources].sort(),
    });
  }
  return out.sort((a, b) => a.occurred_at - b.occurred_at || a.id - b.id);
}

/** Live and trashed entry ids, through the API's own listings. */
async function idsOf(call: Call): Promise<number[]> {
  const ids: number[] = [];
  for (const channel of ['entries.search', 'entries.trash']) {
    let cursor: unknown = undefined;
    do {
      const page = await call<{ items: { id: number }[]; nextCursor: unknown }>(channel, cursor ? { limit: 200, cursor } : { limit: 200 });
      ids.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
  }
  return ids;
}

/** The same, read with plain SQL from the tables of §3 through Signal's SQLCipher. */
function entriesBySignal(db: SignalDatabase) {
  const names = (sql: string, id: number) => (db.prepare(sql, { pluck: true }).all([id]) as string[]).sort();
  // §3: rows with an import batch are not part of the journal, and the column itself is not an entry's.
  return (db.prepare('SELECT * FROM entries WHERE import_batch IS NULL ORDER BY occurred_at, id').all() as Array<Record<string, unknown> & { id: number; title: string }>).map(({ import_batch: _batch, ...e }) => ({
    ...e,
    people: names('SELECT p.name FROM entry_people ep JOIN people p ON p.id = ep.person_id WHERE ep.entry_id = ?', e.id),
    patterns: names('SELECT t.label FROM entry_tags et JOIN tags t ON t.id = et.tag_id WHERE et.entry_id = ?', e.id),
    domains: names('SELECT domain FROM entry_domains WHERE entry_id = ?', e.id),
    power_sources: names('SELECT source FROM entry_power_sources WHERE entry_id = ?', e.id),
  }));
}

/** Opens a database file with the independent build, default SQLCipher 4 settings and the raw key (§2.4). */
function withSignal<T>(file: string, key: Buffer, fn: (db: SignalDatabase) => T): T {
  const db = new SignalDatabase(file);
  try {
    db.pragma(`key = "x'${key.toString('hex')}'"`);
    expect(db.pragma('cipher_version', { simple: true })).toMatch(/^4\./);
    // SQLCipher's own check of every page's HMAC: no rows means no damaged page.
    expect(db.pragma('cipher_integrity_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return fn(db);
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// The reader as a person would run it: a child process, the secret on standard input.

function runReader(args: string[], input: string) {
  const r = spawnSync(process.execPath, [READER, ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function exportWith(args: string[], secret: string) {
  const out = path.join(tempDir('fulcrum-export-'), 'journal.json');
  const r = runReader([...args, '--export', out, '--yes'], `${secret}\n`);
  expect(r.stderr).toMatch(/will NOT be encrypted/);
  expect(r.code, r.stderr).toBe(0);
  return { ...r, out, data: JSON.parse(fs.readFileSync(out, 'utf8')) as { entries: unknown[]; tables: Record<string, Record<string, unknown>[]>; schemaVersion: number; source: Record<string, unknown> } };
}

describe('the journal format document is enough to read a journal without Fulcrum', () => {
  it('the reader and an independent SQLCipher 4 build read every entry of a journal folder, with the passphrase and with the recovery key', async () => {
    const { call, dataDir, recoveryKey, service } = await makeJournal();
    const expected = await entriesByApi(call);
    expect(expected.length).toBeGreaterThanOrEqual(9);
    expect(expected.some((e) => e.deleted_at !== null)).toBe(true);
    const appKey = service.vault.withDataKey((k) => Buffer.from(k));
    const journalId = service.vault.journalId;
    await call('vault.lock');
    const before = snapshotDir(dataDir);

    for (const secret of [PASSPHRASE, recoveryKey, recoveryKey.toLowerCase().replace(/-/g, ' ')]) {
      const { data } = exportWith([dataDir], secret);
      expect(data.entries).toEqual(expected);
      expect(data.source).toMatchObject({ kind: 'folder', journalId });
      expect(data.schemaVersion).toBe(SCHEMA_VERSION);
      // Every table of §3 is there; the derived ones and the access-log private key are not.
      expect(Object.keys(data.tables)).toEqual(expect.arrayContaining(['entries', 'people', 'tags', 'entry_people', 'entry_tags', 'checkins', 'strengths', 'therapy_sessions', 'meta']));
      expect(Object.keys(data.tables).some((t) => /^(entries_fts|rollup_|sqlite_)/.test(t))).toBe(false);
      // The history chain's head is journal metadata too (docs/ledger-encoding.md); the access-log key is not exported.
      expect(data.tables.meta).toEqual([
        { key: 'journal_id', value: journalId },
        { key: 'ledger.head', value: expect.stringMatching(/^\{"seq":\d+,"hash":"[0-9a-f]{64}"\}$/) },
        { key: 'ledger.frontier', value: expect.stringMatching(/^\{"size":\d+,"nodes":\["[0-9a-f]{64}"/) },
      ]);
      expect(data.tables.checkins).toHaveLength(2);
    }
    // Read-only: not one byte of the folder changed, and nothing was added to it.
    const after = snapshotDir(dataDir);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, bytes] of before) expect(after.get(name)!.equals(bytes), name).toBe(true);

    // The document's recipe gives the app's own data key from either secret...
    const vault = JSON.parse(fs.readFileSync(path.join(dataDir, 'vault.json'), 'utf8')) as VaultJson;
    const fromPassphrase = await keyFromPassphrase(vault, PASSPHRASE);
    expect(fromPassphrase.equals(appKey)).toBe(true);
    expect(keyFromRecovery(vault, recoveryKey).equals(appKey)).toBe(true);
    // ...and with it an SQLCipher build that shares nothing with Fulcrum's opens the journal.
    const bySignal = withSignal(path.join(dataDir, 'journal.db'), fromPassphrase, entriesBySignal);
    expect(bySignal).toEqual(expected);
  });

  it('reads a .fulcrum backup as it was when it was made, with either secret, by both readers', async () => {
    const { call, dataDir, recoveryKey } = await makeJournal();
    const expected = await entriesByApi(call);
    const file = await call<BackupFile>('backup.build');
    const bytes = Buffer.from(file.base64, 'base64');
    const backup = path.join(tempDir('fulcrum-backup-'), file.filename);
    fs.writeFileSync(backup, bytes);
    // Written after the backup: must not be in what is read from it.
    await call('entries.create', { occurredAt: Date.UTC(2024, 8, 1), timeZone: 'UTC', title: 'After the backup', body: 'not in the backup' });
    await call('vault.lock');

    for (const secret of [PASSPHRASE, recoveryKey]) {
      const { data } = exportWith(['--backup', backup], secret);
      expect(data.entries).toEqual(expected);
      expect(data.source).toMatchObject({ kind: 'backup', backupKind: 'manual' });
    }
    // The reader's temporary copy of the (encrypted) database part is gone.
    expect(fs.readdirSync(path.dirname(backup))).toEqual([file.filename]);

    const { header, db } = splitBackup(bytes);
    const key = await keyFromPassphrase(header.vault, PASSPHRASE);
    expect(keyFromRecovery(header.vault, recoveryKey).equals(key)).toBe(true);
    const dbFile = path.join(tempDir(), 'backup.db');
    fs.writeFileSync(dbFile, db);
    expect(withSignal(dbFile, key, entriesBySignal)).toEqual(expected);
    // The journal folder itself moved on; the backup did not.
    const current = JSON.parse(fs.readFileSync(path.join(dataDir, 'vault.json'), 'utf8')) as VaultJson;
    const live = withSignal(path.join(dataDir, 'journal.db'), await keyFromPassphrase(current, PASSPHRASE), entriesBySignal);
    expect(live.map((e) => e.title)).toContain('After the backup');
  });

  it('says plainly when the secret is wrong, a backup is damaged or the export file exists, and writes nothing', async () => {
    const { call, dataDir, recoveryKey } = await makeJournal();
    const file = await call<BackupFile>('backup.build');
    await call('vault.lock');
    const dir = tempDir('fulcrum-export-');
    const out = path.join(dir, 'journal.json');

    const wrong = runReader([dataDir, '--export', out, '--yes'], `${OTHER_PASSPHRASE}\n`);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/does not open this journal\. Nothing was changed\./);
    expect(wrong.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(out)).toBe(false);

    // A recovery key with one character changed is called a typo, not a wrong key.
    const typo = withTypo(recoveryKey);
    const typoRun = runReader([dataDir, '--export', out, '--yes'], `${typo}\n`);
    expect(typoRun.stderr).toMatch(/recovery key with a typo/);
    expect(fs.existsSync(out)).toBe(false);

    // Without --yes the person is asked, and anything but yes writes nothing.
    const declined = runReader([dataDir, '--export', out], `${PASSPHRASE}\nno\n`);
    expect(declined.stderr).toMatch(/will NOT be encrypted[\s\S]*Nothing was written/);
    expect(declined.code).toBe(1);
    expect(fs.existsSync(out)).toBe(false);

    // An existing file is never overwritten.
    fs.writeFileSync(out, 'keep me');
    const exists = runReader([dataDir, '--export', out, '--yes'], `${PASSPHRASE}\n`);
    expect(exists.stderr).toMatch(/already exists/);
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me');

    // A backup cut off while copying, or not a backup at all.
    const bytes = Buffer.from(file.base64, 'base64');
    const cut = path.join(dir, 'cut.fulcrum');
    fs.writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
    expect(runReader(['--backup', cut, '--export', path.join(dir, 'x.json'), '--yes'], `${PASSPHRASE}\n`).stderr).toMatch(/damaged: it is shorter than its header says/);
    const notOne = path.join(dir, 'notes.fulcrum');
    fs.writeFileSync(notOne, 'hello');
    expect(runReader(['--backup', notOne, '--sql'], `${PASSPHRASE}\n`).stderr).toMatch(/is not a Fulcrum backup/);
    expect(fs.readdirSync(dir).sort()).toEqual(['cut.fulcrum', 'journal.json', 'notes.fulcrum']);

    // A key file from a newer Fulcrum, a damaged one, a folder that is not there: said plainly, before any secret is asked for.
    const copy = (edit: (vault: string) => string) => {
      const d = tempDir('fulcrum-copy-');
      for (const name of ['vault.json', 'journal.db']) fs.copyFileSync(path.join(dataDir, name), path.join(d, name));
      fs.writeFileSync(path.join(d, 'vault.json'), edit(fs.readFileSync(path.join(d, 'vault.json'), 'utf8')));
      return d;
    };
    const newer = runReader([copy((v) => v.replace('"version": 1', '"version": 2')), '--sql'], `${PASSPHRASE}\n`);
    expect(newer.stderr).toMatch(/vault\.json is version 2; this reader knows version 1/);
    expect(newer.code).toBe(1);
    expect(runReader([copy((v) => v.slice(0, 40)), '--sql'], `${PASSPHRASE}\n`).stderr).toMatch(/vault\.json is damaged: it is not valid JSON/);
    expect(runReader([copy((v) => v.replace(/"salt": "[^"]+"/, '"salt": "not base64!"')), '--sql'], `${PASSPHRASE}\n`).stderr).toMatch(/damaged: passphrase\.kdf\.salt is not base64/);
    expect(runReader([path.join(dir, 'nowhere'), '--sql'], `${PASSPHRASE}\n`).stderr).toMatch(/does not exist/);

    // The secret is never taken from the command line.
    const asArg = runReader([dataDir, '--passphrase', PASSPHRASE, '--sql'], '');
    expect(asArg.code).toBe(2);
  });

  it('opens a read-only SQL prompt: queries answer, changes are refused, the folder is untouched', async () => {
    const { call, dataDir } = await makeJournal();
    const live = (await entriesByApi(call)).filter((e) => e.deleted_at === null).length;
    await call('vault.lock');
    const before = snapshotDir(dataDir);
    const r = runReader([dataDir, '--sql'], `${PASSPHRASE}\nSELECT count(*) AS n\n  FROM entries WHERE deleted_at IS NULL;\nDELETE FROM entries;\n.tables\n.quit\n`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`n\n${live}\n(1 row)\n`);
    expect(r.stdout).toMatch(/^entries$/m);
    expect(r.stderr).toMatch(/opened read-only here: nothing can be changed/);
    const after = snapshotDir(dataDir);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, bytes] of before) expect(after.get(name)!.equals(bytes), name).toBe(true);
  });

  it('follows §2.6: after a crash between a passphrase change\'s commit and its rename, vault.json and the new passphrase open journal.db.rotating', async () => {
    let crash = false;
    const { call, dataDir, service } = await makeJournal({
      crashAt: (step) => {
        if (crash && step === 'committed') throw new Error('injected crash after the commit');
      },
    });
    const expected = await entriesByApi(call);
    const next = 'orchard lantern copper meadow ninety';
    crash = true;
    await expect(call('vault.changePassphrase', { current: PASSPHRASE, next })).rejects.toThrow();
    service.vault.lock();
    // The state the crash leaves: the new key file committed, the re-encrypted copy not yet renamed.
    const vault = JSON.parse(fs.readFileSync(path.join(dataDir, 'vault.json'), 'utf8')) as { databasePending?: string };
    expect(vault.databasePending).toBe('journal.db.rotating');
    expect(fs.existsSync(path.join(dataDir, 'journal.db.rotating'))).toBe(true);
    expect(exportWith([dataDir], next).data.entries).toEqual(expected);
    expect(runReader([dataDir, '--sql'], `${PASSPHRASE}\n`).stderr).toMatch(/does not open this journal/);
  });

  it('follows §2.6: after a crash between a restore\'s two renames, vault.next.json and the restored journal\'s passphrase open it', async () => {
    const { call, dataDir } = await makeJournal();
    const expected = await entriesByApi(call);
    const oldVault = fs.readFileSync(path.join(dataDir, 'vault.json'));
    // Non-ASCII too: typed in decomposed form (as some keyboards produce it), it must still open (§2.2: NFC).
    const next = 'Blåbærsyltetøy på ørkenvandring, señor 1987';
    await call('vault.changePassphrase', { current: PASSPHRASE, next });
    await call('vault.lock');
    // The state such a crash leaves: the new database in place, its key file still named vault.next.json.
    fs.renameSync(path.join(dataDir, 'vault.json'), path.join(dataDir, 'vault.next.json'));
    fs.writeFileSync(path.join(dataDir, 'vault.json'), oldVault);
    expect(next.normalize('NFD')).not.toBe(next);
    expect(exportWith([dataDir], next.normalize('NFD')).data.entries).toEqual(expected);
    expect(runReader([dataDir, '--sql'], `${PASSPHRASE}\n`).stderr).toMatch(/does not open this journal/);
  });

  it('the reader imports nothing of Fulcrum: only node:*, @node-rs/argon2 and better-sqlite3-multiple-ciphers', () => {
    const source = fs.readFileSync(READER, 'utf8');
    const specifiers = [...source.matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]/gm), ...source.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]);
    expect(specifiers.length).toBeGreaterThan(3);
    for (const s of specifiers) expect(s).toMatch(/^(node:[a-z_/]+|@node-rs\/argon2|better-sqlite3-multiple-ciphers)$/);
  });

  it('the document stays true: its schema version is the newest, and it names every table a journal has', async () => {
    const doc = fs.readFileSync(DOC, 'utf8');
    expect(doc).toContain(`database schema version ${SCHEMA_VERSION}.`);
    expect(doc).toContain(`(${SCHEMA_VERSION} as of this document)`);
    const { dataDir, call } = await createdService();
    await call('vault.lock');
    const { data } = exportWith([dataDir], PASSPHRASE);
    // Every table the reader exports is in §3's table (a new table needs a line there); the derived ones are named as a family.
    for (const table of Object.keys(data.tables)) expect(doc, `docs/journal-format.md §3 does not describe the table ${table}`).toContain(`| \`${table}\` |`);
    // And every field of vault.json (the vault's own fields, and each slot's) is in §2's table.
    const section2 = doc.slice(doc.indexOf('## 2. `vault.json`'), doc.indexOf('### 2.1'));
    const vault = JSON.parse(fs.readFileSync(path.join(dataDir, 'vault.json'), 'utf8')) as Record<string, unknown>;
    const fields = Object.entries(vault).flatMap(([k, v]) => (k === 'passphrase' || k === 'recovery' ? Object.keys(v as object).map((f) => `${k}.${f}`) : [k]));
    expect(fields).toEqual(expect.arrayContaining(['journalId', 'passphrase.kdf', 'passphrase.wrapped', 'recovery.salt', 'recovery.wrapped']));
    for (const f of fields) expect(section2, `docs/journal-format.md §2 does not describe vault.json's ${f}`).toContain(`\`${f}`);
    expect(doc).toContain('`entries_fts*`');
    expect(doc).toContain('`rollup_*`');
  });

  // On a real terminal (util-linux `script` gives the reader one), what is typed for the secret is not shown.
  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!hasScript || process.platform !== 'linux')('on a terminal the passphrase is not echoed', async () => {
    const { call, dataDir } = await makeJournal();
    await call('vault.lock');
    const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const child = spawn('script', ['-qfec', `${quote(process.execPath)} ${quote(READER)} ${quote(dataDir)} --sql`, '/dev/null'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    const waiters: { text: string; resolve: () => void }[] = [];
    child.stdout.on('data', (c: Buffer) => {
      screen += c.toString('utf8');
      for (const w of waiters.splice(0)) (screen.includes(w.text) ? w.resolve : () => waiters.push(w))();
    });
    const seen = (text: string) => new Promise<void>((resolve) => (screen.includes(text) ? resolve() : waiters.push({ text, resolve })));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    await seen('(not shown): ');
    child.stdin.write(`${PASSPHRASE}\r`);
    await seen('journal> ');
    child.stdin.write('SELECT 40 + 2 AS answer;\r');
    await seen('(1 row)');
    child.stdin.write('.quit\r');
    expect(await exited).toBe(0);
    expect(screen).toMatch(/answer\r?\n42\r?\n/);
    // The query was echoed (an ordinary prompt), the passphrase was not: not whole, not in part.
    expect(screen).toContain('SELECT 40 + 2');
    expect(screen).not.toContain(PASSPHRASE.slice(0, 8));
  });
});
