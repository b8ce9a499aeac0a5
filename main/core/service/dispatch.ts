import { api, byteCalls, isByteChannel, isChannel, type ByteChannel, type Channel } from '../../../shared/api.js';
import { FulcrumError, type ApiErrorShape, type Reply } from '../../../shared/errors.js';
import { PLAIN_MESSAGES } from '../../../shared/schemas.js';
import { rollbackIfOpen } from '../db/repos/imports.js';
import type { Handlers, ServiceContext } from './types.js';

/** Turns anything thrown into a typed error. Messages never carry journal content. */
export function toApiError(e: unknown): ApiErrorShape {
  if (e instanceof FulcrumError) return { code: e.code, message: e.message, ...(e.detail ? { detail: e.detail } : {}) };
  const code = (e as { code?: unknown })?.code;
  if (typeof code === 'string') {
    if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
      return { code: 'DISK_FULL', message: 'The disk is full, so this could not be saved. Free some space and try again; nothing already saved was lost.' };
    }
    if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      return { code: 'NOT_FOUND', message: 'A person or pattern this refers to does not exist (it may have been removed). Reload and try again.' };
    }
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      return { code: 'CONFLICT', message: 'That already exists.' };
    }
    if (code.startsWith('SQLITE_CONSTRAINT')) {
      return { code: 'VALIDATION', message: 'Some values are out of range.' };
    }
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
      return { code: 'CORRUPT', message: 'The journal file is damaged. Nothing more was written. Restore it from a backup.' };
    }
    if (code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR_') || code === 'EACCES' || code === 'EROFS') {
      return { code: 'IO', message: 'The journal could not be written to disk. Check the disk and try again.' };
    }
  }
  return { code: 'INTERNAL', message: 'Something went wrong inside Fulcrum. Nothing was saved by this action; try again.' };
}

function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Calls that lock the journal. They must never wait for long work to finish. */
const LOCKING: ReadonlySet<Channel> = new Set<Channel>(['vault.lock', 'session.quickExit']);

/**
 * Long jobs a lock does not wait for, even while they wait on something themselves (a file being
 * read, a hook in a test). They write only in short transactions (an import's commit, a slice at a
 * time, giving its turn up between two: `ServiceContext.turn`; the whole-history check writes only
 * its result, and gives its turn up between batches), and after every wait they check the
 * lock signal before touching the journal again. When a lock comes, the queue stops waiting for them:
 * their open transaction is rolled back, the calls queued behind them run, then the lock closes the
 * journal and zeroes the key. The job itself ends CANCELLED at its next step.
 */
const PREEMPTIBLE: ReadonlySet<Channel> = new Set<Channel>(['import.preview', 'import.commit', 'ledger.verify']);

const cancelled = (): Reply<unknown> => ({
  ok: false,
  error: { code: 'CANCELLED', message: 'This was stopped because the journal was locked. Nothing of it was saved.' },
});

/**
 * The single entry point both transports call. Validates the raw input against the contract,
 * refuses calls that need an unlocked journal, runs the handler, and never lets anything escape.
 * Calls are run one at a time, so a lock cannot land in the middle of a write.
 *
 * A lock (vault.lock, quick exit, auto-lock) still takes its turn, so a draft save sent just before
 * it is written first, but it does not wait for long work: the moment it arrives the vault's lock
 * signal is aborted, so a running job (export, backup, import, restore preview) stops at its next
 * pause with CANCELLED, leaving nothing behind, and any job queued before the lock stops at once.
 */
