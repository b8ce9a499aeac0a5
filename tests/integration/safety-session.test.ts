import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { AppEvent } from '../../shared/api.js';
import { GRACE_MS } from '../../main/core/safety/index.js';
import { TestClock, manualPowerEvents } from '../helpers/ports.js';
import { memoryPreferences } from '../../main/core/prefs.js';
import { PASSPHRASE, createdService, filesContaining, tempDir, testService } from '../helpers/journal.js';

const MIN = 60_000;

async function rig(extra: { focused?: boolean } = {}) {
  const clock = new TestClock({ real: false, start: Date.UTC(2025, 5, 1) });
  const events: AppEvent[] = [];
  const power = manualPowerEvents();
  const windowCalls: string[] = [];
  const preferences = memoryPreferences();
  const made = await createdService(tempDir(), {
    safety: { clock },
    ports: {
      log: () => {},
      emit: (e) => events.push(e),
      power,
      preferences,
      window: { hide: () => windowCalls.push('hide'), isFocused: () => extra.focused ?? true },
    },
  });
  // A lock runs through dispatch, behind queued writes, and announces itself when done: wait for that.
  let lockedSoFar = 0;
  const settle = async () => {
    await vi.waitFor(() => expect(events.filter((e) => e.type === 'locked').length).toBeGreaterThan(lockedSoFar));
    lockedSoFar = events.filter((e) => e.type === 'locked').length;
  };
  // The test clock runs due timers inside advance(), and every auto-lock is announced before it
  // happens: with nothing announced and nothing pending, nothing is on its way.
  const nothingPending = () => {
    expect(made.service.safety.autoLock.pending).toBeNull();
    expect(events.filter((e) => e.type === 'lock-pending' || e.type === 'locked')).toEqual([]);
  };
  return { ...made, clock, events, power, windowCalls, preferences, settle, nothingPending };
}

