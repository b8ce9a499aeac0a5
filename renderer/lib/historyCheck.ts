/**
 * The whole-history check the person started, kept outside the Safety page's component: leaving the
 * page and coming back shows it still running (how far it has got, the button to stop it) instead of
 * offering to start a second one. It holds no journal content, only counts.
 */
import { useSyncExternalStore } from 'react';
import { ApiError, call, subscribe } from '../api.js';

export interface HistoryCheckState {
  running: boolean;
  /** The person asked it to stop: its CANCELLED end is then no error. */
  stopAsked: boolean;
  progress: { phase: string; done: number; total: number } | null;
}

const IDLE: HistoryCheckState = { running: false, stopAsked: false, progress: null };
let state: HistoryCheckState = IDLE;
const listeners = new Set<() => void>();

function set(next: Partial<HistoryCheckState>): void {
  state = { ...state, ...next };
  for (const listener of [...listeners]) listener();
}

function listen(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useHistoryCheck(): HistoryCheckState {
  return useSyncExternalStore(listen, () => state, () => state);
}

/**
 * Checks the whole history: 'done' once it has (its result is in `ledger.status`), 'stopped' when the
 * person stopped it; throws what else ended it (a lock, an error). One at a time: while one runs,
 * asking again waits for that one.
 */
let current: Promise<'done' | 'stopped'> | null = null;
export function runHistoryCheck(): Promise<'done' | 'stopped'> {
  current ??= (async () => {
    set({ running: true, stopAsked: false, progress: null });
    const off = subscribe((e) => {
      if (e.type === 'progress' && e.task === 'history') set({ progress: { phase: e.phase, done: e.done, total: e.total } });
    });
    try {
      await call('ledger.verify', {});
      return 'done' as const;
    } catch (e) {
      if (state.stopAsked && e instanceof ApiError && e.code === 'CANCELLED') return 'stopped' as const;
      throw e;
    } finally {
      off();
      current = null;
      set(IDLE);
    }
  })();
  return current;
}

/** Asks the running check to stop at its next step. */
export async function stopHistoryCheck(): Promise<void> {
  set({ stopAsked: true });
  await call('ledger.stopCheck', {});
}
