import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FulcrumError } from '../../shared/errors.js';
import { openDatabase } from '../../main/core/db/index.js';
import { Vault } from '../../main/core/vault/index.js';
import { OTHER_PASSPHRASE, PASSPHRASE, filesContaining, snapshotDir, tempDir, testVault } from '../helpers/files.js';

const addPerson = (v: Vault, name = 'Sam') =>
  v.database().prepare("INSERT INTO people (name, kind, color, created_at, updated_at) VALUES (?, 'other', '#000000', 1, 1)").run(name);
const countPeople = (v: Vault) => v.database().prepare('SELECT count(*) FROM people').pluck().get();

function expectSame(before: Map<string, Buffer>, after: Map<string, Buffer>) {
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [name, bytes] of before) expect(after.get(name)?.equals(bytes), `${name} changed`).toBe(true);
}

async function lockedJournal() {
  let now = 1_700_000_000_000;
  const dir = tempDir();
  const v = testVault(dir, { now: () => now });
  const { recoveryKey } = await v.create(PASSPHRASE);
  addPerson(v);
  v.lock();
  return { v, dir, recoveryKey, advance: (ms: number) => (now += ms) };
}

describe('the vault', () => {
  it('creates data files readable by the user only, in a private folder', async () => {
    const { dir } = await lockedJournal();
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    for (const f of fs.readdirSync(dir)) {
      expect(fs.statSync(path.join(dir, f)).mode & 0o777, f).toBe(0o600);
    }
    expect(fs.readdirSync(dir).sort()).toEqual(['journal.db', 'vault.json']);
  });

  it('keeps no secret in vault.json and an encrypted header on the database', async () => {
    const { dir } = await lockedJournal();
    const vault = JSON.parse(fs.readFileSync(path.join(dir, 'vault.json'), 'utf8'));
    expect(Object.keys(vault.passphrase.wrapped).sort()).toEqual(['iv', 'key', 'tag']);
    expect(vault.passphrase.kdf.algorithm).toBe('argon2id');
    const head = fs.readFileSync(path.join(dir, 'journal.db')).subarray(0, 16).toString('latin1');
    expect(head).not.toBe('SQLite format 3\u0000');
  });

  it('refuses a wrong passphrase 100 times and leaves every journal file byte-identical', async () => {
    const { v, dir, advance } = await lockedJournal();
    const before = snapshotDir(dir);
    for (let i = 0; i < 100; i++) {
      advance(120_000); // past any throttle delay
      await expect(v.unlock({ passphrase: `${OTHER_PASSPHRASE} ${i}` })).rejects.toMatchObject({ code: 'WRONG_SECRET' });
    }
    expect(v.unlocked).toBe(false);
    // Only the throttle's count and time were written, beside the journal: nothing of what was typed.
    const after = snapshotDir(dir);
    expect(JSON.parse(after.get('throttle.json')!.toString())).toEqual({ failures: 100, lastFailureAt: expect.any(Number) });
    after.delete('throttle.json');
    expectSame(before, after);
    advance(120_000);
    await v.unlock({ passphrase: PASSPHRASE });
    expect(countPeople(v)).toBe(1);
  });

  it('slows repeated failures down with growing delays, and says how long to wait', async () => {
    const { v, advance } = await lockedJournal();
    for (let i = 0; i < 3; i++) await expect(v.unlock({ passphrase: 'nope nope nope' })).rejects.toMatchObject({ code: 'WRONG_SECRET' });
    const err = await v.unlock({ passphrase: PASSPHRASE }).catch((e: FulcrumError) => e);
    expect(err).toMatchObject({ code: 'THROTTLED' });
    expect(v.status().retryAfterMs).toBeGreaterThan(0);
    advance(v.status().retryAfterMs);
    await v.unlock({ passphrase: PASSPHRASE });
    expect(v.unlocked).toBe(true);
  });

  it('unlocks with the recovery key, forgiving case, spaces and look-alike letters', async () => {
    const { v, recoveryKey } = await lockedJournal();
    const sloppy = recoveryKey.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    await v.unlock({ recoveryKey: sloppy });
    expect(countPeople(v)).toBe(1);
  });

  it('tells a typo in the recovery key apart from a wrong key', async () => {
    const { v, recoveryKey } = await lockedJournal();
    const chars = recoveryKey.split('');
    chars[0] = chars[0] === 'A' ? 'B' : 'A';
    await expect(v.unlock({ recoveryKey: chars.join('') })).rejects.toThrow(/typo/);
    await expect(v.unlock({ recoveryKey: 'not a key' })).rejects.toMatchObject({ code: 'WRONG_SECRET' });
  });

  it('refuses a weak passphrase with a reason and creates nothing', async () => {
    const dir = tempDir();
    const v = testVault(dir);
    await expect(v.create('password1')).rejects.toMatchObject({ code: 'WEAK_PASSPHRASE' });
    await expect(v.create('aaaaaaaaaaaaaaaa')).rejects.toMatchObject({ code: 'WEAK_PASSPHRASE' });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses to create a second journal over an existing one', async () => {
    const { v, dir } = await lockedJournal();
    const before = snapshotDir(dir);
    await expect(v.create(OTHER_PASSPHRASE)).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expectSame(before, snapshotDir(dir));
  });

  describe('changing the passphrase', () => {
    it('rotates the data key: the old passphrase, an old vault copy and the old recovery key open nothing current', async () => {
      const { v, dir, recoveryKey: oldRecovery } = await lockedJournal();
      const oldVault = fs.readFileSync(path.join(dir, 'vault.json'));
      await v.unlock({ passphrase: PASSPHRASE });
      const phases: string[] = [];
      const { recoveryKey } = await v.changePassphrase(PASSPHRASE, OTHER_PASSPHRASE, (p) => phases.push(p.phase));
      expect(phases).toEqual(expect.arrayContaining(['verifying', 're-encrypting', 'checking', 'saving']));
      addPerson(v, 'after');
      v.lock();
      expect(fs.readdirSync(dir).sort()).toEqual(['journal.db', 'vault.json']);

      await expect(v.unlock({ passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'WRONG_SECRET' });
      await expect(v.unlock({ recoveryKey: oldRecovery })).rejects.toMatchObject({ code: 'WRONG_SECRET' });

      // The person who knew the old passphrase kept a copy of the old vault.json: it unwraps the OLD
      // data key, which no longer decrypts the database.
      const attacker = tempDir();
      fs.copyFileSync(path.join(dir, 'journal.db'), path.join(attacker, 'journal.db'));
      fs.writeFileSync(path.join(attacker, 'vault.json'), oldVault);
      const stolen = testVault(attacker);
      await expect(stolen.unlock({ passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'CORRUPT' });

      await v.unlock({ passphrase: OTHER_PASSPHRASE });
      expect(countPeople(v)).toBe(2);
      v.lock();
      await v.unlock({ recoveryKey });
      expect(countPeople(v)).toBe(2);
    });

    it('refuses a wrong current passphrase and changes nothing', async () => {
      const { v, dir } = await lockedJournal();
      await v.unlock({ passphrase: PASSPHRASE });
      v.database().pragma('wal_checkpoint(TRUNCATE)');
      const before = fs.readFileSync(path.join(dir, 'vault.json'));
      await expect(v.changePassphrase('not my passphrase at all', OTHER_PASSPHRASE)).rejects.toMatchObject({ code: 'WRONG_SECRET' });
      await expect(v.changePassphrase(PASSPHRASE, 'weak')).rejects.toMatchObject({ code: 'WEAK_PASSPHRASE' });
      expect(fs.readFileSync(path.join(dir, 'vault.json')).equals(before)).toBe(true);
      expect(countPeople(v)).toBe(1);
    });

    it('recovers from a crash at any step of the rotation', async () => {
      // State A: crash after writing the re-encrypted copy, before the swap → old pair is current.
      const a = await lockedJournal();
      fs.writeFileSync(path.join(a.dir, 'journal.db.rotating'), randomBytes(8192));
      fs.writeFileSync(path.join(a.dir, 'vault.next.json'), '{"half": "written"}');
      await a.v.unlock({ passphrase: PASSPHRASE });
      expect(countPeople(a.v)).toBe(1);
      expect(fs.readdirSync(a.dir).filter((f) => !f.endsWith('-wal') && !f.endsWith('-shm')).sort()).toEqual(['journal.db', 'vault.json']);

      // State B: a restore interrupted after its database swap, before vault.next.json replaced
      // vault.json: only the restored vault opens the database now.
      const b = await lockedJournal();
      await b.v.unlock({ passphrase: PASSPHRASE });
      const oldVault = fs.readFileSync(path.join(b.dir, 'vault.json'));
      await b.v.changePassphrase(PASSPHRASE, OTHER_PASSPHRASE);
      b.v.lock();
      fs.renameSync(path.join(b.dir, 'vault.json'), path.join(b.dir, 'vault.next.json'));
      fs.writeFileSync(path.join(b.dir, 'vault.json'), oldVault);
      const fresh = testVault(b.dir, { now: () => 0 });
      // The old passphrase is simply wrong now (not "damaged"), and the half-finished state stays put.
      const beforeOld = snapshotDir(b.dir);
      await expect(fresh.unlock({ passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'WRONG_SECRET' });
      fs.rmSync(path.join(b.dir, 'throttle.json'));
      expectSame(beforeOld, snapshotDir(b.dir));
      await fresh.unlock({ passphrase: OTHER_PASSPHRASE });
      expect(countPeople(fresh)).toBe(1);
      expect(fs.existsSync(path.join(b.dir, 'vault.next.json'))).toBe(false);
      fresh.lock();
      await expect(fresh.unlock({ passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'WRONG_SECRET' });
    });

    it('issues a new recovery key on its own: the old one opens nothing, the passphrase still works', async () => {
      const { v, dir, recoveryKey } = await lockedJournal();
      await v.unlock({ passphrase: PASSPHRASE });
      await expect(v.newRecoveryKey('not my passphrase at all')).rejects.toMatchObject({ code: 'WRONG_SECRET' });
      const { recoveryKey: fresh } = await v.newRecoveryKey(PASSPHRASE);
      expect(fresh).not.toBe(recoveryKey);
      expect(countPeople(v)).toBe(1);
      v.lock();
      const other = testVault(dir);
      await expect(other.unlock({ recoveryKey })).rejects.toMatchObject({ code: 'WRONG_SECRET' });
      await other.unlock({ recoveryKey: fresh });
      other.lock();
      await other.unlock({ passphrase: PASSPHRASE });
      expect(countPeople(other)).toBe(1);
    });

    it('changes the passphrase given the recovery key instead of the passphrase', async () => {
      const { v, dir, recoveryKey } = await lockedJournal();
      expect(await v.unlock({ recoveryKey })).toMatchObject({ usedRecoveryKey: true });
      expect(v.mustChangePassphrase).toBe(true);
      await v.changePassphrase({ recoveryKey }, OTHER_PASSPHRASE);
      expect(v.mustChangePassphrase).toBe(false);
      v.lock();
      const other = testVault(dir);
      await expect(other.unlock({ passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'WRONG_SECRET' });
      expect(await other.unlock({ passphrase: OTHER_PASSPHRASE })).toMatchObject({ usedRecoveryKey: false });
    });
  });

  describe('the recovery key until it is confirmed', () => {
    it('stays sealed in vault.json and is offered again after a restart, until one group is typed back', async () => {
      const dir = tempDir();
      const v = testVault(dir);
      const { recoveryKey } = await v.create(PASSPHRASE);
      // Nothing readable on disk: the key's text appears in no file, in no encoding.
      v.lock();
      expect(filesContaining(dir, recoveryKey)).toEqual([]);
      expect(filesContaining(dir, recoveryKey.replace(/-/g, ''))).toEqual([]);

      const again = testVault(dir);
      expect(await again.unlock({ passphrase: PASSPHRASE })).toMatchObject({ pendingRecoveryKey: true });
      expect(again.pendingRecoveryKey()).toBe(recoveryKey);
      const groups = recoveryKey.split('-');
      expect(() => again.confirmRecoveryKey(3, groups[4]!)).toThrow(/not group 3/);
      expect(again.pendingRecoveryKey()).toBe(recoveryKey);
      again.confirmRecoveryKey(3, ` ${groups[2]!.toLowerCase()} `);
      expect(again.pendingRecoveryKey()).toBeNull();
      again.lock();

      const later = testVault(dir);
      expect(await later.unlock({ passphrase: PASSPHRASE })).toMatchObject({ pendingRecoveryKey: false });
      expect(later.pendingRecoveryKey()).toBeNull();
      later.lock();
      expect(() => later.pendingRecoveryKey()).toThrow(FulcrumError);
    });

    it('a passphrase change issues a new pending key, sealed under the new data key', async () => {
      const { v, dir } = await lockedJournal();
      await v.unlock({ passphrase: PASSPHRASE });
      const { recoveryKey } = await v.changePassphrase(PASSPHRASE, OTHER_PASSPHRASE);
      v.lock();
      expect(filesContaining(dir, recoveryKey)).toEqual([]);
      const again = testVault(dir);
      await again.unlock({ passphrase: OTHER_PASSPHRASE });
      expect(again.pendingRecoveryKey()).toBe(recoveryKey);
    });
  });

  describe('the unlock throttle', () => {
    it('survives a restart: a new vault on the same folder keeps the count and the wait', async () => {
      let now = 1_700_000_000_000;
      const dir = tempDir();
      const first = testVault(dir, { now: () => now });
      await first.create(PASSPHRASE);
      first.lock();
      for (let i = 0; i < 4; i++) {
        // A restart between every guess: each guess is made by a fresh instance.
        const guesser = testVault(dir, { now: () => now });
        if (guesser.retryAfterMs() > 0) now += guesser.retryAfterMs();
        await expect(guesser.unlock({ passphrase: `wrong guess ${i} x y z` })).rejects.toMatchObject({ code: 'WRONG_SECRET' });
      }
      const restarted = testVault(dir, { now: () => now });
      // Four failures in a row: 2 s to wait, even though this instance never saw one of them.
      expect(restarted.retryAfterMs()).toBe(2000);
      expect(restarted.status().retryAfterMs).toBe(2000);
      await expect(restarted.unlock({ passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'THROTTLED' });
      const state = JSON.parse(fs.readFileSync(path.join(dir, 'throttle.json'), 'utf8'));
      expect(state).toEqual({ failures: 4, lastFailureAt: now });
      now += 2000;
      await restarted.unlock({ passphrase: PASSPHRASE });
      // A success resets it, on disk too.
      expect(fs.existsSync(path.join(dir, 'throttle.json'))).toBe(false);
      restarted.lock();
      expect(testVault(dir, { now: () => now }).retryAfterMs()).toBe(0);
    });

    it('never waits longer than the delay when the stored time is in the future (a clock set back)', async () => {
      const dir = tempDir();
      const v = testVault(dir);
      await v.create(PASSPHRASE);
      v.lock();
      fs.writeFileSync(path.join(dir, 'throttle.json'), JSON.stringify({ failures: 5, lastFailureAt: Date.now() + 365 * 86_400_000 }));
      expect(testVault(dir).retryAfterMs()).toBe(4000);
      fs.writeFileSync(path.join(dir, 'throttle.json'), '{ not json');
      expect(testVault(dir).retryAfterMs()).toBe(0);
    });
  });

  describe('damaged, foreign and missing files', () => {
    const cases: [string, (dir: string) => void, RegExp][] = [
      ['a truncated database', (d) => fs.truncateSync(path.join(d, 'journal.db'), 5000), /truncated/],
      ['random bytes in place of the database', (d) => fs.writeFileSync(path.join(d, 'journal.db'), randomBytes(8192)), /cannot be decrypted/],
      [
        'a plain unencrypted SQLite file in place of the database',
        (d) => {
          fs.rmSync(path.join(d, 'journal.db'));
          const plain = new Database(path.join(d, 'journal.db'));
          plain.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
          plain.close();
        },
        /unencrypted SQLite/,
      ],
      ['a missing database', (d) => fs.rmSync(path.join(d, 'journal.db')), /missing/],
      ['a missing vault file', (d) => fs.rmSync(path.join(d, 'vault.json')), /vault\.json\) is missing/],
      ['a vault file that is not JSON', (d) => fs.writeFileSync(path.join(d, 'vault.json'), '{ not json'), /not valid JSON/],
      ['a vault file of another program', (d) => fs.writeFileSync(path.join(d, 'vault.json'), '{"hello": "world"}'), /not a Fulcrum key file/],
      [
        'a vault file with a damaged field',
        (d) => {
          const v = JSON.parse(fs.readFileSync(path.join(d, 'vault.json'), 'utf8'));
          v.passphrase.kdf.salt = '***';
          fs.writeFileSync(path.join(d, 'vault.json'), JSON.stringify(v));
        },
        /damaged/,
      ],
    ];
    for (const [what, damage, message] of cases) {
      it(`refuses ${what} with a clear message and leaves the files untouched`, async () => {
        const { dir } = await lockedJournal();
        damage(dir);
        const before = snapshotDir(dir);
        const v = testVault(dir);
        // Without the key only the files' presence and the vault's shape can be judged.
        const knowable = /missing|JSON|key file|damaged/.test(message.source);
        if (knowable) expect(v.status().problem).toMatch(message);
        expect(v.status().exists).toBe(true);
        const err = await v.unlock({ passphrase: PASSPHRASE }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(FulcrumError);
        expect((err as FulcrumError).code).toMatch(/CORRUPT|NO_JOURNAL/);
        expect((err as FulcrumError).message).toMatch(message);
        expect((err as FulcrumError).message).toMatch(/Nothing was changed|Restore/);
        expectSame(before, snapshotDir(dir));
      });
    }

    it('refuses the vault of another journal beside this database', async () => {
      const mine = await lockedJournal();
      const theirs = await lockedJournal();
      fs.copyFileSync(path.join(theirs.dir, 'vault.json'), path.join(mine.dir, 'vault.json'));
      const before = snapshotDir(mine.dir);
      await expect(testVault(mine.dir).unlock({ passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'CORRUPT' });
      expectSame(before, snapshotDir(mine.dir));
    });

    it('reports a flipped byte inside a page as an error, never as silent data', async () => {
      const { v, dir } = await lockedJournal();
      await v.unlock({ passphrase: PASSPHRASE });
      const insert = v.database().prepare("INSERT INTO people (name, kind, color, notes, created_at, updated_at) VALUES ('p', 'other', '#000000', ?, 1, 1)");
      for (let i = 0; i < 200; i++) insert.run('n'.repeat(500));
      v.lock();
      const file = path.join(dir, 'journal.db');
      const bytes = fs.readFileSync(file);
      const offset = bytes.length - 4096 + 700; // inside the last page
      bytes[offset] = bytes[offset]! ^ 0x40;
      fs.writeFileSync(file, bytes);
      const readAll = async () => {
        await v.unlock({ passphrase: PASSPHRASE });
        return v.database().prepare('SELECT notes FROM people').all();
      };
      await expect(readAll()).rejects.toThrow();
    });

    it('refuses a database written by a newer Fulcrum and leaves it untouched', async () => {
      const { v, dir } = await lockedJournal();
      await v.unlock({ passphrase: PASSPHRASE });
      v.database().pragma('user_version = 999');
      v.lock();
      const before = snapshotDir(dir);
      const err = await v.unlock({ passphrase: PASSPHRASE }).catch((e: FulcrumError) => e);
      expect(err).toMatchObject({ code: 'TOO_NEW' });
      expect((err as FulcrumError).message).toMatch(/newer version of Fulcrum/);
      expect(v.unlocked).toBe(false);
      expectSame(before, snapshotDir(dir));
    });

    it('refuses a vault file from a newer Fulcrum', async () => {
      const { dir } = await lockedJournal();
      const file = path.join(dir, 'vault.json');
      const vault = JSON.parse(fs.readFileSync(file, 'utf8'));
      fs.writeFileSync(file, JSON.stringify({ ...vault, version: 7 }));
      await expect(testVault(dir).unlock({ passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'TOO_NEW' });
    });
  });

  it('opens the database with the SQLCipher v4 scheme and a SQLite3MultipleCiphers build that we know', async () => {
    const { v } = await lockedJournal();
    await v.unlock({ passphrase: PASSPHRASE });
    const row = v.database().prepare('SELECT sqlite3mc_version() AS mc').get() as { mc: string };
    expect(row.mc).toMatch(/SQLite3 Multiple Ciphers \d+\.\d+\.\d+/);
    expect(v.database().pragma('cipher', { simple: true })).toBe('sqlcipher');
    expect(v.database().pragma('journal_mode', { simple: true })).toBe('wal');
    expect(v.database().pragma('secure_delete', { simple: true })).toBe(1);
    expect(v.database().pragma('temp_store', { simple: true })).toBe(2);
    expect(v.database().pragma('foreign_keys', { simple: true })).toBe(1);
    expect(v.database().pragma('synchronous', { simple: true })).toBe(2);
  });

  it('zeroes the data key and closes the database on lock', async () => {
    const { v } = await lockedJournal();
    await v.unlock({ passphrase: PASSPHRASE });
    let seen: Buffer | null = null;
    v.withDataKey((k) => (seen = k));
    const db = v.database();
    v.lock();
    expect(db.open).toBe(false);
    expect(seen!.equals(Buffer.alloc(32))).toBe(true);
    expect(() => v.database()).toThrow(/locked/);
  });

  it('opens nothing with a key that is not the journal key', async () => {
    const { dir } = await lockedJournal();
    expect(() => openDatabase(path.join(dir, 'journal.db'), randomBytes(32))).toThrow(/cannot be decrypted/);
  });
});
