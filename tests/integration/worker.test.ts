/**
 * The core in its worker thread (main/core/worker): the host gets the same dispatch and events, the
 * worker reaches the host's ports by message (dialogs, window, preferences, power events), and lock
 * and quick exit reach a job running in the thread.
 */
import fs from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/api.js';
import type { Reply } from '../../shared/errors.js';
import { manualPowerEvents, scriptedDialogs } from '../helpers/ports.js';
import { memoryPreferences } from '../../main/core/prefs.js';
import { startCore, type Core, type HostPorts } from '../../main/core/worker/client.js';
import { generateJournal } from '../generator/index.js';
import { createdService, PASSPHRASE, tempDir } from '../helpers/journal.js';

const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
});

/** A journal of 2,000 generated entries, closed again: the worker opens it. */
let template = '';
beforeAll(async () => {
  const { service, dataDir } = await createdService();
  await generateJournal({ seed: 11, entries: 2000, drafts: 0 }, service);
  service.reminders.dispose();
  service.vault.lock();
  template = dataDir;
}, 120_000);

function copyOfJournal(): string {
  const dir = tempDir();
  for (const name of fs.readdirSync(template)) fs.cpSync(path.join(template, name), path.join(dir, name), { recursive: true });
  return dir;
}

async function core(ports: HostPorts = {}, dataDir = copyOfJournal()) {
  const events: AppEvent[] = [];
  let onEvent: (e: AppEvent) => void = () => {};
  const c = await startCore({
    dataDir,
    insecureTestKdf: true,
    ports: { log: () => {}, emit: (e) => (events.push(e), onEvent(e)), ...ports },
  });
  cores.push(c);
  const call = async <T = unknown>(channel: string, input: unknown = {}): Promise<T> => {
    const reply = await c.dispatch(channel, input);
    if (!reply.ok) throw new Error(`${channel} failed: ${reply.error.code} ${reply.error.message}`);
    return reply.value as T;
  };
  return { c, call, events, dataDir, setOnEvent: (f: (e: AppEvent) => void) => (onEvent = f) };
}

/** Resolves once `check` holds, checking after each event. */
function until(events: AppEvent[], check: () => boolean, setOnEvent: (f: (e: AppEvent) => void) => void): Promise<void> {
  return new Promise((resolve) => {
    if (check()) return resolve();
    setOnEvent(() => {
      if (check()) resolve();
    });
  });
}

