/**
 * App-wide commands (new entry, search, lock) come from three places: keyboard shortcuts, the
 * Electron menu (a 'command' event) and buttons. They all go through here.
 */
import type { AppCommand } from '../api.js';

type Listener = (command: AppCommand) => void;
const listeners = new Set<Listener>();

export function emitCommand(command: AppCommand): void {
  for (const l of [...listeners]) l(command);
}

export function onCommand(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * "Focus the search box": a mounted timeline is told at once; otherwise the request waits until the
 * timeline mounts (after the shell navigates there).
 */
let searchFocusPending = false;
const searchListeners = new Set<() => void>();
export function requestSearchFocus(): void {
  if (searchListeners.size > 0) for (const l of [...searchListeners]) l();
  else searchFocusPending = true;
}
export function onSearchFocusRequest(listener: () => void): () => void {
  searchListeners.add(listener);
  if (searchFocusPending) {
    searchFocusPending = false;
    listener();
  }
  return () => searchListeners.delete(listener);
}
