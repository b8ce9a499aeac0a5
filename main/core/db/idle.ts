/**
 * WAL checkpoints off the hot path (issue 8). SQLite checkpoints automatically inside the commit that
 * pushes the WAL past 1000 pages, so one save in ~30 pays for copying everything before it into the
 * database (measured at 100k entries: up to ~120 ms for that one save, against ~1.3 ms for the others).
 * Checkpointing once the journal has been idle for a moment means an ordinary save never waits for
 * one. TRUNCATE also empties the WAL file, so old page versions (encrypted, but still earlier text)
 * do not linger there between sessions of writing. The automatic checkpoint stays as the backstop for
 * long bursts of writes (imports).
 */
import type { Reply } from '../../../shared/errors.js';
import type { DB } from './open.js';

type Dispatch = (channel: string, raw: unknown) => Promise<Reply<unknown>>;

export interface IdleCheckpointOptions {
  /** Quiet time after the last call before checkpointing. */
  idleMs?: number;
  timers?: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
  /** Called when a checkpoint fails (it is retried after the next call). Never given journal content. */
  onError?: (code: string) => void;
}

export const IDLE_CHECKPOINT_MS = 1500;

/**
 * Wraps a dispatcher: after every call, (re)arms a timer; when no call has run or is running for
 * `idleMs`, the WAL is checkpointed if the journal is unlocked.
 */
export function withIdleCheckpoints<D extends Dispatch>(
  dispatch: D,
  vault: { readonly unlocked: boolean; database(): DB },
  opts: IdleCheckpointOptions = {},
): D {
  const idleMs = opts.idleMs ?? IDLE_CHECKPOINT_MS;
  const timers = opts.timers ?? {
    setTimeout: (fn: () => void, ms: number) => {
      const h = setTimeout(fn, ms);
      // Never keeps the process alive: a quit checkpoints through lock() anyway.
      h.unref?.();
      return h;
    },
    clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  let running = 0;
  let timer: unknown = null;

  const fire = () => {
    timer = null;
    if (running > 0 || !vault.unlocked) return;
    try {
      vault.database().pragma('wal_checkpoint(TRUNCATE)');
    } catch (e) {
      opts.onError?.(String((e as { code?: unknown })?.code ?? 'error'));
    }
  };
  const arm = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = timers.setTimeout(fire, idleMs);
  };

  const wrapped = async (channel: string, raw: unknown) => {
    running++;
    try {
      return await dispatch(channel, raw);
    } finally {
      running--;
      arm();
    }
  };
  return wrapped as D;
}
