import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, type AppEvent } from '../../shared/api.js';
import type { Reply } from '../../shared/errors.js';
import { createWebServer, type WebServer } from '../../main/web/server.js';
import { EventStreams } from '../../main/web/events.js';
import { createHttpBridge, createMissingTokenBridge, exchangeLaunchToken, tokenFromHash } from '../../renderer/transport/http.js';
import { tempDir } from '../helpers/files.js';
import { rawRequest, sessionFor } from '../helpers/http.js';

let server: WebServer;
let session: string;
const events = new EventStreams();
const streamsOpen = () => events.size;
const seen: { channel: string; raw: unknown }[] = [];
async function dispatch(channel: string, raw: unknown): Promise<Reply<unknown>> {
  seen.push({ channel, raw });
  if (channel === 'vault.unlock') return { ok: false, error: { code: 'WRONG_SECRET', message: 'That passphrase is not right.' } };
  return { ok: true, value: { channel } };
}

beforeAll(async () => {
  const dir = tempDir('fulcrum-bridge-');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  server = await createWebServer({ dispatch, staticDir: dir, events });
  session = await sessionFor(server.port, server.newLaunchUrl());
});
afterAll(() => server?.close());

const until = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('the browser-mode bridge (renderer/transport)', () => {
  it('reads the token from the URL fragment', () => {
    const t = 'A'.repeat(43);
    expect(tokenFromHash(`#token=${t}`)).toBe(t);
    expect(tokenFromHash(`#x=1&token=${t}`)).toBe(t);
    expect(tokenFromHash('#/people')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#token=short')).toBeNull();
  });

  it('trades the launch token for a session secret once, and says plainly when the link was used', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    const launch = tokenFromHash(new URL(server.newLaunchUrl()).hash)!;
    const first = await exchangeLaunchToken(launch, { base });
    expect(first).toMatchObject({ ok: true, session: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const bridge = createHttpBridge((first as { session: string }).session, { base });
    expect(await bridge['vault.status']({})).toMatchObject({ ok: true });
    expect(await exchangeLaunchToken(launch, { base })).toEqual({ ok: false, reason: 'used', message: expect.stringContaining('Start Fulcrum again') });
    // The launch token itself opens nothing.
    expect(await createHttpBridge(launch, { base })['vault.status']({})).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
    expect(await exchangeLaunchToken(launch, { base: 'http://127.0.0.1:1' })).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it('has one method per contract call, and says it is the browser transport', () => {
    const bridge = createHttpBridge(session, { base: `http://127.0.0.1:${server.port}` });
    for (const c of CHANNELS) expect(typeof bridge[c], c).toBe('function');
    expect(bridge.transport).toBe('browser');
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('POSTs each call to /api/<channel> and returns the host’s Reply, errors included', async () => {
    const bridge = createHttpBridge(session, { base: `http://127.0.0.1:${server.port}` });
    expect(await bridge['entries.search']({ filter: { text: 'x' } })).toEqual({ ok: true, value: { channel: 'entries.search' } });
    expect(seen.at(-1)).toEqual({ channel: 'entries.search', raw: { filter: { text: 'x' } } });
    expect(await bridge['vault.unlock']({ passphrase: 'nope' })).toEqual({
      ok: false,
      error: { code: 'WRONG_SECRET', message: 'That passphrase is not right.' },
    });
  });

  it('turns a wrong token into a typed ACCESS_DENIED reply, not an exception', async () => {
    const bridge = createHttpBridge('B'.repeat(43), { base: `http://127.0.0.1:${server.port}` });
    const r = await bridge['vault.status']({});
    expect(r).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
  });

  it('turns an unreachable host into a typed IO reply', async () => {
    const bridge = createHttpBridge(session, { base: 'http://127.0.0.1:1' });
    expect(await bridge['vault.status']({})).toMatchObject({ ok: false, error: { code: 'IO' } });
  });

  it('delivers pushed events to every subscriber, and stops the stream when the last one leaves', async () => {
    const bridge = createHttpBridge(session, { base: `http://127.0.0.1:${server.port}` });
    const a: AppEvent[] = [];
    const b: AppEvent[] = [];
    const offA = bridge.subscribe((e) => a.push(e));
    const offB = bridge.subscribe((e) => b.push(e));
    // Wait for the stream to be open before emitting.
    await until(() => streamsOpen() === 1);
    server.emit({ type: 'locked', reason: 'idle' });
    server.emit({ type: 'command', command: 'new-entry' });
    await until(() => a.length === 2 && b.length === 2);
    expect(a).toEqual([
      { type: 'locked', reason: 'idle' },
      { type: 'command', command: 'new-entry' },
    ]);
    offA();
    offB();
    await until(() => streamsOpen() === 0);
  });

  it('refuses the event stream without the token', async () => {
    const r = await rawRequest(server.port, { path: '/api/events' });
    expect(r.status).toBe(401);
  });

  it('without a token, every call tells the person to open the printed link', async () => {
    const bridge = createMissingTokenBridge('Open the link printed by `npm run web`.');
    expect(await bridge['vault.status']({})).toEqual({
      ok: false,
      error: { code: 'ACCESS_DENIED', message: 'Open the link printed by `npm run web`.' },
    });
  });
});

