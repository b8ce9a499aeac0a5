/**
 * The core thread's side of a streamed download (main/core/worker/downloads.ts): what is written goes
 * out in pieces of at most PIECE_BYTES, `drain` holds the writer while more than PIECES_IN_FLIGHT
 * pieces wait for the host, and a browser that went away stops the writer with CANCELLED.
 */
import { describe, expect, it } from 'vitest';
import { PIECE_BYTES, PIECES_IN_FLIGHT, WorkerDownloadSink, WorkerDownloads } from '../../main/core/worker/downloads.js';

type Sent = { t: string; id: number; data?: Uint8Array; head?: unknown };

function sinkWithLog() {
  const sent: Sent[] = [];
  const transfers: ArrayBuffer[][] = [];
  const sink = new WorkerDownloadSink(7, (msg, transfer) => {
    sent.push(msg as Sent);
    transfers.push(transfer ?? []);
  });
  return { sink, sent, transfers };
}

describe('a download sink in the core thread', () => {
  it('sends the head, then the bytes in pieces no larger than PIECE_BYTES, each its own buffer moved to the host', () => {
    const { sink, sent, transfers } = sinkWithLog();
    sink.start({ filename: 'a.md', mimeType: 'text/markdown' });
    sink.write('x'.repeat(PIECE_BYTES * 2 + 10));
    sink.flush();
    expect(sent[0]).toEqual({ t: 'head', id: 7, head: { filename: 'a.md', mimeType: 'text/markdown' } });
    const pieces = sent.filter((m) => m.t === 'chunk').map((m) => m.data!);
    expect(pieces.map((p) => p.byteLength)).toEqual([PIECE_BYTES, PIECE_BYTES, 10]);
    expect(transfers.slice(1).every((t, i) => t[0] === pieces[i]!.buffer)).toBe(true);
  });

  it('copies what it is given, so the writer may reuse its buffer', () => {
    const { sink, sent } = sinkWithLog();
    const buf = Buffer.from('abc');
    sink.write(buf);
    buf.fill(0);
    sink.flush();
    expect(Buffer.from(sent[0]!.data!).toString()).toBe('abc');
  });

  it('drain waits while more than PIECES_IN_FLIGHT pieces are unanswered, and goes on at the next credit', async () => {
    const { sink } = sinkWithLog();
    for (let i = 0; i <= PIECES_IN_FLIGHT; i++) sink.write(new Uint8Array(PIECE_BYTES));
    expect(sink.unanswered).toBe(PIECES_IN_FLIGHT + 1);
    let drained = false;
    const d = sink.drain().then(() => (drained = true));
    // Let every queued microtask run: the writer is still held.
    await new Promise((r) => setImmediate(r));
    expect(drained).toBe(false);
    sink.credit();
    await d;
    expect(drained).toBe(true);
    expect(sink.unanswered).toBe(PIECES_IN_FLIGHT);
  });

  it('a browser gone stops the writer: drain and write throw CANCELLED', async () => {
    const { sink } = sinkWithLog();
    for (let i = 0; i <= PIECES_IN_FLIGHT; i++) sink.write(new Uint8Array(PIECE_BYTES));
    const held = sink.drain();
    sink.abort();
    await expect(held).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(() => sink.write('more')).toThrow(/stopped in the browser/);
  });

  it('the thread finds a download’s sink by its call id, and closing sends what is left', () => {
    const sent: Sent[] = [];
    const downloads = new WorkerDownloads((m) => sent.push(m as Sent));
    const sink = downloads.open(3);
    expect(downloads.get(3)).toBe(sink);
    expect(downloads.get(4)).toBeUndefined();
    sink.write('tail');
    downloads.close(3);
    expect(sent.map((m) => m.t)).toEqual(['chunk']);
    expect(downloads.get(3)).toBeUndefined();
  });
});