describe('the core in a worker thread', () => {
  it('answers the same contract from another thread: unlock, reads, writes, bad input, unknown calls', async () => {
    const { c, call } = await core();
    expect(c.threadId).not.toBe(threadId);
    expect(await c.dispatch('people.list', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    await call('vault.unlock', { passphrase: PASSPHRASE });
    expect(await c.dispatch('no.such.call', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(await c.dispatch('vault.unlock', { passphrase: 12 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const people = await call<{ id: number }[]>('people.list');
    expect(people.length).toBeGreaterThan(0);
  });

  it('sends app events back to the host, and a quick exit sent from a progress event stops the running export', async () => {
    const hidden: string[] = [];
    const { c, call, events, setOnEvent } = await core({ window: { hide: () => void hidden.push('hide'), isFocused: () => true } });
    await call('vault.unlock', { passphrase: PASSPHRASE });
    let lock: Promise<Reply<unknown>> | null = null;
    let hiddenBeforeReply = false;
    setOnEvent((e) => {
      if (e.type === 'progress' && e.task === 'export' && !lock) {
        lock = c.dispatch('session.quickExit', {});
        // The host hides the window at once, without waiting for the core.
        hiddenBeforeReply = hidden.length > 0;
      }
    });
    const exported = await c.dispatch('export.build', { format: 'json' });
    expect(lock).not.toBeNull();
    expect(hiddenBeforeReply).toBe(true);
    expect(await lock!).toEqual({ ok: true, value: null });
    expect(exported).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(events).toContainEqual({ type: 'locked', reason: 'quick-exit' });
    expect(await c.dispatch('people.list', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });

  it('from the moment a lock is asked for, the host refuses calls that need the journal open, without waiting for the core', async () => {
    const { c, call, setOnEvent } = await core();
    await call('vault.unlock', { passphrase: PASSPHRASE });
    const order: string[] = [];
    let lock: Promise<Reply<unknown>> | null = null;
    let read: Promise<Reply<unknown>> | null = null;
    let status: Promise<Reply<unknown>> | null = null;
    setOnEvent((e) => {
      if (e.type !== 'progress' || e.task !== 'export' || lock) return;
      lock = c.dispatch('vault.lock', {}).then((r) => (order.push('lock'), r));
      read = c.dispatch('entries.get', { id: 1 }).then((r) => (order.push('read'), r));
      // Calls allowed while locked still go to the core, after the lock.
      status = c.dispatch('vault.status', {}).then((r) => (order.push('status'), r));
    });
    const exported = await c.dispatch('export.build', { format: 'json' });
    expect(exported).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await read!).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await lock!).toEqual({ ok: true, value: null });
    expect(await status!).toMatchObject({ ok: true, value: { unlocked: false } });
    expect(order).toEqual(['read', 'lock', 'status']);
    // Once locked and unlocked again, calls reach the core as before.
    await call('vault.unlock', { passphrase: PASSPHRASE });
    expect((await c.dispatch('entries.get', { id: 1 })).ok).toBe(true);
  });

  it('asks the host for its file dialog and writes where the host answered', async () => {
    const out = path.join(tempDir(), 'journal-export.csv');
    const dialogs = scriptedDialogs([out, null]);
    const { call } = await core({ dialogs });
    await call('vault.unlock', { passphrase: PASSPHRASE });
    const saved = await call<{ saved: boolean }>('export.save', { format: 'csv' });
    expect(saved.saved).toBe(true);
    expect(dialogs.asked).toEqual([{ kind: 'save', title: expect.any(String), filters: [{ name: 'CSV (spreadsheet)', extensions: ['csv'] }] }]);
    expect(fs.statSync(out).size).toBeGreaterThan(1000);
    // Cancelled in the host's dialog: nothing written, and the core says so.
    expect(await call<{ saved: boolean }>('export.save', { format: 'csv' })).toMatchObject({ saved: false });
  });

  it('words the host\'s dialogs in the OS language, then in the one chosen in Settings, without a restart', async () => {
    const dialogs = scriptedDialogs([null, null]);
    const { call } = await core({ dialogs, preferences: memoryPreferences(), systemLanguages: ['de-CH', 'en'] });
    await call('vault.unlock', { passphrase: PASSPHRASE });
    await call('export.save', { format: 'csv' });
    await call('ui.setLanguage', { language: 'es' });
    await call('export.save', { format: 'markdown' });
    expect(dialogs.asked).toEqual([
      { kind: 'save', title: 'Export speichern (nicht verschlüsselt)', filters: [{ name: 'CSV (Tabelle)', extensions: ['csv'] }] },
      { kind: 'save', title: 'Guardar la exportación (sin cifrar)', filters: [{ name: 'Markdown', extensions: ['md'] }] },
    ]);
  });

  it('a host dialog that fails gives a plain error, not a crash', async () => {
    const { c, call } = await core({ dialogs: { saveFile: () => Promise.reject(new Error('no display')), openFile: () => Promise.resolve(null) } });
    await call('vault.unlock', { passphrase: PASSPHRASE });
    const reply = await c.dispatch('export.save', { format: 'csv' });
    expect(reply.ok).toBe(false);
    // The thread is still there and answers.
    expect((await c.dispatch('people.list', {})).ok).toBe(true);
  });

  it('keeps the host’s preferences: a change made in the core is stored by the host', async () => {
    const prefs = memoryPreferences();
    prefs.set('lockTimeoutMinutes', 15);
    const { call } = await core({ preferences: prefs });
    expect(await call('safety.preferences')).toMatchObject({ lockTimeoutMinutes: 15 });
    await call('vault.unlock', { passphrase: PASSPHRASE });
    await call('safety.setPreferences', { lockTimeoutMinutes: 30 });
    await call('safety.preferences');
    expect(prefs.get('lockTimeoutMinutes')).toBe(30);
  });

  it('locks on the host’s power events (system suspend)', async () => {
    const power = manualPowerEvents();
    const { call, events, setOnEvent } = await core({ power });
    await call('vault.unlock', { passphrase: PASSPHRASE });
    power.fire('suspend');
    await until(events, () => events.some((e) => e.type === 'locked'), setOnEvent);
    expect(events).toContainEqual({ type: 'locked', reason: 'suspend' });
  });

  it('a thread that dies answers the call in flight with a plain error, says the journal is locked, and a new thread takes its place', async () => {
    const logged: string[] = [];
    const events: AppEvent[] = [];
    const c = await startCore({
      dataDir: tempDir(),
      ports: { log: (_l, m) => void logged.push(m), emit: (e) => void events.push(e) },
      workerScript: path.resolve(import.meta.dirname, '../helpers/dying-worker.mjs'),
    });
    cores.push(c);
    const first = await c.dispatch('vault.status', {});
    expect(first.ok).toBe(true);
    const reply = await c.dispatch('test.die', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/locked/) } });
    expect(logged).toContain('the core sent a message the host does not know; ignored');
    expect(events).toEqual([{ type: 'locked', reason: 'user' }]);
    const again = await c.dispatch('vault.status', {});
    expect(again.ok).toBe(true);
    expect((again as { value: { threadId: number } }).value.threadId).not.toBe((first as { value: { threadId: number } }).value.threadId);
  });

  it('close locks the journal after the calls already sent, and later calls are refused', async () => {
    const { c, call, dataDir } = await core();
    await call('vault.unlock', { passphrase: PASSPHRASE });
    const saving = c.dispatch('people.create', { name: 'Sent before close', kind: 'romantic', color: '#0072B2' });
    await c.close();
    expect((await saving).ok).toBe(true);
    expect(await c.dispatch('people.list', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    // The write reached the journal: a new thread finds it.
    const again = await core({}, dataDir);
    await again.call('vault.unlock', { passphrase: PASSPHRASE });
    const people = await again.call<{ name: string }[]>('people.list');
    expect(people.map((p) => p.name)).toContain('Sent before close');
  });
});
