import { createHash, randomBytes } from 'node:crypto';
import type { ErrorCode } from '../../shared/errors.js';

/**
 * The browser-mode host's guards, as plain functions (unit-tested one by one in tests/unit/web-guards).
 * The host answers only a page that (1) holds a session secret traded for one of this launch's
 * tokens, (2) reached it through the loopback address and port it printed (a DNS-rebinding page has
 * a foreign Host) and (3) is not another origin.
 */

/** 256 random bits, base64url: goes in the URL fragment, so it is never sent in a request line or Referer. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** `Authorization: Bearer <token>` → token, or null. */
export function bearerOf(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer ([A-Za-z0-9_-]{1,256})$/.exec(header);
  return m ? m[1]! : null;
}

/**
 * The host's two kinds of secret. A launch token rides in a printed URL's fragment, so it ends up in
 * the browser's history and session files; it is therefore good for one thing only, once: the page
 * trades it (`POST /api/session`) for a session secret it keeps in memory, and every other call needs
 * that session secret. A launch token is never accepted on any other call, and a used one is gone.
 * Both are kept by their SHA-256, so a lookup's timing says nothing about the secret itself.
 */
export class Credentials {
  private readonly launch = new Set<string>();
  private readonly sessions = new Set<string>();

  /** A fresh single-use launch token (the CLI prints one; tests can ask for more). */
  mintLaunch(fixed?: string): string {
    const token = fixed ?? newToken();
    this.launch.add(digest(token));
    return token;
  }

  /** Is this an unused launch token? (Does not use it up.) */
  isLaunch(given: string | null): boolean {
    return given !== null && this.launch.has(digest(given));
  }

  /** Uses the launch token up and returns a new session secret, or null if it was not (or no longer) valid. */
  exchange(given: string | null): string | null {
    if (given === null || !this.launch.delete(digest(given))) return null;
    const session = newToken();
    this.sessions.add(digest(session));
    return session;
  }

  isSession(given: string | null): boolean {
    return given !== null && this.sessions.has(digest(given));
  }

  /** Ends a session: its secret is refused from now on. */
  revoke(session: string): void {
    this.sessions.delete(digest(session));
  }
}

const digest = (s: string) => createHash('sha256').update(s).digest('base64');

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'];

/** Host must be exactly the loopback address (or `localhost`) with our port. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return LOOPBACK_NAMES.some((name) => host.toLowerCase() === `${name}:${port}`);
}

/** Origin, when the browser sends one, must be this very host. (`null` — a sandboxed or file page — is refused.) */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return LOOPBACK_NAMES.some((name) => origin.toLowerCase() === `http://${name}:${port}`);
}

/**
 * `--host` values we accept. Whatever is asked, the server binds 127.0.0.1: `localhost` and `::1`
 * are taken as "loopback, please"; anything else is refused at start.
 */
export function loopbackBindAddress(host: string | undefined): string | null {
  if (host === undefined || host === '') return '127.0.0.1';
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === '127.0.0.1' || h === 'localhost' || h === '::1' ? '127.0.0.1' : null;
}

/**
 * HTTP status for each error code. WRONG_SECRET is 422, not 401, so a wrong passphrase is never
 * confused with a missing or wrong access token (the only 401). Data-folder states that conflict with
 * the call (no journal yet, one already there, damaged, foreign or too new) are 409.
 */
export const STATUS_FOR: Readonly<Record<ErrorCode, number>> = {
  VALIDATION: 400,
  UNKNOWN_CALL: 404,
  LOCKED: 423,
  NO_JOURNAL: 409,
  ALREADY_EXISTS: 409,
  WRONG_SECRET: 422,
  WEAK_PASSPHRASE: 422,
  THROTTLED: 429,
  NOT_FOUND: 404,
  CONFLICT: 409,
  CORRUPT: 409,
  FOREIGN: 409,
  TOO_NEW: 409,
  DISK_FULL: 507,
  IO: 500,
  IMPORT_INVALID: 422,
  CANCELLED: 409,
  INTERNAL: 500,
  ACCESS_DENIED: 403,
};

/** Default body limit, and the larger one for calls that carry a whole file (imports, restores). */
export const BODY_LIMIT = 4 * 1024 * 1024;
export const LARGE_BODY_LIMIT = 64 * 1024 * 1024;
const LARGE_BODY_PREFIXES = ['import.', 'backup.', 'restore.'];
export function bodyLimitFor(channel: string): number {
  return LARGE_BODY_PREFIXES.some((p) => channel.startsWith(p)) ? LARGE_BODY_LIMIT : BODY_LIMIT;
}

/** `application/json`, optionally with a UTF-8 charset. */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [type, ...params] = header.split(';').map((s) => s.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => p === '' || p === 'charset=utf-8');
}
