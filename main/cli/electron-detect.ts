/**
 * Can Electron run here? Answers without running `require('electron')`: in plain Node that package
 * *downloads* the binary when it is missing (node_modules/electron/index.js → install.js), and the
 * start script must never reach out to the network on its own. The same lookup, read-only: honour
 * ELECTRON_OVERRIDE_DIST_PATH like the package does, else node_modules/electron/path.txt → dist/<path>.
 * `root` is the folder whose node_modules holds the electron package: the desktop tooling's,
 * main/desktop (main/cli/desktop-toolchain.ts), by default.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DESKTOP_DIR } from './desktop-toolchain.js';
import { ROOT } from './project.js';

export type ElectronCheck =
  | { ok: true; binary: string; version: string }
  /** `downloadable`: only the binary is missing, and Electron's own installer could fetch it. */
  | { ok: false; reason: string; downloadable?: boolean };

/** Null when a window can be opened here; else why not. */
export function displayProblem(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return 'there is no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set)';
  return null;
}

export function findElectron(root = DESKTOP_DIR, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): ElectronCheck {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  let version: string;
  try {
    version = (JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return { ok: false, reason: `the electron package is not installed (in ${path.relative(ROOT, root) || root})` };
  }
  const noDisplay = displayProblem(env, platform);
  if (noDisplay) return { ok: false, reason: noDisplay };
  let relative: string | null = null;
  try {
    relative = fs.readFileSync(path.join(pkgDir, 'path.txt'), 'utf8').trim();
  } catch {
    // path.txt is written by electron's install step once the binary is downloaded.
  }
  let binary: string;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) binary = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
  else if (relative) binary = path.join(pkgDir, 'dist', relative);
  else {
    return {
      ok: false,
      reason: `the Electron ${version} binary was never downloaded (node_modules/electron/path.txt is missing; its installer needs to reach Electron's release downloads)`,
      downloadable: true,
    };
  }

  try {
    fs.accessSync(binary, platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
  } catch {
    return { ok: false, reason: `the Electron binary is missing or not executable (${path.relative(root, binary) || binary})` };
  }
  return { ok: true, binary, version };
}

/** The version of the installed electron package, or null. */
export function electronVersion(root = DESKTOP_DIR): string | null {
  try {
    return (JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
}

/** Where the details of a failed Electron download go: inside the checkout, never beside the journal. */
export const DOWNLOAD_LOG = path.join(ROOT, 'node_modules', '.cache', 'fulcrum', 'electron-download.log');

export interface DownloadResult {
  ok: boolean;
  /** The log holding the installer's own output (its error and stack trace, when it failed). */
  log: string;
}

/**
 * Runs Electron's own installer once, with a time limit. Its output (on failure a raw stack trace such
 * as `TypeError: fetch failed`) goes to `log`, not to the terminal: the caller prints one clear line
 * that names the log. The log holds only what the installer printed — no journal data exists yet here.
 */
export function downloadElectron(
  opts: { root?: string; installer?: string; log?: string; timeoutMs?: number; node?: string } = {},
): DownloadResult {
  const root = opts.root ?? DESKTOP_DIR;
  const installer = opts.installer ?? path.join(root, 'node_modules', 'electron', 'install.js');
  const log = opts.log ?? DOWNLOAD_LOG;
  let fd: number | null = null;
  try {
    fs.mkdirSync(path.dirname(log), { recursive: true });
    fd = fs.openSync(log, 'w');
    fs.writeSync(fd, `${new Date().toISOString()} ${opts.node ?? process.execPath} ${installer}\n`);
  } catch {
    // Without a log the output is dropped: the terminal still gets only the clear line.
    fd = null;
  }
  try {
    const r = spawnSync(opts.node ?? process.execPath, [installer], {
      cwd: root,
      stdio: ['ignore', fd ?? 'ignore', fd ?? 'ignore'],
      timeout: opts.timeoutMs ?? 5 * 60_000,
    });
    if (fd !== null && r.error) fs.writeSync(fd, `\n${r.error.message}\n`);
    return { ok: r.status === 0, log };
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** The one line `npm start` prints when the download failed. */
export const downloadFailedLine = (version: string | null, log: string) =>
  `Electron cannot run here: the Electron${version ? ` ${version}` : ''} binary could not be downloaded (the details are in ${log}). Starting browser mode instead.\n`;
