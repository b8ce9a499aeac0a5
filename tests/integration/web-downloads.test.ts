/**
 * Browser mode's streamed downloads (main/web/downloads.ts, main/core/worker/downloads.ts), against the
 * real host and the core in its worker thread: a one-time link made with the session secret, the file
 * streamed with Content-Disposition attachment and no-store, refused once used, without a session,
 * and after a lock; and a 50 MB export that never sits whole in the server.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../main/web/index.js';
import { PASSPHRASE, tempDir } from '../helpers/files.js';
import { rawRequest, sessionFor } from '../helpers/http.js';

let h: WebHost;
let session: string;

async function call(name: string, input: unknown = {}) {
  const r = await rawRequest(h.port, {
    method: 'POST',
    path: `/api/${name}`,
    headers: { Authorization: `Bearer ${session}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return { status: r.status, body: r.json() as { ok: boolean; value?: unknown; error?: { code: string; message: string } } };
}

async function link(request: unknown, secret: string | null = session): Promise<string> {
  const r = await rawRequest(h.port, {
    method: 'POST',
    path: '/api/download',
    headers: { ...(secret ? { Authorization: `Bearer ${secret}` } : {}), 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
  });
  const reply = r.json() as { ok: boolean; value?: { url: string }; error?: { message: string } };
  if (!reply.ok) throw new Error(`${r.status}: ${reply.error?.message}`);
  return reply.value!.url;
}

/** Follows a link as the browser's download does (a GET with no Authorization), reading it all. */
function follow(url: string, opts: { slow?: boolean; host?: string } = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port: h.port, path: url, headers: { Host: opts.host ?? `127.0.0.1:${h.port}`, 'Sec-Fetch-Site': 'same-origin' }, setHost: false },
      (res) => {
        const chunks: Buffer[] = [];
        let sinceBreak = 0;
        res.on('data', (c: Buffer) => {
          chunks.push(c);
          sinceBreak += c.length;
          // A reader slower than the export: it stops for a moment every 256 KB.
          if (opts.slow && sinceBreak >= 256 * 1024) {
            sinceBreak = 0;
            res.pause();
            setTimeout(() => res.resume(), 2);
          }
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
}

function staticDir(): string {
  const dir = tempDir('fulcrum-web-static-');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Fulcrum</title>');
  return dir;
}

beforeAll(async () => {
  h = await startWebHost({ dataDir: tempDir('fulcrum-web-dl-'), insecureTestKdf: true, staticDir: staticDir() });
  session = await sessionFor(h.port, h.url);
  expect((await call('vault.create', { passphrase: PASSPHRASE })).status).toBe(200);
  for (const [i, title] of ['First morning', 'MARKER-DOWNLOAD', 'Third'].entries()) {
    await call('entries.create', { occurredAt: Date.UTC(2025, 0, 1 + i, 12), timeZone: 'UTC', title, body: `Body ${i} MARKER-BODY` });
  }
});
afterAll(() => h?.close());

describe('streamed browser-mode downloads', () => {
  it('streams the export the page asked for, as an attachment the browser does not keep, once', async () => {
    const built = (await call('export.build', { format: 'markdown' })).body.value as { content: string; filename: string };
    const url = await link({ call: 'export.download', input: { format: 'markdown' } });
    expect(url).toMatch(/^\/api\/download\/[A-Za-z0-9_-]{43}$/);
    const d = await follow(url);
    expect(d.status).toBe(200);
    expect(d.headers['content-disposition']).toBe(`attachment; filename="${built.filename}"`);
    expect(d.headers['cache-control']).toBe('no-store');
    expect(d.headers['content-type']).toBe('text/markdown;charset=utf-8');
    expect(d.headers['content-length']).toBeUndefined(); // streamed (chunked), not held and measured
    expect(d.body.toString('utf8')).toBe(built.content);

    const again = await follow(url);
    expect(again.status).toBe(410);
    expect(again.body.toString('utf8')).toMatch(/already been used/);
  });

  it('needs the session secret to make a link, the right Host to follow one, and refuses unknown settings plainly', async () => {
    await expect(link({ call: 'export.download', input: { format: 'csv' } }, null)).rejects.toThrow(/^401/);
    await expect(link({ call: 'export.download', input: { format: 'csv' } }, 'not-the-secret-but-long-enough-xyz')).rejects.toThrow(/^401/);
    await expect(link({ call: 'export.download', input: { format: 'pdf' } })).rejects.toThrow(/^400: That download cannot be made/);
    expect((await follow(`/api/download/${'A'.repeat(43)}`)).status).toBe(410);
    const url = await link({ call: 'export.download', input: { format: 'csv' } });
    expect((await follow(url, { host: 'evil.example:80' })).status).toBe(403);
    // The streamed calls run only through a link: called directly they are refused.
    const direct = await call('export.download', { format: 'csv', sink: 1 });
    expect(direct.status).toBe(404);
  });

  it('refuses every link not yet followed once the journal locks, and a link made while locked', async () => {
    const url = await link({ call: 'export.download', input: { format: 'json' } });
    expect((await call('vault.lock')).status).toBe(200);
    const after = await follow(url);
    expect(after.status).toBe(410);
    const whileLocked = await link({ call: 'export.download', input: { format: 'json' } });
    const refused = await follow(whileLocked);
    expect(refused.status).toBe(423);
    expect(refused.body.toString('utf8')).toMatch(/locked/i);
    expect(refused.body.toString('utf8')).not.toMatch(/MARKER/);
    const unlocked = await call('vault.unlock', { passphrase: PASSPHRASE });
    expect(unlocked.body.error?.message ?? 'ok').toBe('ok');
    // Unlocked again, the old link stays dead.
    expect((await follow(url)).status).toBe(410);
  });

  it('streams an encrypted backup that opens with the passphrase, and leaves no file behind', async () => {
    const d = await follow(await link({ call: 'backup.download', input: {} }));
    expect(d.status).toBe(200);
    expect(d.headers['content-disposition']).toMatch(/^attachment; filename="fulcrum-backup-\d{4}-\d{2}-\d{2}\.fulcrum"$/);
    expect(d.body.includes(Buffer.from('MARKER'))).toBe(false);
    const preview = await call('backup.inspect', { file: { base64: d.body.toString('base64') }, secret: { passphrase: PASSPHRASE } });
    expect(preview.body.ok).toBe(true);
    expect((preview.body.value as { entries: number }).entries).toBe(3);
    expect(fs.readdirSync(h.dataDir).filter((f) => f.startsWith('.download-'))).toEqual([]);
  });

  it('a backup download the browser abandons stops, and its encrypted temporary file is removed', async () => {
    const url = await link({ call: 'backup.download', input: {} });
    const status = await new Promise<number>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port: h.port, path: url }, (res) => {
        // The first piece arrives, then the browser goes away.
        res.once('data', () => {
          req.destroy();
          resolve(res.statusCode ?? 0);
        });
      });
      req.on('error', () => {});
    });
    expect(status).toBe(200);
    await expect.poll(() => fs.readdirSync(h.dataDir).filter((f) => f.startsWith('.download-')), { timeout: 10_000 }).toEqual([]);
    expect((await call('entries.search', {})).body.ok).toBe(true);
  });

  it('a 50 MB export streams through while the server holds no more than a few pieces of it', async () => {
    const body = 'x'.repeat(200_000);
    for (let i = 0; i < 256; i++) {
      const r = await call('entries.create', { occurredAt: Date.UTC(2024, 0, 1, 0, i), timeZone: 'UTC', title: `Long ${i}`, body });
      expect(r.status).toBe(200);
    }
    const d = await follow(await link({ call: 'export.download', input: { format: 'markdown' } }), { slow: true });
    expect(d.status).toBe(200);
    expect(d.body.byteLength).toBeGreaterThan(50_000_000);
    expect(d.body.toString('utf8').split('x'.repeat(200_000)).length - 1).toBe(256);
    // Four or five 256 KB pieces at most; the whole file would be fifty times that.
    expect(h.downloadPeakBufferedBytes).toBeGreaterThan(0);
    expect(h.downloadPeakBufferedBytes).toBeLessThanOrEqual(2 * 1024 * 1024);
  }, 120_000);
});
