/**
 * Browser mode's safety features: the neutral page quick exit leaves for, the test-only clock calls
 * (present only with the insecure test flag), and auto-lock through the real host.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startWebHost, NEUTRAL_PATH, type WebHost } from '../../main/web/index.js';
import { webTestPorts } from '../helpers/ports.js';
import { CONTENT_SECURITY_POLICY } from '../../main/core/static.js';
import { PASSPHRASE, tempDir } from '../helpers/journal.js';
import { rawRequest, sessionFor } from '../helpers/http.js';

const hosts: WebHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

function staticDir(): string {
  const dir = tempDir('fulcrum-web-static-');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Fulcrum</title>');
  return dir;
}

async function host(insecureTestKdf: boolean, pagesGoneLockMs?: number, withTestPorts = true) {
  const testPorts = withTestPorts ? webTestPorts() : undefined;
  const h = await startWebHost({ dataDir: tempDir(), insecureTestKdf, testPorts, staticDir: staticDir(), ...(pagesGoneLockMs === undefined ? {} : { pagesGoneLockMs }) });
  hosts.push(h);
  const session = await sessionFor(h.port, h.url);
  const call = async (name: string, input: unknown = {}) => {
    const r = await rawRequest(h.port, {
      method: 'POST',
      path: `/api/${name}`,
      headers: { Authorization: `Bearer ${session}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    return { status: r.status, body: r.json() as { ok: boolean; value?: unknown; error?: { code: string } } };
  };
  return { h, call };
}

describe('the neutral page', () => {
  it('is blank, titled like an empty tab, says nothing of Fulcrum, and runs under the same CSP', async () => {
    const { h } = await host(false);
    const page = await rawRequest(h.port, { path: NEUTRAL_PATH });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('<title>New Tab</title>');
    expect(page.text).toMatch(/<body><\/body>/);
    expect(page.text.toLowerCase()).not.toMatch(/fulcrum|journal|icon/);
    const script = await rawRequest(h.port, { path: '/new-tab.js' });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.text).toContain('sessionStorage.clear()');
    expect(script.text).toContain('history.pushState');
    // Same Host guard as every other page.
    expect((await rawRequest(h.port, { path: NEUTRAL_PATH, headers: { Host: 'evil.example' } })).status).toBe(403);
  });
});

describe('test-only calls', () => {
  it('do not exist in a normal host (404 once the token is right; 401 without it)', async () => {
    const { h, call } = await host(false);
    expect(await call('test.advanceClock', { ms: 1000 })).toMatchObject({ status: 404, body: { ok: false, error: { code: 'UNKNOWN_CALL' } } });
    expect(await call('test.firePower', { event: 'suspend' })).toMatchObject({ status: 404 });
    expect(await call('test.newLaunchUrl')).toMatchObject({ status: 404 });
    const noToken = await rawRequest(h.port, { method: 'POST', path: '/api/test.advanceClock', headers: { 'Content-Type': 'application/json' }, body: '{"ms":1}' });
    expect(noToken.status).toBe(401);
  });

  it('with the test flag but no test ports (the CLI), only mint launch links: no clock to move, no power events', async () => {
    const { call } = await host(true, undefined, false);
    expect(await call('test.newLaunchUrl')).toMatchObject({ status: 200, body: { ok: true } });
    expect(await call('test.advanceClock', { ms: 1000 })).toMatchObject({ status: 404 });
    expect(await call('test.firePower', { event: 'suspend' })).toMatchObject({ status: 404 });
  });

  it('with the test flag, move the auto-lock clock: five idle minutes lock the journal', async () => {
    const { call } = await host(true);
    expect((await call('vault.create', { passphrase: PASSPHRASE })).status).toBe(200);
    expect(await call('test.advanceClock', { ms: 'soon' })).toMatchObject({ status: 400 });
    expect(await call('test.advanceClock', { ms: 4 * 60_000 })).toMatchObject({ status: 200, body: { ok: true } });
    expect(await call('vault.status')).toMatchObject({ body: { value: { unlocked: true } } });
    await call('session.activity');
    await call('test.advanceClock', { ms: 4 * 60_000 });
    expect(await call('vault.status')).toMatchObject({ body: { value: { unlocked: true } } });
    await call('test.advanceClock', { ms: 60_000 + 1000 });
    // The lock goes through the dispatcher: wait for it.
    await vi.waitFor(async () => expect(await call('vault.status')).toMatchObject({ body: { value: { unlocked: false } } }));
  });

  it('with the test flag, fire a system suspend', async () => {
    const { call } = await host(true);
    await call('vault.create', { passphrase: PASSPHRASE });
    await call('test.firePower', { event: 'suspend' });
    await call('test.advanceClock', { ms: 1000 });
    await vi.waitFor(async () => expect(await call('vault.status')).toMatchObject({ body: { value: { unlocked: false } } }));
  });
});

describe('closing the tab locks the journal', () => {
  it('locks a short grace period after the page’s event stream closed', async () => {
    const { h, call } = await host(true, 100);
    expect((await call('vault.create', { passphrase: PASSPHRASE })).status).toBe(200);
    // A page: a session of its own, and the event stream it keeps open for as long as it lives.
    const page = await sessionFor(h.port, h.newLaunchUrl());
    const abort = new AbortController();
    const stream = await fetch(`http://127.0.0.1:${h.port}/api/events`, { headers: { Authorization: `Bearer ${page}` }, signal: abort.signal });
    await stream.body!.getReader().read();
    expect(await call('vault.status')).toMatchObject({ body: { value: { unlocked: true } } });
    abort.abort(); // the tab closes
    await vi.waitFor(async () => expect(await call('vault.status')).toMatchObject({ body: { value: { unlocked: false } } }));
  });

  it('a test host mints fresh single-use launch links on request', async () => {
    const { h, call } = await host(true);
    const minted = await call('test.newLaunchUrl');
    const url = (minted.body.value as { url: string }).url;
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${h.port}/#token=`));
    await sessionFor(h.port, url);
    await expect(sessionFor(h.port, url)).rejects.toThrow(/401/);
  });
});
