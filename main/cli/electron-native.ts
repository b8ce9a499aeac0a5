/**
 * The Electron-ABI build of better-sqlite3-multiple-ciphers, kept apart from node_modules (which stays
 * the Node build the tests use). Built once per Electron version/platform/arch into
 * build/electron-native/<electron>-<platform>-<arch>/better_sqlite3.node with @electron/rebuild on a
 * private copy of the module (it takes the project's prebuilt binary for that Electron version when
 * one is published — prebuild-install — and compiles it with node-gyp otherwise; either needs the
 * network once). The app passes this file to better-sqlite3's `nativeBinding` option (main/app/native.ts).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { NATIVE_FILE, electronNativeDir } from '../app/native.js';
import { DESKTOP_DIR, desktopPackage } from './desktop-toolchain.js';
import { ROOT } from './project.js';

const MODULE = 'better-sqlite3-multiple-ciphers';

interface Stamp {
  electron: string;
  module: string;
  platform: string;
  arch: string;
}

function moduleVersion(root: string): string {
  return (JSON.parse(fs.readFileSync(path.join(root, 'node_modules', MODULE, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The built file when it is there and matches this Electron and module version; else null. */
export function existingElectronNative(electronVersion: string, root = ROOT): string | null {
  const dir = electronNativeDir(root, electronVersion);
  const file = path.join(dir, NATIVE_FILE);
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(dir, 'stamp.json'), 'utf8')) as Stamp;
    const ok = stamp.electron === electronVersion && stamp.module === moduleVersion(root) && stamp.platform === process.platform && stamp.arch === process.arch;
    return ok && fs.existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

export async function ensureElectronNative(electronVersion: string, root = ROOT): Promise<string> {
  const found = existingElectronNative(electronVersion, root);
  if (found) return found;
  const dir = electronNativeDir(root, electronVersion);
  const project = path.join(dir, 'project');
  const version = moduleVersion(root);
  process.stderr.write(`Building ${MODULE} ${version} for Electron ${electronVersion} (once; kept in ${path.relative(root, dir)})…\n`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(project, 'node_modules'), { recursive: true });
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'fulcrum-electron-native', private: true, dependencies: { [MODULE]: version } }, null, 2));
  const source = path.join(root, 'node_modules', MODULE);
  fs.cpSync(source, path.join(project, 'node_modules', MODULE), {
    recursive: true,
    // Leave out the Node build: the copy must be compiled (or fetched) for Electron.
    filter: (src) => path.relative(source, src).split(path.sep)[0] !== 'build',
  });

  // @electron/rebuild is part of the desktop tooling (main/desktop), not of the project's install.
  if (!desktopPackage('@electron/rebuild')) throw new Error('@electron/rebuild is not installed in main/desktop');
  const entry = createRequire(path.join(DESKTOP_DIR, 'package.json')).resolve('@electron/rebuild');
  const { rebuild } = (await import(pathToFileURL(entry).href)) as {
    rebuild(opts: { buildPath: string; electronVersion: string; arch: string; onlyModules: string[]; force: boolean; mode: 'sequential' }): Promise<void>;
  };
  await rebuild({ buildPath: project, electronVersion, arch: process.arch, onlyModules: [MODULE], force: true, mode: 'sequential' });

  const built = path.join(project, 'node_modules', MODULE, 'build', 'Release', NATIVE_FILE);
  if (!fs.existsSync(built)) throw new Error(`@electron/rebuild finished but ${path.relative(root, built)} is missing.`);
  fs.copyFileSync(built, path.join(dir, NATIVE_FILE));
  const stamp: Stamp = { electron: electronVersion, module: version, platform: process.platform, arch: process.arch };
  fs.writeFileSync(path.join(dir, 'stamp.json'), JSON.stringify(stamp, null, 2));
  fs.rmSync(project, { recursive: true, force: true });
  return path.join(dir, NATIVE_FILE);
}
