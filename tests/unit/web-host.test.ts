import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/api.js';
import { browserImportTooLarge } from '../../shared/portability.js';
import type { Reply } from '../../shared/errors.js';
import { createWebServer, RefusedBindError, type WebServer } from '../../main/web/server.js';
import { CONTENT_SECURITY_POLICY } from '../../main/core/static.js';
import { tempDir } from '../helpers/files.js';
import { rawRequest, sessionFor } from '../helpers/http.js';

const calls: { channel: string; raw: unknown }[] = [];
async function dispatch(channel: string, raw: unknown): Promise<Reply<unknown>> {
  calls.push({ channel, raw });
  if (channel === 'people.get') return { ok: false, error: { code: 'NOT_FOUND', message: 'No such person.' } };
  if (channel === 'people.list') return { ok: false, error: { code: 'LOCKED', message: 'The journal is locked.' } };
  if (channel === 'vault.unlock') return { ok: false, error: { code: 'WRONG_SECRET', message: 'Wrong passphrase.' } };
  return { ok: true, value: { echo: raw ?? null } };
}

let server: WebServer;
let staticDir: string;
let outside: string;
let session: string;
const auth = () => ({ Authorization: `Bearer ${session}` });
const json = { 'Content-Type': 'application/json' };
const post = (name: string, body: string, headers: Record<string, string> = {}) =>
  rawRequest(server.port, { method: 'POST', path: `/api/${name}`, headers: { ...auth(), ...json, ...headers }, body });

beforeAll(async () => {
  const root = tempDir('fulcrum-web-');
  staticDir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Fulcrum</title><p>app</p>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(staticDir, '.hidden'), 'dotfile');
  outside = path.join(root, 'secret.txt');
  fs.writeFileSync(outside, 'outside the static folder');
  fs.symlinkSync(outside, path.join(staticDir, 'link.txt'));
  server = await createWebServer({ dispatch, staticDir });
  session = await sessionFor(server.port, server.url);
});
afterAll(() => server?.close());

describe('browser-mode host: the token comes first', () => {
  it('prints a loopback URL with the token in the fragment', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
  });

  it('answers 401 without the token for every /api path — known calls, unknown calls, events, odd spellings', async () => {
    const paths = [...CHANNELS.map((c) => `/api/${c}`), '/api/no.such.call', '/api/events', '/api', '/api/', '/API/vault.status', '//api/vault.status', '/%61pi/vault.status', '/api/%zz'];
    for (const p of paths) {
      for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
        const r = await rawRequest(server.port, { method, path: p, headers: json, body: '{}' });
        expect(r.status, `${method} ${p}`).toBe(401);
        expect(r.json()).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
        expect(r.headers['www-authenticate']).toBe('Bearer');
      }
    }
    expect(calls).toEqual([]);
  });

  it('answers 401 to a wrong token even with a wrong Host (token is checked before anything else)', async () => {
    const r = await rawRequest(server.port, {
      method: 'POST',
      path: '/api/vault.status',
      headers: { Authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', Host: 'evil.example', ...json },
      body: '{}',
    });
    expect(r.status).toBe(401);
  });

  it('answers 404 to an unknown call only once the token is right', async () => {
    const r = await post('no.such.call', '{}');
    expect(r.status).toBe(404);
    expect(r.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
  });
});