export function createDispatcher(handlers: Handlers, ctx: ServiceContext) {
  let queue: Promise<unknown> = Promise.resolve();
  /** The preemptible job holding the queue, and how to let the queue go on without it. */
  let job: { release: () => void } | null = null;

  async function run(channel: Channel | ByteChannel, raw: unknown, c: ServiceContext = ctx): Promise<Reply<unknown>> {
    const def = isByteChannel(channel) ? byteCalls[channel] : api[channel];
    if (!def.whileLocked && !ctx.vault.unlocked) {
      return { ok: false, error: { code: 'LOCKED', message: 'The journal is locked. Unlock it to continue.' } };
    }
    const parsed = def.input.safeParse(raw);
    if (!parsed.success) {
      // Messages written for people (a date out of range) are shown alone, as they are.
      const plain = [...new Set(parsed.error.issues.map((i) => i.message).filter((m) => PLAIN_MESSAGES.has(m)))];
      if (plain.length > 0) return { ok: false, error: { code: 'VALIDATION', message: plain.join(' ') } };
      return { ok: false, error: { code: 'VALIDATION', message: `Invalid input — ${describeIssues(parsed.error.issues)}` } };
    }
    try {
      const handler = handlers[channel] as (input: unknown, c: ServiceContext) => unknown;
      const value = await handler(parsed.data, c);
      return { ok: true, value: value === undefined ? null : value };
    } catch (e) {
      const error = toApiError(e);
      if (error.code === 'INTERNAL') ctx.ports.log('error', `call ${channel} failed: ${(e as Error)?.name ?? 'error'}`);
      return { ok: false, error };
    }
  }

  return function dispatch(channel: string, raw: unknown): Promise<Reply<unknown>> {
    if (typeof channel !== 'string' || !(isChannel(channel) || isByteChannel(channel))) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CALL', message: 'There is no such call.' } });
    }
    // Only a real lock call stops the jobs: a malformed one is refused in its turn and stops nothing.
    if (isChannel(channel) && LOCKING.has(channel) && api[channel].input.safeParse(raw).success) {
      ctx.vault.stopJobs();
      // On the next turn of the event loop, when the job is surely waiting (never inside its own
      // synchronous step, which may be what asked for the lock).
      const running = job;
      if (running) setImmediate(running.release);
    }
    if (isChannel(channel) && PREEMPTIBLE.has(channel)) return preemptible(channel, raw);
    const result = queue.then(() => run(channel, raw)).catch((e) => ({ ok: false as const, error: toApiError(e) }));
    queue = result;
    return result;
  };

  function preemptible(channel: Channel, raw: unknown): Promise<Reply<unknown>> {
    let released: () => void = () => {};
    const hold = () => new Promise<void>((resolve) => (released = resolve));
    let result: Promise<Reply<unknown>> = Promise.resolve(cancelled());
    let mine: { release: () => void } | null = null;
    /** Whether the job holds the queue now (not while its turn is given up, when another call may be writing). */
    let holding = false;
    /**
     * The job's turn given up for a moment (between two of its transactions, holding none): the calls
     * queued meanwhile run in their order, then the job goes on, holding the queue again.
     */
    const turn = (): Promise<void> =>
      new Promise<void>((resume) => {
        const others = queue;
        const letGo = released;
        const again = hold();
        holding = false;
        queue = others.then(() => {
          // Another job may have held the queue meanwhile: a lock lets go of this one again.
          if (mine) job = mine;
          holding = true;
          resume();
          return Promise.race([result, again]);
        });
        letGo();
      });
    const gate = hold();
    result = queue
      .then(() => {
        // A lock came while this waited its turn: it does not start.
        if (ctx.vault.unlocked && ctx.vault.lockSignal.aborted) return cancelled();
        const me = {
          release: () => {
            if (job !== me) return;
            job = null;
            // Nothing the job wrote stays: its open transaction is rolled back before anything else runs.
            if (holding && ctx.vault.unlocked) rollbackIfOpen(ctx.vault.database());
            released();
          },
        };
        job = me;
        mine = me;
        holding = true;
        const own: ServiceContext = Object.create(ctx, { turn: { value: turn } }) as ServiceContext;
        return run(channel, raw, own).finally(() => {
          mine = null;
          if (job === me) job = null;
        });
      })
      .catch((e) => ({ ok: false as const, error: toApiError(e) }));
    queue = Promise.race([result, gate]);
    return result;
  }
}
export type Dispatch = ReturnType<typeof createDispatcher>;
