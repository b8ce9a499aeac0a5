/**
 * Child process for the durability test: unlocks the journal and writes entries as fast as it can,
 * printing "ACK <id>" only after each write's reply arrived. The parent kills it with SIGKILL at a
 * random moment and then checks that every acknowledged entry is there.
 */
import { createService } from '../../main/core/service/index.js';

const [dataDir, passphrase, startAt] = process.argv.slice(2) as [string, string, string];
const service = createService({ dataDir, insecureTestKdf: true, ports: { log: () => {} } });
const unlocked = await service.dispatch('vault.unlock', { passphrase });
if (!unlocked.ok) {
  process.stderr.write(`unlock failed: ${unlocked.error.code}\n`);
  process.exit(2);
}
process.stdout.write('READY\n');
for (let i = Number(startAt); ; i++) {
  const reply = await service.dispatch('entries.create', {
    occurredAt: Date.UTC(2024, 0, 1) + i * 60_000,
    timeZone: 'UTC',
    title: `durable ${i}`,
    body: `entry number ${i} `.repeat(1 + (i % 40)),
    balance: (i % 7) - 3,
  });
  if (!reply.ok) {
    process.stderr.write(`write failed: ${reply.error.code}\n`);
    process.exit(3);
  }
  process.stdout.write(`ACK ${(reply.value as { id: number }).id} ${i}\n`);
}
