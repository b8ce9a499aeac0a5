/**
 * Browser mode's `window.fulcrum`: the same contract table (shared/api.ts) over loopback HTTP.
 * The page first trades the single-use launch token from its URL for a session secret
 * (`POST /api/session`, see {@link exchangeLaunchToken}); each call is then `POST /api/<channel>`
 * with that secret, and events come from `GET /api/events` (server-sent events read with fetch, so
 * the Authorization header can be sent).
 *
 * DOM-free on purpose (fetch, streams, TextDecoder only), so it is tested under Node against the real host.
 */
import { CHANNELS, type AppEvent, type Channel, type DownloadLink, type DownloadRequest, type FulcrumBridge } from '../../shared/api.js';
import { ATTACHMENT_ROUTES, type AttachmentMeta, type AttachmentVariant, type UploadOptions } from '../../shared/attachments.js';
import type { ApiErrorShape, Reply } from '../../shared/errors.js';

export interface HttpBridgeOptions {
  /** Origin of the host; '' (default) = the page's own origin. */
  base?: string;
  fetch?: typeof fetch;
}

const UNREACHABLE: ApiErrorShape = {
  code: 'IO',
  message: 'The browser-mode host did not answer. Check that `npm run web` is still running; if it stopped, start it again and open the new link it prints.',
};

/** UTF-16 units; at most 3 UTF-8 bytes each, so well under the browsers' 64 KiB keepalive quota. */
const KEEPALIVE_MAX_CHARS = 16_000;

function isReply(v: unknown): v is Reply<unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok === true) return 'value' in r;
  return r.ok === false && typeof r.error?.code === 'string' && typeof r.error.message === 'string';
}

/** `#token=…` (possibly among other `&`-separated fields) → the token, or null. */
export function tokenFromHash(hash: string): string | null {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]{20,256})(?:&|$)/.exec(hash);
  return m ? m[1]! : null;
}

export type Exchange = { ok: true; session: string } | { ok: false; reason: 'used' | 'unreachable'; message: string };

/**
 * Trades a launch token for a session secret. The host answers 401 for a token already used (a reload,
 * or the link opened again, or from an earlier start), which the page shows as its own calm screen.
 */
export async function exchangeLaunchToken(launchToken: string, opts: HttpBridgeOptions = {}): Promise<Exchange> {
  const doFetch = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  let res: Response;
  let body: unknown;
  try {
    res = await doFetch(`${opts.base ?? ''}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${launchToken}` },
      body: '',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    body = await res.json();
  } catch {
    return { ok: false, reason: 'unreachable', message: UNREACHABLE.message };
  }
  if (!isReply(body)) return { ok: false, reason: 'unreachable', message: UNREACHABLE.message };
  if (!body.ok) return { ok: false, reason: res.status === 401 ? 'used' : 'unreachable', message: body.error.message };
  const session = (body.value as { session?: unknown } | null)?.session;
  if (typeof session !== 'string' || !/^[A-Za-z0-9_-]{20,256}$/.test(session)) {
    return { ok: false, reason: 'unreachable', message: UNREACHABLE.message };
  }
  return { ok: true, session };
}

