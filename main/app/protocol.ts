/**
 * `app://fulcrum/…` serves the built renderer (dist/renderer) with the CSP and security headers —
 * instead of file://, which would give the page the whole disk as its origin — and attachments' bytes
 * from memory (attachment-protocol.ts).
 */
import fs from 'node:fs';
import type { CustomScheme, Session } from 'electron';
import { SECURITY_HEADERS, contentTypeOf, resolveStaticFile } from '../core/static.js';
import { APP_HOST, APP_SCHEME } from './policy.js';
import { isAttachmentPath, serveAttachment, type AttachmentSource } from './attachment-protocol.js';

/** Registered before `ready`: standard (real origin, relative URLs) and secure (like https). */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

const notFound = () => new Response('Not found', { status: 404, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });

/** `attachments`: where attachment routes read their bytes (attachment-protocol.ts); without it they are not served. */
export function registerAppProtocol(ses: Session, rendererDir: string, attachments?: AttachmentSource): void {
  ses.protocol.handle(APP_SCHEME, async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (url.host !== APP_HOST) return notFound();
    if (attachments && isAttachmentPath(url.pathname)) return serveAttachment(request, url.pathname, attachments);
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound();
    const file = resolveStaticFile(rendererDir, url.pathname);
    if (!file) return notFound();
    try {
      const data = await fs.promises.readFile(file);
      return new Response(request.method === 'HEAD' ? null : data, {
        status: 200,
        headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(file) },
      });
    } catch {
      return notFound();
    }
  });
}
