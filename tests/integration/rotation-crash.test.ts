import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readBackup } from '../../main/core/portability/backup/index.js';
import { flushAutoBackup } from '../../main/core/service/portability.js';
import { ROTATION_STEPS, readVaultFile, unwrapDataKey, type RotationStep, type Secret, type VaultFile } from '../../main/core/vault/index.js';
import { OTHER_PASSPHRASE, PASSPHRASE, callOf, createdService, tempDir, testService } from '../helpers/journal.js';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rotation-crash-child.ts');
const DAY = 86_400_000;
const ENTRIES = 12;

/** Runs the passphrase change in a child process that kills itself at `step`. */
function changeThenCrash(dataDir: string, step: RotationStep | 'none'): Promise<{ signal: NodeJS.Signals | null; recoveryKey: string | null; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dataDir, PASSPHRASE, OTHER_PASSPHRASE, step], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d) => (stdout += d));
    proc.stderr.on('data', (d) => (stderr += d));
    proc.on('exit', (_code, signal) => resolve({ signal, recoveryKey: /^DONE (\S+)/m.exec(stdout)?.[1] ?? null, stderr }));
  });
}

/** A journal with entries, three daily automatic backups and a journal kept aside by a restore. */
async function preparedJournal() {
  let now = Date.UTC(2025, 2, 3, 9);
  const dataDir = tempDir('fulcrum-rotation-');
  const { service, recoveryKey } = await createdService(dataDir, { ports: { log: () => {}, now: () => now } });
  const call = callOf(service);
  await call('vault.confirmRecoveryKey', { group: 2, typed: recoveryKey.split('-')[1] });
  for (let i = 0; i < ENTRIES; i++) {
    await call('entries.create', { occurredAt: Date.UTC(2025, 0, 1 + i), timeZone: 'UTC', title: `entry ${i}`, body: `what happened on day ${i}`, balance: 0 });
  }
  for (let d = 0; d < 3; d++) {
    await call('vault.lock');
    now += DAY;
    await call('vault.unlock', { passphrase: PASSPHRASE });
    await flushAutoBackup(service);
  }
  const backup = await call<{ base64: string }>('backup.build');
  await call('backup.restore', { file: { base64: backup.base64 }, secret: { passphrase: PASSPHRASE } });
  await call('vault.unlock', { passphrase: PASSPHRASE });
  await call('vault.lock');
  return { dataDir, oldRecoveryKey: recoveryKey };
}

/** Every key file and backup header in the folder (recursively), with its path. */
function vaultsIn(dir: string): { file: string; vault: VaultFile }[] {
  const out: { file: string; vault: VaultFile }[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.fulcrum') || e.name.includes('.fulcrum.') || /^\.backup-/.test(e.name)) {
        try {
          out.push({ file: path.relative(dir, p), vault: readBackup({ file: p }, undefined, { headerOnly: true }).vault });
        } catch {
          // A half-written backup temporary has no whole header: nothing in it can be unwrapped.
        }
      } else if (e.name.endsWith('.json') && e.name !== 'throttle.json') {
        out.push({ file: path.relative(dir, p), vault: readVaultFile(p) });
      }
    }
  };
  walk(dir);
  return out;
}

/** The files in the folder whose wrapped data key opens with `secret`. */
async function filesOpeningWith(dir: string, secret: Secret): Promise<string[]> {
  const hits: string[] = [];
  for (const { file, vault } of vaultsIn(dir)) {
    const key = await unwrapDataKey(secret, vault);
    if (key) hits.push(file);
    key?.fill(0);
  }
  return hits.sort();
}

/** Tries to unlock a fresh service on the folder (a new run of the app); returns it when it opened. */
async function opens(dataDir: string, secret: Secret) {
  let now = Date.now();
  // Each attempt is far apart in time, so the persisted throttle never answers instead of the vault.
  const service = testService(dataDir, { ports: { log: () => {}, now: () => (now += 10 * 60_000) } });
  const reply = await service.dispatch('vault.unlock', secret);
  if (reply.ok) return service;
  expect(reply.error.code).toBe('WRONG_SECRET');
  return null;
}

async function expectWhole(service: ReturnType<typeof testService>) {
  const db = service.vault.database();
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.prepare('SELECT count(*) FROM entries WHERE deleted_at IS NULL').pluck().get()).toBe(ENTRIES);
}

const COMMITTED = ROTATION_STEPS.indexOf('committed');

describe('a crash during a passphrase change', () => {
  for (const step of [...ROTATION_STEPS, 'none'] as const) {
    const committed = step === 'none' || ROTATION_STEPS.indexOf(step) >= COMMITTED;
    it(`killed at "${step}": exactly one passphrase opens the journal, ${committed ? 'the new one; nothing opens with the old secrets' : 'the old one'}`, async () => {
      const { dataDir, oldRecoveryKey } = await preparedJournal();
      expect((await filesOpeningWith(dataDir, { passphrase: PASSPHRASE })).length).toBeGreaterThan(3);

      const run = await changeThenCrash(dataDir, step);
      if (step === 'none') expect(run.recoveryKey, run.stderr).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
      else expect(run.signal, run.stderr).toBe('SIGKILL');

      // As the crash left it, before any unlock tidies: which files open with which secret.
      const oldPass = { passphrase: PASSPHRASE };
      const oldRecovery = { recoveryKey: oldRecoveryKey };
      if (committed) {
        expect(await filesOpeningWith(dataDir, oldPass)).toEqual([]);
        expect(await filesOpeningWith(dataDir, oldRecovery)).toEqual([]);
      } else {
        expect(await filesOpeningWith(dataDir, { passphrase: OTHER_PASSPHRASE })).toEqual([]);
      }

      const withOld = await opens(dataDir, oldPass);
      const withOldRecovery = await opens(dataDir, oldRecovery);
      const withNew = await opens(dataDir, { passphrase: OTHER_PASSPHRASE });
      // Exactly one passphrase opens it; the old recovery key goes with the old passphrase.
      expect([withOld !== null, withNew !== null]).toEqual(committed ? [false, true] : [true, false]);
      expect(withOldRecovery !== null).toBe(!committed);
      const open = (withNew ?? withOld)!;
      await expectWhole(open);
      withOld?.vault.lock();
      withOldRecovery?.vault.lock();

      if (committed) {
        // The new recovery key was never shown (or shown just before the crash): it is offered again,
        // and it opens the journal.
        const pending = await callOf(open)<{ recoveryKey: string | null }>('vault.pendingRecoveryKey');
        expect(pending.recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
        if (run.recoveryKey) expect(pending.recoveryKey).toBe(run.recoveryKey);
        open.vault.lock();
        const withNewRecovery = await opens(dataDir, { recoveryKey: pending.recoveryKey! });
        expect(withNewRecovery).not.toBeNull();
        await expectWhole(withNewRecovery!);
        withNewRecovery!.vault.lock();
      } else {
        open.vault.lock();
      }
      // After the unlock finished or undid the change, nothing of it is left half-done.
      expect(fs.readdirSync(dataDir).filter((n) => /rotating|vault\.next/.test(n))).toEqual([]);
      if (committed) {
        expect(await filesOpeningWith(dataDir, oldPass)).toEqual([]);
        expect(await filesOpeningWith(dataDir, oldRecovery)).toEqual([]);
      }
    }, 60_000);
  }
});
