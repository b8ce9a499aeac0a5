import fs from 'node:fs';
import path from 'node:path';

/**
 * The renderer's Content-Security-Policy, sent by both hosts (the Electron `app://` protocol and the
 * browser-mode server): nothing but the app's own files; no inline script, no eval, no remote origin.
 * `blob:` for images and media: attachments are shown from bytes held in the page's memory (object
 * URLs), never from a URL that reaches a disk or the network. The PDF preview's worker is one of the
 * app's own files ('self', through script-src).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  'media-src blob:',
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers on every response of either host. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  // The microphone for a voice note, asked for only on the person's click (the browser asks too).
  'Permissions-Policy': 'camera=(), microphone=(self), geolocation=(), usb=(), serial=(), hid=(), payment=(), clipboard-read=()',
};

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path to a file inside `root`, or null. Refuses anything that could leave the folder:
 * `..` segments (raw or percent-encoded), backslashes, NUL bytes, dot-files, and symlinks pointing
 * outside. `/` is index.html; an extensionless path that is not a file is the app's own route, so it
 * gets index.html too.
 */
export function resolveStaticFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s.startsWith('.') || s.includes(':'))) return null;

  let realRoot: string;
  try {
    realRoot = fs.realpathSync(root);
  } catch {
    return null;
  }
  const inside = (p: string) => p === realRoot || p.startsWith(realRoot + path.sep);
  const candidate = segments.length === 0 ? path.join(realRoot, 'index.html') : path.join(realRoot, ...segments);
  const found = realFile(candidate);
  if (found) return inside(found) ? found : null;
  const last = segments.at(-1);
  if (last !== undefined && path.extname(last) === '') {
    const index = realFile(path.join(realRoot, 'index.html'));
    return index && inside(index) ? index : null;
  }
  return null;
}

function realFile(p: string): string | null {
  try {
    const real = fs.realpathSync(p);
    return fs.statSync(real).isFile() ? real : null;
  } catch {
    return null;
  }
}
