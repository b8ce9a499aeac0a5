/**
 * Lock and quick exit never wait for long work: a running export, backup or restore preview stops at
 * its next pause with CANCELLED, leaves nothing behind, and the journal is locked (database closed,
 * key gone). Each test starts the lock from inside the running job (a progress event, or the backup's
 * first read of the journal file), so the job is provably in the middle of its work, not by timing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppEvent } from '../../shared/api.js';
import type { Reply } from '../../shared/errors.js';
import type { Dialogs } from '../../main/core/ports.js';
import { scriptedDialogs } from '../helpers/ports.js';
import { CHUNK } from '../../main/core/db/snapshot.js';
import { readBackup } from '../../main/core/portability/index.js';
import { generateJournal } from '../generator/index.js';
import { createdService, PASSPHRASE, tempDir } from '../helpers/journal.js';

type Service = Awaited<ReturnType<typeof createdService>>['service'];

/** What a crashed or stopped job could leave in a folder: temporary names start with a dot. */
const leftovers = (dir: string) => fs.readdirSync(dir).filter((n) => n.startsWith('.') || n.endsWith('.tmp'));

/** A service over a generated journal big enough for several export pages and backup chunks. */
async function bigJournal(extra: Parameters<typeof createdService>[1] = {}) {
  const events: AppEvent[] = [];
  let onEvent: (e: AppEvent) => void = () => {};
  const s = await createdService(undefined, {
    ...extra,
    ports: { log: () => {}, emit: (e: AppEvent) => (events.push(e), onEvent(e)), ...extra.ports },
  });
  await generateJournal({ seed: 7, entries: 2000, drafts: 0 }, s.service);
  return { ...s, events, setOnEvent: (f: (e: AppEvent) => void) => (onEvent = f) };
}

