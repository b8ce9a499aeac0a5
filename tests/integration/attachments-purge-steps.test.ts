/**
 * Deleting large files for good in idle time goes a few megabytes a step (PURGE_STEP_BYTES, at least
 * one file), never all expired files in one statement: secure_delete overwrites each freed page and
 * every page goes through the WAL, so one step over gigabytes held the core's thread for seconds and
 * left a WAL that large for the next checkpoint. The files of an entry leaving the trash for good go
 * before the entry, and the entry follows once none is left.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AttachmentMeta } from '../../shared/attachments.js';
import type { Entry } from '../../shared/schemas.js';
import { PURGE_STEP_BYTES } from '../../main/core/db/repos/attachments.js';
import { WAL_LIMIT_BYTES } from '../../main/core/db/idle.js';
import { PASSPHRASE, createdService } from '../helpers/journal.js';
import { manualTimers } from '../helpers/idle.js';
import { wavOf } from '../generator/attachments.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 4, 1, 12, 0, 0);
const FILE = 3 * 1024 * 1024;

/** A WAV of `bytes` bytes of random noise (a file type Fulcrum keeps, nothing to strip). */
const wav = (bytes: number): Buffer => wavOf(crypto.randomBytes(bytes - 44));

describe('deleting large files for good in idle time', () => {
  it('goes at most PURGE_STEP_BYTES (or one file) a step, files before their entry, and keeps the WAL small', async () => {
    expect(FILE * 2).toBeGreaterThan(PURGE_STEP_BYTES);
    const clock = { now: T0 };
    const idle = manualTimers();
    const j = await createdService(undefined, { ports: { now: () => clock.now }, idleTimers: idle.timers });
    const db = () => j.service.vault.database();
    const files = () => db().prepare('SELECT count(*) FROM attachments').pluck().get() as number;
    const entries = () => db().prepare('SELECT count(*) FROM entries').pluck().get() as number;
    const upload = (owner?: { kind: 'entry'; id: number }) =>
      j.call<AttachmentMeta>('attachments.upload', { data: wav(FILE), name: 'voice.wav', options: owner ? { owner } : {} });
    try {
      const gone = await j.call<Entry>('entries.create', { occurredAt: T0, timeZone: 'UTC', title: 'gone', body: 'to forget' });
      for (let i = 0; i < 3; i++) await upload({ kind: 'entry', id: gone.id });
      await j.call('entries.delete', { id: gone.id });
      const kept = await j.call<Entry>('entries.create', { occurredAt: T0, timeZone: 'UTC', title: 'kept', body: 'to keep' });
      const removed = await upload({ kind: 'entry', id: kept.id });
      const stays = await upload({ kind: 'entry', id: kept.id });
      await j.call('attachments.remove', { id: removed.id });
      await upload();
      idle.settle();
      expect(files()).toBe(6);

      await j.call('vault.lock');
      clock.now = T0 + 31 * DAY;
      await j.call('vault.unlock', { passphrase: PASSPHRASE });
      await j.call('entries.get', { id: kept.id });

      // Step by step: how many files each idle step deleted, and the WAL it left.
      const perStep: number[] = [];
      let walMax = 0;
      for (let n = 0; idle.armed && n < 100; n++) {
        const before = files();
        idle.fire();
        if (before !== files()) perStep.push(before - files());
        walMax = Math.max(walMax, fs.statSync(`${db().name}-wal`).size);
      }
      // Five expired files of 3 MB: one a step (two would pass 4 MB); the trashed entry afterwards.
      expect(perStep).toEqual([1, 1, 1, 1, 1]);
      expect(files()).toBe(1);
      expect(db().prepare('SELECT id FROM attachments').pluck().all()).toEqual([stays.id]);
      expect(entries()).toBe(1);
      // Each step's overwritten pages are checkpointed before the next step: the WAL never holds much
      // more than one step's worth (a 3 MB file is about 3.1 MB of pages, plus the limit it may reach).
      expect(walMax).toBeLessThan(WAL_LIMIT_BYTES + 2 * FILE);
    } finally {
      j.service.vault.lock();
    }
  });
});
