import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { autoBackupIfDue } from '../../main/core/portability/backup/auto.js';
import { STAGING_PREFIX } from '../../main/core/portability/backup/index.js';
import { createdService } from '../helpers/journal.js';

describe('automatic backup housekeeping', () => {
  it('leaves a restore staging folder that is in use alone, and removes one a crash abandoned', async () => {
    const { service, dataDir } = await createdService();
    const fresh = path.join(dataDir, `${STAGING_PREFIX}inuse`);
    const abandoned = path.join(dataDir, `${STAGING_PREFIX}crashed`);
    for (const dir of [fresh, abandoned]) {
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'journal.db'), 'x');
    }
    const hourAgo = new Date(Date.now() - 60 * 60_000);
    fs.utimesSync(abandoned, hourAgo, hourAgo);

    await autoBackupIfDue(service.vault, Date.now());

    expect(fs.existsSync(path.join(fresh, 'journal.db'))).toBe(true);
    expect(fs.existsSync(abandoned)).toBe(false);
    service.vault.lock();
  });
});
