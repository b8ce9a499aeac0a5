import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/errors.js';
import {
  Credentials,
  STATUS_FOR,
  bearerOf,
  bodyLimitFor,
  hostAllowed,
  isJsonContentType,
  loopbackBindAddress,
  newToken,
  originAllowed,
} from '../../main/web/guards.js';

describe('browser-mode guards', () => {
  it('makes a fresh 256-bit token per launch', () => {
    const a = newToken();
    const b = newToken();
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
  });

  it('accepts only the exact secret, in an exact Bearer header', () => {
    const c = new Credentials();
    const session = c.exchange(c.mintLaunch())!;
    expect(c.isSession(bearerOf(`Bearer ${session}`))).toBe(true);
    expect(c.isSession(bearerOf(`Bearer ${newToken()}`))).toBe(false);
    expect(c.isSession(bearerOf(`Bearer ${session.slice(0, -1)}`))).toBe(false);
    expect(c.isSession(bearerOf(`Bearer ${session}x`))).toBe(false);
    expect(c.isSession(bearerOf(`bearer ${session}`))).toBe(false);
    expect(c.isSession(bearerOf(`Basic ${session}`))).toBe(false);
    expect(c.isSession(bearerOf(`Bearer  ${session}`))).toBe(false);
    expect(c.isSession(bearerOf(undefined))).toBe(false);
    expect(c.isSession(bearerOf(''))).toBe(false);
  });

  it('trades a launch token once, never takes one as a session, and forgets a revoked session', () => {
    const c = new Credentials();
    const launch = c.mintLaunch();
    expect(c.isLaunch(launch)).toBe(true);
    expect(c.isSession(launch)).toBe(false);
    const session = c.exchange(launch);
    expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(c.isLaunch(launch)).toBe(false);
    expect(c.exchange(launch)).toBeNull();
    expect(c.isLaunch(session)).toBe(false);
    expect(c.exchange(session)).toBeNull();
    c.revoke(session!);
    expect(c.isSession(session)).toBe(false);
    expect(c.mintLaunch('fixed-token-for-tests-aaaaaaaaaa')).toBe('fixed-token-for-tests-aaaaaaaaaa');
  });

  it('allows only the loopback host with our port (a DNS-rebinding page has a foreign Host)', () => {
    expect(hostAllowed('127.0.0.1:4000', 4000)).toBe(true);
    expect(hostAllowed('localhost:4000', 4000)).toBe(true);
    expect(hostAllowed('127.0.0.1:4001', 4000)).toBe(false);
    expect(hostAllowed('127.0.0.1', 4000)).toBe(false);
    expect(hostAllowed('evil.example:4000', 4000)).toBe(false);
    expect(hostAllowed('127.0.0.1.evil.example:4000', 4000)).toBe(false);
    expect(hostAllowed('0.0.0.0:4000', 4000)).toBe(false);
    expect(hostAllowed(undefined, 4000)).toBe(false);
  });

  it('allows no Origin or our own, and refuses any other (including "null")', () => {
    expect(originAllowed(undefined, 4000)).toBe(true);
    expect(originAllowed('http://127.0.0.1:4000', 4000)).toBe(true);
    expect(originAllowed('http://localhost:4000', 4000)).toBe(true);
    expect(originAllowed('https://127.0.0.1:4000', 4000)).toBe(false);
    expect(originAllowed('http://127.0.0.1:4001', 4000)).toBe(false);
    expect(originAllowed('http://evil.example', 4000)).toBe(false);
    expect(originAllowed('null', 4000)).toBe(false);
  });

  it('binds only to loopback: 127.0.0.1, localhost and ::1 all mean 127.0.0.1, anything else is refused', () => {
    expect(loopbackBindAddress(undefined)).toBe('127.0.0.1');
    expect(loopbackBindAddress('127.0.0.1')).toBe('127.0.0.1');
    expect(loopbackBindAddress('localhost')).toBe('127.0.0.1');
    expect(loopbackBindAddress('::1')).toBe('127.0.0.1');
    expect(loopbackBindAddress('[::1]')).toBe('127.0.0.1');
    for (const h of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.com', '127.0.0.2', '0']) {
      expect(loopbackBindAddress(h), h).toBeNull();
    }
  });

  it('maps every error code to a 4xx/5xx, and a wrong passphrase is never the token 401', () => {
    for (const code of ERROR_CODES) {
      expect(STATUS_FOR[code], code).toBeGreaterThanOrEqual(400);
      expect(STATUS_FOR[code], code).toBeLessThan(600);
    }
    expect(STATUS_FOR.WRONG_SECRET).not.toBe(401);
    expect(Object.entries(STATUS_FOR).filter(([, s]) => s === 401)).toEqual([]);
    expect(STATUS_FOR.VALIDATION).toBe(400);
    expect(STATUS_FOR.LOCKED).toBe(423);
    expect(STATUS_FOR.THROTTLED).toBe(429);
    expect(STATUS_FOR.DISK_FULL).toBe(507);
    expect(STATUS_FOR.INTERNAL).toBe(500);
  });

  it('takes JSON only, and gives whole-file calls a larger body limit', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('application/json; charset=utf-8')).toBe(true);
    expect(isJsonContentType('Application/JSON; charset=UTF-8')).toBe(true);
    expect(isJsonContentType('text/plain')).toBe(false);
    expect(isJsonContentType('application/x-www-form-urlencoded')).toBe(false);
    expect(isJsonContentType('application/json; charset=latin1')).toBe(false);
    expect(isJsonContentType(undefined)).toBe(false);
    expect(bodyLimitFor('import.json')).toBeGreaterThan(bodyLimitFor('entries.create'));
  });
});
