/**
 * Autosave: keeps what is being written as a stored draft, so nothing typed is lost.
 *
 * - A change starts a timer (`delayMs`); when it fires, the newest value is saved. Changes made
 *   meanwhile join that save, so steady typing is saved every `delayMs` at the latest, not never.
 * - Saves run one at a time, in order: an older save can never land after a newer one. A change
 *   made while a save is on its way starts a new timer, and is saved after it.
 * - The value is saved at once when the window loses focus or is hidden, when the page is closed,
 *   when the screen goes away (the hook unmounts) and before the journal locks.
 * - A failed save is tried again every `retryMs` (with the newest value) until one succeeds;
 *   `failed` says so meanwhile, so the screen can tell the writer.
 * - A value back at its start (`isPristine`) needs no draft: a stored one is removed instead.
 *
 * The page decides what a value is and how it is stored (`serialize`, `save`, `remove`); the hook
 * only decides when.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface AutosaveOptions<T> {
  /** What is being written now; null while there is nothing yet (still loading). */
  value: T | null;
  /** The value as the text stored; two values with the same text are the same draft. */
  serialize: (value: T) => string;
  /** True when the value is back where it started: no draft is kept for it. */
  isPristine: (value: T) => boolean;
  save: (content: string) => Promise<void>;
  remove: () => Promise<void>;
  /** Runs a function before the journal locks; returns the function that stops it. */
  beforeLock?: (fn: () => Promise<void>) => () => void;
  delayMs?: number;
  retryMs?: number;
}

export interface Autosave {
  /** The last save failed (it is being tried again). */
  failed: boolean;
  /** When a draft was last saved by this hook (ms), or null. */
  savedAt: number | null;
  /** Saves the newest value now (after any save on its way). */
  flush: () => Promise<void>;
  /** The text already stored when the screen opened (a restored draft): not saved again. */
  adopt: (content: string | null) => void;
  /** Stops saving drafts and waits for a save on its way (the entry itself is about to be saved). */
  pause: () => Promise<void>;
  /** Saves drafts again (saving the entry failed). */
  resume: () => void;
  /** Removes the stored draft, after any save on its way (the entry was saved, or the draft discarded). */
  clear: () => Promise<void>;
}

export const AUTOSAVE_MS = 2000;
export const AUTOSAVE_RETRY_MS = 5000;

export function useAutosave<T>(options: AutosaveOptions<T>): Autosave {
  const { value, beforeLock, delayMs = AUTOSAVE_MS, retryMs = AUTOSAVE_RETRY_MS } = options;
  const [failed, setFailed] = useState(false);
  const [savedAt, setSavedAt] = useState<number | null>(null);

  // The newest value and functions, read when a save runs (not when it was asked for).
  const latest = useRef(options);
  latest.current = options;
  const delays = useRef({ delayMs, retryMs });
  delays.current = { delayMs, retryMs };
  /** The text stored now (null: no draft stored by or for this screen). */
  const stored = useRef<string | null>(null);
  const paused = useRef(false);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const cancelTimer = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  }, []);

  /** Queues a step after every earlier one; the chain itself never rejects. */
  const enqueue = useCallback((step: () => Promise<void>): Promise<void> => {
    const run = chain.current.then(step);
    chain.current = run.catch(() => undefined);
    return run;
  }, []);

  /** Runs `flush` after `ms` (through a ref: `flush` itself schedules the retries). */
  const flushRef = useRef<() => Promise<void>>(() => Promise.resolve());
  const schedule = useCallback((ms: number) => {
    timer.current = setTimeout(() => {
      timer.current = null;
      void flushRef.current();
    }, ms);
  }, []);

  const flush = useCallback((): Promise<void> => {
    return enqueue(async () => {
      const { value: v, serialize, isPristine, save, remove } = latest.current;
      if (paused.current || v === null) return;
      try {
        if (isPristine(v)) {
          if (stored.current !== null) await remove();
          stored.current = null;
        } else {
          const content = serialize(v);
          if (content !== stored.current) {
            await save(content);
            stored.current = content;
            setSavedAt(Date.now());
          }
        }
        setFailed(false);
      } catch {
        setFailed(true);
        // Tried again with whatever is newest by then, until a save succeeds.
        if (!timer.current && !paused.current) schedule(delays.current.retryMs);
      }
    });
  }, [enqueue, schedule]);
  flushRef.current = flush;

  /** Starts the timer when the newest value is not what is stored (and none is running). */
  const scheduleIfChanged = useCallback(() => {
    const { value: v, serialize, isPristine } = latest.current;
    if (v === null || paused.current || timer.current) return;
    if (isPristine(v) ? stored.current === null : serialize(v) === stored.current) return;
    schedule(delays.current.delayMs);
  }, [schedule]);

  useEffect(() => {
    scheduleIfChanged();
  }, [value, scheduleIfChanged]);

  // Saved at once when the writer looks away, the page closes, the screen goes or the journal locks.
  useEffect(() => {
    const offLock = beforeLock?.(async () => {
      cancelTimer();
      await flush();
      paused.current = true;
    });
    const now = () => {
      cancelTimer();
      void flush();
    };
    const onHide = () => {
      if (document.visibilityState === 'hidden') now();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('blur', now);
    window.addEventListener('pagehide', now);
    window.addEventListener('beforeunload', now);
    return () => {
      offLock?.();
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('blur', now);
      window.removeEventListener('pagehide', now);
      window.removeEventListener('beforeunload', now);
      // Leaving the screen keeps what was typed.
      now();
    };
  }, [beforeLock, flush, cancelTimer]);

  const adopt = useCallback((content: string | null) => {
    stored.current = content;
  }, []);

  const pause = useCallback((): Promise<void> => {
    paused.current = true;
    cancelTimer();
    return enqueue(async () => {});
  }, [cancelTimer, enqueue]);

  const resume = useCallback(() => {
    paused.current = false;
    scheduleIfChanged();
  }, [scheduleIfChanged]);

  const clear = useCallback((): Promise<void> => {
    cancelTimer();
    return enqueue(async () => {
      await latest.current.remove();
      stored.current = null;
      setFailed(false);
    });
  }, [cancelTimer, enqueue]);

  return { failed, savedAt, flush, adopt, pause, resume, clear };
}
