/**
 * The host side of the core's worker thread. `startCore` starts the worker (entry.ts) and gives the
 * host what it had from createService: `dispatch(channel, raw) → Reply` with the same contract, and
 * the app events. It answers the worker's requests for host ports (file dialogs, print to PDF,
 * notifications, the window, preferences, power events) from the ports the host passes in.
 *
 * The host's event loop never runs core work: a call is one message out and one back, so a long job
 * or a slow statement in the worker cannot hold a window, a menu or an HTTP request.
 */
import { createRequire } from 'node:module';
import { REMINDER_WORDS } from '../../../shared/native-text.js';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { api, isChannel, type AppEvent } from '../../../shared/api.js';
import type { Reply } from '../../../shared/errors.js';
import { defaultPorts, type Ports, type PowerEvent } from '../ports.js';
import { PREFERENCE_KEYS } from '../prefs.js';
import { FromWorker, PRESENCE_FOCUSED, PRESENCE_IDLE_MS, type ToWorker, type WorkerInit } from './protocol.js';

/** The host's own ports; the worker reaches them by message. */
export type HostPorts = Partial<Pick<Ports, 'emit' | 'log' | 'dialogs' | 'printer' | 'notifier' | 'power' | 'preferences' | 'window' | 'systemLanguages'>>;

export interface CoreOptions {
  dataDir: string;
  insecureTestKdf?: boolean;
  ports?: HostPorts;
  nativeBinding?: string;
  /** TEST ONLY: a module exporting `TestClock` (tests/helpers/ports.ts); the auto-lock's clock is then moved by `advanceClock`. */
  testClockModule?: string;
  /** Where the worker script is: by default the bundled worker.js beside this file, or entry.ts from source. */
  workerScript?: string;
}

/**
 * Where a streamed download's bytes go on the host (browser mode: the HTTP reply). `piece` resolves
 * once the piece has been handed on (the reply took it without buffering, or drained): only then may
 * the core's thread send more than a few pieces ahead.
 */
export interface DownloadOut {
  head(head: { filename: string; mimeType: string }): void;
  piece(data: Uint8Array): Promise<void>;
}

/** A streamed download running in the core: its end (the call's reply), and a way to stop it. */
export interface RunningDownload {
  reply: Promise<Reply<unknown>>;
  /** The browser went away: the core stops the job at its next page. */
  gone(): void;
}

export interface Core {
  dispatch(channel: string, raw: unknown): Promise<Reply<unknown>>;
  /**
   * The same call with its input still as the request's JSON bytes (browser mode's large bodies:
   * an import's or a backup's file). The pieces move to the core's thread without a copy (they are
   * detached here afterwards) and are decoded and parsed there, so a body of tens of megabytes costs
   * the host's event loop nothing. Bytes that are not JSON answer VALIDATION.
   */
  dispatchBody(channel: string, pieces: Uint8Array[]): Promise<Reply<unknown>>;
  /** Runs a download call (`export.download`, …): its file streams into `out`, a piece at a time. */
  download(channel: string, raw: Record<string, unknown>, out: DownloadOut): RunningDownload;
  /** TEST ONLY (with `testClockModule`): moves the auto-lock's clock; answers whether a lock is now announced. */
  advanceClock(ms: number): Promise<{ now: number; lockPending: string | null }>;
  /** Whether the auto-lock has announced a lock and waits its grace period. */
  lockPending(): Promise<string | null>;
  /** Hands a system power event to the core (suspend, screen lock). */
  firePower(event: PowerEvent): void;
  /** Locks the journal (after the calls already queued), then ends the worker. */
  close(): Promise<void>;
  /** The worker's thread id (tests). */
  readonly threadId: number;
}

/** How often the host samples idle time and window focus for the auto-lock. */
export const PRESENCE_SAMPLE_MS = 1000;

const CRASHED: Reply<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'Something went wrong inside Fulcrum and the journal was locked. Nothing of this action was saved; unlock it and try again.' },
};