/** `token` is the session secret from {@link exchangeLaunchToken} (a launch token is refused on calls). */
export function createHttpBridge(token: string, opts: HttpBridgeOptions = {}): FulcrumBridge {
  const base = opts.base ?? '';
  const doFetch = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const auth = `Bearer ${token}`;

  const callOf = (channel: Channel) => async (input: unknown): Promise<Reply<unknown>> => {
    const payload = input === undefined ? '' : JSON.stringify(input);
    const send = (keepalive: boolean) =>
      doFetch(`${base}/api/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: auth },
        body: payload,
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        keepalive,
      });
    let res: Response;
    try {
      // keepalive: a call made while the tab closes (the editor's last draft save on pagehide) must
      // outlive the page, or what was typed in the last seconds is lost. Browsers cap keepalive
      // bodies (64 KiB in flight), so a large one goes without, and a refused one is sent plainly.
      res = await send(payload.length <= KEEPALIVE_MAX_CHARS).catch(() => send(false));
    } catch {
      return { ok: false, error: UNREACHABLE };
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      return { ok: false, error: UNREACHABLE };
    }
    return isReply(body) ? body : { ok: false, error: UNREACHABLE };
  };

  const methods = Object.fromEntries(CHANNELS.map((c) => [c, callOf(c)]));
  const events = eventStream(`${base}/api/events`, auth, doFetch);
  return Object.freeze({
    ...methods,
    ...attachmentMethods(base, auth, doFetch),
    // A one-time link for a streamed download (main/web/downloads.ts): the page follows it with a
    // plain link click, so the file goes straight to the browser's downloads, never through page memory.
    prepareDownload: (request: DownloadRequest) =>
      replyOf<DownloadLink>(
        doFetch(`${base}/api/download`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: auth },
          body: JSON.stringify(request),
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
        }),
      ),
    armMicrophone: async () => {},
    releaseMicrophone: async () => {},
    subscribe: events.subscribe,
    transport: 'browser' as const,
  }) as unknown as FulcrumBridge;
}

/** Reads a JSON Reply, or says the host did not answer. */
async function replyOf<T>(res: Promise<Response>): Promise<Reply<T>> {
  try {
    const body: unknown = await (await res).json();
    return isReply(body) ? (body as Reply<T>) : { ok: false, error: UNREACHABLE };
  } catch {
    return { ok: false, error: UNREACHABLE };
  }
}

/**
 * The byte routes (main/web/attachments.ts): files go up as binary bodies and come back as Blobs, kept
 * in memory (the host answers `Cache-Control: no-store`, so the browser keeps no cache entry on disk).
 */
function attachmentMethods(base: string, auth: string, doFetch: typeof fetch) {
  const body = (data: Blob | Uint8Array): Blob => (data instanceof Uint8Array ? new Blob([data as Uint8Array<ArrayBuffer>]) : data);
  const post = (url: string, data: Blob | Uint8Array, headers: Record<string, string> = {}) =>
    doFetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', Authorization: auth, ...headers },
      body: body(data),
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  return {
    attachmentUpload: (data: Blob | Uint8Array, name: string, options: UploadOptions = {}): Promise<Reply<AttachmentMeta>> =>
      replyOf(
        post(`${base}${ATTACHMENT_ROUTES.upload}`, data, {
          'X-Fulcrum-Name': encodeURIComponent(name),
          ...(options.owner ? { 'X-Fulcrum-Owner': `${options.owner.kind}:${options.owner.id}` } : {}),
        }),
      ),
    attachmentThumbnail: (id: number, data: Blob | Uint8Array): Promise<Reply<AttachmentMeta>> =>
      replyOf(post(`${base}${ATTACHMENT_ROUTES.thumbnail}/${id}`, data)),
    attachmentBytes: async (id: number, variant: AttachmentVariant): Promise<Reply<Blob>> => {
      let res: Response;
      try {
        res = await doFetch(`${base}${ATTACHMENT_ROUTES.bytes}/${id}/${variant}`, {
          headers: { Authorization: auth },
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
        });
      } catch {
        return { ok: false, error: UNREACHABLE };
      }
      if (!res.ok || (res.headers.get('Content-Type') ?? '').startsWith('application/json')) return replyOf<Blob>(Promise.resolve(res));
      try {
        const blob = await res.blob();
        return { ok: true, value: blob.type ? blob : new Blob([blob], { type: res.headers.get('Content-Type') ?? '' }) };
      } catch {
        return { ok: false, error: UNREACHABLE };
      }
    },
  };
}

function parseFrame(frame: string): AppEvent | null {
  const data = frame
    .split('\n')
    .filter((l) => l.startsWith('data:'))
    .map((l) => l.slice(5).replace(/^ /, ''))
    .join('\n');
  if (!data) return null; // a comment (": keep-alive")
  try {
    const v = JSON.parse(data) as unknown;
    return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string' ? (v as AppEvent) : null;
  } catch {
    return null;
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/** One stream shared by all listeners; reconnects with backoff; stops for good when the token is refused. */
function eventStream(url: string, auth: string, doFetch: typeof fetch) {
  const listeners = new Set<(e: AppEvent) => void>();
  let controller: AbortController | null = null;

  const deliver = (event: AppEvent) => {
    for (const l of [...listeners]) {
      try {
        l(event);
      } catch {
        // One listener's failure must not starve the others.
      }
    }
  };

  async function run(signal: AbortSignal): Promise<void> {
    let attempt = 0;
    while (!signal.aborted) {
      try {
        const res = await doFetch(url, { headers: { Authorization: auth }, signal, credentials: 'omit' });
        if (res.status === 401 || res.status === 403) return; // a secret the host does not know: reconnecting cannot help
        if (!res.ok || !res.body) throw new Error('no stream');
        attempt = 0;
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const event = parseFrame(buffer.slice(0, cut));
            buffer = buffer.slice(cut + 2);
            if (event) deliver(event);
          }
        }
      } catch {
        // Dropped or refused: retry below unless unsubscribed.
      }
      if (signal.aborted) return;
      await sleep(Math.min(30_000, 500 * 2 ** attempt++), signal);
    }
  }

  return {
    subscribe(listener: (event: AppEvent) => void): () => void {
      listeners.add(listener);
      if (!controller) {
        controller = new AbortController();
        void run(controller.signal);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && controller) {
          controller.abort();
          controller = null;
        }
      };
    },
  };
}

/**
 * A bridge for a page opened without the token: every call answers with what to do, so the app's
 * ordinary error display tells the person, instead of a blank page.
 */
export function createMissingTokenBridge(message: string): FulcrumBridge {
  const reply = async (): Promise<Reply<never>> => ({ ok: false, error: { code: 'ACCESS_DENIED', message } });
  const methods = Object.fromEntries(CHANNELS.map((c) => [c, reply]));
  return Object.freeze({
    ...methods,
    attachmentUpload: reply,
    attachmentThumbnail: reply,
    attachmentBytes: reply,
    armMicrophone: async () => {},
    releaseMicrophone: async () => {},
    subscribe: () => () => {},
    transport: 'browser' as const,
  }) as unknown as FulcrumBridge;
}
