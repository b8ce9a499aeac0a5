/** The system's light/dark setting, for the few colours a chart picks in code (the rest is CSS). */
import { useSyncExternalStore } from 'react';

// Through globalThis: the printed report's components are also drawn without a window (tests, tools).
interface Query {
  readonly matches: boolean;
  addEventListener(type: 'change', cb: () => void): void;
  removeEventListener(type: 'change', cb: () => void): void;
}
const darkQuery = (): Query | null => {
  const g = globalThis as { matchMedia?: (query: string) => Query };
  return typeof g.matchMedia === 'function' ? g.matchMedia('(prefers-color-scheme: dark)') : null;
};

/** Follows the system's light/dark setting (the app's theme does the same, through CSS). */
export function useDarkMode(): boolean {
  return useSyncExternalStore(
    (cb) => {
      const q = darkQuery();
      q?.addEventListener('change', cb);
      return () => q?.removeEventListener('change', cb);
    },
    () => darkQuery()?.matches ?? false,
    () => false,
  );
}
