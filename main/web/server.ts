import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppEvent } from '../../shared/api.js';
import type { ApiErrorShape, Reply } from '../../shared/errors.js';
import { isChannel } from '../../shared/api.js';
import { browserImportTooLarge } from '../../shared/portability.js';
import { SECURITY_HEADERS, contentTypeOf, resolveStaticFile } from '../core/static.js';
import { EventStreams } from './events.js';
import { NEUTRAL_HTML, NEUTRAL_PATH, NEUTRAL_SCRIPT, NEUTRAL_SCRIPT_PATH } from './neutral.js';
import { Presence } from './presence.js';
import { attachmentRoute } from './attachments.js';
import { Downloads, type DownloadFn } from './downloads.js';
import { readWithin } from './body.js';
import {
  BODY_LIMIT,
  Credentials,
  STATUS_FOR,
  bearerOf,
  bodyLimitFor,
  hostAllowed,
  isJsonContentType,
  loopbackBindAddress,
  originAllowed,
} from './guards.js';

export type DispatchFn = (channel: string, raw: unknown) => Promise<Reply<unknown>>;

export interface WebServerOptions {
  dispatch: DispatchFn;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 or absent: a random free port. */
  port?: number;
  /** Only loopback is accepted (see loopbackBindAddress); the server always binds 127.0.0.1. */
  host?: string;
  /** Tests may fix the first launch token; otherwise a fresh 256-bit one per launch. */
  token?: string;
  /**
   * Lock when the last page has gone: once a page has opened the event stream, its last stream closed
   * `graceMs` ago (and no call in flight) runs `onGone` (the host locks the journal), and the pages'
   * session secrets are refused from then on. Absent: never.
   */
  whenPagesGone?: { graceMs: number; onGone: () => void };
  events?: EventStreams;
  /**
   * TEST ONLY (browser mode started with the insecure test flag): extra calls such as
   * `test.advanceClock`, answered after the same token and Host/Origin checks. Absent otherwise, so
   * these names are unknown calls (404) in every other host.
   */
  testCalls?: Readonly<Record<string, (input: unknown) => Promise<Reply<unknown>>>>;
  /**
   * Runs a call whose body is large (an import's or a backup's file, see bodyLimitFor) from its JSON
   * bytes, parsed in the core's thread (Core.dispatchBody). Absent: such bodies are parsed here.
   */
  dispatchBody?: (channel: string, pieces: Uint8Array[]) => Promise<Reply<unknown>>;
  /** Runs a streamed download in the core (downloads.ts). Absent: `/api/download` is an unknown call. */
  download?: DownloadFn;
}

export interface WebServer {
  /** The URL printed at start: its single-use launch token rides in the fragment. */
  readonly url: string;
  /** That URL's launch token: good once, for `POST /api/session`, and for nothing else. */
  readonly token: string;
  readonly port: number;
  /** Another single-use launch URL for this running host (tests open more than one page with it). */
  newLaunchUrl(): string;
  /** True while the "last page has gone" grace period runs. */
  readonly pagesGonePending: boolean;
  emit(event: AppEvent): void;
  /** The journal locked: every download link not yet followed stops working. */
  dropDownloads(): void;
  /** The most bytes one download held in the server at once, waiting for the browser (tests). */
  readonly downloadPeakBufferedBytes: number;
  close(): Promise<void>;
}

/** Thrown at start for a non-loopback --host: browser mode must never be reachable from the network. */
export class RefusedBindError extends Error {
  constructor(host: string) {
    super(
      `Refusing to listen on "${host}": browser mode only listens on the loopback address 127.0.0.1, so that nothing else on the network can reach the journal. Leave out --host (or use 127.0.0.1, localhost or ::1).`,
    );
    this.name = 'RefusedBindError';
  }
}

const denied = (message: string): ApiErrorShape => ({ code: 'ACCESS_DENIED', message });

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...extra,
  });
  res.end(text);
}

const fail = (res: ServerResponse, status: number, error: ApiErrorShape, extra?: Record<string, string>) =>
  sendJson(res, status, { ok: false, error } satisfies Reply<never>, extra);

function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...extra,
  });
  res.end(text);
}

