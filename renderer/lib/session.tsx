/**
 * What the unlocked app shares: locking (with "save your drafts first" hooks), the people and
 * patterns lists most pages need, and a toast for "Entry moved to trash — Undo".
 * Everything here lives inside the unlocked tree, so locking (which remounts it) forgets it all.
 */
import { createContext, useContext } from 'react';
import type { Person, Tag } from '../../shared/schemas.js';

export interface SessionApi {
  /** Saves drafts, locks the journal and returns to the unlock screen. */
  lock: () => Promise<void>;
  /** Registers work to finish before locking (e.g. saving a draft). Returns an unregister function. */
  beforeLock: (fn: () => Promise<void>) => () => void;
  /** Quick exit: blank the screen, lock, hide the window or leave for a neutral page. */
  quickExit: () => void;
  /** The quick-exit shortcut as the user sees it ("Esc ×3"). */
  quickExitShortcut: string;
  /** The safety preferences changed (the shortcut is re-read). */
  onSafetyChanged: () => void;
}
export const SessionContext = createContext<SessionApi | null>(null);
export function useSession(): SessionApi {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the unlocked app');
  return s;
}

export interface JournalData {
  people: Person[];
  tags: Tag[];
  loaded: boolean;
  error: string | null;
  personById: ReadonlyMap<number, Person>;
  tagById: ReadonlyMap<number, Tag>;
  reloadPeople: () => Promise<void>;
  reloadTags: () => Promise<void>;
}
export const DataContext = createContext<JournalData | null>(null);
export function useJournalData(): JournalData {
  const d = useContext(DataContext);
  if (!d) throw new Error('useJournalData outside the unlocked app');
  return d;
}

export interface ToastAction {
  label: string;
  run: () => void | Promise<void>;
}
export interface ToastApi {
  show: (message: string, action?: ToastAction) => void;
}
export const ToastContext = createContext<ToastApi | null>(null);
export function useToast(): ToastApi {
  const t = useContext(ToastContext);
  if (!t) throw new Error('useToast outside the unlocked app');
  return t;
}
