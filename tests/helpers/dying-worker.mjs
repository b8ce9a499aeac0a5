/* global process, setTimeout */
// A stand-in for the core's thread (tests/integration/worker.test.ts): answers every call with its
// thread id, except `test.die`, where it first sends a message the host does not know, then dies in
// the middle of the call.
import { parentPort, threadId } from 'node:worker_threads';

parentPort.postMessage({ t: 'ready' });
parentPort.on('message', (m) => {
  if (m.t === 'close') return parentPort.postMessage({ t: 'closed' });
  if (m.t !== 'call') return;
  if (m.channel !== 'test.die') return parentPort.postMessage({ t: 'reply', id: m.id, reply: { ok: true, value: { threadId } } });
  parentPort.postMessage({ t: 'no-such-message', secret: 'ignored' });
  setTimeout(() => process.exit(3), 20);
});
