/**
 * Child process for the import crash test: unlocks the journal, previews the file named on the
 * command line and imports it one entry a slice, killing itself with SIGKILL right after the slice
 * named on the command line has committed (or finishing, with "none": then it prints "DONE").
 */
import fs from 'node:fs';
import { createService } from '../../main/core/service/index.js';

const [dataDir, passphrase, file, crashSlice] = process.argv.slice(2) as [string, string, string, string];
const service = createService({
  dataDir,
  insecureTestKdf: true,
  ports: {
    log: () => {},
    importSliceMs: 0,
    importSliceAt: (slice) => {
      if (String(slice) === crashSlice) process.kill(process.pid, 'SIGKILL');
    },
  },
});
const unlocked = await service.dispatch('vault.unlock', { passphrase });
if (!unlocked.ok) {
  process.stderr.write(`unlock failed: ${unlocked.error.code}\n`);
  process.exit(2);
}
const preview = await service.dispatch('import.preview', { source: { text: fs.readFileSync(file, 'utf8') } });
if (!preview.ok) process.exit(3);
const done = await service.dispatch('import.commit', { importId: (preview.value as { importId: string }).importId });
if (!done.ok) {
  process.stderr.write(`commit failed: ${done.error.code}\n`);
  process.exit(4);
}
process.stdout.write('DONE\n');
service.vault.lock();
process.exit(0);