/** The path of the request line, decoded, with repeated slashes collapsed; null if unusable. */
function requestPath(rawUrl: string | undefined): { raw: string; decoded: string } | null {
  if (!rawUrl || !rawUrl.startsWith('/')) return null; // absolute-form or '*' requests: not for us
  const raw = rawUrl.split(/[?#]/, 1)[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  return { raw, decoded: decoded.replace(/\/+/g, '/') };
}

const isApiPath = (decoded: string) => {
  const p = decoded.toLowerCase();
  return p === '/api' || p.startsWith('/api/');
};

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  if (!(await readWithin(req, limit, (c) => chunks.push(c)))) throw new BodyTooLarge();
  return Buffer.concat(chunks);
}

/** Size of the pieces a large body is gathered into. */
const PIECE_BYTES = 1024 * 1024;

/**
 * A large body, copied as it arrives into pieces of memory of their own (at most PIECE_BYTES each),
 * so the whole can move to the core's thread without a copy and without one long step here: each
 * network chunk costs a small copy, and nothing joins, decodes or parses the body on this thread.
 */
async function readPieces(req: IncomingMessage, limit: number): Promise<Uint8Array[]> {
  const declared = Number(req.headers['content-length']);
  const pieces: Uint8Array[] = [];
  let piece: Uint8Array | null = null;
  let used = 0;
  const whole = await readWithin(req, limit, (c, received) => {
    for (let at = 0; at < c.length; ) {
      if (!piece || used === piece.length) {
        const left = Number.isFinite(declared) && declared >= received ? declared - received + c.length - at : PIECE_BYTES;
        piece = new Uint8Array(Math.max(1, Math.min(PIECE_BYTES, left)));
        used = 0;
        pieces.push(piece);
      }
      const n = Math.min(c.length - at, piece.length - used);
      piece.set(c.subarray(at, at + n), used);
      used += n;
      at += n;
    }
  });
  if (!whole) throw new BodyTooLarge();
  // The last piece trimmed to what it holds (a copy of at most one piece).
  const last = piece as Uint8Array | null;
  if (last && used < last.length) pieces[pieces.length - 1] = last.slice(0, used);
  return pieces;
}

const LINK_USED =
  'This link has already been used, or it belongs to an earlier start of Fulcrum. Each link opens Fulcrum in one tab, once. Start Fulcrum again (npm run web) for a fresh link.';

/**
 * The browser-mode HTTP server. Order of checks under /api/: the secret first — so an unknown call
 * without one is 401, never 404 — then Host/Origin (403), then method (405), call name (404), content
 * type (415), size (413), JSON (400); only then dispatch. `POST /api/session` takes an unused launch
 * token and answers a session secret (the token is then used up); every other call takes a session
 * secret. Static files need the right Host/Origin too, but no secret: the page has to load before it
 * can read the launch token from its URL. A download link (`GET /api/download/<id>`, downloads.ts)
 * carries its own one-time id instead of the secret, made by a call that had it.
 */
export async function createWebServer(opts: WebServerOptions): Promise<WebServer> {
  const bindAddress = loopbackBindAddress(opts.host);
  if (bindAddress === null) throw new RefusedBindError(String(opts.host));
  const credentials = new Credentials();
  const token = credentials.mintLaunch(opts.token);
  const events = opts.events ?? new EventStreams();
  // Sessions that opened the event stream belong to pages; when the last page has gone, they end
  // with it (a script's session, which never streams, is left alone).
  const pageSessions = new Set<string>();
  const whenPagesGone = opts.whenPagesGone;
  const presence = whenPagesGone
    ? new Presence({
        graceMs: whenPagesGone.graceMs,
        onGone: () => {
          for (const s of pageSessions) credentials.revoke(s);
          pageSessions.clear();
          whenPagesGone.onGone();
        },
      })
    : null;
  let port = 0;
  const downloads = opts.download ? new Downloads(opts.download) : null;

  async function api(req: IncomingMessage, res: ServerResponse, decoded: string): Promise<void> {
    const given = bearerOf(req.headers.authorization);
    const name = decoded.slice('/api/'.length);
    const link = /^download\/([A-Za-z0-9_-]{43})$/.exec(name);
    if (link && downloads) {
      // A download link is followed by a plain link click, which carries no secret in a header: its
      // one-time id stands in for the session secret it was made with (downloads.ts).
      const fetchSite = req.headers['sec-fetch-site'];
      if (!hostAllowed(req.headers.host, port) || fetchSite === 'cross-site' || fetchSite === 'same-site') {
        return fail(res, 403, denied('Requests to browser mode must come from its own page at the loopback address.'));
      }
      presence?.callStarted();
      try {
        return await downloads.serve(req, res, link[1]!, (s) => credentials.isSession(s));
      } finally {
        presence?.callEnded();
      }
    }
    const exchanging = name === 'session';
    if (exchanging ? !credentials.isLaunch(given) : !credentials.isSession(given)) {
      const message = exchanging
        ? LINK_USED
        : 'This page does not have the access key of the running browser-mode host. Open the link that `npm run web` printed.';
      return fail(res, 401, denied(message), { 'WWW-Authenticate': 'Bearer' });
    }
    const fetchSite = req.headers['sec-fetch-site'];
    if (!hostAllowed(req.headers.host, port) || !originAllowed(req.headers.origin, port) || fetchSite === 'cross-site' || fetchSite === 'same-site') {
      return fail(res, 403, denied('Requests to browser mode must come from its own page at the loopback address.'));
    }
    if (exchanging) {
      if (req.method !== 'POST') return fail(res, 405, { code: 'UNKNOWN_CALL', message: 'The session is opened with POST.' }, { Allow: 'POST' });
      const session = credentials.exchange(given);
      // Two requests racing with one token: only the first gets a session.
      if (session === null) return fail(res, 401, denied(LINK_USED), { 'WWW-Authenticate': 'Bearer' });
      return sendJson(res, 200, { ok: true, value: { session } } satisfies Reply<{ session: string }>, { 'Cache-Control': 'no-store' });
    }
    if (name === 'events') {
      if (req.method !== 'GET') return fail(res, 405, { code: 'UNKNOWN_CALL', message: 'The event stream is read with GET.' }, { Allow: 'GET' });
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/event-stream; charset=utf-8',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      events.add(res);
      if (presence) {
        pageSessions.add(given!);
        presence.streamOpened();
        res.on('close', () => presence.streamClosed());
      }
      return;
    }
    if (name.startsWith('attachment/')) {
      presence?.callStarted();
      try {
        return await attachmentRoute(req, res, name, opts.dispatch);
      } finally {
        presence?.callEnded();
      }
    }
    if (req.method !== 'POST') return fail(res, 405, { code: 'UNKNOWN_CALL', message: 'Calls are made with POST.' }, { Allow: 'POST' });
    if (name === 'download' && downloads) {
      if (!isJsonContentType(req.headers['content-type'])) {
        return fail(res, 415, { code: 'VALIDATION', message: 'Calls must send a JSON body (Content-Type: application/json).' });
      }
      let input: unknown;
      try {
        input = JSON.parse((await readBody(req, bodyLimitFor(name))).toString('utf8'));
      } catch (e) {
        if (e instanceof BodyTooLarge) return fail(res, 413, { code: 'VALIDATION', message: 'This request is too large.' }, { Connection: 'close' });
        return fail(res, 400, { code: 'VALIDATION', message: 'The request body is not valid JSON.' });
      }
      const r = downloads.makeLink(given!, input);
      return sendJson(res, r.ok ? 200 : 400, r, { 'Cache-Control': 'no-store' });
    }
    // The streamed download calls run only through a download link, with the host's stream.
    if (name === 'export.download' || name === 'export.downloadZip' || name === 'backup.download') {
      return fail(res, 404, { code: 'UNKNOWN_CALL', message: 'This call runs only as a download (POST /api/download).' });
    }
    const testCall = opts.testCalls && Object.hasOwn(opts.testCalls, name) ? opts.testCalls[name] : undefined;
    if (!isChannel(name) && !testCall) return fail(res, 404, { code: 'UNKNOWN_CALL', message: 'There is no such call.' });
    if (!isJsonContentType(req.headers['content-type'])) {
      return fail(res, 415, { code: 'VALIDATION', message: 'Calls must send a JSON body (Content-Type: application/json).' });
    }
    const limit = bodyLimitFor(name);
    // A large body (an import's or a backup's file) goes to the core's thread as bytes: joining,
    // decoding and parsing tens of megabytes here would hold every other request and page.
    const asBytes = opts.dispatchBody && !testCall && limit > BODY_LIMIT;
    let body: Buffer | Uint8Array[];
    try {
      body = asBytes ? await readPieces(req, limit) : await readBody(req, limit);
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        // An import's file is the body: say what that means for the file, not for the request.
        const message = name.startsWith('import.') ? browserImportTooLarge(null) : 'This request is too large.';
        return fail(res, 413, { code: name.startsWith('import.') ? 'IMPORT_INVALID' : 'VALIDATION', message }, { Connection: 'close' });
      }
      throw e;
    }
    let input: unknown = undefined;
    if (!Array.isArray(body) && body.length > 0) {
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch {
        return fail(res, 400, { code: 'VALIDATION', message: 'The request body is not valid JSON.' });
      }
    }
    // A lock ends every download link not yet followed (a lock the core starts itself arrives as
    // its `locked` event: WebServer.dropDownloads).
    if (name === 'vault.lock' || name === 'session.quickExit') downloads?.dropAll();
    let reply: Reply<unknown>;
    presence?.callStarted();
    try {
      reply = testCall ? await testCall(input) : Array.isArray(body) ? await opts.dispatchBody!(name, body) : await opts.dispatch(name, input);
    } catch {
      reply = { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside Fulcrum. Nothing was saved by this action; try again.' } };
    } finally {
      presence?.callEnded();
    }
    sendJson(res, reply.ok ? 200 : (STATUS_FOR[reply.error.code] ?? 500), reply);
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, raw: string): void {
    if (!hostAllowed(req.headers.host, port) || !originAllowed(req.headers.origin, port)) {
      return sendText(res, 403, 'Forbidden: browser mode answers only at its own loopback address.');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed.', { Allow: 'GET, HEAD' });
    if (raw === NEUTRAL_PATH || raw === NEUTRAL_SCRIPT_PATH) {
      // Quick exit's destination (neutral.ts): no Fulcrum name, icon or content.
      const [body, type] = raw === NEUTRAL_PATH ? [NEUTRAL_HTML, 'text/html; charset=utf-8'] : [NEUTRAL_SCRIPT, 'text/javascript; charset=utf-8'];
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      return void res.end(req.method === 'HEAD' ? undefined : body);
    }
    const file = resolveStaticFile(opts.staticDir, raw);
    if (!file && raw === '/favicon.ico') {
      // Chromium asks for it on its own; an empty answer keeps a 404 out of the console.
      res.writeHead(204, { ...SECURITY_HEADERS });
      return void res.end();
    }
    if (!file) return sendText(res, 404, 'Not found.');
    let data: Buffer;
    try {
      data = fs.readFileSync(file);
    } catch {
      return sendText(res, 404, 'Not found.');
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(file), 'Content-Length': data.length });
    res.end(req.method === 'HEAD' ? undefined : data);
  }

  const server = http.createServer((req, res) => {
    const p = requestPath(req.url);
    const route = p && isApiPath(p.decoded) ? api(req, res, p.decoded) : null;
    if (route) {
      route.catch(() => {
        if (!res.headersSent) fail(res, 500, { code: 'INTERNAL', message: 'Something went wrong inside Fulcrum; try again.' });
        else res.destroy();
      });
      return;
    }
    if (!p) {
      // A path we cannot even decode: under /api/ (raw) it still needs the token first.
      if (req.url?.toLowerCase().startsWith('/api')) {
        void api(req, res, '/api/').catch(() => res.destroy());
        return;
      }
      return sendText(res, 400, 'Bad request.');
    }
    try {
      serveStatic(req, res, p.raw);
    } catch {
      if (!res.headersSent) sendText(res, 500, 'Internal error.');
    }
  });
  server.requestTimeout = 120_000;
  server.headersTimeout = 20_000;
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: opts.port ?? 0, host: bindAddress, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  const launchUrl = (t: string) => `http://127.0.0.1:${port}/#token=${t}`;
  let closed: Promise<void> | null = null;
  return {
    url: launchUrl(token),
    token,
    port,
    newLaunchUrl: () => launchUrl(credentials.mintLaunch()),
    get pagesGonePending() {
      return presence?.pending ?? false;
    },
    emit: (event) => events.emit(event),
    dropDownloads: () => downloads?.dropAll(),
    get downloadPeakBufferedBytes() {
      return downloads?.peakBufferedBytes ?? 0;
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        presence?.dispose();
        events.closeAll();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
