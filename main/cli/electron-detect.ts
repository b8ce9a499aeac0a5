/**
 * Can Electron run here? Answers without running `require('electron')`: in plain Node that package
 * *downloads* the binary when it is missing (node_modules/electron/index.js → install.js), and the
 * start script must never reach out to the network on its own. The same lookup, read-only: honour
 * ELECTRON_OVERRIDE_DIST_PATH like the package does, else node_modules/electron/path.txt → dist/<path>.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './project.js';

export type ElectronCheck =
  | { ok: true; binary: string; version: string }
  /** `downloadable`: only the binary is missing, and Electron's own installer could fetch it. */
  | { ok: false; reason: string; downloadable?: boolean };

export function findElectron(root = ROOT, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): ElectronCheck {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  let version: string;
  try {
    version = (JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return { ok: false, reason: 'the electron package is not installed (run npm install)' };
  }
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'there is no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  }
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
