/** What every measure shares: the real handlers, dispatched against any open database handle. */
import path from 'node:path';
import { build } from 'esbuild';
import type { DB } from '../../../main/core/db/index.js';
import { CACHE_ROOT } from '../journals.js';
import { createDispatcher, handlers, type ServiceContext } from '../../../main/core/service/index.js';
import type { Vault } from '../../../main/core/vault/index.js';
import type { Ports } from '../../../main/core/ports.js';
import { PendingImports, PickedFiles } from '../../../main/core/portability/index.js';
import { ReminderService } from '../../../main/core/reminders/index.js';
import { SafetyService } from '../../../main/core/safety/index.js';
import { BackupJobs } from '../../../main/core/service/portability.js';
import { InsightWarmup } from '../../../main/core/service/insights.js';
import { HistoryChecks } from '../../../main/core/service/history.js';
import type { Summary } from '../stats.js';

/** One measure at one journal size. Times in ms unless the row says otherwise. */
export interface SizeResult {
  /** The measured side (the encrypted journal). */
  value: Summary;
  baseline?: Summary;
  /** measured ÷ baseline (p50 unless the measure says otherwise). */
  ratio?: number;
  /** Set when the measure could not run (and why). */
  unavailable?: string;
  extra?: Record<string, unknown>;
}

/**
 * The real dispatcher (zod validation, the call queue, the handlers) over a database handle we opened
 * ourselves: the encrypted journal or its plain twin, so both sides run exactly the same code.
 */
export function dispatcherOn(db: DB, now: () => number, lockSignal: AbortSignal = new AbortController().signal) {
  const vault = { unlocked: true, database: () => db, lockSignal } as unknown as Vault;
  const ctx = contextOn(vault, { now, log: () => {}, emit: () => {} });
  const dispatch = createDispatcher(handlers, ctx);
  const call = async <T = unknown>(channel: string, input: unknown = {}): Promise<T> => {
    const reply = await dispatch(channel, input);
    if (!reply.ok) throw new Error(`${channel} failed: ${reply.error.code} ${reply.error.message}`);
    return reply.value as T;
  };
  return { ctx, dispatch, call };
}

/** A session's worth of services around a stand-in vault (a bare database handle), for the handlers. */
export function contextOn(vault: Vault, ports: Ports): ServiceContext {
  const base = { vault, ports, files: new PickedFiles(), imports: new PendingImports(), backups: new BackupJobs(), insightWarmup: new InsightWarmup(), historyChecks: new HistoryChecks() };
  return { ...base, reminders: new ReminderService(base), safety: new SafetyService(base) };
}

/** A clock that starts at the journal's "now" and ticks with real time (writes get distinct, plausible times). */
export function journalClock(now: number): () => number {
  const t0 = Date.now();
  return () => now + (Date.now() - t0);
}

const bundles = new Map<string, Promise<string>>();
/**
 * A child-process script of the bench (`tests/bench/<name>.ts`) bundled once per run into the cache,
 * so it starts under plain Node without a TypeScript loader inflating the memory it measures.
 */
export function childBundle(name: string): Promise<string> {
  let bundled = bundles.get(name);
  if (!bundled) {
    bundled = (async () => {
      const outfile = path.join(CACHE_ROOT, `${name}.mjs`);
      await build({
        entryPoints: [path.resolve(import.meta.dirname, '..', `${name}.ts`)],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        logLevel: 'error',
      });
      return outfile;
    })();
    bundles.set(name, bundled);
  }
  return bundled;
}