function defaultScript(): { file: string | URL; eval: boolean } {
  const here = import.meta.url;
  if (here.endsWith('.js')) return { file: new URL('./worker.js', here), eval: false };
  // From source (tsx, vitest, Playwright): the worker loads entry.ts through tsx's loader.
  const entry = new URL('./entry.ts', here).href;
  const tsxDir = path.dirname(createRequire(fileURLToPath(here)).resolve('tsx/package.json'));
  const tsx = pathToFileURL(path.join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href;
  return {
    file: `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(here)}))`,
    eval: true,
  };
}

/** One run of the worker thread; a new one replaces it if it dies. */
interface Thread {
  worker: Worker;
  calls: Map<number, (reply: Reply<unknown>) => void>;
  downloads: Map<number, DownloadOut>;
  tests: Map<number, (value: unknown) => void>;
  ended: boolean;
  /** Resolves when the thread has ended, whatever the reason. */
  exited: Promise<void>;
}

export async function startCore(opts: CoreOptions): Promise<Core> {
  const ports = opts.ports ?? {};
  const log = ports.log ?? defaultPorts().log;
  const sampleIdle = ports.power?.idleMs;
  const win = ports.window;
  const presence = sampleIdle || win ? new SharedArrayBuffer(2 * Float64Array.BYTES_PER_ELEMENT) : undefined;
  const script = opts.workerScript ? { file: opts.workerScript, eval: false } : defaultScript();
  let nextId = 1;
  let closing: Promise<void> | null = null;
  let current: Thread;

  const post = (thread: Thread, msg: ToWorker, transfer?: ArrayBuffer[]) => {
    if (!thread.ended) thread.worker.postMessage(msg, transfer);
  };

  const sample = () => {
    if (!presence) return;
    const view = new Float64Array(presence);
    try {
      if (sampleIdle) view[PRESENCE_IDLE_MS] = sampleIdle();
      view[PRESENCE_FOCUSED] = win?.isFocused() ? 1 : 0;
    } catch {
      // A window gone or a monitor that cannot answer: the last sample stands.
    }
  };
  sample();
  const sampler = presence ? setInterval(sample, PRESENCE_SAMPLE_MS) : null;
  sampler?.unref();
  const powerOff = ports.power ? (['suspend', 'lock-screen'] as const).map((event) => ports.power!.on(event, () => post(current, { t: 'power', event }))) : [];

  async function answer(thread: Thread, id: number, run: () => unknown): Promise<void> {
    try {
      let value = await run();
      if (value instanceof Uint8Array) value = new Uint8Array(value); // a plain copy, whatever Buffer pool it came from
      post(thread, { t: 'answer', id, ok: true, value });
    } catch (e) {
      post(thread, { t: 'answer', id, ok: false, message: (e as Error)?.message ?? 'failed' });
    }
  }

  function onMessage(thread: Thread, raw: unknown): void {
    const parsed = FromWorker.safeParse(raw);
    if (!parsed.success) return log('error', 'the core sent a message the host does not know; ignored');
    const msg = parsed.data;
    switch (msg.t) {
      case 'reply': {
        const done = thread.calls.get(msg.id);
        thread.calls.delete(msg.id);
        thread.downloads.delete(msg.id);
        done?.(msg.reply as Reply<unknown>);
        return;
      }
      case 'event':
        ports.emit?.(msg.event as AppEvent);
        return;
      case 'ask': {
        const [a, b] = msg.args;
        if (msg.op === 'dialogs.saveFile') return void answer(thread, msg.id, () => ports.dialogs!.saveFile(a as never));
        if (msg.op === 'dialogs.openFile') return void answer(thread, msg.id, () => ports.dialogs!.openFile(a as never));
        return void answer(thread, msg.id, () => ports.printer!.printToPDF(a as string, b as never));
      }
      case 'tell': {
        const [a, b] = msg.args;
        try {
          // Only the fixed reminder words (in any of Fulcrum's languages) ever reach the OS, whatever
          // the core's thread asked for.
          if (msg.op === 'notifier.show') {
            if (REMINDER_WORDS.has(String(a))) ports.notifier?.show(String(a), '');
          }
          else if (msg.op === 'window.hide') win?.hide();
          else if (msg.op === 'log') log(a === 'error' || a === 'warn' ? a : 'info', String(b));
          else if (ports.preferences && PREFERENCE_KEYS.includes(a as never)) ports.preferences.set(a as never, b as never);
        } catch {
          log('warn', `host port ${msg.op} failed`);
        }
        return;
      }
      case 'tested': {
        const done = thread.tests.get(msg.id);
        thread.tests.delete(msg.id);
        done?.(msg.value);
        return;
      }
      case 'closed':
        // The journal is locked and the key zeroed: nothing is left in the thread worth waiting for.
        void thread.worker.terminate();
        return;
      case 'head':
        thread.downloads.get(msg.id)?.head(msg.head);
        return;
      case 'chunk': {
        const out = thread.downloads.get(msg.id);
        if (!out) return;
        // The credit goes back once the piece is on its way, so the thread never runs far ahead.
        void out.piece(msg.data).then(
          () => post(thread, { t: 'credit', id: msg.id }),
          () => post(thread, { t: 'gone', id: msg.id }),
        );
        return;
      }
      case 'ready':
        return;
    }
  }

  async function spawn(): Promise<Thread> {
    const init: WorkerInit = {
      dataDir: opts.dataDir,
      insecureTestKdf: opts.insecureTestKdf ?? false,
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
      has: { dialogs: !!ports.dialogs, printer: !!ports.printer, notifier: !!ports.notifier, window: !!win, idle: !!sampleIdle },
      // Read at every start: a thread started after a crash sees the preferences as they are now.
      ...(ports.preferences ? { preferences: ports.preferences.all() } : {}),
      ...(ports.systemLanguages ? { systemLanguages: [...ports.systemLanguages] } : {}),
      ...(presence ? { presence } : {}),
      testClockModule: opts.insecureTestKdf && opts.testClockModule ? opts.testClockModule : null,
    };
    const worker = new Worker(script.file, { eval: script.eval, workerData: init });
    let exitedResolve: () => void = () => {};
    const thread: Thread = { worker, calls: new Map(), downloads: new Map(), tests: new Map(), ended: false, exited: new Promise((r) => (exitedResolve = r)) };
    const ready = new Promise<void>((resolve, reject) => {
      const onReady = (m: unknown) => {
        if ((m as { t?: unknown })?.t !== 'ready') return;
        worker.off('message', onReady);
        resolve();
      };
      worker.on('message', onReady);
      worker.once('exit', () => reject(new Error('the core thread ended before it was ready')));
    });
    worker.on('message', (m: unknown) => onMessage(thread, m));
    worker.on('error', (e) => log('error', `the core's thread failed: ${e.name}`));
    worker.on('exit', () => {
      thread.ended = true;
      // Its key went with it: what was unlocked is locked now.
      for (const done of thread.calls.values()) done(CRASHED);
      thread.calls.clear();
      thread.downloads.clear();
      for (const done of thread.tests.values()) done(null);
      thread.tests.clear();
      exitedResolve();
      if (!closing) {
        log('error', "the core's thread ended; the journal is locked and a new thread takes its place");
        ports.emit?.({ type: 'locked', reason: 'user' });
      }
    });
    try {
      await ready;
    } catch (e) {
      await worker.terminate();
      throw e;
    }
    return thread;
  }

  current = await spawn();
  let respawning: Promise<Thread> | null = null;
  /** The live thread; after a crash, a new one (the journal starts locked, as after a restart). */
  const live = async (): Promise<Thread> => {
    if (!current.ended) return current;
    respawning ??= spawn().finally(() => (respawning = null));
    current = await respawning;
    return current;
  };

  const test = async (op: 'advanceClock' | 'lockPending', ms?: number): Promise<unknown> => {
    const thread = await live();
    return new Promise<unknown>((resolve) => {
      const id = nextId++;
      thread.tests.set(id, resolve);
      post(thread, { t: 'test', id, op, ...(ms === undefined ? {} : { ms }) });
    });
  };

  let locksInFlight = 0;
  const LOCKING: Reply<never> = { ok: false, error: { code: 'LOCKED', message: 'The journal is locking. Unlock it to continue.' } };
  const CLOSED: Reply<never> = { ok: false, error: { code: 'LOCKED', message: 'The journal is locked. Unlock it to continue.' } };
  /** Sends one call (`message(id)` builds it, with what it transfers) and resolves with its reply. */
  const call = (channel: string, message: (id: number) => [ToWorker, ArrayBuffer[]?]): Promise<Reply<unknown>> => {
    if (closing) return Promise.resolve(CLOSED);
    // Quick exit hides the window the moment it is asked for, before the core has even seen the call.
    if (channel === 'session.quickExit') {
      try {
        win?.hide();
      } catch {
        log('warn', 'quick exit: the window could not be hidden');
      }
    }
    // From the moment a lock is asked for until the core has done it, nothing that needs the journal
    // open reaches the core: the key is out of the UI's reach at once, even while the core thread
    // finishes a step that cannot pause. Calls sent before the lock still run first, in order.
    if (locksInFlight > 0 && isChannel(channel) && !api[channel].whileLocked) return Promise.resolve(LOCKING);
    const locking = channel === 'vault.lock' || channel === 'session.quickExit';
    const send = (thread: Thread) =>
      new Promise<Reply<unknown>>((resolve) => {
        const id = nextId++;
        thread.calls.set(id, resolve);
        post(thread, ...message(id));
      });
    // Posted at once while the thread lives, so calls reach it in the order they were made.
    const reply = !current.ended ? send(current) : live().then(send, () => CRASHED);
    if (!locking) return reply;
    locksInFlight++;
    return reply.finally(() => locksInFlight--);
  };
  return {
    get threadId() {
      return current.worker.threadId;
    },
    dispatch: (channel, raw) => call(channel, (id) => [{ t: 'call', id, channel, raw }]),
    dispatchBody: (channel, pieces) => {
      // A piece that is the whole of its own buffer moves as it is; any other (a view into a larger
      // or shared buffer, such as Node's pool of small Buffers) is copied first, so nothing else is detached.
      const seen = new Set<ArrayBufferLike>();
      const own = pieces.map((p) => {
        const whole = p.buffer instanceof ArrayBuffer && p.byteOffset === 0 && p.byteLength === p.buffer.byteLength && !seen.has(p.buffer);
        const piece = whole ? p : new Uint8Array(p);
        seen.add(piece.buffer);
        return piece;
      });
      return call(channel, (id) => [{ t: 'callBody', id, channel, pieces: own }, own.map((p) => p.buffer as ArrayBuffer)]);
    },
    download(channel, raw, out) {
      if (closing) return { reply: Promise.resolve(CLOSED), gone: () => {} };
      if (locksInFlight > 0) return { reply: Promise.resolve(LOCKING), gone: () => {} };
      const id = nextId++;
      let thread: Thread | null = null;
      const reply = live().then(
        (t) =>
          new Promise<Reply<unknown>>((resolve) => {
            thread = t;
            t.calls.set(id, resolve);
            t.downloads.set(id, out);
            post(t, { t: 'download', id, channel, raw });
          }),
        () => CRASHED,
      );
      return { reply, gone: () => thread && post(thread, { t: 'gone', id }) };
    },
    advanceClock: async (ms) => ((await test('advanceClock', ms)) ?? { now: 0, lockPending: null }) as { now: number; lockPending: string | null },
    lockPending: async () => (((await test('lockPending')) as { lockPending: string | null } | null)?.lockPending ?? null),
    firePower: (event) => post(current, { t: 'power', event }),
    close() {
      closing ??= (async () => {
        if (sampler) clearInterval(sampler);
        for (const off of powerOff) off();
        const thread = respawning ? await respawning.catch(() => current) : current;
        if (!thread.ended) {
          post(thread, { t: 'close' });
          await thread.exited;
        }
      })();
      return closing;
    },
  };
}
