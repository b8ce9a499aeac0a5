import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PASSPHRASE, createdService, encodings, filesContaining } from '../helpers/journal.js';
import { decryptedPages } from '../helpers/plaintext.js';

/**
 * A unique phrase is written through the real API into every kind of thing a user types. After
 * lock no file in the data folder holds it in any encoding; after unlock the API returns it, so the
 * scan is known to be looking for something that really was written.
 */
const CANARY = 'Zebracanary Quokkaphrase 7731';
const canaryIn = (where: string) => `${CANARY} ${where}`;

describe('no plaintext on disk (canary)', () => {
  it('finds the phrase in no file after lock, and gets it back after unlock', async () => {
    const { service, dataDir, call } = await createdService();
    const person = await call<{ id: number }>('people.create', { name: canaryIn('person'), kind: 'romantic', color: '#0072B2', notes: canaryIn('notes') });
    const tag = await call<{ id: number }>('tags.create', { label: canaryIn('tag'), polarity: 'imbalance', category: 'other' });
    const entry = await call<{ id: number }>('entries.create', {
      occurredAt: Date.UTC(2025, 4, 1, 12),
      timeZone: 'Europe/Berlin',
      title: canaryIn('title'),
      body: canaryIn('body'),
      outcome: canaryIn('outcome'),
      personIds: [person.id],
      tagIds: [tag.id],
    });
    await call('checkins.save', { personId: person.id, week: '2025-04-28', heard: 2, note: canaryIn('check-in') });
    await call('drafts.save', { key: 'new', content: JSON.stringify({ body: canaryIn('draft') }) });

    // While unlocked the database pages on disk are still encrypted (WAL included).
    expect(filesContaining(dataDir, CANARY)).toEqual([]);
    expect(filesContaining(dataDir, 'Zebracanary')).toEqual([]);

    await call('vault.lock');
    expect(fs.readdirSync(dataDir).sort()).toEqual(['journal.db', 'vault.json']);
    expect(filesContaining(dataDir, CANARY)).toEqual([]);
    expect(filesContaining(dataDir, 'Zebracanary')).toEqual([]);
    expect(filesContaining(dataDir, 'Quokkaphrase')).toEqual([]);

    await call('vault.unlock', { passphrase: PASSPHRASE });
    const got = await call<{ title: string; body: string; outcome: string }>('entries.get', { id: entry.id });
    expect(got.title).toBe(canaryIn('title'));
    expect(got.body).toBe(canaryIn('body'));
    const people = await call<{ name: string }[]>('people.list', {});
    expect(people.map((p) => p.name)).toContain(canaryIn('person'));
    const checkins = await call<{ note: string }[]>('checkins.list', {});
    expect(checkins[0]?.note).toBe(canaryIn('check-in'));
    const draft = await call<{ content: string }>('drafts.get', { key: 'new' });
    expect(draft.content).toContain(canaryIn('draft'));
    // And the decrypted pages do hold it: the scan above was looking for something real.
    expect(encodings(CANARY).some((e) => decryptedPages(service.vault).includes(e))).toBe(true);
  });

  it('leaves no trace of a purged entry in the decrypted pages or the WAL', async () => {
    const { service, dataDir, call } = await createdService();
    const secret = 'Purgedsecret Xylophonewhale 4410';
    for (let i = 0; i < 30; i++) {
      await call('entries.create', { occurredAt: Date.UTC(2025, 0, 1 + i), timeZone: 'UTC', title: `ordinary ${i}`, body: 'an ordinary day '.repeat(20) });
    }
    const e = await call<{ id: number }>('entries.create', { occurredAt: Date.UTC(2025, 1, 1), timeZone: 'UTC', title: secret, body: `${secret} `.repeat(10) });
    expect(decryptedPages(service.vault).includes(Buffer.from(secret))).toBe(true);

    await call('entries.delete', { id: e.id });
    await call('entries.purge', { id: e.id });

    const pages = decryptedPages(service.vault);
    for (const word of [secret, 'Purgedsecret', 'purgedsecret', 'xylophonewhale']) {
      expect(encodings(word).some((enc) => pages.includes(enc)), `${word} in decrypted pages`).toBe(false);
    }
    const wal = path.join(dataDir, 'journal.db-wal');
    if (fs.existsSync(wal)) {
      // The WAL is encrypted too; after a purge it must also have been emptied of the old frames.
      expect(fs.statSync(wal).size).toBe(0);
    }
    await call('vault.lock');
  });
});
