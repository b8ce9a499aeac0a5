import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { startCore, type Core } from '../core/worker/client.js';
import type { PowerEvent } from '../core/ports.js';
import type { Reply } from '../../shared/errors.js';
import { EventStreams } from './events.js';
import { createWebServer, type WebServer } from './server.js';

export { createWebServer, RefusedBindError, type WebServer, type WebServerOptions, type DispatchFn } from './server.js';
export { EventStreams } from './events.js';
export { NEUTRAL_PATH } from './neutral.js';

/** dist/renderer of this checkout (main/web → ../../dist/renderer). */
export const DEFAULT_STATIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'renderer');

export interface WebHostOptions {
  /** The journal folder (vault.json, journal.db). */
  dataDir: string;
  port?: number;
  host?: string;
  /** TEST ONLY: cheap Argon2 parameters (the CLI refuses it without FULCRUM_ALLOW_INSECURE_TEST_KDF=1). */
  insecureTestKdf?: boolean;
  staticDir?: string;
  /**
   * How long after the last page has gone (its event stream closed, no call in flight) the journal
   * locks, so that closing the tab locks it. Default {@link PAGES_GONE_LOCK_MS}.
   */
  pagesGoneLockMs?: number;
  /**
   * TEST ONLY, and only with `insecureTestKdf`: the auto-lock's clock and the power events, handed in
   * by tests (tests/helpers/ports.ts), which `test.advanceClock` and `test.firePower` then drive.
   * Without them (the CLI, a real journal) those calls do not exist (404) and the host has no power
   * events: a browser tab cannot see the OS suspend, so only the idle auto-lock applies.
   */
  testPorts?: WebTestPorts;
}

/**
 * What a test hands the browser-mode host to drive its auto-lock (see `WebHostOptions.testPorts`):
 * the URL of the module exporting its `TestClock`, which the core's thread loads (objects do not
 * cross threads). Power events are fired by message (`test.firePower`).
 */
export interface WebTestPorts {
  clockModule: string;
}

/** A few seconds: enough for a page's stream to reconnect after a hiccup, short enough that a closed tab is not left open. */
export const PAGES_GONE_LOCK_MS = 5_000;

export interface WebHost extends WebServer {
  readonly dataDir: string;
  /** Locks the journal (checkpoint, close, zero the key) and stops the server. */
  close(): Promise<void>;
}

/**
 * Browser mode: the whole back end (the same `dispatch` the desktop app uses) behind a loopback HTTP
 * server. It opens no outbound connection and writes nothing outside `dataDir`.
 */
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const events = new EventStreams();
  let server: WebServer | undefined;
  // The core runs in a worker thread of its own: this thread only serves HTTP and forwards calls and
  // events. TEST ONLY: with the insecure test flag, a test may hand in the module of its test clock
  // (the core's thread loads it) and then move that clock and fire power events; the test flag alone
  // adds only the call that mints launch links.
  const testPorts = opts.insecureTestKdf ? opts.testPorts : undefined;
  const core = await startCore({
    dataDir: opts.dataDir,
    insecureTestKdf: opts.insecureTestKdf ?? false,
    ports: {
      emit: (event) => {
        events.emit(event);
        // A lock ends every download link not yet followed.
        if (event.type === 'locked') server?.dropDownloads();
      },
    },
    ...(testPorts ? { testClockModule: testPorts.clockModule } : {}),
  });
  const testCalls = opts.insecureTestKdf ? testOnlyCalls(testPorts ? core : null, () => server?.newLaunchUrl() ?? '') : undefined;
  try {
    server = await createWebServer({
      dispatch: core.dispatch,
      dispatchBody: core.dispatchBody,
      download: (channel, raw, out) => core.download(channel, raw, out),
      staticDir: opts.staticDir ?? DEFAULT_STATIC_DIR,
      port: opts.port,
      host: opts.host,
      events,
      testCalls,
      whenPagesGone: {
        graceMs: opts.pagesGoneLockMs ?? PAGES_GONE_LOCK_MS,
        // Through dispatch, like every lock, so a write already queued finishes first.
        onGone: () => void core.dispatch('vault.lock', {}),
      },
    });
  } catch (e) {
    await core.close();
    throw e;
  }
  const started = server;
  let closing: Promise<void> | null = null;
  return {
    url: started.url,
    token: started.token,
    port: started.port,
    newLaunchUrl: () => started.newLaunchUrl(),
    get pagesGonePending() {
      return started.pagesGonePending;
    },
    dataDir: opts.dataDir,
    emit: started.emit,
    dropDownloads: () => started.dropDownloads(),
    get downloadPeakBufferedBytes() {
      return started.downloadPeakBufferedBytes;
    },
    close() {
      closing ??= (async () => {
        try {
          // The core locks after any write already in its queue, then its thread ends.
          await core.close();
        } finally {
          await started.close();
        }
      })();
      return closing;
    },
  };
}

const AdvanceClock = z.object({ ms: z.number().int().min(0).max(365 * 86_400_000) }).strict();
const FirePower = z.object({ event: z.enum(['suspend', 'lock-screen']) }).strict();
const bad = (message: string): Reply<never> => ({ ok: false, error: { code: 'VALIDATION', message } });

/**
 * The calls only a test host has: mint another single-use launch URL (a test that opens a second
 * page, or drives a host in another process, needs one: the printed link works once); and, when the
 * test handed in its ports, move the auto-lock's clock (answering whether a lock is now announced)
 * and fire a system power event.
 */
function testOnlyCalls(core: Core | null, newLaunchUrl: () => string) {
  const newLaunch = { 'test.newLaunchUrl': async (): Promise<Reply<unknown>> => ({ ok: true, value: { url: newLaunchUrl() } }) };
  if (!core) return newLaunch;
  return {
    ...newLaunch,
    'test.advanceClock': async (input: unknown): Promise<Reply<unknown>> => {
      const p = AdvanceClock.safeParse(input);
      if (!p.success) return bad('test.advanceClock takes { ms }.');
      // Timers due by then have run in the core: a test can tell "no lock was announced" without waiting.
      return { ok: true, value: await core.advanceClock(p.data.ms) };
    },
    'test.firePower': async (input: unknown): Promise<Reply<unknown>> => {
      const p = FirePower.safeParse(input);
      if (!p.success) return bad("test.firePower takes { event: 'suspend' | 'lock-screen' }.");
      core.firePower(p.data.event satisfies PowerEvent);
      return { ok: true, value: null };
    },
  };
}
