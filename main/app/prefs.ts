/** Preferences on disk through electron-store — only the allowlist of main/core/prefs.ts. */
import Store from 'electron-store';
import { createPreferencesStore, type PreferencesStore } from '../core/prefs.js';

export function electronPreferences(): PreferencesStore {
  // In the userData folder, beside (not inside) the journal folder. clearInvalidConfig: a damaged
  // file is reset to defaults rather than stopping the app.
  const store = new Store<Record<string, unknown>>({ name: 'preferences', clearInvalidConfig: true, configFileMode: 0o600 });
  return createPreferencesStore(store);
}
