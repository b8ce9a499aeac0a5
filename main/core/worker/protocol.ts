/**
 * The messages between a host (browser mode's server, Electron's main process) and the core's worker
 * thread. Everything crosses by structured clone inside one process: calls and their replies, app
 * events, and the host ports the worker needs (dialogs, printer, notifier, window, preferences, power
 * events). The passphrase crosses only inside a call's input, never through a file or the environment;
 * the data key never leaves the worker.
 */
import { z } from 'zod';
import type { PowerEvent } from '../ports.js';

/** What the host hands the worker at start (workerData). */
export interface WorkerInit {
  dataDir: string;
  insecureTestKdf: boolean;
  /** Electron: the SQLite module built for Electron's ABI (main/app/native.ts). */
  nativeBinding?: string;
  /** Which host ports exist; the worker asks the host for them by message. */
  has: { dialogs: boolean; printer: boolean; notifier: boolean; window: boolean; idle: boolean };
  /** The host's preferences as they stand; the worker keeps a copy and sends every change back. */
  preferences?: Record<string, unknown>;
  /** The operating system's preferred languages (Ports.systemLanguages), for native dialogs' words. */
  systemLanguages?: string[];
  /**
   * Idle time and window focus as the host last sampled them ([idle ms, focused 0/1]), for the
   * auto-lock, which reads them synchronously.
   */
  presence?: SharedArrayBuffer;
  /**
   * TEST ONLY (browser mode's test host, with the insecure test flag): a module URL exporting
   * `TestClock` (tests/helpers/ports.ts), which the thread loads so the auto-lock runs on a clock
   * `test.advanceClock` moves. Test doubles stay in tests/; production never passes one.
   */
  testClockModule: string | null;
}

/** Host ports the worker asks for and waits on. */
export type AskOp = 'dialogs.saveFile' | 'dialogs.openFile' | 'printer.printToPDF';
/** Host ports the worker tells, without an answer. */
export type TellOp = 'notifier.show' | 'window.hide' | 'preferences.set' | 'log';
export type TestOp = 'advanceClock' | 'lockPending';

export type ToWorker =
  | { t: 'call'; id: number; channel: string; raw: unknown }
  /** A call whose input is still its JSON bytes, in pieces transferred with the message (Core.dispatchBody). */
  | { t: 'callBody'; id: number; channel: string; pieces: Uint8Array[] }
  | { t: 'answer'; id: number; ok: true; value: unknown }
  | { t: 'answer'; id: number; ok: false; message: string }
  | { t: 'power'; event: PowerEvent }
  | { t: 'test'; id: number; op: TestOp; ms?: number }
  /** A call whose file streams into the host (browser-mode downloads, downloads.ts); `raw` gets `sink: id`. */
  | { t: 'download'; id: number; channel: string; raw: Record<string, unknown> }
  /** The host has handed one piece of download `id` on; `gone`: its browser went away. */
  | { t: 'credit'; id: number }
  | { t: 'gone'; id: number }
  | { t: 'close' };

const ErrorShape = z.object({ code: z.string(), message: z.string(), detail: z.unknown().optional() }).passthrough();
const ReplyShape = z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: ErrorShape })]);

/** What the worker sends; the host checks it (a bug in the worker must not crash the host). */
export const FromWorker = z.discriminatedUnion('t', [
  z.object({ t: z.literal('ready') }),
  z.object({ t: z.literal('reply'), id: z.number().int(), reply: ReplyShape }),
  z.object({ t: z.literal('event'), event: z.object({ type: z.string() }).passthrough() }),
  z.object({ t: z.literal('ask'), id: z.number().int(), op: z.enum(['dialogs.saveFile', 'dialogs.openFile', 'printer.printToPDF']), args: z.array(z.unknown()) }),
  z.object({ t: z.literal('tell'), op: z.enum(['notifier.show', 'window.hide', 'preferences.set', 'log']), args: z.array(z.unknown()) }),
  z.object({ t: z.literal('tested'), id: z.number().int(), value: z.unknown() }),
  z.object({ t: z.literal('closed') }),
  z.object({ t: z.literal('head'), id: z.number().int(), head: z.object({ filename: z.string().max(200), mimeType: z.string().max(100) }).strict() }),
  z.object({ t: z.literal('chunk'), id: z.number().int(), data: z.instanceof(Uint8Array) }),
]);
export type FromWorker = z.infer<typeof FromWorker>;

/** Slots of the presence buffer. */
export const PRESENCE_IDLE_MS = 0;
export const PRESENCE_FOCUSED = 1;
