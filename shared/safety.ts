/**
 * Safety settings and the quick-exit shortcut: schemas shared by the contract, the
 * preferences store and the renderer, and the pure key-sequence matcher the renderer runs on every
 * key press (kept here so it is unit tested under Node).
 *
 * These preferences live OUTSIDE the encrypted journal on purpose: the quick-exit shortcut must work
 * on the unlock screen, and the lock timeout says nothing about what is written.
 */
import { z } from 'zod';

/** Idle auto-lock: minutes without use before the journal locks itself. */
export const LockTimeoutMinutes = z.number().int().min(1).max(240);
export const DEFAULT_LOCK_TIMEOUT_MINUTES = 5;

/** Keys a shortcut may use: KeyboardEvent.key values (letters in lower case), short and printable. */
const ShortcutKey = z
  .string()
  .min(1)
  .max(16)
  .regex(/^[\x21-\x7e]+$/, 'a key name like Escape, F12 or q')
  .refine((k) => !['Control', 'Shift', 'Alt', 'Meta', 'Tab', 'Enter', ' '].includes(k), 'cannot be a modifier, Tab or Enter on its own');

/**
 * A quick-exit shortcut: a key (with optional modifiers) pressed `presses` times within `withinMs`.
 * Default: Escape three times within 1.5 s — easy to hit in a hurry, hard to hit by accident, and Esc
 * is already the "get me out" key everywhere.
 */
export const QuickExitShortcut = z
  .object({
    enabled: z.boolean(),
    key: ShortcutKey,
    ctrl: z.boolean().default(false),
    alt: z.boolean().default(false),
    shift: z.boolean().default(false),
    meta: z.boolean().default(false),
    presses: z.number().int().min(1).max(3),
    withinMs: z.number().int().min(300).max(3000).default(1500),
  })
  .strict()
  .refine((s) => s.presses > 1 || s.ctrl || s.alt || s.meta || /^F\d{1,2}$/.test(s.key), {
    message: 'a single press needs Ctrl, Alt or Cmd (or a function key), so it is not hit by accident',
  })
  // A letter, digit or sign without Ctrl/Alt/Cmd is typing: "aaa" in an entry must not close the app.
  .refine((s) => s.key.length > 1 || s.ctrl || s.alt || s.meta, { message: 'a character key needs Ctrl, Alt or Cmd' });
export type QuickExitShortcut = z.infer<typeof QuickExitShortcut>;

export const DEFAULT_QUICK_EXIT: QuickExitShortcut = {
  enabled: true,
  key: 'Escape',
  ctrl: false,
  alt: false,
  shift: false,
  meta: false,
  presses: 3,
  withinMs: 1500,
};

export const SafetyPreferences = z.object({
  lockTimeoutMinutes: LockTimeoutMinutes,
  quickExit: QuickExitShortcut,
});
export type SafetyPreferences = z.infer<typeof SafetyPreferences>;

export const SafetyPreferencesPatch = z
  .object({ lockTimeoutMinutes: LockTimeoutMinutes.optional(), quickExit: QuickExitShortcut.optional() })
  .strict()
  .refine((p) => p.lockTimeoutMinutes !== undefined || p.quickExit !== undefined, 'nothing to change');

/** "Delete journal" must be confirmed by typing this word (the UI shows it). */
export const DELETE_CONFIRMATION = 'DELETE';
export const DeleteJournalInput = z.object({ confirm: z.literal(DELETE_CONFIRMATION) }).strict();

/** The reasons the journal may lock on its own or by the user; shown as a calm notice afterwards. */
export type LockReason = 'idle' | 'suspend' | 'screen-lock' | 'user' | 'quick-exit';

/** What the renderer's activity listener and quick-exit matcher see of a key press. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
  repeat?: boolean;
}

const normalKey = (key: string) => (key.length === 1 ? key.toLowerCase() : key);

export function matchesKey(s: QuickExitShortcut, e: KeyPress): boolean {
  return normalKey(e.key) === normalKey(s.key) && e.ctrlKey === s.ctrl && e.altKey === s.alt && e.shiftKey === s.shift && e.metaKey === s.meta;
}

/**
 * Counts presses of the shortcut: `press(event, now)` returns true on the press that completes it.
 * Any other key resets the count (so typing "Esc, a, Esc, Esc" does not trigger), as does a gap
 * longer than `withinMs` from the first press. Auto-repeat (a held key) does not count.
 */
export function quickExitMatcher(shortcut: () => QuickExitShortcut) {
  let presses: number[] = [];
  return {
    press(e: KeyPress, now: number): boolean {
      const s = shortcut();
      if (!s.enabled) return false;
      if (!matchesKey(s, e)) {
        // Modifier keys on their own (pressing Ctrl before the key) do not break a sequence.
        if (!['Control', 'Shift', 'Alt', 'Meta'].includes(e.key)) presses = [];
        return false;
      }
      if (e.repeat) return false;
      presses = presses.filter((t) => now - t <= s.withinMs);
      presses.push(now);
      if (presses.length >= s.presses) {
        presses = [];
        return true;
      }
      return false;
    },
    reset() {
      presses = [];
    },
  };
}

/** "Esc ×3", "Ctrl+Shift+X": how the shortcut is written in the UI. */
export function describeShortcut(s: QuickExitShortcut, mac = false): string {
  if (!s.enabled) return 'Off';
  const parts = [s.ctrl && (mac ? '⌃' : 'Ctrl'), s.alt && (mac ? '⌥' : 'Alt'), s.shift && (mac ? '⇧' : 'Shift'), s.meta && (mac ? '⌘' : 'Meta')].filter(
    (p): p is string => typeof p === 'string',
  );
  const key = s.key === 'Escape' ? 'Esc' : s.key.length === 1 ? s.key.toUpperCase() : s.key;
  const combo = [...parts, key].join(mac ? '' : '+');
  return s.presses > 1 ? `${combo} ×${s.presses}` : combo;
}
