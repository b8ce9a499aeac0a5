/**
 * Closing the browser-mode tab locks the journal: the host notices the last page has gone (its event
 * stream closed and no call in flight) and, after a short grace period, locks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Reply } from '../../shared/errors.js';
import { Presence } from '../../main/web/presence.js';
import { createWebServer, type WebServer } from '../../main/web/server.js';
import { tempDir } from '../helpers/files.js';
import { rawRequest, sessionFor } from '../helpers/http.js';

describe('Presence (the "last page has gone" watch)', () => {
  afterEach(() => vi.useRealTimers());

  it('runs onGone once, a grace period after the last stream closed with no call in flight', () => {
    vi.useFakeTimers();
    const onGone = vi.fn();
    const p = new Presence({ graceMs: 1000, onGone });
    p.streamOpened();
    p.streamOpened();
    p.streamClosed();
    vi.advanceTimersByTime(5000);
    expect(onGone).not.toHaveBeenCalled(); // one page is still there
    p.streamClosed();
    expect(p.pending).toBe(true);
    vi.advanceTimersByTime(999);
    expect(onGone).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onGone).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    expect(onGone).toHaveBeenCalledTimes(1);
  });

  it('does not run when the page comes back within the grace period (a reconnect, a double mount)', () => {
    vi.useFakeTimers();
    const onGone = vi.fn();
    const p = new Presence({ graceMs: 1000, onGone });
    p.streamOpened();
    p.streamClosed();
    vi.advanceTimersByTime(900);
    p.streamOpened();
    vi.advanceTimersByTime(60_000);
    expect(onGone).not.toHaveBeenCalled();
    expect(p.pending).toBe(false);
  });

  it('lets a call in flight (the last draft save of a closing tab) finish first', () => {
    vi.useFakeTimers();
    const onGone = vi.fn();
    const p = new Presence({ graceMs: 1000, onGone });
    p.streamOpened();
    p.callStarted();
    p.streamClosed();
    vi.advanceTimersByTime(5000);
    expect(onGone).not.toHaveBeenCalled();
    expect(p.pending).toBe(true);
    p.callEnded();
    expect(onGone).toHaveBeenCalledTimes(1);
    expect(p.pending).toBe(false);
  });

  it('is not put off by calls that keep coming after the page has gone', () => {
    vi.useFakeTimers();
    const onGone = vi.fn();
    const p = new Presence({ graceMs: 1000, onGone });
    p.streamOpened();
    p.streamClosed();
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(200);
      p.callStarted();
      p.callEnded();
    }
    expect(onGone).toHaveBeenCalledTimes(1);
  });

  it('never starts for clients that only call (scripts, tests): no page ever connected', () => {
    vi.useFakeTimers();
    const onGone = vi.fn();
    const p = new Presence({ graceMs: 1000, onGone });
    p.callStarted();
    p.callEnded();
    expect(p.pending).toBe(false);
    vi.advanceTimersByTime(60_000);
    expect(onGone).not.toHaveBeenCalled();
  });
});

describe('the host locks when the event stream of the last page closes', () => {
  let server: WebServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(graceMs: number) {
    const dir = tempDir('fulcrum-presence-');
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
    let gone!: () => void;
    const wentAway = new Promise<void>((resolve) => (gone = resolve));
    const dispatch = async (): Promise<Reply<unknown>> => ({ ok: true, value: null });
    server = await createWebServer({ dispatch, staticDir: dir, whenPagesGone: { graceMs, onGone: () => gone() } });
    const session = await sessionFor(server.port, server.url);
    return { server, session, wentAway };
  }

  it('a page closing its stream starts the watch, which ends in onGone and the end of the page’s session', async () => {
    const { server: s, session, wentAway } = await start(50);
    const abort = new AbortController();
    const res = await fetch(`http://127.0.0.1:${s.port}/api/events`, { headers: { Authorization: `Bearer ${session}` }, signal: abort.signal });
    expect(res.status).toBe(200);
    await res.body!.getReader().read(); // the ": open" line: the host has counted the page
    expect(s.pagesGonePending).toBe(false);
    const script = await sessionFor(s.port, s.newLaunchUrl()); // calls, never streams
    abort.abort();
    await wentAway;
    // The page's secret ended with the page; the script's did not.
    const status = async (secret: string) =>
      (await rawRequest(s.port, { method: 'POST', path: '/api/vault.status', headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' }, body: '{}' })).status;
    expect(await status(session)).toBe(401);
    expect(await status(script)).toBe(200);
  });

  it('calls without a page never start it', async () => {
    const { server: s, session } = await start(50);
    const r = await rawRequest(s.port, { method: 'POST', path: '/api/vault.status', headers: { Authorization: `Bearer ${session}`, 'Content-Type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(200);
    expect(s.pagesGonePending).toBe(false);
  });
});
