import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createService } from '../core/service/index.js';
import { manualPowerEvents } from '../core/ports.js';
import { EventStreams } from './events.js';
import { createWebServer, type WebServer } from './server.js';

export { createWebServer, RefusedBindError, type WebServer, type WebServerOptions, type DispatchFn } from './server.js';
export { EventStreams } from './events.js';

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
}

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
  const service = createService({
    dataDir: opts.dataDir,
    insecureTestKdf: opts.insecureTestKdf ?? false,
    ports: { emit: (event) => events.emit(event), power: manualPowerEvents() },
  });
  let server: WebServer;
  try {
    server = await createWebServer({
      dispatch: service.dispatch,
      staticDir: opts.staticDir ?? DEFAULT_STATIC_DIR,
      port: opts.port,
      host: opts.host,
      events,
    });
  } catch (e) {
    service.vault.lock();
    throw e;
  }
  let closing: Promise<void> | null = null;
  return {
    url: server.url,
    token: server.token,
    port: server.port,
    dataDir: opts.dataDir,
    emit: server.emit,
    close() {
      closing ??= (async () => {
        try {
          // Through dispatch, so a write already in the queue finishes before the database closes.
          await service.dispatch('vault.lock', {});
        } finally {
          service.vault.lock();
          await server.close();
        }
      })();
      return closing;
    },
  };
}
