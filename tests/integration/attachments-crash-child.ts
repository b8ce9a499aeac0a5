/**
 * Child process for the attachment crash test: unlocks the journal, creates an entry and attaches the
 * canary files to it, killing itself with SIGKILL at the attach step named on the command line (or
 * finishing, with "none": then it prints "DONE").
 */
import { createService } from '../../main/core/service/index.js';
import type { AttachStep } from '../../main/core/attachments/steps.js';
import { canaryFiles } from './attachments-canary-files.js';

const [dataDir, passphrase, crashStep] = process.argv.slice(2) as [string, string, AttachStep | 'none'];
const service = createService({
  dataDir,
  insecureTestKdf: true,
  ports: {
    log: () => {},
    attachCrashAt: (step) => {
      if (step === crashStep) process.kill(process.pid, 'SIGKILL');
    },
  },
});
const unlocked = await service.dispatch('vault.unlock', { passphrase });
if (!unlocked.ok) {
  process.stderr.write(`unlock failed: ${unlocked.error.code}\n`);
  process.exit(2);
}
const entry = await service.dispatch('entries.create', { occurredAt: Date.UTC(2025, 4, 1), timeZone: 'UTC', title: 'with files' });
if (!entry.ok) process.exit(3);
const owner = { kind: 'entry', id: (entry.value as { id: number }).id };
for (const f of canaryFiles()) {
  const r = await service.dispatch('attachments.upload', { data: f.data, name: f.name, options: { owner } });
  if (!r.ok) {
    process.stderr.write(`upload failed: ${r.error.code} ${r.error.message}\n`);
    process.exit(4);
  }
}
process.stdout.write('DONE\n');
service.vault.lock();
process.exit(0);