/** The database file is larger than one backup chunk, so the copy takes several steps. */
function journalBytes(service: Service): number {
  service.vault.database().pragma('wal_checkpoint(TRUNCATE)');
  return fs.statSync(service.vault.file('db')).size;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('quick exit and lock during long work', () => {
  let big: Awaited<ReturnType<typeof bigJournal>>;
  beforeAll(async () => {
    big = await bigJournal();
    expect(journalBytes(big.service)).toBeGreaterThan(2 * CHUNK);
  }, 120_000);

  it('stops an export at its next page: the export answers CANCELLED and the journal is locked', async () => {
    const { service, events, setOnEvent } = big;
    const order: string[] = [];
    let lock: Promise<Reply<unknown>> | null = null;
    setOnEvent((e) => {
      // The first progress event comes from inside the running export, before its first page.
      if (e.type === 'progress' && e.task === 'export' && !lock) lock = service.dispatch('session.quickExit', {}).then((r) => (order.push('lock'), r));
    });
    const exported = await service.dispatch('export.build', { format: 'json' }).then((r) => (order.push('export'), r));
    setOnEvent(() => {});
    expect(lock).not.toBeNull();
    expect(await lock!).toEqual({ ok: true, value: null });
    expect(exported).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(order).toEqual(['export', 'lock']);
    expect(service.vault.unlocked).toBe(false);
    expect(() => service.vault.database()).toThrow(/locked/);
    expect(() => service.vault.withDataKey(() => 0)).toThrow(/locked/);
    // No page was written after the lock came in.
    const progress = events.filter((e) => e.type === 'progress' && e.task === 'export');
    expect(progress.every((e) => e.type === 'progress' && e.done < e.total)).toBe(true);
    expect(events).toContainEqual({ type: 'locked', reason: 'quick-exit' });
    await expect(service.dispatch('vault.unlock', { passphrase: PASSPHRASE })).resolves.toMatchObject({ ok: true });
  });

  it('stops a saved export mid-file and removes the half-written file', async () => {
    const out = tempDir('fulcrum-export-out-');
    const s = await bigJournal({ ports: { dialogs: scriptedDialogs([path.join(out, 'export.md')]) } });
    let lock: Promise<Reply<unknown>> | null = null;
    s.setOnEvent((e) => {
      if (e.type === 'progress' && e.task === 'export' && e.done === 0 && !lock) lock = s.service.dispatch('vault.lock', {});
    });
    const saved = await s.service.dispatch('export.save', { format: 'markdown' });
    expect(saved).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await lock!).toEqual({ ok: true, value: null });
    expect(s.service.vault.unlocked).toBe(false);
    expect(fs.readdirSync(out)).toEqual([]);
  }, 120_000);

  it('does not wait for a file dialog that is still open', async () => {
    const dir = tempDir();
    let opened: () => void = () => {};
    const dialogs: Dialogs = {
      // The person has not answered yet (and never will, in this test).
      saveFile: () => (opened(), new Promise<string | null>(() => {})),
      openFile: () => (opened(), new Promise<string | null>(() => {})),
    };
    const { service, call } = await createdService(dir, { ports: { log: () => {}, dialogs } });
    await call('people.create', { name: 'Sam', kind: 'social', color: '#0072B2' });
    for (const channel of ['export.save', 'backup.save', 'import.pick', 'backup.pick'] as const) {
      if (!service.vault.unlocked) await call('vault.unlock', { passphrase: PASSPHRASE });
      const dialogOpen = new Promise<void>((r) => (opened = r));
      const save = service.dispatch(channel, channel === 'export.save' ? { format: 'csv' } : {});
      await dialogOpen;
      const lock = await service.dispatch('vault.lock', {});
      expect(lock, channel).toEqual({ ok: true, value: null });
      expect(await save, channel).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
      expect(service.vault.unlocked).toBe(false);
    }
    expect(leftovers(dir)).toEqual([]);
  });

  it('stops a backup between chunks of the journal file, and leaves no temporary file', async () => {
    const { service, call, dataDir } = big;
    if (!service.vault.unlocked) await call('vault.unlock', { passphrase: PASSPHRASE });
    const journal = service.vault.file('db');
    const realRead = fs.readSync.bind(fs) as (...a: unknown[]) => number;
    let chunksRead = 0;
    let lock: Promise<Reply<unknown>> | null = null;
    vi.spyOn(fs, 'readSync').mockImplementation(((...args: unknown[]) => {
      const n = realRead(...args);
      // The snapshot reads the journal file a whole chunk at a time; the first one starts the quick exit.
      if (n === CHUNK) {
        chunksRead++;
        if (!lock) lock = service.dispatch('session.quickExit', {});
      }
      return n;
    }) as typeof fs.readSync);
    const size = fs.statSync(journal).size;
    const built = await service.dispatch('backup.build', {});
    expect(built).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await lock!).toEqual({ ok: true, value: null });
    expect(chunksRead).toBe(1);
    expect(size).toBeGreaterThan(2 * CHUNK);
    expect(service.vault.unlocked).toBe(false);
    expect(leftovers(dataDir)).toEqual([]);
    vi.restoreAllMocks();

    // Nothing was damaged: the journal opens, and a backup left to run completes and is checked.
    await call('vault.unlock', { passphrase: PASSPHRASE });
    const ok = await service.dispatch('backup.build', {});
    expect(ok).toMatchObject({ ok: true, value: { plaintext: false } });
    // The download is encoded in pieces: together they are the whole file, checksum and all.
    const file = ok.ok ? (ok.value as { base64: string; bytes: number }) : null;
    const bytes = Buffer.from(file!.base64, 'base64');
    expect(bytes.length).toBe(file!.bytes);
    // More than one 3 MiB piece, so the pieces really are joined.
    expect(bytes.length).toBeGreaterThan(3 * 1024 * 1024);
    expect(readBackup({ buffer: bytes }).vault.journalId).toBe(service.vault.journalId);
    expect(leftovers(dataDir)).toEqual([]);
  });

  it('lets a draft save sent just before quick exit be written first', async () => {
    const { service, call, setOnEvent } = big;
    if (!service.vault.unlocked) await call('vault.unlock', { passphrase: PASSPHRASE });
    let replies: Promise<Reply<unknown>>[] = [];
    setOnEvent((e) => {
      if (e.type === 'progress' && e.task === 'export' && replies.length === 0) {
        replies = [service.dispatch('drafts.save', { key: 'new', content: '{"body":"typed just now"}' }), service.dispatch('session.quickExit', {})];
      }
    });
    const exported = await service.dispatch('export.build', { format: 'csv' });
    setOnEvent(() => {});
    expect(exported).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    const [draft, lock] = await Promise.all(replies);
    expect(draft).toMatchObject({ ok: true });
    expect(lock).toEqual({ ok: true, value: null });
    expect(service.vault.unlocked).toBe(false);
    await call('vault.unlock', { passphrase: PASSPHRASE });
    expect(await call('drafts.get', { key: 'new' })).toMatchObject({ content: '{"body":"typed just now"}' });
  });

  it('stops an automatic backup running beside the calls', async () => {
    const { service, call, dataDir } = big;
    if (!service.vault.unlocked) await call('vault.unlock', { passphrase: PASSPHRASE });
    const { flushAutoBackup, autoBackupAfterUnlock } = await import('../../main/core/service/portability.js');
    fs.rmSync(path.join(dataDir, 'backups'), { recursive: true, force: true });
    autoBackupAfterUnlock(service);
    const realRead = fs.readSync.bind(fs) as (...a: unknown[]) => number;
    let lock: Promise<Reply<unknown>> | null = null;
    vi.spyOn(fs, 'readSync').mockImplementation(((...args: unknown[]) => {
      const n = realRead(...args);
      if (n === CHUNK && !lock) lock = service.dispatch('vault.lock', {});
      return n;
    }) as typeof fs.readSync);
    const result = await flushAutoBackup(service);
    expect(result).toBeNull();
    expect(await lock!).toEqual({ ok: true, value: null });
    expect(service.vault.unlocked).toBe(false);
    const backups = path.join(dataDir, 'backups');
    expect(fs.existsSync(backups) ? fs.readdirSync(backups) : []).toEqual([]);
  });

  it('stops a restore preview, and a restore started while unlocked, while they unpack the backup: nothing is replaced', async () => {
    const { service, call, dataDir } = big;
    if (!service.vault.unlocked) await call('vault.unlock', { passphrase: PASSPHRASE });
    const { flushAutoBackup, autoBackupAfterUnlock } = await import('../../main/core/service/portability.js');
    fs.rmSync(path.join(dataDir, 'backups'), { recursive: true, force: true });
    autoBackupAfterUnlock(service);
    const made = await flushAutoBackup(service);
    expect(made?.made?.bytes).toBeGreaterThan(2 * CHUNK);
    const realRead = fs.readSync.bind(fs) as (...a: unknown[]) => number;
    let lock: Promise<Reply<unknown>> | null = null;
    vi.spyOn(fs, 'readSync').mockImplementation(((...args: unknown[]) => {
      const n = realRead(...args);
      if (n === CHUNK && !lock) lock = service.dispatch('session.quickExit', {});
      return n;
    }) as typeof fs.readSync);
    for (const channel of ['backup.inspect', 'backup.restore'] as const) {
      if (!service.vault.unlocked) await call('vault.unlock', { passphrase: PASSPHRASE });
      lock = null;
      const before = fs.readFileSync(service.vault.file('vault'));
      const reply = await service.dispatch(channel, { file: { automatic: made!.made!.name }, secret: { passphrase: PASSPHRASE } });
      expect(reply, channel).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
      expect(await lock!).toEqual({ ok: true, value: null });
      expect(service.vault.unlocked).toBe(false);
      expect(leftovers(dataDir)).toEqual([]);
      // Nothing was replaced or set aside.
      expect(fs.readFileSync(service.vault.file('vault')).equals(before)).toBe(true);
      expect(fs.readdirSync(dataDir).filter((n) => n.startsWith('previous-'))).toEqual([]);
    }
  });
});
