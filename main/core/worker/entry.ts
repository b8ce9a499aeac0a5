/**
 * The core's worker thread: `new Worker(<this file>, { workerData: WorkerInit })`. Started by
 * `startCore` (client.ts); bundled as dist/app/worker.js for the desktop app.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerInit } from './protocol.js';
import { serveCore, type TestClockLike } from './serve.js';

if (!parentPort) throw new Error('main/core/worker/entry.ts runs only as a worker thread.');
const port = parentPort;
const init = workerData as WorkerInit;

// Messages that arrive meanwhile wait in the port's queue until serveCore listens.
void (async () => {
  let clock: TestClockLike | null = null;
  if (init.insecureTestKdf && init.testClockModule) {
    const mod = (await import(init.testClockModule)) as { TestClock: new (o: { real: boolean }) => TestClockLike };
    clock = new mod.TestClock({ real: true });
  }
  serveCore(port, init, clock);
})();
