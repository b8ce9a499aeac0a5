/**
 * Browser mode's large bodies (an import's or a backup's file, sent as base64 in the call): the host
 * gathers the bytes and hands them to the core's thread, which decodes and parses them
 * (Core.dispatchBody). The host's own thread never joins, decodes or parses such a body, so an upload
 * of tens of megabytes does not hold its event loop; what the page sees is unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { browserImportTooLarge } from '../../shared/portability.js';
import { startCore, type Core } from '../../main/core/worker/client.js';
import { startWebHost, type WebHost } from '../../main/web/index.js';
import { PASSPHRASE, tempDir } from '../helpers/files.js';
import { rawRequest, sessionFor } from '../helpers/http.js';

let h: WebHost;
let session: string;

const post = (name: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  rawRequest(h.port, { method: 'POST', path: `/api/${name}`, headers: { Authorization: `Bearer ${session}`, 'Content-Type': 'application/json', ...headers }, body });

async function call<T = unknown>(name: string, input: unknown = {}): Promise<T> {
  const r = await post(name, JSON.stringify(input));
  const reply = r.json() as { ok: boolean; value?: T; error?: { message: string } };
  if (!reply.ok) throw new Error(`${name}: ${r.status} ${reply.error?.message}`);
  return reply.value as T;
}

let exported = '';
beforeAll(async () => {
  const staticDir = tempDir('fulcrum-web-static-');
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Fulcrum</title>');
  h = await startWebHost({ dataDir: tempDir('fulcrum-web-body-'), insecureTestKdf: true, staticDir });
  session = await sessionFor(h.port, h.url);
  await call('vault.create', { passphrase: PASSPHRASE });
  for (let i = 0; i < 40; i++) {
    await call('entries.create', { occurredAt: Date.UTC(2025, 0, 1 + i, 12), timeZone: 'UTC', title: `Day ${i}`, body: `MARKER-UPLOAD ${'ñandú ✓ 日本 words of the day '.repeat(200)}` });
  }
  exported = (await call<{ content: string }>('export.build', { format: 'json' })).content;
});
afterAll(() => h?.close());
afterEach(() => vi.restoreAllMocks());

describe('large bodies in browser mode', () => {
  it('an uploaded import is parsed in the core’s thread, never on the host’s, and previews as before', async () => {
    const base64 = Buffer.from(exported).toString('base64');
    expect(base64.length).toBeGreaterThan(100_000);
    const body = Buffer.from(JSON.stringify({ source: { base64 }, format: 'auto' }));
    const parse = vi.spyOn(JSON, 'parse');
    const r = await post('import.preview', body);
    const parsedHere = parse.mock.calls.filter(([text]) => typeof text === 'string' && text.includes(base64.slice(0, 64)));
    vi.restoreAllMocks();
    expect(r.status).toBe(200);
    const preview = (r.json() as { ok: true; value: { counts: { entries: number; duplicates: number } } }).value;
    // The journal's own export: all 40 are found as already there.
    expect(preview.counts).toMatchObject({ entries: 40, duplicates: 40 });
    expect(parsedHere).toEqual([]);
  });

  it('a large-body call that is not JSON is refused with the same plain 400 as any other call', async () => {
    for (const body of ['{', 'not json', '{"source":', '\u0000']) {
      const r = await post('import.preview', body);
      expect(r.status, body).toBe(400);
      expect(r.json()).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'The request body is not valid JSON.' } });
    }
    // No body at all is "no input", which the call's own check refuses.
    const empty = await post('import.preview', '');
    expect(empty.status).toBe(400);
    expect(empty.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('an import too large to upload is still refused before it is read, with the import’s own message', async () => {
    const r = await post('import.preview', '{}', { 'Content-Length': String(65 * 1024 * 1024) });
    expect(r.status).toBe(413);
    expect(r.json()).toEqual({ ok: false, error: { code: 'IMPORT_INVALID', message: browserImportTooLarge(null) } });
  });

  it('a body sent in pieces of every size arrives whole (pieces cut across characters of several bytes)', async () => {
    const bytes = Buffer.from(JSON.stringify({ source: { text: exported }, format: 'auto' }));
    // Chunked transfer (no Content-Length): written in odd sizes that split multi-byte characters.
    const r = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      void import('node:http').then(({ default: http }) => {
        const req = http.request(
          { host: '127.0.0.1', port: h.port, method: 'POST', path: '/api/import.preview', headers: { Host: `127.0.0.1:${h.port}`, Authorization: `Bearer ${session}`, 'Content-Type': 'application/json' }, setHost: false },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          },
        );
        req.on('error', reject);
        for (let at = 0, n = 1; at < bytes.length; at += n, n = (n * 7 + 3) % 70_001) req.write(bytes.subarray(at, at + n));
        req.end();
      });
    });
    expect(r.status).toBe(200);
    // Every entry is found as already there: not one character of their text changed on the way.
    expect(JSON.parse(r.text)).toMatchObject({ ok: true, value: { counts: { entries: 40, duplicates: 40 } } });
  });
});

describe('Core.dispatchBody', () => {
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    core = null;
  });

  it('moves pieces that own their memory without copying them, and copies any other', async () => {
    core = await startCore({ dataDir: tempDir('fulcrum-body-core-'), insecureTestKdf: true, ports: { log: () => {} } });
    const json = Buffer.from(JSON.stringify({ passphrase: 12 }));
    const own = new Uint8Array(json.subarray(0, 5));
    const pooled = Buffer.from(json.subarray(5)); // a small Buffer: a view into Node's shared pool
    expect(pooled.byteLength).toBeLessThan(pooled.buffer.byteLength);
    const reply = await core.dispatchBody('vault.unlock', [own, pooled]);
    // Parsed in the thread: the call's own check answered, about the passphrase it found in the bytes.
    expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(own.byteLength).toBe(0); // transferred, so detached here
    expect(pooled.toString('utf8')).toBe(json.subarray(5).toString('utf8')); // copied: the pool is untouched
    expect(await core.dispatchBody('vault.status', [Buffer.from('{nope')])).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'The request body is not valid JSON.' } });
  });
});
