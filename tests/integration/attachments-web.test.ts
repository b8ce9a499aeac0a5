import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentMeta } from '../../shared/attachments.js';
import type { FulcrumBridge } from '../../shared/api.js';
import { createWebServer, type WebServer } from '../../main/web/server.js';
import { createHttpBridge } from '../../renderer/transport/http.js';
import { createdService, tempDir } from '../helpers/journal.js';
import { sessionFor } from '../helpers/http.js';
import { photoWithGps, pngWith } from '../helpers/attachments.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
let server: WebServer;
let bridge: FulcrumBridge;
let base: string;
let session: string;

beforeAll(async () => {
  const { service } = await createdService();
  const dir = tempDir('fulcrum-att-web-');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  server = await createWebServer({ dispatch: service.dispatch, staticDir: dir });
  session = await sessionFor(server.port, server.newLaunchUrl());
  base = `http://127.0.0.1:${server.port}`;
  bridge = createHttpBridge(session, { base });
});
afterAll(() => server?.close());

describe('attachments over browser mode (binary routes, real host and core)', () => {
  it('uploads a Blob, links it to an entry, and reads every variant back from memory with no-store', async () => {
    const e = await bridge['entries.create']({ occurredAt: Date.UTC(2025, 4, 1), timeZone: 'UTC', title: 'web' });
    if (!e.ok) throw new Error(e.error.message);
    const photo = photoWithGps();
    const up = await bridge.attachmentUpload(new Blob([photo]), 'Küche 1.jpg', { owner: { kind: 'entry', id: e.value.id } });
    expect(up.ok).toBe(true);
    const meta = (up as { value: AttachmentMeta }).value;
    expect(meta).toMatchObject({ name: 'Küche 1.jpg', owner: { kind: 'entry', id: e.value.id }, sha256: sha(photo) });

    const original = await bridge.attachmentBytes(meta.id, 'original');
    expect(original.ok).toBe(true);
    const blob = (original as { value: Blob }).value;
    expect(blob.type).toBe('image/jpeg');
    expect(sha(new Uint8Array(await blob.arrayBuffer()))).toBe(sha(photo));
    const shared = await bridge.attachmentBytes(meta.id, 'shared');
    expect(shared.ok && (shared.value as Blob).size).toBeLessThan(photo.length);

    const thumb = await bridge.attachmentThumbnail(meta.id, pngWith(Buffer.from('t')));
    expect(thumb.ok && thumb.value.hasThumbnail).toBe(true);

    const raw = await fetch(`${base}/api/attachment/bytes/${meta.id}/original`, { headers: { Authorization: `Bearer ${session}` } });
    expect(raw.headers.get('cache-control')).toBe('no-store');
    expect(raw.headers.get('content-disposition')).toBe('attachment');
  });

  it('answers a refused file with its plain message, an unknown attachment with NOT_FOUND, and nothing without the secret', async () => {
    const bad = await bridge.attachmentUpload(pngWith(Buffer.from('x')), 'photo.pdf');
    expect(bad.ok || bad.error.message).toMatch(/\.pdf/);
    const missing = await bridge.attachmentBytes(987654, 'original');
    expect(missing.ok || missing.error.code).toBe('NOT_FOUND');
    const anon = await fetch(`${base}/api/attachment/bytes/1/original`);
    expect(anon.status).toBe(401);
    const anonUp = await fetch(`${base}/api/attachment/upload`, { method: 'POST', headers: { 'X-Fulcrum-Name': 'a.txt' }, body: 'hello' });
    expect(anonUp.status).toBe(401);
  });

  it('refuses a body over 100 MB before reading it all, with the limit in words', async () => {
    const res = await fetch(`${base}/api/attachment/upload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${session}`, 'X-Fulcrum-Name': 'big.txt', 'Content-Length': String(100 * 1024 * 1024 + 1) },
      body: new Uint8Array(100 * 1024 * 1024 + 1),
    }).catch(() => null);
    // The host answers 413 at once (the declared length is over the limit) and closes the connection.
    expect(res).not.toBeNull();
    expect(res!.status).toBe(413);
    expect(((await res!.json()) as { error: { message: string } }).error.message).toMatch(/larger than 100 MB/);
  });
});
