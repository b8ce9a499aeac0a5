/**
 * The worker's side of browser mode's streamed downloads. A download is a call with a sink: what the
 * export or backup writes is gathered into pieces of {@link PIECE_BYTES} and posted to the host, which
 * answers each piece with a credit once it has handed it to the HTTP reply. Between pages the writer
 * awaits `drain()`, which waits while more than {@link PIECES_IN_FLIGHT} pieces are unanswered: a slow
 * browser slows the export down instead of piling the file up in memory on either side.
 */
import { FulcrumError } from '../../../shared/errors.js';
import type { DownloadSink, DownloadSinks } from '../ports.js';

export const PIECE_BYTES = 256 * 1024;
export const PIECES_IN_FLIGHT = 4;

type Post = (msg: unknown, transfer?: ArrayBuffer[]) => void;

const GONE = () => new FulcrumError('CANCELLED', 'The download was stopped in the browser. Nothing was changed.');

export class WorkerDownloadSink implements DownloadSink {
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  private inFlight = 0;
  private waiters: (() => void)[] = [];
  private gone = false;

  constructor(
    private readonly id: number,
    private readonly post: Post,
  ) {}

  start(head: { filename: string; mimeType: string }): void {
    this.post({ t: 'head', id: this.id, head });
  }

  write(chunk: string | Uint8Array): void {
    if (this.gone) throw GONE();
    // A copy: the caller may reuse its buffer.
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Uint8Array.from(chunk);
    if (bytes.byteLength === 0) return;
    for (let at = 0; at < bytes.byteLength; at += PIECE_BYTES) {
      const part = bytes.subarray(at, at + PIECE_BYTES);
      this.held.push(part);
      this.heldBytes += part.byteLength;
      if (this.heldBytes >= PIECE_BYTES) this.flush();
    }
  }

  /** Posts what is held as one piece (its own ArrayBuffer, moved to the host, not copied). */
  flush(): void {
    if (this.heldBytes === 0) return;
    const piece = new Uint8Array(this.heldBytes);
    let at = 0;
    for (const b of this.held) {
      piece.set(b, at);
      at += b.byteLength;
    }
    this.held = [];
    this.heldBytes = 0;
    this.inFlight++;
    this.post({ t: 'chunk', id: this.id, data: piece }, [piece.buffer]);
  }

  async drain(): Promise<void> {
    this.flush();
    while (this.inFlight > PIECES_IN_FLIGHT && !this.gone) await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.gone) throw GONE();
  }

  /** The host has handed one piece on. */
  credit(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.wake();
  }

  /** The browser went away: the writer stops at its next `drain` or `write`. */
  abort(): void {
    this.gone = true;
    this.wake();
  }

  /** Pieces posted and not yet answered (tests). */
  get unanswered(): number {
    return this.inFlight;
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const resolve of w) resolve();
  }
}

/** The sinks of the downloads running in this thread, by their call id. */
export class WorkerDownloads implements DownloadSinks {
  private readonly sinks = new Map<number, WorkerDownloadSink>();
  constructor(private readonly post: Post) {}

  open(id: number): WorkerDownloadSink {
    const sink = new WorkerDownloadSink(id, this.post);
    this.sinks.set(id, sink);
    return sink;
  }

  get(id: number): WorkerDownloadSink | undefined {
    return this.sinks.get(id);
  }

  close(id: number): void {
    const sink = this.sinks.get(id);
    // Whatever is still held goes out before the call's reply (messages keep their order).
    sink?.flush();
    this.sinks.delete(id);
  }
}
