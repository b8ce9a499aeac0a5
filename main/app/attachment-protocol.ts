/**
 * Attachment bytes in the desktop app: `app://fulcrum/api/attachment/bytes/<id>/<variant>`, the same
 * path browser mode serves. Answered by the app protocol's handler (protocol.ts) from the bytes the
 * core read out of the encrypted journal into memory — never a file and never file:// — with
 * `Cache-Control: no-store`, so nothing of them is kept by Chromium (whose session is in memory anyway).
 * The preload reads them with fetch and hands the page a Blob. Plain (no Electron import), so it is
 * unit tested with a stand-in session.
 */
import { z } from 'zod';
import { AttachmentVariant, ATTACHMENT_ROUTES, type AttachmentBytes } from '../../shared/attachments.js';
import type { ErrorCode, Reply } from '../../shared/errors.js';
import { Id } from '../../shared/schemas.js';
import { SECURITY_HEADERS } from '../core/static.js';

/** Reads one variant of one attachment (the core's `attachments.bytes`). */
export type AttachmentSource = (id: number, variant: AttachmentVariant) => Promise<Reply<unknown>>;

/** `<id>/<variant>`: the id in plain digits (not "1e3" or "0x10"), as browser mode reads it. */
const Path = z.tuple([z.string().regex(/^\d{1,15}$/).transform(Number).pipe(Id), AttachmentVariant]);

const STATUS: Partial<Record<ErrorCode, number>> = { VALIDATION: 400, NOT_FOUND: 404, LOCKED: 423, NO_JOURNAL: 409, CORRUPT: 409 };

const json = (status: number, body: Reply<unknown>) =>
  new Response(JSON.stringify(body), { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } });

/** Whether `pathname` is an attachment route (then `serveAttachment` answers it). */
export const isAttachmentPath = (pathname: string): boolean => pathname.startsWith(`${ATTACHMENT_ROUTES.bytes}/`);

/** Answers an attachment request: the bytes (GET; HEAD without them) or a JSON `Reply` naming what went wrong. */
export async function serveAttachment(request: Request, pathname: string, source: AttachmentSource): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return json(405, { ok: false, error: { code: 'UNKNOWN_CALL', message: 'Files are read with GET.' } });
  const parsed = Path.safeParse(pathname.slice(ATTACHMENT_ROUTES.bytes.length + 1).split('/'));
  if (!parsed.success) return json(400, { ok: false, error: { code: 'VALIDATION', message: 'That is not the address of an attachment.' } });
  const [id, variant] = parsed.data;
  const r = await source(id, variant);
  if (!r.ok) return json(STATUS[r.error.code] ?? 500, r);
  const { mime, data } = r.value as AttachmentBytes;
  return new Response(request.method === 'HEAD' ? null : (data as Uint8Array<ArrayBuffer>), {
    status: 200,
    headers: {
      ...SECURITY_HEADERS,
      'Content-Type': mime,
      'Content-Length': String(data.byteLength),
      // From memory, never kept: no cache entry, so nothing of it lands in the profile.
      'Cache-Control': 'no-store',
      'Content-Disposition': 'attachment',
    },
  });
}
