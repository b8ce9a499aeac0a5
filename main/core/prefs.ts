import { z } from 'zod';
import { DEFAULT_LOCK_TIMEOUT_MINUTES, DEFAULT_QUICK_EXIT, LockTimeoutMinutes, QuickExitShortcut } from '../../shared/safety.js';
import { LanguageChoice } from '../../shared/locales.js';

/**
 * Preferences: the ONLY things kept outside the encrypted journal (SECURITY.md). An allowlist of
 * harmless settings — never a name, a tag, a passphrase hint or anything written in the journal.
 */
export const WindowBounds = z
  .object({
    x: z.number().int().min(-100_000).max(100_000).optional(),
    y: z.number().int().min(-100_000).max(100_000).optional(),
    width: z.number().int().min(320).max(20_000),
    height: z.number().int().min(240).max(20_000),
    maximized: z.boolean().default(false),
  })
  .strict();
export type WindowBounds = z.infer<typeof WindowBounds>;

export const Theme = z.enum(['system', 'light', 'dark']);

export const PREFERENCE_SCHEMAS = {
  windowBounds: WindowBounds.nullable(),
  theme: Theme,
  lockTimeoutMinutes: LockTimeoutMinutes,
  /** The quick-exit shortcut: it must work on the unlock screen, so it cannot live in the journal. */
  quickExit: QuickExitShortcut,
  /** The interface language ('system' follows the OS): the unlock screen speaks it too. */
  language: LanguageChoice,
} as const;

export type Preferences = { [K in keyof typeof PREFERENCE_SCHEMAS]: z.infer<(typeof PREFERENCE_SCHEMAS)[K]> };
export type PreferenceKey = keyof Preferences;
export const PREFERENCE_KEYS = Object.keys(PREFERENCE_SCHEMAS) as PreferenceKey[];

export const DEFAULT_PREFERENCES: Readonly<Preferences> = {
  windowBounds: null,
  theme: 'system',
  lockTimeoutMinutes: DEFAULT_LOCK_TIMEOUT_MINUTES,
  quickExit: DEFAULT_QUICK_EXIT,
  language: 'system',
};

export interface PreferencesStore {
  get<K extends PreferenceKey>(key: K): Preferences[K];
  /** Throws on a key outside the allowlist or a value that does not fit it: nothing else is ever written. */
  set<K extends PreferenceKey>(key: K, value: Preferences[K]): void;
  all(): Preferences;
}

/** What the store keeps values in: electron-store and conf both fit (`get`/`set`/`delete`). */
export interface KeyValueBackend {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

const isKey = (key: unknown): key is PreferenceKey => typeof key === 'string' && Object.hasOwn(PREFERENCE_SCHEMAS, key);

/**
 * Validates on the way in and the way out: the file is user-editable, so a bad value read back is
 * replaced by the default rather than trusted.
 */
export function createPreferencesStore(backend: KeyValueBackend): PreferencesStore {
  const read = <K extends PreferenceKey>(key: K): Preferences[K] => {
    const parsed = PREFERENCE_SCHEMAS[key].safeParse(backend.get(key));
    return parsed.success ? (parsed.data as Preferences[K]) : DEFAULT_PREFERENCES[key];
  };
  return {
    get: read,
    set(key, value) {
      if (!isKey(key)) throw new Error('Not a Fulcrum preference.');
      const parsed = PREFERENCE_SCHEMAS[key].safeParse(value);
      if (!parsed.success) throw new Error(`Invalid value for the preference ${key}.`);
      if (parsed.data === null) backend.delete(key);
      else backend.set(key, parsed.data);
    },
    all() {
      return Object.fromEntries(PREFERENCE_KEYS.map((k) => [k, read(k)])) as Preferences;
    },
  };
}

/** Kept in memory only: tests, and browser mode (a development host: nothing written outside the data dir). */
export function memoryPreferences(): PreferencesStore & { backend: Map<string, unknown> } {
  const backend = new Map<string, unknown>();
  const store = createPreferencesStore({
    get: (k) => backend.get(k),
    set: (k, v) => void backend.set(k, v),
    delete: (k) => void backend.delete(k),
  });
  return Object.assign(store, { backend });
}

/**
 * The same store, calling `listener` after each value it accepted: the desktop host relabels its
 * menu when the language changes in Settings (the change arrives from the core's thread).
 */
export function observedPreferences(store: PreferencesStore, listener: (key: PreferenceKey) => void): PreferencesStore {
  return {
    get: (key) => store.get(key),
    set(key, value) {
      store.set(key, value);
      listener(key);
    },
    all: () => store.all(),
  };
}
