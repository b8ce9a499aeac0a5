/**
 * The Session's lifecycle: whatever way the journal locks, nothing of the open journal is left
 * running — no timer (reminders, auto-lock, idle upkeep, automatic backup), no open connection, no
 * key, no pending import or insight index — and closing the session also lets go of what outlives a
 * lock (picked files, power-event listeners). Checked three ways: the session's own count
 * (`resources()`), every timer core sets (setTimeout/setInterval are tracked while a test runs,
 * like VS Code's leak checks), and `process.getActiveResourcesInfo()` before and after (a job that
 * was running may take one more turn of the event loop to see the lock and stop; one that kept
 * going would keep its entry there, and the check would fail).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '../../main/core/db/index.js';
import { readyIndex } from '../../main/core/db/analytics/index.js';
import { usableLedgerNodes } from '../../main/core/db/repos/index.js';
import type { Session, SessionResources } from '../../main/core/service/index.js';
import { createdService, PASSPHRASE, tempDir } from '../helpers/journal.js';
import { TestClock, manualPowerEvents, scriptedDialogs } from '../helpers/ports.js';

/** Timers set by code under main/core that have neither fired nor been cleared. */
function trackCoreTimers() {
  const live = new Map<unknown, string>();
  const real = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout, setInterval: globalThis.setInterval, clearInterval: globalThis.clearInterval };
  const fromCore = () => {
    const stack = new Error().stack ?? '';
    const line = stack.split('\n').find((l) => l.includes(`${path.sep}main${path.sep}core${path.sep}`));
    return line?.trim() ?? null;
  };
  const g = globalThis as unknown as Record<string, unknown>;
  g.setTimeout = (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const where = fromCore();
    const h: ReturnType<typeof setTimeout> = real.setTimeout(
      (...a: unknown[]) => {
        live.delete(h);
        fn(...a);
      },
      ms,
      ...args,
    );
    if (where) live.set(h, where);
    return h;
  };
  g.clearTimeout = (h: ReturnType<typeof setTimeout> | undefined) => {
    live.delete(h);
    real.clearTimeout(h);
  };
  g.setInterval = (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const where = fromCore();
    const h = real.setInterval(fn, ms, ...args);
    if (where) live.set(h, where);
    return h;
  };
  g.clearInterval = (h: ReturnType<typeof setInterval> | undefined) => {
    live.delete(h);
    real.clearInterval(h);
  };
  return {
    live: () => [...live.values()],
    restore: () => Object.assign(globalThis, real),
  };
}

/** Active resources by type (what keeps the event loop alive). */
function activeResources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of process.getActiveResourcesInfo()) counts.set(r, (counts.get(r) ?? 0) + 1);
  return counts;
}

/** The types of which there are more now than in `before`. */
function grown(before: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [type, n] of activeResources()) if (n > (before.get(type) ?? 0)) out[type] = n - (before.get(type) ?? 0);
  return out;
}

const NOTHING_RUNNING = {
  connections: 0,
  timers: { reminders: 0, autoLock: 0, idle: 0, autoBackup: 0, insightIndex: 0 },
  jobs: { pendingImport: 0, historyChecks: 0, insightIndex: 0, ledgerNodes: 0 },
  key: false,
};
const withoutPicks = (r: SessionResources) => ({ ...r, jobs: { pendingImport: r.jobs.pendingImport, historyChecks: r.jobs.historyChecks, insightIndex: r.jobs.insightIndex, ledgerNodes: r.jobs.ledgerNodes } });

let timers: ReturnType<typeof trackCoreTimers>;
beforeEach(() => {
  timers = trackCoreTimers();
});
afterEach(() => timers.restore());

/** An unlocked session with everything an open journal runs: reminders, auto-lock, idle upkeep, the automatic backup's timer, the insight index, a pending import and a picked file. */
async function busySession() {
  const dir = tempDir();
  const picked = path.join(dir, 'days.csv');
  fs.writeFileSync(picked, 'date,title\n2024-03-01,first\n');
  const power = manualPowerEvents();
  const clock = new TestClock({ real: false, start: Date.UTC(2024, 2, 1) });
  const before = activeResources();
  const j = await createdService(undefined, {
    ports: { log: () => {}, dialogs: scriptedDialogs([picked]), power },
    safety: { clock },
  });
  const { service, call } = j;
  // Through the real unlock, so every after-unlock step runs (the automatic backup's timer among them).
  await call('vault.lock');
  await call('vault.unlock', { passphrase: PASSPHRASE });
  await call('settings.update', { journalReminder: { enabled: true, days: [0, 1, 2, 3, 4, 5, 6], time: '20:00' } });
  await call('entries.create', { occurredAt: Date.UTC(2024, 2, 1, 12), timeZone: 'UTC', title: 'A day' });
  await call('insights.overview', { from: '2024-01-01', to: '2024-12-31' });
  const { token } = await call<{ token: string }>('import.pick');
  await call('import.preview', { source: { token }, format: 'csv' });
  await call('session.activity');
  const db = service.vault.database();
  // Everything above is really running, so the checks after the lock can fail.
  const open = service.resources();
  expect(open).toMatchObject({ connections: 1, key: true, timers: { reminders: 1, idle: 1, autoBackup: 1 }, jobs: { pendingImport: 1, insightIndex: 1, pickedFiles: 1 } });
  expect(open.timers.autoLock).toBeGreaterThan(0);
  // Reminders, idle upkeep and the automatic backup on real timers (the auto-lock runs on the test clock).
  expect(timers.live().length).toBeGreaterThanOrEqual(3);
  return { ...j, db, power, clock, before };
}

