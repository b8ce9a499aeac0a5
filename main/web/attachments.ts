/**
 * Browser mode's byte routes for attachments (after the server's secret and Host/Origin checks):
 * - `POST /api/attachment/upload`: the file is the body (`Content-Type: application/octet-stream`),
 *   its name in `X-Fulcrum-Name` (URI-encoded), an owner in `X-Fulcrum-Owner` (`entry:12`, `checkin:3`).
 * - `POST /api/attachment/thumbnail/<id>`: a preview image as the body.
 * - `GET /api/attachment/bytes/<id>/<variant>`: the bytes, from memory, `Cache-Control: no-store`.
 * Answers are the JSON `Reply` (upload, thumbnail, errors) or the raw bytes (bytes).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ATTACHMENT_LIMITS, type AttachmentBytes } from '../../shared/attachments.js';
import type { ApiErrorShape, Reply } from '../../shared/errors.js';
import { SECURITY_HEADERS } from '../core/static.js';
import { STATUS_FOR } from './guards.js';
import { readWithin } from './body.js';

export type ByteDispatch = (channel: string, raw: unknown) => Promise<Reply<unknown>>;

const TOO_LARGE = `This file is larger than ${ATTACHMENT_LIMITS.fileBytes / 1024 / 1024} MB, the most one attachment can be. Nothing was attached.`;

function reply(res: ServerResponse, status: number, body: Reply<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}
const fail = (res: ServerResponse, status: number, error: ApiErrorShape) => reply(res, status, { ok: false, error });

/** The body, in memory, at most `limit` bytes (null: larger; the connection is closed after the answer). */
async function readLimited(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  const whole = await readWithin(req, limit, (c, received) => {
    chunks.push(c);
    size = received;
  });
  return whole ? Buffer.concat(chunks, size) : null;
}

function ownerOf(header: string | string[] | undefined): { kind: 'entry' | 'checkin'; id: number } | undefined | null {
  if (header === undefined) return undefined;
  const m = typeof header === 'string' ? /^(entry|checkin):(\d{1,15})$/.exec(header) : null;
  return m ? { kind: m[1] as 'entry' | 'checkin', id: Number(m[2]) } : null;
}

function nameOf(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  try {
    return decodeURIComponent(header);
  } catch {
    return null;
  }
}

/** Handles `/api/attachment/…` (`route` is the part after `/api/`). */
export async function attachmentRoute(req: IncomingMessage, res: ServerResponse, route: string, dispatch: ByteDispatch): Promise<void> {
  const parts = route.split('/');
  const status = (r: Reply<unknown>) => (r.ok ? 200 : (STATUS_FOR[r.error.code] ?? 500));
  if (parts[1] === 'upload' && parts.length === 2) {
    if (req.method !== 'POST') return fail(res, 405, { code: 'UNKNOWN_CALL', message: 'Files are sent with POST.' });
    const name = nameOf(req.headers['x-fulcrum-name']);
    const owner = ownerOf(req.headers['x-fulcrum-owner']);
    if (name === null || owner === null) return fail(res, 400, { code: 'VALIDATION', message: 'The file name or the entry it goes with is missing or malformed.' });
    const body = await readLimited(req, ATTACHMENT_LIMITS.fileBytes);
    if (body === null) {
      res.setHeader('Connection', 'close');
      return fail(res, 413, { code: 'VALIDATION', message: TOO_LARGE });
    }
    const r = await dispatch('attachments.upload', { data: new Uint8Array(body.buffer, body.byteOffset, body.byteLength), name, options: owner ? { owner } : {} });
    return reply(res, status(r), r);
  }
  if (parts[1] === 'thumbnail' && parts.length === 3 && /^\d{1,15}$/.test(parts[2]!)) {
    if (req.method !== 'POST') return fail(res, 405, { code: 'UNKNOWN_CALL', message: 'Previews are sent with POST.' });
    const body = await readLimited(req, ATTACHMENT_LIMITS.thumbnailBytes);
    if (body === null) {
      res.setHeader('Connection', 'close');
      return fail(res, 413, { code: 'VALIDATION', message: 'That preview is too large (512 KB at most). Draw it smaller.' });
    }
    const r = await dispatch('attachments.thumbnail', { id: Number(parts[2]), data: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) });
    return reply(res, status(r), r);
  }
  if (parts[1] === 'bytes' && parts.length === 4 && /^\d{1,15}$/.test(parts[2]!)) {
    if (req.method !== 'GET') return fail(res, 405, { code: 'UNKNOWN_CALL', message: 'Files are read with GET.' });
    const r = await dispatch('attachments.bytes', { id: Number(parts[2]), variant: parts[3] });
    if (!r.ok) return reply(res, status(r), r);
    const { mime, data } = r.value as AttachmentBytes;
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': mime,
      'Content-Length': data.byteLength,
      // Served from memory, never kept by the browser: no cache entry, so nothing lands in its profile.
      'Cache-Control': 'no-store',
      'Content-Disposition': 'attachment',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(data);
    return;
  }
  return fail(res, 404, { code: 'UNKNOWN_CALL', message: 'There is no such call.' });
}
