import os from 'node:os';
import path from 'node:path';

/** The app's name: Electron derives its per-user folder from it, and browser mode uses the same one. */
export const APP_NAME = 'Fulcrum';
/** The journal's files live in this subfolder of the per-user folder, apart from Chromium's and the preferences. */
export const JOURNAL_SUBDIR = 'journal';

export interface PlatformEnv {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
}

const here = (): PlatformEnv => ({ platform: process.platform, env: process.env, home: os.homedir() });

/**
 * The same folder Electron's `app.getPath('userData')` gives for an app named "Fulcrum", computed in
 * plain Node so that browser mode and the desktop app open the same journal:
 * Linux `$XDG_CONFIG_HOME/Fulcrum` (default `~/.config/Fulcrum`), macOS `~/Library/Application Support/Fulcrum`,
 * Windows `%APPDATA%\Fulcrum`.
 */
export function userDataDir(p: PlatformEnv = here()): string {
  const join = p.platform === 'win32' ? path.win32.join : path.posix.join;
  if (p.platform === 'darwin') return join(p.home, 'Library', 'Application Support', APP_NAME);
  if (p.platform === 'win32') return join(p.env.APPDATA || join(p.home, 'AppData', 'Roaming'), APP_NAME);
  const xdg = p.env.XDG_CONFIG_HOME;
  // Chromium (and so Electron) ignores a relative XDG_CONFIG_HOME, as the XDG spec says to.
  return join(xdg && path.posix.isAbsolute(xdg) ? xdg : join(p.home, '.config'), APP_NAME);
}

/** Where the journal itself (vault.json, journal.db) lives by default. */
export function defaultJournalDir(p: PlatformEnv = here()): string {
  const join = p.platform === 'win32' ? path.win32.join : path.posix.join;
  return join(userDataDir(p), JOURNAL_SUBDIR);
}
