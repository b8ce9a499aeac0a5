import { createService, type ServiceOptions } from '../../main/core/service/index.js';
import { PASSPHRASE, tempDir } from './files.js';

export * from './files.js';

/** The whole service (vault + dispatch) on a temp folder, with the test-only cheap KDF. */
export function testService(dataDir = tempDir(), extra: Partial<ServiceOptions> = {}) {
  return createService({ dataDir, insecureTestKdf: true, ports: { log: () => {} }, ...extra });
}

/** Creates a journal and returns the unlocked service plus its recovery key. */
export async function createdService(dataDir = tempDir(), extra: Partial<ServiceOptions> = {}) {
  const service = testService(dataDir, extra);
  const created = await service.dispatch('vault.create', { passphrase: PASSPHRASE });
  if (!created.ok) throw new Error(`create failed: ${created.error.message}`);
  const { recoveryKey } = created.value as { recoveryKey: string };
  return { service, dataDir, recoveryKey, call: callOf(service) };
}

/** `call(channel, input)` that throws on `{ ok: false }` — for tests that expect success. */
export function callOf(service: ReturnType<typeof testService>) {
  return async <T = unknown>(channel: string, input: unknown = {}): Promise<T> => {
    const reply = await service.dispatch(channel, input);
    if (!reply.ok) throw new Error(`${channel} failed: ${reply.error.code} ${reply.error.message}`);
    return reply.value as T;
  };
}

