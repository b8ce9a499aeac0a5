/**
 * `npm run web -- [--data-dir DIR] [--port N] [--host 127.0.0.1]` — browser mode.
 * Builds the renderer if needed, starts the loopback host and prints exactly one line to stdout:
 * `Fulcrum browser mode: <url>`. The link opens Fulcrum once, in one tab (its token is single-use);
 * closing that tab locks the journal. It does not open a browser. Ctrl+C locks the journal and exits.
 */
import { RefusedBindError, startWebHost, type WebHost } from '../web/index.js';
import { ensureRendererBuilt } from './renderer-build.js';
import { RENDERER_OUT, isEntry } from './project.js';
import { parseWebArgs, type WebCliOptions } from './web-args.js';

/** Runs browser mode until a signal; `npm start` falls back to it where Electron cannot run. */
export async function runBrowserMode(argv: string[]): Promise<void> {
  let opts: WebCliOptions;
  try {
    opts = parseWebArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  }
  if (opts.insecureTestKdf) {
    process.stderr.write(
      '\n!!! WARNING: --insecure-test-kdf — keys are derived with TEST-ONLY Argon2 parameters.\n!!! Anything written in this session is NOT safely protected. Never use this for a real journal.\n\n',
    );
  }
  try {
    ensureRendererBuilt();
  } catch (e) {
    process.stderr.write(`Fulcrum browser mode could not start: ${(e as Error).message}\n`);
    process.exit(1);
  }

  let host: WebHost;
  try {
    host = await startWebHost({ dataDir: opts.dataDir, port: opts.port, host: opts.host, insecureTestKdf: opts.insecureTestKdf, staticDir: RENDERER_OUT });
  } catch (e) {
    const why = e instanceof RefusedBindError ? e.message : (e as NodeJS.ErrnoException).code === 'EADDRINUSE' ? `port ${opts.port} is already in use; choose another with --port, or leave it out for a random one.` : (e as Error).message;
    process.stderr.write(`Fulcrum browser mode could not start: ${why}\n`);
    process.exit(1);
  }
  process.stdout.write(`Fulcrum browser mode: ${host.url}\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, stop);
}

if (isEntry(import.meta.url)) void runBrowserMode(process.argv.slice(2));
