import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { flushAutoBackup } from '../../main/core/service/portability.js';
import type { AutomaticBackup } from '../../shared/portability.js';
import { OTHER_PASSPHRASE, PASSPHRASE, callOf, createdService, tempDir } from '../helpers/journal.js';

const DAY = 86_400_000;

describe('old-key copies found at unlock', () => {
  it('are removed; backups of another journal are left alone', async () => {
    let now = Date.UTC(2025, 4, 1, 9);
    const { service, dataDir } = await createdService(tempDir(), { ports: { log: () => {}, now: () => now } });
    const call = callOf(service);
    await call('vault.lock');
    now += DAY;
    await call('vault.unlock', { passphrase: PASSPHRASE });
    await flushAutoBackup(service);
    const old = await call<AutomaticBackup[]>('backup.list');
    expect(old.length).toBeGreaterThanOrEqual(1);
    // Someone keeps a copy of an old-key backup, to put it back after the change.
    const kept = path.join(tempDir(), old[0]!.name);
    fs.copyFileSync(path.join(dataDir, 'backups', old[0]!.name), kept);

    // A backup of a different journal in the same folder (e.g. from before a restore).
    const other = await createdService(tempDir(), { ports: { log: () => {}, now: () => now - 3 * DAY } });
    await callOf(other.service)('vault.lock');
    await callOf(other.service)('vault.unlock', { passphrase: PASSPHRASE });
    await flushAutoBackup(other.service);
    const [foreign] = await callOf(other.service)<AutomaticBackup[]>('backup.list');
    other.service.vault.lock();

    now += 60_000;
    await call('vault.changePassphrase', { current: PASSPHRASE, next: OTHER_PASSPHRASE });
    expect(fs.readdirSync(path.join(dataDir, 'backups'))).toEqual([]);
    await call('vault.lock');

    fs.copyFileSync(kept, path.join(dataDir, 'backups', old[0]!.name));
    fs.copyFileSync(path.join(other.dataDir, 'backups', foreign!.name), path.join(dataDir, 'backups', foreign!.name));
    const inspect = (name: string, passphrase: string) => service.dispatch('backup.inspect', { file: { automatic: name }, secret: { passphrase } });
    // Back in the folder, the old copy opens with the old passphrase: exactly what must not stay.
    expect(await inspect(old[0]!.name, PASSPHRASE)).toMatchObject({ ok: true });

    await call('vault.unlock', { passphrase: OTHER_PASSPHRASE });
    const left = fs.readdirSync(path.join(dataDir, 'backups'));
    expect(left).not.toContain(old[0]!.name);
    expect(left).toContain(foreign!.name);
  });
});
