/**
 * The worker side: builds the whole back end (createService) inside the worker thread and answers the
 * host's messages. Host ports cross as messages: the worker asks (a file dialog, a PDF) and waits for
 * the answer, or tells (a notification, hide the window, a changed preference) and goes on.
 */
import type { MessagePort } from 'node:worker_threads';
import type { AppEvent } from '../../../shared/api.js';
import type { Reply } from '../../../shared/errors.js';
import { setNativeBinding } from '../db/open.js';
import { forwardedPowerEvents, type Dialogs, type FileFilter, type Ports, type PrintOptions } from '../ports.js';
import { createPreferencesStore, type PreferencesStore } from '../prefs.js';
import type { Clock } from '../safety/index.js';
import { createService } from '../service/index.js';
import { WorkerDownloads } from './downloads.js';
import { withReadConnection } from './reads.js';
import { PRESENCE_FOCUSED, PRESENCE_IDLE_MS, type AskOp, type TellOp, type ToWorker, type WorkerInit } from './protocol.js';

type Port = Pick<MessagePort, 'postMessage' | 'on' | 'off'>;

/** Preferences kept in the worker, each change also sent to the host's store (which persists it). */
function mirroredPreferences(initial: Record<string, unknown>, tell: (op: TellOp, args: unknown[]) => void): PreferencesStore {
  const values = new Map<string, unknown>(Object.entries(initial));
  return createPreferencesStore({
    get: (k) => values.get(k),
    set: (k, v) => {
      values.set(k, v);
      tell('preferences.set', [k, v]);
    },
    delete: (k) => {
      values.delete(k);
      tell('preferences.set', [k, null]);
    },
  });
}

const NOT_JSON = Symbol('not JSON');
const NOT_JSON_REPLY: Reply<never> = { ok: false, error: { code: 'VALIDATION', message: 'The request body is not valid JSON.' } };

/** A call's JSON body as sent (Core.dispatchBody), decoded and parsed here rather than on the host's thread; no bytes: no input. */
function parseBody(pieces: Uint8Array[]): unknown {
  const bytes = Buffer.concat(pieces);
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** A clock a test moves forward (tests/helpers/ports.ts `TestClock`), handed in by the thread's entry. */
export type TestClockLike = Clock & { advance(ms: number): void };

export function serveCore(port: Port, init: WorkerInit, testClock: TestClockLike | null = null): void {
  if (init.nativeBinding) setNativeBinding(init.nativeBinding);
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextAsk = 1;
  const ask = (op: AskOp, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextAsk++;
      waiting.set(id, { resolve, reject });
      port.postMessage({ t: 'ask', id, op, args });
    });
  const tell = (op: TellOp, args: unknown[]) => port.postMessage({ t: 'tell', op, args });
  const presence = init.presence ? new Float64Array(init.presence) : null;

  const dialogs: Dialogs = {
    saveFile: async (o: { title: string; defaultName: string; filters?: FileFilter[] }) => (await ask('dialogs.saveFile', [o])) as string | null,
    openFile: async (o: { title: string; filters?: FileFilter[] }) => (await ask('dialogs.openFile', [o])) as string | null,
  };
  const power = forwardedPowerEvents();
  const downloads = new WorkerDownloads((msg, transfer) => port.postMessage(msg, transfer));
  const ports: Partial<Ports> = {
    emit: (event: AppEvent) => port.postMessage({ t: 'event', event }),
    // The host decides where logs go (they never carry journal content).
    log: (level, message) => tell('log', [level, message]),
    power: init.has.idle && presence ? { on: power.on, idleMs: () => presence[PRESENCE_IDLE_MS]! } : { on: power.on },
    ...(init.has.dialogs ? { dialogs } : {}),
    ...(init.has.printer
      ? {
          printer: {
            printToPDF: async (html: string, opts?: PrintOptions) => {
              const bytes = (await ask('printer.printToPDF', [html, opts])) as Uint8Array;
              return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
            },
          },
        }
      : {}),
    ...(init.has.notifier ? { notifier: { show: (title: string, body: string) => tell('notifier.show', [title, body]) } } : {}),
    ...(init.has.window ? { window: { hide: () => tell('window.hide', []), isFocused: () => presence?.[PRESENCE_FOCUSED] === 1 } } : {}),
    ...(init.preferences ? { preferences: mirroredPreferences(init.preferences, tell) } : {}),
    ...(init.systemLanguages ? { systemLanguages: init.systemLanguages } : {}),
    downloads,
  };
  const service = createService({ dataDir: init.dataDir, insecureTestKdf: init.insecureTestKdf, ports, ...(testClock ? { safety: { clock: testClock } } : {}) });
  // Reads answered beside a long job instead of behind it (reads.ts).
  const calls = withReadConnection(service, service.dispatch);

  let closing = false;
  const onMessage = (msg: ToWorker) => {
    switch (msg.t) {
      case 'call':
        void calls.dispatch(msg.channel, msg.raw).then((reply) => port.postMessage({ t: 'reply', id: msg.id, reply }));
        return;
      case 'callBody': {
        const input = parseBody(msg.pieces);
        const reply = input === NOT_JSON ? Promise.resolve(NOT_JSON_REPLY) : calls.dispatch(msg.channel, input);
        void reply.then((r) => port.postMessage({ t: 'reply', id: msg.id, reply: r }));
        return;
      }
      case 'download': {
        downloads.open(msg.id);
        void calls
          .dispatch(msg.channel, { ...msg.raw, sink: msg.id })
          .then((reply) => {
            downloads.close(msg.id);
            port.postMessage({ t: 'reply', id: msg.id, reply });
          });
        return;
      }
      case 'credit':
        downloads.get(msg.id)?.credit();
        return;
      case 'gone':
        downloads.get(msg.id)?.abort();
        return;
      case 'answer': {
        const w = waiting.get(msg.id);
        waiting.delete(msg.id);
        if (msg.ok) w?.resolve(msg.value);
        else w?.reject(new Error(msg.message));
        return;
      }
      case 'power':
        power.fire(msg.event);
        return;
      case 'test': {
        if (!testClock) return port.postMessage({ t: 'tested', id: msg.id, value: null });
        if (msg.op === 'advanceClock') testClock.advance(msg.ms ?? 0);
        // Timers due by then have run: the host can tell "no lock was announced" without waiting.
        port.postMessage({ t: 'tested', id: msg.id, value: { now: testClock.now(), lockPending: service.safety.autoLock.pending } });
        return;
      }
      case 'close':
        if (closing) return;
        closing = true;
        service.safety.dispose();
        // Through dispatch, so a write already in the queue finishes before the database closes.
        void service
          .dispatch('vault.lock', {})
          .finally(() => {
            service.reminders.dispose();
            service.vault.lock();
            for (const w of waiting.values()) w.reject(new Error('closing'));
            waiting.clear();
            port.off('message', onMessage);
            port.postMessage({ t: 'closed' });
          });
        return;
    }
  };
  port.on('message', onMessage);
  port.postMessage({ t: 'ready' });
}
