/** The system's light/dark setting, for the few colours a chart picks in code (the rest is CSS). */
import { useSyncExternalStore } from 'react';

const darkQuery = () => (typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null);

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
