/**
 * A journal written through the core before a test opens it in the browser: created with
 * `passphrase` (the test holds the recovery key, so it counts as written down and the host opens
 * straight into the journal), filled by `write`, then locked.
 */
import { createService } from '../../main/core/service/index.js';

export type WritingService = ReturnType<typeof createService>;

export async function writtenJournal<T>(dataDir: string, passphrase: string, write: (service: WritingService) => Promise<T>): Promise<T> {
  const service = createService({ dataDir, insecureTestKdf: true, ports: { log: () => {} } });
  try {
    const created = await service.dispatch('vault.create', { passphrase });
    if (!created.ok) throw new Error(created.error.message);
    const confirmed = await service.dispatch('vault.confirmRecoveryKey', { group: 1, typed: (created.value as { recoveryKey: string }).recoveryKey.split('-')[0] });
    if (!confirmed.ok) throw new Error(confirmed.error.message);
    return await write(service);
  } finally {
    service.safety.dispose();
    service.vault.lock();
  }
}
