/**
 * Jobs that share a thread share its turns: however many are running, work that arrives as I/O (a
 * call, here a message on a port) waits for at most one job's slice, and every job gets its turn.
 */
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { cooperate } from '../../main/core/jobs/cooperate.js';

/** A job of `slices` slices, each `ms` of busy work, pausing between them with a budget of `ms`. */
async function job(name: string, slices: number, ms: number, log: string[], signal = new AbortController().signal, during?: (slice: number) => void) {
  const pause = cooperate(signal, ms);
  for (let i = 0; i < slices; i++) {
    const end = performance.now() + ms;
    while (performance.now() < end);
    log.push(name);
    during?.(i);
    await pause();
  }
}

describe('cooperate', () => {
  it('a message that arrives while three jobs run is handled after at most one slice, and the jobs take turns', async () => {
    const log: string[] = [];
    const { port1, port2 } = new MessageChannel();
    const handled = new Promise<void>((resolve) =>
      port2.once('message', () => {
        log.push('call');
        resolve();
      }),
    );
    let sentAt = -1;
    // Sent from inside a slice of job a (its third), while the others wait for their turns.
    const send = (slice: number) => {
      if (slice !== 2) return;
      sentAt = log.length;
      port1.postMessage('call');
    };
    const jobs = Promise.all([job('a', 12, 4, log, undefined, send), job('b', 12, 4, log), job('c', 12, 4, log)]);
    await handled;
    await jobs;
    port1.close();
    expect(log.indexOf('call') - sentAt).toBeLessThanOrEqual(1);
    // Every job ran all its slices, and after the first ones no job ran twice in a row while others waited.
    for (const name of ['a', 'b', 'c']) expect(log.filter((x) => x === name)).toHaveLength(12);
    const turns = log.filter((x) => x !== 'call').slice(3, 30);
    for (let i = 1; i < turns.length; i++) expect(turns[i]).not.toBe(turns[i - 1]);
  });

  it('a job waiting for its turn stops as soon as the signal aborts', async () => {
    const stop = new AbortController();
    const log: string[] = [];
    const running = job('a', 1000, 2, log, stop.signal);
    const other = job('b', 5, 2, log);
    await new Promise<void>((resolve) => setImmediate(resolve));
    stop.abort();
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    await other;
    expect(log.filter((x) => x === 'a').length).toBeLessThan(1000);
  });
});
