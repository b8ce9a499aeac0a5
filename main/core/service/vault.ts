import type { HandlersFor } from './types.js';
import { checkStrength } from '../vault/index.js';

export const vaultHandlers: HandlersFor<'vault'> = {
  'vault.status': (_input, { vault }) => vault.status(),
  'vault.checkStrength': ({ passphrase, userInputs }) => checkStrength(passphrase, userInputs),
  'vault.create': ({ passphrase }, { vault }) => vault.create(passphrase),
  'vault.unlock': async (secret, { vault }) => {
    await vault.unlock(secret);
    return { failedAttempts: [] };
  },
  'vault.lock': (_input, { vault }) => {
    vault.lock();
    return null;
  },
  'vault.changePassphrase': ({ current, next }, { vault }) => vault.changePassphrase(current, next),
};
