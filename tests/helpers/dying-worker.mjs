/* global process, setTimeout */
// A stand-in for the core's thread that dies in the middle of the first call it gets, after sending
// one message the host does not know (tests/integration/worker.test.ts).
import { parentPort } from 'node:worker_threads';

parentPort.postMessage({ t: 'ready' });
parentPort.on('message', (m) => {
  if (m.t !== 'call') return;
  parentPort.postMessage({ t: 'no-such-message', secret: 'ignored' });
  setTimeout(() => process.exit(3), 20);
});
