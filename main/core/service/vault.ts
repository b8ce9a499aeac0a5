import type { HandlersFor, ServiceContext } from './types.js';
import { checkStrength, type Progress } from '../vault/index.js';

/** Phases of a key rotation as progress events (the Safety page shows them while it runs). */
const rotationProgress =
  (ctx: ServiceContext): Progress =>
  ({ phase, done, total }) =>
    ctx.ports.emit({ type: 'progress', task: 'passphrase', phase, done, total });

export const vaultHandlers: HandlersFor<'vault'> = {
  'vault.status': (_input, { vault }) => vault.status(),
  'vault.checkStrength': ({ passphrase, userInputs }) => checkStrength(passphrase, userInputs),
  'vault.create': ({ passphrase }, { vault }) => vault.create(passphrase),
  'vault.unlock': async (secret, { vault }) => {
    const outcome = await vault.unlock(secret);
    return { failedAttempts: [], ...outcome };
  },
  'vault.lock': (_input, { vault }) => {
    vault.lock();
    return null;
  },
  'vault.changePassphrase': (input, ctx) =>
    ctx.vault.changePassphrase('current' in input ? { passphrase: input.current } : { recoveryKey: input.recoveryKey }, input.next, rotationProgress(ctx)),
  'vault.newRecoveryKey': ({ passphrase }, ctx) => ctx.vault.newRecoveryKey(passphrase, rotationProgress(ctx)),
  'vault.pendingRecoveryKey': (_input, { vault }) => ({ recoveryKey: vault.pendingRecoveryKey(), mustChangePassphrase: vault.mustChangePassphrase }),
  'vault.confirmRecoveryKey': ({ group, typed }, { vault }) => {
    vault.confirmRecoveryKey(group, typed);
    return null;
  },
};
