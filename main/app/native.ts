/**
 * Native module ABI. better-sqlite3-multiple-ciphers is compiled per runtime: node_modules holds the
 * Node build (tests, browser mode); the desktop app needs one for Electron's ABI. `npm start` builds it
 * once per Electron version into build/electron-native/<electron>-<platform>-<arch>/ (see
 * main/cli/electron-native.ts) and the app hands that file to better-sqlite3's `nativeBinding` option,
 * so nobody rebuilds node_modules back and forth. Packaged builds carry the same file as an extra
 * resource (electron-builder.yml) at resources/native/better_sqlite3.node.
 *
 * Plain Node: no Electron import, so the CLI and tests share it.
 */
import path from 'node:path';

export const NATIVE_FILE = 'better_sqlite3.node';

export function electronNativeDirName(electronVersion: string, platform: string, arch: string): string {
  return `${electronVersion}-${platform}-${arch}`;
}

export function electronNativeDir(root: string, electronVersion: string, platform: string = process.platform, arch: string = process.arch): string {
  return path.join(root, 'build', 'electron-native', electronNativeDirName(electronVersion, platform, arch));
}

export interface NativeLocation {
  packaged: boolean;
  /** app.getAppPath(): the checkout in development. */
  appPath: string;
  /** process.resourcesPath in a packaged app. */
  resourcesPath: string;
  electronVersion: string;
  platform?: string;
  arch?: string;
}

export function nativeBindingPath(o: NativeLocation): string {
  if (o.packaged) return path.join(o.resourcesPath, 'native', NATIVE_FILE);
  return path.join(electronNativeDir(o.appPath, o.electronVersion, o.platform, o.arch), NATIVE_FILE);
}
