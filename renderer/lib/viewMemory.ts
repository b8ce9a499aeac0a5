/**
 * What a page should remember while the journal stays unlocked (the insights range and filters, a
 * dismissed notice), in memory only: never localStorage or any other storage — even a filter says
 * who the journal is about. Forgotten when the unlocked app unmounts, i.e. on every lock.
 */
import { useCallback, useState } from 'react';

const memory = new Map<string, unknown>();

/** Like useState, but the value outlives the page until the journal is locked. */
export function useRemembered<T>(key: string, initial: T | (() => T)): [T, (next: T | ((prev: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => {
    if (memory.has(key)) return memory.get(key) as T;
    return typeof initial === 'function' ? (initial as () => T)() : initial;
  });
  const set = useCallback(
    (next: T | ((prev: T) => T)) => {
      setValue((prev) => {
        const v = typeof next === 'function' ? (next as (p: T) => T)(prev) : next;
        memory.set(key, v);
        return v;
      });
    },
    [key],
  );
  return [value, set];
}

/** Forgets everything (called when the unlocked app goes away). */
export function forgetViewMemory(): void {
  memory.clear();
}
