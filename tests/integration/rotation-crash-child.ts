/**
 * Child process for the rotation crash test: unlocks the journal and changes the passphrase, killing
 * itself with SIGKILL at the step boundary named on the command line (or finishing, with "none").
 * Prints "DONE <recovery key>" only after the change's reply arrived.
 */
import { createService } from '../../main/core/service/index.js';
import type { RotationStep } from '../../main/core/vault/index.js';

const [dataDir, oldPassphrase, newPassphrase, crashStep] = process.argv.slice(2) as [string, string, string, RotationStep | 'none'];
const service = createService({
  dataDir,
  insecureTestKdf: true,
  ports: { log: () => {} },
  crashAt: (step) => {
    if (step === crashStep) process.kill(process.pid, 'SIGKILL');
  },
});
const unlocked = await service.dispatch('vault.unlock', { passphrase: oldPassphrase });
if (!unlocked.ok) {
  process.stderr.write(`unlock failed: ${unlocked.error.code}\n`);
  process.exit(2);
}
const changed = await service.dispatch('vault.changePassphrase', { current: oldPassphrase, next: newPassphrase });
if (!changed.ok) {
  process.stderr.write(`change failed: ${changed.error.code} ${changed.error.message}\n`);
  process.exit(3);
}
process.stdout.write(`DONE ${(changed.value as { recoveryKey: string }).recoveryKey}\n`);
service.vault.lock();
process.exit(0);
