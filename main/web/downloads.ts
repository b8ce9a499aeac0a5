/**
 * Browser mode's downloads of exports and backups, streamed. A page cannot save a file itself, and a
 * whole journal's export held in one JSON reply (and again as a Blob in the page) would cost memory
 * in proportion to the journal. Instead:
 *
 * 1. `POST /api/download` (with the session secret, like every call) names what to download
 *    (`DownloadRequest`: an export, an export with its files, or an encrypted backup). The input is
 *    checked here, and the answer is a one-time link `/api/download/<id>`: a fresh 256-bit id, bound
 *    to that session, good for {@link LINK_TTL_MS}, once.
 * 2. The page follows the link with a plain `<a download>` click (a link cannot carry the session
 *    secret in a header: the id stands in for it). The host starts the job in the core's thread, which
 *    writes the file piece by piece into the HTTP reply (`Content-Disposition: attachment`,
 *    `Cache-Control: no-store`), never holding more than a few pieces ahead of what the browser has
 *    taken (main/core/worker/downloads.ts).
 *
 * A link is refused once used, after it expires, once its session has ended (the tab closed), and
 * after the journal locks (every unused link is dropped then, and the core refuses a locked journal
 * anyway). Nothing is written to disk for a plaintext export; a backup is made encrypted in the data
 * folder first and removed after it is sent.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DownloadRequest, type DownloadLink } from '../../shared/api.js';
import type { Reply } from '../../shared/errors.js';
import { SECURITY_HEADERS } from '../core/static.js';
import type { DownloadOut, RunningDownload } from '../core/worker/client.js';
import { STATUS_FOR } from './guards.js';

/** Runs a download call in the core (Core.download). */
export type DownloadFn = (channel: string, raw: Record<string, unknown>, out: DownloadOut) => RunningDownload;

/** How long a link waits for its click. */
export const LINK_TTL_MS = 60_000;

interface Pending {
  request: DownloadRequest;
  session: string;
  expires: number;
}

/** `attachment; filename="…"` for a name the core made (kept to plain characters whatever it is). */
export function contentDisposition(filename: string): string {
  return `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120)}"`;
}

const GONE_TEXT =
  'This download link has already been used, has expired, or the journal was locked since. Go back to Fulcrum and start the download again.';

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export class Downloads {
  private readonly pending = new Map<string, Pending>();
  /** The most bytes any download held in the server at once, waiting for the browser (tests, bench). */
  peakBufferedBytes = 0;

  constructor(
    private readonly run: DownloadFn,
    private readonly now: () => number = Date.now,
  ) {}

  /** Checks a request and answers its one-time link (the caller has checked the session secret). */
  makeLink(session: string, raw: unknown): Reply<DownloadLink> {
    const parsed = DownloadRequest.safeParse(raw);
    if (!parsed.success) return { ok: false, error: { code: 'VALIDATION', message: 'That download cannot be made: its settings are not ones Fulcrum knows.' } };
    for (const [id, p] of this.pending) if (p.expires <= this.now()) this.pending.delete(id);
    const id = randomBytes(32).toString('base64url');
    this.pending.set(id, { request: parsed.data, session, expires: this.now() + LINK_TTL_MS });
    return { ok: true, value: { url: `/api/download/${id}` } };
  }

  /** Every unused link stops working (the journal locked). */
  dropAll(): void {
    this.pending.clear();
  }

  /** How many links wait for their click (tests). */
  get waiting(): number {
    return this.pending.size;
  }

  /**
   * `GET /api/download/<id>`: uses the link up, then streams the file. `sessionValid` says whether the
   * session the link was made for is still open.
   */
  async serve(req: IncomingMessage, res: ServerResponse, id: string, sessionValid: (s: string) => boolean): Promise<void> {
    if (req.method !== 'GET') return sendText(res, 405, 'Downloads are fetched with GET.');
    const p = this.pending.get(id);
    this.pending.delete(id);
    if (!p || p.expires <= this.now() || !sessionValid(p.session)) return sendText(res, 410, GONE_TEXT);

    let started = false;
    let finished = false;
    const out: DownloadOut = {
      head: ({ filename, mimeType }) => {
        started = true;
        res.writeHead(200, {
          ...SECURITY_HEADERS,
          'Content-Type': mimeType,
          'Content-Disposition': contentDisposition(filename),
          // Never kept by the browser: no cache entry, so no copy lands in its profile.
          'Cache-Control': 'no-store',
        });
      },
      piece: (data) =>
        new Promise<void>((resolve, reject) => {
          if (res.destroyed) return reject(new Error('gone'));
          const ok = res.write(data);
          // What this reply holds in memory, not yet taken by the socket.
          if (res.writableLength > this.peakBufferedBytes) this.peakBufferedBytes = res.writableLength;
          if (ok) return resolve();
          const drained = () => {
            res.off('close', closed);
            resolve();
          };
          const closed = () => {
            res.off('drain', drained);
            reject(new Error('gone'));
          };
          res.once('drain', drained);
          res.once('close', closed);
        }),
    };
    const channel = p.request.call;
    const running = this.run(channel, p.request.input as Record<string, unknown>, out);
    res.on('close', () => {
      if (!finished) running.gone();
    });
    const reply = await running.reply;
    finished = true;
    if (reply.ok) {
      if (!started) return sendText(res, 500, 'Something went wrong inside Fulcrum; start the download again.');
      res.end();
      return;
    }
    // Refused before the first byte (locked, a bad scope): a plain page saying why. Stopped midway:
    // the connection is cut, so the browser marks the download failed instead of keeping half a file.
    if (!started) return sendText(res, STATUS_FOR[reply.error.code] ?? 500, reply.error.message);
    res.destroy();
  }

}
