/**
 * Before electron-builder (`npm run dist`): makes sure the Electron-ABI build of the SQLite module
 * exists for the Electron pinned in main/desktop/package.json and this machine's platform/arch, and puts it where
 * electron-builder.yml's extraResources picks it up (build/native-dist/<platform>-<arch>/).
 * Packaging for another OS or architecture needs that machine (native code is not cross-compiled).
 */
import fs from 'node:fs';
import path from 'node:path';
import { NATIVE_FILE } from '../app/native.js';
import { ensureDesktop, pinnedElectron } from './desktop-toolchain.js';
import { ensureElectronNative } from './electron-native.js';
import { ROOT } from './project.js';

try {
  ensureDesktop();
} catch (e) {
  process.stderr.write(`Cannot package: ${(e as Error).message}\n`);
  process.exit(1);
}
const electronVersion = pinnedElectron();
const built = await ensureElectronNative(electronVersion);
const dir = path.join(ROOT, 'build', 'native-dist', `${process.platform}-${process.arch}`);
fs.mkdirSync(dir, { recursive: true });
fs.copyFileSync(built, path.join(dir, NATIVE_FILE));
process.stderr.write(`Prepared ${path.relative(ROOT, path.join(dir, NATIVE_FILE))} for Electron ${electronVersion}\n`);