describe('browser-mode host: Host, Origin, method, type, size, JSON', () => {
  it('refuses a foreign or missing Host with 403 (API and static files)', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, `0.0.0.0:${server.port}`]) {
      expect((await post('vault.status', '{}', { Host: host })).status, host).toBe(403);
      expect((await rawRequest(server.port, { path: '/', headers: { Host: host } })).status, host).toBe(403);
    }
    expect((await post('vault.status', '{}', { Host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('refuses a foreign Origin with 403, and a cross-site fetch', async () => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${server.port + 1}`, 'null', `https://127.0.0.1:${server.port}`]) {
      expect((await post('vault.status', '{}', { Origin: origin })).status, origin).toBe(403);
      expect((await rawRequest(server.port, { path: '/', headers: { Origin: origin } })).status, origin).toBe(403);
    }
    expect((await post('vault.status', '{}', { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await post('vault.status', '{}', { Origin: `http://127.0.0.1:${server.port}`, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
  });

  it('answers 405 to anything but POST on a call', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const r = await rawRequest(server.port, { method, path: '/api/vault.status', headers: { ...auth(), ...json }, body: '{}' });
      expect(r.status, method).toBe(405);
      expect(r.headers.allow).toBe('POST');
    }
  });

  it('answers 415 to a body that is not declared JSON', async () => {
    const r = await post('vault.status', '{}', { 'Content-Type': 'text/plain' });
    expect(r.status).toBe(415);
    expect(r.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('answers 413 to an oversized body without dispatching it', async () => {
    const before = calls.length;
    const r = await post('entries.create', JSON.stringify({ body: 'x'.repeat(5 * 1024 * 1024) }));
    expect(r.status).toBe(413);
    expect(calls.length).toBe(before);
  });

  it('answers an import too large to upload with the import\'s own message, naming the limit', async () => {
    const before = calls.length;
    const r = await post('import.preview', '{}', { 'Content-Length': String(65 * 1024 * 1024) });
    expect(r.status).toBe(413);
    expect(r.json()).toEqual({ ok: false, error: { code: 'IMPORT_INVALID', message: browserImportTooLarge(null) } });
    expect(browserImportTooLarge(null)).toMatch(/^This file is larger than 47 MB, the most Fulcrum can import at once in browser mode\. Nothing was imported\./);
    expect(calls.length).toBe(before);
  });

  it('answers malformed JSON with a typed 400', async () => {
    for (const body of ['{', 'not json', '{"a":1,}', '\u0000']) {
      const r = await post('vault.status', body);
      expect(r.status, body).toBe(400);
      expect(r.json()).toEqual({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/JSON/) } });
    }
  });

  it('passes a valid call to dispatch and returns its Reply, with the error code as the status', async () => {
    const ok = await post('entries.search', JSON.stringify({ text: 'hello' }));
    expect(ok.status).toBe(200);
    expect(ok.json()).toEqual({ ok: true, value: { echo: { text: 'hello' } } });
    expect(calls.at(-1)).toEqual({ channel: 'entries.search', raw: { text: 'hello' } });

    expect((await post('people.get', '{"id":1}')).status).toBe(404);
    expect((await post('people.list', '{}')).status).toBe(423);
    const wrong = await post('vault.unlock', '{"passphrase":"x"}');
    expect(wrong.status).toBe(422);
    expect(wrong.json()).toMatchObject({ ok: false, error: { code: 'WRONG_SECRET' } });
  });

  it('dispatches an empty body as "no input"', async () => {
    expect((await post('vault.status', '')).status).toBe(200);
    expect(calls.at(-1)).toEqual({ channel: 'vault.status', raw: undefined });
  });

  it('sends the security headers on API replies', async () => {
    const r = await post('vault.status', '{}');
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('browser-mode host: static files', () => {
  it('serves index.html for / with a strict CSP and the other security headers', async () => {
    const r = await rawRequest(server.port, { path: '/' });
    expect(r.status).toBe(200);
    expect(r.text).toContain('<title>Fulcrum</title>');
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
  });

  it('serves assets with their type', async () => {
    const r = await rawRequest(server.port, { path: '/assets/app.js' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('refuses directory traversal, encoded or not, dot-files and symlinks out of the folder', async () => {
    const name = path.basename(outside);
    for (const p of [`/../${name}`, `/assets/../../${name}`, `/%2e%2e/${name}`, `/%2e%2e%2f${name}`, `/..%2f${name}`, `/assets/..%5c..%5c${name}`, '/.hidden', '/link.txt', '/%00', '/assets/%2e%2e/%2e%2e/secret.txt']) {
      const r = await rawRequest(server.port, { path: p });
      expect(r.status, p).not.toBe(200);
      expect(r.text, p).not.toContain('outside the static folder');
      expect(r.text, p).not.toContain('dotfile');
    }
  });

  it('answers 405 to writes on static paths', async () => {
    expect((await rawRequest(server.port, { method: 'POST', path: '/' })).status).toBe(405);
  });
});

describe('browser-mode host: binding', () => {
  it('refuses to bind anything but loopback, with a message that says why', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.com']) {
      await expect(createWebServer({ dispatch, staticDir, host })).rejects.toThrow(RefusedBindError);
    }
    await expect(createWebServer({ dispatch, staticDir, host: '0.0.0.0' })).rejects.toThrow(/only listens on the loopback address 127\.0\.0\.1/);
  });

  it('listens on 127.0.0.1 only, even when asked for localhost or ::1', async () => {
    const s = await createWebServer({ dispatch, staticDir, host: '::1' });
    try {
      const reachable = (host: string) =>
        new Promise<boolean>((resolve) => {
          const sock = net.connect({ host, port: s.port }, () => (sock.destroy(), resolve(true)));
          sock.on('error', () => resolve(false));
        });
      expect(await reachable('127.0.0.1')).toBe(true);
      expect(await reachable('::1')).toBe(false);
    } finally {
      await s.close();
    }
  });

  it('picks a random free port by default', async () => {
    const s = await createWebServer({ dispatch, staticDir });
    try {
      expect(s.port).toBeGreaterThan(0);
      expect(s.port).not.toBe(server.port);
      expect(s.token).not.toBe(server.token);
    } finally {
      await s.close();
    }
  });
});

describe('browser-mode host: the launch link works once', () => {
  const exchange = (token: string, headers: Record<string, string> = {}) =>
    rawRequest(server.port, { method: 'POST', path: '/api/session', headers: { Authorization: `Bearer ${token}`, ...json, ...headers } });
  const tokenOf = (url: string) => new URL(url).hash.replace(/^#token=/, '');

  it('trades a launch token for a session secret once; a second use is refused and says what to do', async () => {
    const url = server.newLaunchUrl();
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/#token=[A-Za-z0-9_-]{43}$`));
    const first = await exchange(tokenOf(url));
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    const fresh = (first.json() as { value: { session: string } }).value.session;
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fresh).not.toBe(tokenOf(url));
    const again = await exchange(tokenOf(url));
    expect(again.status).toBe(401);
    expect(again.json()).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED', message: expect.stringContaining('already been used') } });
    // The session secret works on calls.
    const r = await rawRequest(server.port, { method: 'POST', path: '/api/vault.status', headers: { Authorization: `Bearer ${fresh}`, ...json }, body: '{}' });
    expect(r.status).toBe(200);
  });

  it('the first printed token is used up too (the test setup traded it)', async () => {
    expect((await exchange(server.token)).status).toBe(401);
  });

  it('never accepts a launch token on a call or the event stream, used or not', async () => {
    const unused = tokenOf(server.newLaunchUrl());
    for (const t of [unused, server.token]) {
      expect((await rawRequest(server.port, { method: 'POST', path: '/api/vault.status', headers: { Authorization: `Bearer ${t}`, ...json }, body: '{}' })).status).toBe(401);
      expect((await rawRequest(server.port, { path: '/api/events', headers: { Authorization: `Bearer ${t}` } })).status).toBe(401);
    }
    // And the refused call did not use it up.
    expect((await exchange(unused)).status).toBe(200);
  });

  it('does not take a session secret as a launch token, nor trade a token from a foreign page', async () => {
    expect((await exchange(session)).status).toBe(401);
    const token = tokenOf(server.newLaunchUrl());
    expect((await exchange(token, { Host: 'evil.example' })).status).toBe(403);
    expect((await exchange(token, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await rawRequest(server.port, { path: '/api/session', headers: { Authorization: `Bearer ${token}` } })).status).toBe(405);
    // A refused attempt does not spend it: the real page still can.
    expect((await exchange(token)).status).toBe(200);
  });

  it('gives two racing requests with one token one session between them', async () => {
    const token = tokenOf(server.newLaunchUrl());
    const statuses = (await Promise.all([exchange(token), exchange(token), exchange(token)])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 401, 401]);
  });
});
