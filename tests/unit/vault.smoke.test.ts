import { describe, expect, it } from 'vitest';
import { OTHER_PASSPHRASE, PASSPHRASE, testVault } from '../helpers/files.js';

describe('vault (smoke)', () => {
  it('creates, locks and unlocks a journal with the passphrase and the recovery key', async () => {
    const v = testVault();
    const { recoveryKey } = await v.create(PASSPHRASE);
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    v.database().prepare("INSERT INTO people (name, kind, color, created_at, updated_at) VALUES ('X','other','#000000',1,1)").run();
    v.lock();
    expect(v.unlocked).toBe(false);
    await expect(v.unlock({ passphrase: OTHER_PASSPHRASE })).rejects.toMatchObject({ code: 'WRONG_SECRET' });
    await v.unlock({ recoveryKey: recoveryKey.toLowerCase() });
    expect(v.database().prepare('SELECT count(*) FROM people').pluck().get()).toBe(1);
    const rotated = await v.changePassphrase(PASSPHRASE, OTHER_PASSPHRASE);
    v.lock();
    await expect(v.unlock({ passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'WRONG_SECRET' });
    await v.unlock({ recoveryKey: rotated.recoveryKey });
    expect(v.database().prepare('SELECT count(*) FROM people').pluck().get()).toBe(1);
  });
});
