import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, createPreferencesStore, memoryPreferences, type PreferenceKey } from '../../main/core/prefs.js';
import { tempDir } from '../helpers/files.js';

// electron-store is conf with Electron's paths: the same store over conf is what the app keeps on disk.
const onDisk = () => {
  const cwd = tempDir('fulcrum-prefs-');
  const conf = new Conf<Record<string, unknown>>({ cwd, configName: 'preferences' });
  return { cwd, conf, prefs: createPreferencesStore(conf), file: path.join(cwd, 'preferences.json') };
};

describe('preferences (the only thing kept outside the journal)', () => {
  it('starts from harmless defaults', () => {
    expect(memoryPreferences().all()).toEqual(DEFAULT_PREFERENCES);
    expect(DEFAULT_PREFERENCES.lockTimeoutMinutes).toBe(5);
  });

  it('keeps window bounds, theme, lock timeout and language on disk and reads them back', () => {
    const { prefs, cwd } = onDisk();
    prefs.set('windowBounds', { x: 10, y: 20, width: 1000, height: 700, maximized: false });
    prefs.set('theme', 'dark');
    prefs.set('lockTimeoutMinutes', 15);
    prefs.set('language', 'ar');
    const again = createPreferencesStore(new Conf({ cwd, configName: 'preferences' }));
    expect(again.all()).toEqual({
      windowBounds: { x: 10, y: 20, width: 1000, height: 700, maximized: false },
      theme: 'dark',
      lockTimeoutMinutes: 15,
      quickExit: DEFAULT_PREFERENCES.quickExit,
      language: 'ar',
    });
    // A language Fulcrum does not speak is refused, and one edited into the file is read as the default.
    expect(() => prefs.set('language', 'fr' as never)).toThrow(/Invalid value/);
  });

  it('refuses a key outside the allowlist, so journal data cannot be put there by mistake', () => {
    const { prefs, file } = onDisk();
    expect(() => prefs.set('lastEntryTitle' as PreferenceKey, 'Dinner with Sam' as never)).toThrow(/Not a Fulcrum preference/);
    expect(() => prefs.set('__proto__' as PreferenceKey, {} as never)).toThrow();
    expect(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '').not.toContain('Sam');
  });

  it('refuses values that do not fit, and writes nothing', () => {
    const { prefs, file } = onDisk();
    expect(() => prefs.set('theme', 'Sam’s favourite' as never)).toThrow(/Invalid value/);
    expect(() => prefs.set('lockTimeoutMinutes', 0)).toThrow();
    expect(() => prefs.set('lockTimeoutMinutes', 2.5)).toThrow();
    expect(() => prefs.set('windowBounds', { width: 800, height: 600, note: 'Sam' } as never)).toThrow();
    expect(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '').not.toContain('Sam');
  });

  it('falls back to the default when the file on disk was edited into nonsense', () => {
    const { prefs, file, cwd } = onDisk();
    prefs.set('theme', 'light');
    fs.writeFileSync(file, JSON.stringify({ theme: 'neon', lockTimeoutMinutes: -3, windowBounds: 'big', extra: 'ignored' }));
    const again = createPreferencesStore(new Conf({ cwd, configName: 'preferences' }));
    expect(again.all()).toEqual(DEFAULT_PREFERENCES);
  });

  it('clears window bounds with null', () => {
    const { prefs, conf } = onDisk();
    prefs.set('windowBounds', { width: 900, height: 700, maximized: true });
    prefs.set('windowBounds', null);
    expect(conf.has('windowBounds')).toBe(false);
    expect(prefs.get('windowBounds')).toBeNull();
  });
});
