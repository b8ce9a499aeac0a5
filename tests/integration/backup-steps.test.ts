/**
 * A backup of a journal holding a large file goes a chunk a step: between two pauses at most one
 * chunk (CHUNK bytes) of the journal file is read, hashed and written, so a 12 MB attachment makes a
 * dozen steps to write and a dozen to read back, never one step over the whole file; and a lock
 * asked for between two steps stops it at the next one with nothing left behind. Counted, not timed.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackup, readBackup } from '../../main/core/portability/backup/index.js';
import { CHUNK } from '../../main/core/db/snapshot.js';
import { cooperate } from '../../main/core/jobs/cooperate.js';
import { createdService } from '../helpers/journal.js';
import { wavOf } from '../generator/attachments.js';

const FILE = 12 * 1024 * 1024;

/** A WAV of `bytes` bytes of random noise (a file type Fulcrum keeps, nothing to strip). */
const wav = (bytes: number): Buffer => wavOf(crypto.randomBytes(bytes - 44));

async function journalWithLargeFile() {
  const j = await createdService();
  const e = await j.call<{ id: number }>('entries.create', { occurredAt: Date.UTC(2025, 0, 1), timeZone: 'UTC', title: 'a day', body: 'what happened' });
  await j.call('attachments.upload', { data: wav(FILE), name: 'voice.wav', options: { owner: { kind: 'entry', id: e.id } } });
  const dir = path.join(j.dataDir, 'out');
  fs.mkdirSync(dir, { mode: 0o700 });
  return { ...j, dir };
}

/** The backup's file being written (its temporary name), if any. */
const packing = (dir: string) => fs.readdirSync(dir).find((n) => n.startsWith('.backup-'));

describe('a backup of a journal with a large attachment', () => {
  it('yields after every chunk: no step reads or writes more than CHUNK bytes of the journal', async () => {
    const j = await journalWithLargeFile();
    try {
      const out = path.join(j.dir, 'b.fulcrum');
      const grew: number[] = [];
      let last = 0;
      let steps = 0;
      const { header } = await createBackup(j.service.vault, out, 'manual', Date.UTC(2025, 0, 2), undefined, async () => {
        steps++;
        const name = packing(j.dir);
        const size = name ? fs.statSync(path.join(j.dir, name)).size : last;
        grew.push(size - last);
        last = size;
      });
      const dbBytes = header.database.bytes;
      expect(dbBytes).toBeGreaterThan(FILE);
      const chunks = Math.ceil(dbBytes / CHUNK);
      // Written a chunk a step (the first step also writes the header), then read back a chunk a step.
      const writing = grew.filter((g) => g > 0);
      expect(writing.length).toBe(chunks);
      expect(Math.max(...writing.slice(1))).toBeLessThanOrEqual(CHUNK);
      expect(writing[0]! - CHUNK).toBeLessThan(64 * 1024);
      expect(steps).toBeGreaterThanOrEqual(2 * chunks);
      expect(readBackup({ file: out }).database.sha256).toBe(header.database.sha256);
    } finally {
      j.service.vault.lock();
    }
  });

  it('a lock between two steps stops it at the next one, and nothing of it is left', async () => {
    const j = await journalWithLargeFile();
    const out = path.join(j.dir, 'b.fulcrum');
    let steps = 0;
    let stepsAfterLock = -1;
    // The backup's own pause (it throws CANCELLED once the lock has begun), yielding after every step.
    const pause = cooperate(j.service.vault.lockSignal, 0);
    const run = createBackup(j.service.vault, out, 'manual', Date.UTC(2025, 0, 2), undefined, async () => {
      steps++;
      if (stepsAfterLock >= 0) stepsAfterLock++;
      // Four chunks in, the person locks (quick exit does the same).
      if (steps === 4) {
        j.service.vault.lock();
        stepsAfterLock = 0;
      }
      await pause();
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(stepsAfterLock).toBe(0);
    expect(fs.readdirSync(j.dir)).toEqual([]);
  });
});