describe('auto-lock through the service', () => {
  it('locks after 5 minutes without use (the default), announcing it first', async () => {
    const r = await rig();
    expect(await r.call('safety.preferences')).toMatchObject({ lockTimeoutMinutes: 5, quickExit: { key: 'Escape', presses: 3 } });
    r.clock.advance(5 * MIN - 1000);
    r.nothingPending();
    expect(r.service.vault.unlocked).toBe(true);
    r.clock.advance(1000);
    expect(r.events).toEqual([{ type: 'lock-pending', reason: 'idle', graceMs: GRACE_MS.idle }]);
    r.clock.advance(GRACE_MS.idle);
    await r.settle();
    expect(r.service.vault.unlocked).toBe(false);
    expect(r.events.at(-1)).toEqual({ type: 'locked', reason: 'idle' });
  });

  it('activity pings keep it open; a LOCKED reply answers pings after the lock', async () => {
    const r = await rig();
    for (let i = 0; i < 10; i++) {
      r.clock.advance(4 * MIN);
      await r.call('session.activity');
    }
    expect(r.service.vault.unlocked).toBe(true);
    r.clock.advance(5 * MIN + GRACE_MS.idle);
    await r.settle();
    expect(r.service.vault.unlocked).toBe(false);
    expect(await r.service.dispatch('session.activity', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });

  it('uses the lock timeout preference, which survives in the preferences store (not the journal)', async () => {
    const r = await rig();
    expect(await r.call('safety.setPreferences', { lockTimeoutMinutes: 15 })).toMatchObject({ lockTimeoutMinutes: 15 });
    expect(r.preferences.get('lockTimeoutMinutes')).toBe(15);
    r.clock.advance(14 * MIN);
    r.nothingPending();
    expect(r.service.vault.unlocked).toBe(true);
    r.clock.advance(MIN + GRACE_MS.idle);
    await r.settle();
    expect(r.service.vault.unlocked).toBe(false);
    // Readable on the unlock screen.
    expect(await r.call('safety.preferences')).toMatchObject({ lockTimeoutMinutes: 15 });
    // But only changed while unlocked.
    expect(await r.service.dispatch('safety.setPreferences', { lockTimeoutMinutes: 240 })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });

  it('saves a draft that was already on its way before the idle lock closes the database', async () => {
    const r = await rig();
    r.clock.advance(5 * MIN);
    expect(r.events.at(-1)).toMatchObject({ type: 'lock-pending' });
    // The renderer answers lock-pending by saving its draft; the lock queues behind it.
    const saved = r.service.dispatch('drafts.save', { key: 'new', content: JSON.stringify({ body: 'the last words typed' }) });
    r.clock.advance(GRACE_MS.idle);
    expect(await saved).toMatchObject({ ok: true });
    await r.settle();
    expect(r.service.vault.unlocked).toBe(false);
    await r.call('vault.unlock', { passphrase: PASSPHRASE });
    expect(await r.call('drafts.get', { key: 'new' })).toMatchObject({ content: expect.stringContaining('the last words typed') });
  });

  it('locks on system suspend and on screen lock', async () => {
    const r = await rig();
    r.power.fire('suspend');
    r.clock.advance(GRACE_MS.suspend);
    await r.settle();
    expect(r.service.vault.unlocked).toBe(false);
    expect(r.events).toEqual([
      { type: 'lock-pending', reason: 'suspend', graceMs: GRACE_MS.suspend },
      { type: 'locked', reason: 'suspend' },
    ]);
    await r.call('vault.unlock', { passphrase: PASSPHRASE });
    r.power.fire('lock-screen');
    r.clock.advance(GRACE_MS['screen-lock']);
    await r.settle();
    expect(r.service.vault.unlocked).toBe(false);
    expect(r.events.at(-1)).toEqual({ type: 'locked', reason: 'screen-lock' });
  });
});

describe('quick exit', () => {
  it('hides the window, locks and zeroes the key, and says so', async () => {
    const r = await rig();
    let key: Buffer | null = null;
    r.service.vault.withDataKey((k) => (key = k));
    await r.call('session.quickExit');
    expect(r.windowCalls).toEqual(['hide']);
    expect(r.service.vault.unlocked).toBe(false);
    expect(key!.equals(Buffer.alloc(32))).toBe(true);
    expect(r.events).toEqual([{ type: 'locked', reason: 'quick-exit' }]);
  });

  it('works on the unlock screen too (hides the window; nothing to lock)', async () => {
    const r = await rig();
    await r.call('vault.lock');
    await r.call('session.quickExit');
    expect(r.windowCalls).toEqual(['hide']);
    expect(r.events).toEqual([]);
  });

  it('hides the window at once even while a long call holds the queue; the lock waits its turn', async () => {
    const r = await rig();
    // A passphrase change (Argon2, re-encryption) is in the queue when quick exit comes in.
    const change = r.service.dispatch('vault.changePassphrase', { current: PASSPHRASE, next: 'violet lantern seventeen quarry mosaic' });
    const exit = r.service.dispatch('session.quickExit', {});
    expect(r.windowCalls).toEqual(['hide']);
    expect(r.service.vault.unlocked).toBe(true);
    expect(await change).toMatchObject({ ok: true });
    expect(await exit).toMatchObject({ ok: true });
    expect(r.service.vault.unlocked).toBe(false);
  });

  it('writes a draft sent just before it, then locks', async () => {
    const r = await rig();
    const save = r.service.dispatch('drafts.save', { key: 'new', content: JSON.stringify({ body: 'typed a moment ago' }) });
    const exit = r.service.dispatch('session.quickExit', {});
    expect(await save).toMatchObject({ ok: true });
    expect(await exit).toMatchObject({ ok: true });
    await r.call('vault.unlock', { passphrase: PASSPHRASE });
    expect(await r.call('drafts.get', { key: 'new' })).toMatchObject({ content: expect.stringContaining('typed a moment ago') });
  });
});

describe('delete journal', () => {
  it('removes every file of the journal — database, WAL, keys, access log, backups, restore leftovers — and returns to first run', async () => {
    const { service, dataDir, call } = await createdService();
    await call('entries.create', { occurredAt: Date.UTC(2025, 0, 1), timeZone: 'UTC', title: 'Zebracanary delete me', body: 'x' });
    await call('vault.lock');
    await service.dispatch('vault.unlock', { passphrase: 'a wrong one, for the access log' });
    await call('vault.unlock', { passphrase: PASSPHRASE });
    await service.dispatch('vault.lock', {});
    await service.dispatch('vault.unlock', { passphrase: 'wrong again' });
    await call('vault.unlock', { passphrase: PASSPHRASE });
    // Leftovers a restore, a crash or a backup may leave behind.
    fs.mkdirSync(path.join(dataDir, 'backups'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'backups', 'auto-20250101T000000Z.fulcrum'), 'backup');
    fs.mkdirSync(path.join(dataDir, 'previous-20250101T000000Z'));
    fs.writeFileSync(path.join(dataDir, 'previous-20250101T000000Z', 'journal.db'), 'old');
    fs.mkdirSync(path.join(dataDir, '.restore-0a1b2c3d4e5f'));
    fs.writeFileSync(path.join(dataDir, 'vault.next.json'), '{}');
    fs.writeFileSync(path.join(dataDir, 'vault.json.1234.tmp'), '{}');
    fs.writeFileSync(path.join(dataDir, '.snapshot-0a1b2c3d4e5f.db'), 'x');
    fs.writeFileSync(path.join(dataDir, 'access.log'), 'v1.sealed\n');
    expect(fs.readdirSync(dataDir)).toEqual(expect.arrayContaining(['journal.db', 'vault.json', 'journal.db-wal', 'backups']));

    expect(await service.dispatch('safety.deleteJournal', { confirm: 'delete' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await service.dispatch('safety.deleteJournal', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(service.vault.unlocked).toBe(true);

    await call('safety.deleteJournal', { confirm: 'DELETE' });
    expect(fs.readdirSync(dataDir)).toEqual([]);
    expect(await call('vault.status')).toMatchObject({ exists: false, unlocked: false, problem: null });
    // First run again: a new journal can be made in the same place, and it has nothing of the old one.
    await call('vault.create', { passphrase: PASSPHRASE });
    expect(await call('entries.search', { filter: {} })).toMatchObject({ items: [] });
  });

  it('needs the journal unlocked, and leaves files that are not Fulcrum’s alone', async () => {
    const { service, dataDir, call } = await createdService();
    fs.writeFileSync(path.join(dataDir, 'my-notes.txt'), 'not Fulcrum’s');
    await call('vault.lock');
    expect(await service.dispatch('safety.deleteJournal', { confirm: 'DELETE' })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(fs.existsSync(path.join(dataDir, 'vault.json'))).toBe(true);
    await call('vault.unlock', { passphrase: PASSPHRASE });
    await call('safety.deleteJournal', { confirm: 'DELETE' });
    expect(fs.readdirSync(dataDir)).toEqual(['my-notes.txt']);
  });

  it('leaves no trace of the journal’s content or keys anywhere in the folder', async () => {
    const dataDir = tempDir();
    const { call } = await createdService(dataDir);
    await call('people.create', { name: 'Zebracanary Person', kind: 'family', color: '#0072B2' });
    await call('safety.deleteJournal', { confirm: 'DELETE' });
    expect(filesContaining(dataDir, 'Zebracanary')).toEqual([]);
    expect(testService(dataDir).vault.exists()).toBe(false);
  });
});
