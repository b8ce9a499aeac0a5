/**
 * Browser mode's host while an import file is uploaded: the page sends the 10k-entry file of the
 * thread rows (a JSON export, text included) as base64 in one `import.preview` call. Measured: the
 * host's longest event-loop delay (monitorEventLoopDelay) from the request's first byte to the
 * preview's reply, with the core in its worker thread and the body handed to it as bytes
 * (Core.dispatchBody). Beside it, in the same run on the same body: how long the host's own thread was
 * held by what it did with such a body before (join the chunks, decode, JSON.parse, and clone the
 * parsed call into a message to the core's thread), timed directly. Extra: the host thread's total busy
 * time during the call (event-loop utilisation, the bench's own client included), to tell its own work
 * from delays of a machine too busy to schedule it.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { MessageChannel } from 'node:worker_threads';
import { startWebHost } from '../../../main/web/index.js';
import { PASSPHRASE } from '../../helpers/files.js';
import { rawRequest, sessionFor } from '../../helpers/http.js';
import { WORK_ROOT, workCopy, type BenchJournal } from '../journals.js';
import { summarise } from '../stats.js';
import type { SizeResult } from './common.js';
import { importFileOf } from './thread.js';

function post(port: number, session: string, name: string, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: `/api/${name}`, setHost: false, headers: { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${session}`, 'Content-Type': 'application/json', 'Content-Length': body.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The host-side steps of the old path on `body`, as it arrived in 64 KiB chunks: milliseconds in one stretch. */
function oldHostSteps(body: Buffer): number {
  const chunks: Buffer[] = [];
  for (let i = 0; i < body.length; i += 65_536) chunks.push(Buffer.from(body.subarray(i, i + 65_536)));
  const { port1, port2 } = new MessageChannel();
  const t0 = performance.now();
  const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  port1.postMessage({ t: 'call', id: 1, channel: 'import.preview', raw: input });
  const ms = performance.now() - t0;
  port1.close();
  port2.close();
  return ms;
}

export async function measureUpload(j: BenchJournal, runs: number): Promise<SizeResult> {
  const file = await importFileOf(j);
  const body = Buffer.from(JSON.stringify({ source: { base64: fs.readFileSync(file).toString('base64') }, format: 'auto' }));
  const staticDir = path.join(WORK_ROOT, 'upload-static');
  fs.mkdirSync(staticDir, { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Fulcrum</title>');
  const delays: number[] = [];
  const old: number[] = [];
  const previews: number[] = [];
  /** The host thread's own busy time during the call (event-loop utilisation), the test client's sending included. */
  const busy: number[] = [];
  for (let run = 0; run < runs; run++) {
    const copy = workCopy(j, 'upload');
    const host = await startWebHost({ dataDir: copy.dataDir, insecureTestKdf: true, staticDir });
    try {
      const session = await sessionFor(host.port, host.url);
      const unlock = await rawRequest(host.port, { method: 'POST', path: '/api/vault.unlock', headers: { Host: `127.0.0.1:${host.port}`, Authorization: `Bearer ${session}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ passphrase: PASSPHRASE }) });
      if (unlock.status !== 200) throw new Error(`unlock: ${unlock.text}`);
      const loop = monitorEventLoopDelay({ resolution: 5 });
      loop.enable();
      const elu = performance.eventLoopUtilization();
      const t0 = performance.now();
      const r = await post(host.port, session, 'import.preview', body);
      previews.push(performance.now() - t0);
      busy.push(performance.eventLoopUtilization(elu).active);
      loop.disable();
      if (r.status !== 200) throw new Error(`import.preview: ${r.status} ${r.text.slice(0, 200)}`);
      delays.push(loop.max / 1e6);
      old.push(oldHostSteps(body));
    } finally {
      await host.close();
    }
  }
  const value = summarise(delays);
  return { value, baseline: summarise(old), ratio: value.max / summarise(old).p50, extra: { bodyMB: Math.round(body.length / 1e5) / 10, previewP50Ms: Math.round(summarise(previews).p50), hostBusyP50Ms: Math.round(summarise(busy).p50) } };
}
