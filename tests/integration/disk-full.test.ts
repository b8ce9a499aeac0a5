/**
 * A full disk gets the disk-full message, and a lock on a full disk says it locked (it did).
 * The failures are injected where a full disk makes them happen (SQLite's checkpoint answering
 * SQLITE_FULL, a file write answering ENOSPC), so this runs everywhere; as root the same is also done
 * for real, on a tmpfs of a few megabytes filled to the last byte.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { DB } from '../../main/core/db/index.js';
import { createdService, PASSPHRASE, tempDir } from '../helpers/journal.js';

const DISK_FULL = { ok: false, error: { code: 'DISK_FULL', message: expect.stringMatching(/^The disk is full/) } };
const leftovers = (dir: string) => fs.readdirSync(dir).filter((n) => n.startsWith('.'));

/** Makes the journal's checkpoints fail the way SQLite fails them on a full disk. */
function checkpointsFailFull(db: DB): void {
  const pragma = db.pragma.bind(db);
  db.pragma = ((source: string, options?: Parameters<DB['pragma']>[1]) => {
    if (/wal_checkpoint/i.test(source)) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    return pragma(source, options);
  }) as DB['pragma'];
}

const entry = (title: string, body = 'We talked it through.') => ({
  occurredAt: Date.UTC(2024, 2, 2, 19),
  timeZone: 'Europe/Berlin',
  title,
  body,
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a full disk (injected)', () => {
  it('backup.build answers with the disk-full message when SQLite reports SQLITE_FULL, and leaves nothing', async () => {
    const { service, call, dataDir } = await createdService();
    await call('entries.create', entry('Before the disk filled'));
    checkpointsFailFull(service.vault.database());
    expect(await service.dispatch('backup.build', {})).toMatchObject(DISK_FULL);
    expect(leftovers(dataDir)).toEqual([]);
    expect(service.vault.unlocked).toBe(true);
  });

  it('backup.build answers with the disk-full message when writing the file runs out of space', async () => {
    const { service, call, dataDir } = await createdService();
    await call('entries.create', entry('Before the disk filled'));
    const realWrite = fs.writeSync.bind(fs) as (...a: unknown[]) => number;
    let failed = 0;
    vi.spyOn(fs, 'writeSync').mockImplementation(((...args: unknown[]) => {
      const data = args[1];
      // The backup's database part: large buffers. Small writes (its header) go through.
      if (Buffer.isBuffer(data) && data.length > 4096) {
        failed++;
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
      }
      return realWrite(...args);
    }) as typeof fs.writeSync);
    expect(await service.dispatch('backup.build', {})).toMatchObject(DISK_FULL);
    expect(failed).toBe(1);
    vi.restoreAllMocks();
    expect(leftovers(dataDir)).toEqual([]);
    // With space again, the same call works.
    expect(await service.dispatch('backup.build', {})).toMatchObject({ ok: true });
  });

  it('vault.lock and quick exit report that they locked when the closing checkpoint hits a full disk, and nothing saved is lost', async () => {
    for (const channel of ['vault.lock', 'session.quickExit'] as const) {
      const { service, call } = await createdService();
      await call('entries.create', entry(`Saved just before ${channel}`));
      const db = service.vault.database();
      checkpointsFailFull(db);
      expect(await service.dispatch(channel, {}), channel).toEqual({ ok: true, value: null });
      expect(service.vault.unlocked).toBe(false);
      expect(db.open).toBe(false);
      // The entry was committed to the WAL; the next unlock reads it back.
      await call('vault.unlock', { passphrase: PASSPHRASE });
      const page = await call<{ items: { title: string }[] }>('entries.search', {});
      expect(page.items.map((e) => e.title)).toEqual([`Saved just before ${channel}`]);
    }
  });
});

const isRoot = process.getuid?.() === 0;
const mounted: string[] = [];

afterAll(() => {
  for (const dir of mounted) {
    try {
      execFileSync('umount', [dir]);
      fs.rmdirSync(dir);
    } catch {
      // Left for the system's temp cleanup.
    }
  }
});

/** A tmpfs of `mb` megabytes, or null (with the reason) when this process cannot mount one. */
function smallDisk(mb: number): string | null {
  const dir = tempDir('fulcrum-full-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m,mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
    mounted.push(dir);
    return dir;
  } catch (e) {
    console.warn(`skipping the real full-disk test: mounting a tmpfs failed (${(e as Error).message.split('\n')[0]})`);
    fs.rmdirSync(dir);
    return null;
  }
}

/** Writes a file until the disk has no byte left. */
function fill(dir: string): string {
  const file = path.join(dir, 'filler');
  const fd = fs.openSync(file, 'w');
  const block = Buffer.alloc(16 * 1024, 1);
  try {
    for (;;) fs.writeSync(fd, block);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  }
  try {
    for (;;) fs.writeSync(fd, block, 0, 1);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

describe.skipIf(!isRoot)('a full disk (a real tmpfs; needs root)', () => {
  it('backup.build says the disk is full, the lock still locks, and every entry is there afterwards', async (t) => {
    const disk = smallDisk(6);
    if (!disk) return t.skip();
    const dataDir = path.join(disk, 'journal');
    const { service, call } = await createdService(dataDir);
    const body = 'Sentence after sentence about the evening. '.repeat(200);
    for (let i = 0; i < 20; i++) await call('entries.create', entry(`Entry ${i}`, body));
    const filler = fill(disk);

    expect(await service.dispatch('backup.build', {})).toMatchObject(DISK_FULL);
    expect(leftovers(dataDir)).toEqual([]);
    expect(await service.dispatch('vault.lock', {})).toEqual({ ok: true, value: null });
    expect(service.vault.unlocked).toBe(false);

    fs.rmSync(filler);
    await call('vault.unlock', { passphrase: PASSPHRASE });
    const page = await call<{ items: unknown[] }>('entries.search', { limit: 100 });
    expect(page.items).toHaveLength(20);
    expect(await service.dispatch('backup.build', {})).toMatchObject({ ok: true });
    await call('vault.lock', {});
  });
});
