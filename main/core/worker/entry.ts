/**
 * The core's worker thread: `new Worker(<this file>, { workerData: WorkerInit })`. Started by
 * `startCore` (client.ts); bundled as dist/app/worker.js for the desktop app.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerInit } from './protocol.js';
import { serveCore } from './serve.js';

if (!parentPort) throw new Error('main/core/worker/entry.ts runs only as a worker thread.');
serveCore(parentPort, workerData as WorkerInit);
