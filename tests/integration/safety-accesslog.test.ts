import fs from 'node:fs';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { ACCESS_LOG_FILE, ACCESS_LOG_MAX_BYTES, openAttempt, sealAttempt } from '../../main/core/safety/index.js';
import { readVaultFile } from '../../main/core/vault/index.js';
import { OTHER_PASSPHRASE, PASSPHRASE, callOf, createdService, tempDir, testService } from '../helpers/journal.js';

const T0 = Date.UTC(2025, 2, 4, 21, 40, 12, 345);

/** A journal whose clock we move by hand (throttling waits between failed attempts). */
async function journal(dataDir = tempDir()) {
  let now = T0;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const made = await createdService(dataDir, { now: clock.now, ports: { log: () => {}, now: clock.now } });
  return { ...made, clock, unlock: (secret: object) => unlockAfterWait(made.service, clock, secret) };
}

/** Every way a timestamp could be written in clear. */
function plaintextForms(at: number): Buffer[] {
  const d = new Date(at);
  const be = Buffer.alloc(8);
  be.writeBigInt64BE(BigInt(at));
  const le = Buffer.alloc(8);
  le.writeBigInt64LE(BigInt(at));
  return [
    Buffer.from(String(at)),
    Buffer.from(String(Math.floor(at / 1000))),
    Buffer.from(d.toISOString()),
    Buffer.from(d.toISOString().slice(0, 16)),
    Buffer.from(d.toUTCString()),
    be,
    le,
  ];
}

/** Unlocks with the right secret once throttling allows it. */
async function unlockAfterWait(service: ReturnType<typeof testService>, clock: { advance(ms: number): number }, secret: object): Promise<{ failedAttempts: number[] }> {
  clock.advance(61_000);
  return callOf(service)<{ failedAttempts: number[] }>('vault.unlock', secret);
}

async function failTimes(service: ReturnType<typeof testService>, clock: { advance(ms: number): number; now(): number }, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    clock.advance(61_000); // past any throttling delay
    times.push(clock.now());
    const r = await service.dispatch('vault.unlock', { passphrase: `wrong passphrase number ${i}` });
    expect(r).toMatchObject({ ok: false, error: { code: 'WRONG_SECRET' } });
  }
  return times;
}