function expectReleased(service: Session, db: DB) {
  expect(withoutPicks(service.resources())).toEqual(NOTHING_RUNNING);
  expect(db.open).toBe(false);
  expect(db.statements.size).toBe(0);
  expect(db.insightIndex).toBeNull();
  expect(db.ledgerNodes).toBeNull();
  expect(timers.live()).toEqual([]);
}

describe('a session after its journal locks', () => {
  it.each([
    ['the lock call', (s: Session) => s.dispatch('vault.lock', {})],
    ['quick exit', (s: Session) => s.dispatch('session.quickExit', {})],
    ['a lock without a call (as the app does on quit)', (s: Session) => s.vault.lock()],
    ['deleting the journal', (s: Session) => s.dispatch('safety.deleteJournal', { confirm: 'DELETE' })],
  ])('keeps nothing of the open journal running after %s', async (_how, lock) => {
    const { service, db, before } = await busySession();
    await lock(service);
    expectReleased(service, db);
    // The picked file outlives a lock (a backup is chosen and restored while locked).
    expect(service.resources().jobs.pickedFiles).toBe(1);
    // A job that was running (the insight index's build) stops at its next turn and sets nothing again.
    await expect.poll(() => grown(before)).toEqual({});
  });

  it('keeps nothing running after the auto-lock (system suspend, then its grace period)', async () => {
    const { service, db, power, clock } = await busySession();
    power.fire('suspend');
    expect(service.safety.autoLock.pending).toBe('suspend');
    clock.advance(60_000);
    await expect.poll(() => service.vault.unlocked).toBe(false);
    expectReleased(service, db);
  });

  it('keeps nothing running when a passphrase change fails after it committed (the journal is left locked)', async () => {
    let crash = false;
    const j = await createdService(undefined, {
      ports: { log: () => {} },
      crashAt: (step) => {
        if (crash && step === 'database-swapped') throw new Error('injected crash');
      },
    });
    await j.call('vault.lock');
    await j.call('vault.unlock', { passphrase: PASSPHRASE });
    await j.call('settings.update', { journalReminder: { enabled: true, days: [0, 1, 2, 3, 4, 5, 6], time: '20:00' } });
    expect(j.service.resources().timers).toMatchObject({ reminders: 1, autoBackup: 1 });
    crash = true;
    const reply = await j.service.dispatch('vault.changePassphrase', { current: PASSPHRASE, next: 'amber quartz lighthouse meridian tulip' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'IO' } });
    expect(j.service.vault.unlocked).toBe(false);
    expect(withoutPicks(j.service.resources())).toEqual(NOTHING_RUNNING);
    expect(timers.live()).toEqual([]);
  });

  it('starts everything again at the next unlock', async () => {
    const { service, call } = await busySession();
    await call('vault.lock');
    await call('vault.unlock', { passphrase: PASSPHRASE });
    expect(service.resources()).toMatchObject({ connections: 1, key: true, timers: { reminders: 1, autoBackup: 1 } });
    expect(service.resources().timers.autoLock).toBeGreaterThan(0);
  });
});

describe('the insight index after an unlock', () => {
  async function unlocked() {
    const j = await createdService(undefined, { ports: { log: () => {} } });
    for (let i = 0; i < 30; i++) await j.call('entries.create', { occurredAt: Date.UTC(2024, 2, 1 + i, 12), timeZone: 'UTC', title: `Day ${i}`, balance: (i % 5) - 2 });
    await j.call('vault.lock');
    await j.call('vault.unlock', { passphrase: PASSPHRASE });
    return { ...j, db: j.service.vault.database() };
  }

  it('starts building a moment after the unlock without any insight call, and is released by the lock', async () => {
    const { service, call, db } = await unlocked();
    // The unlock answered without starting it: only its timer is set.
    expect(db.insightIndex).toBeNull();
    expect(service.resources().timers.insightIndex).toBe(1);
    await expect.poll(() => readyIndex(db) !== null, { timeout: 15_000 }).toBe(true);
    // Then the copy of the ledger tree, holding the nodes of the 30 entries' revisions.
    await expect.poll(() => usableLedgerNodes(db)?.size ?? 0, { timeout: 15_000 }).toBe(30);
    expect(service.resources()).toMatchObject({ timers: { insightIndex: 0 }, jobs: { insightIndex: 1, ledgerNodes: 1 } });
    // The first insight call of the session finds it ready.
    await call('insights.overview', { today: '2024-04-01' });
    expect(readyIndex(db)).not.toBeNull();
    await call('vault.lock');
    expectReleased(service, db);
  });

  it('a lock before the build has started clears its timer: nothing starts afterwards', async () => {
    const { service, call, db } = await unlocked();
    expect(service.resources().timers.insightIndex).toBe(1);
    await call('vault.lock');
    expectReleased(service, db);
    expect(service.resources().timers.insightIndex).toBe(0);
  });
});

describe('a closed session', () => {
  it('holds nothing at all: no timers, connections, key, jobs, picked files or power listeners', async () => {
    const { service, db, power, before } = await busySession();
    expect(power.listening).toBeGreaterThan(0);
    await service.close();
    expectReleased(service, db);
    expect(service.resources()).toEqual({ ...NOTHING_RUNNING, jobs: { ...NOTHING_RUNNING.jobs, pickedFiles: 0 } });
    expect(power.listening).toBe(0);
    await expect.poll(() => grown(before)).toEqual({});
    // And it stays closed: a call after close finds the journal locked, and starts nothing.
    expect(await service.dispatch('entries.search', { filter: {}, cursor: null, limit: 5 })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    await service.close();
  });

  it('closes at once for a host that cannot wait (closeNow)', async () => {
    const { service, db } = await busySession();
    service.closeNow();
    expectReleased(service, db);
    expect(service.resources().jobs.pickedFiles).toBe(0);
  });
});