describe('access log: failed unlock attempts, sealed while locked', () => {
  it('creates the key pair with the journal: the public half in vault.json, the private half only inside the database', async () => {
    const { dataDir, service } = await journal();
    const vault = readVaultFile(path.join(dataDir, 'vault.json'));
    expect(vault.accessLog?.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = service.vault.database().prepare("SELECT value FROM meta WHERE key = 'access_log_key'").pluck().get() as string;
    expect(JSON.parse(stored)).toMatchObject({ kty: 'OKP', crv: 'X25519', x: vault.accessLog!.publicKey, d: expect.any(String) });
    // The private half is nowhere in the folder in the clear.
    const d = (JSON.parse(stored) as { d: string }).d;
    for (const f of fs.readdirSync(dataDir)) expect(fs.readFileSync(path.join(dataDir, f)).includes(Buffer.from(d)), f).toBe(false);
  });

  it('records each failed attempt while locked, without any readable time, 0600, and shows them after the next unlock', async () => {
    const { dataDir, service, call, clock , unlock } = await journal();
    await call('vault.lock');
    const times = await failTimes(service, clock, 3);

    const log = path.join(dataDir, ACCESS_LOG_FILE);
    const bytes = fs.readFileSync(log);
    expect(bytes.toString('latin1').trim().split('\n')).toHaveLength(3);
    if (process.platform !== 'win32') expect(fs.statSync(log).mode & 0o777).toBe(0o600);
    for (const at of times) for (const form of plaintextForms(at)) expect(bytes.includes(form), form.toString('hex')).toBe(false);
    // Nothing in the folder says when: vault.json and the database were not touched either.
    const unlocked = await unlock({ passphrase: PASSPHRASE });
    expect(unlocked.failedAttempts).toEqual(times);
    expect(fs.existsSync(log)).toBe(false);
  });

  it('keeps showing them until dismissed, then not again', async () => {
    const { service, call, clock , unlock } = await journal();
    await call('vault.lock');
    const times = await failTimes(service, clock, 2);
    expect((await unlock({ passphrase: PASSPHRASE })).failedAttempts).toEqual(times);
    await call('vault.lock');
    expect((await unlock({ passphrase: PASSPHRASE })).failedAttempts).toEqual(times);
    expect(await call('safety.failedAttempts')).toEqual(times);
    await call('safety.acknowledgeFailedAttempts', { upTo: times.at(-1)! });
    expect(await call('safety.failedAttempts')).toEqual([]);
    await call('vault.lock');
    expect((await unlock({ passphrase: PASSPHRASE })).failedAttempts).toEqual([]);
  });

  it('survives a restart of the app while locked', async () => {
    const { dataDir, service, call, clock } = await journal();
    await call('vault.lock');
    const first = await failTimes(service, clock, 2);
    // A new process on the same folder (the in-memory throttle starts over; the log does not).
    const again = testService(dataDir, { now: clock.now, ports: { log: () => {}, now: clock.now } });
    const second = await failTimes(again, clock, 1);
    const reply = await unlockAfterWait(again, clock, { passphrase: PASSPHRASE });
    expect(reply.failedAttempts).toEqual([...first, ...second]);
  });

  it('records wrong recovery keys too', async () => {
    const { service, call, clock, recoveryKey , unlock } = await journal();
    await call('vault.lock');
    clock.advance(1000);
    // Same shape and checksum-valid is not needed: a well-formed wrong key is one that unwraps nothing.
    const other = (await createdService()).recoveryKey;
    expect(other).not.toBe(recoveryKey);
    const at = clock.now();
    const r = await service.dispatch('vault.unlock', { recoveryKey: other });
    expect(r).toMatchObject({ ok: false, error: { code: 'WRONG_SECRET' } });
    expect((await unlock({ recoveryKey })).failedAttempts).toEqual([at]);
  });

  it('cannot be read without the key inside the database', async () => {
    const { dataDir, service, clock, call } = await journal();
    const journalId = service.vault.journalId;
    await call('vault.lock');
    const [at] = await failTimes(service, clock, 1);
    const line = fs.readFileSync(path.join(dataDir, ACCESS_LOG_FILE), 'latin1').trim();
    // Everything readable while locked: vault.json (with the public key) and the line itself.
    const stranger = generateKeyPairSync('x25519').privateKey;
    expect(openAttempt(line, stranger, journalId)).toBeNull();
    // The journal's own private key opens it (so the check above could have succeeded).
    const { createPrivateKey } = await import('node:crypto');
    await call('vault.unlock', { passphrase: PASSPHRASE });
    const jwk = JSON.parse(service.vault.database().prepare("SELECT value FROM meta WHERE key = 'access_log_key'").pluck().get() as string) as Record<string, string>;
    expect(openAttempt(line, createPrivateKey({ key: jwk, format: 'jwk' }), journalId)).toBe(at);
    // Bound to its journal: the same line claimed for another journal id does not open.
    expect(openAttempt(line, createPrivateKey({ key: jwk, format: 'jwk' }), '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('skips damaged, foreign and garbage lines, and never blocks the unlock', async () => {
    const { dataDir, service, clock, call , unlock } = await journal();
    await call('vault.lock');
    const [at] = await failTimes(service, clock, 1);
    const log = path.join(dataDir, ACCESS_LOG_FILE);
    const good = fs.readFileSync(log, 'latin1').trim();
    const flipped = good.slice(0, 40) + (good[40] === 'A' ? 'B' : 'A') + good.slice(41);
    const foreign = sealAttempt(Buffer.from(generateKeyPairSync('x25519').publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('base64url'), service.vault.dataDir, T0);
    fs.writeFileSync(log, ['garbage', flipped, '', 'v1.' + 'A'.repeat(91), foreign, '\u0000\u00ff binary', good, 'v1.!!!', 'x'.repeat(5000)].join('\n'));
    const reply = await unlock({ passphrase: PASSPHRASE });
    expect(reply.failedAttempts).toEqual([at]);
    expect(fs.existsSync(log)).toBe(false);
  });

  it('unlocks normally when the log is a huge planted file, reading only its start', async () => {
    const { dataDir, call , unlock } = await journal();
    await call('vault.lock');
    const log = path.join(dataDir, ACCESS_LOG_FILE);
    fs.writeFileSync(log, Buffer.alloc(8 * 1024 * 1024, 0x41));
    // Count what is read, not how long it takes: time belongs in the bench, bytes do not depend on the machine.
    const openSync = vi.spyOn(fs, 'openSync');
    const readSync = vi.spyOn(fs, 'readSync');
    const readFileSync = vi.spyOn(fs, 'readFileSync');
    try {
      const reply = await unlock({ passphrase: PASSPHRASE });
      expect(reply.failedAttempts).toEqual([]);
      const logFds = new Set(openSync.mock.calls.flatMap(([file], i) => (String(file) === log && openSync.mock.results[i]!.type === 'return' ? [openSync.mock.results[i]!.value as number] : [])));
      const bytesRead = readSync.mock.calls.reduce((sum, [fd], i) => {
        const r = readSync.mock.results[i]!;
        return sum + (logFds.has(fd) && r.type === 'return' ? (r.value as number) : 0);
      }, 0);
      expect(bytesRead).toBeGreaterThan(0); // the log was read…
      expect(bytesRead).toBeLessThanOrEqual(4 * ACCESS_LOG_MAX_BYTES); // …only its start
      expect(readFileSync.mock.calls.filter(([file]) => String(file) === log)).toEqual([]);
    } finally {
      openSync.mockRestore();
      readSync.mockRestore();
      readFileSync.mockRestore();
    }
  });

  it('stays bounded while locked', async () => {
    const { dataDir, service, clock, call , unlock } = await journal();
    await call('vault.lock');
    const log = path.join(dataDir, ACCESS_LOG_FILE);
    for (let i = 0; i < 800; i++) {
      clock.advance(61_000);
      await service.dispatch('vault.unlock', { passphrase: 'not the passphrase at all' });
    }
    expect(fs.statSync(log).size).toBeLessThanOrEqual(ACCESS_LOG_MAX_BYTES);
    const reply = await unlock({ passphrase: PASSPHRASE });
    expect(reply.failedAttempts.length).toBeGreaterThan(500);
    expect(reply.failedAttempts.length).toBeLessThan(800);
  });

  it('gives a journal made before the access log its key at the next unlock', async () => {
    const { dataDir, service, clock, call , unlock } = await journal();
    // As an older version left it: no key in the database, none in vault.json.
    service.vault.database().prepare("DELETE FROM meta WHERE key = 'access_log_key'").run();
    await call('vault.lock');
    const file = path.join(dataDir, 'vault.json');
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    delete v.accessLog;
    fs.writeFileSync(file, JSON.stringify(v));
    await failTimes(service, clock, 1); // cannot be recorded: no public key yet
    expect(fs.existsSync(path.join(dataDir, ACCESS_LOG_FILE))).toBe(false);
    expect((await unlock({ passphrase: PASSPHRASE })).failedAttempts).toEqual([]);
    expect(readVaultFile(file).accessLog?.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await call('vault.lock');
    const times = await failTimes(service, clock, 1);
    expect((await unlock({ passphrase: PASSPHRASE })).failedAttempts).toEqual(times);
  });

  it('keeps working after a passphrase change (the key stays with the journal)', async () => {
    const { dataDir, service, clock, call , unlock } = await journal();
    const before = readVaultFile(path.join(dataDir, 'vault.json')).accessLog?.publicKey;
    await call('vault.changePassphrase', { current: PASSPHRASE, next: OTHER_PASSPHRASE });
    expect(readVaultFile(path.join(dataDir, 'vault.json')).accessLog?.publicKey).toBe(before);
    await call('vault.lock');
    // The old passphrase is now a failed attempt.
    clock.advance(1000);
    const at = clock.now();
    const r = await service.dispatch('vault.unlock', { passphrase: PASSPHRASE });
    expect(r).toMatchObject({ ok: false, error: { code: 'WRONG_SECRET' } });
    expect((await unlock({ passphrase: OTHER_PASSPHRASE })).failedAttempts).toEqual([at]);
  });
});
