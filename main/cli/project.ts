import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The checkout's root (main/cli → ../..): the CLI scripts work from any current directory. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = path.join(ROOT, 'dist');
export const RENDERER_OUT = path.join(DIST, 'renderer');
export const APP_OUT = path.join(DIST, 'app');
export const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

/** True when the module at `moduleUrl` is the script node/tsx was started with. */
export function isEntry(moduleUrl: string): boolean {
  const script = process.argv[1];
  return !!script && pathToFileURL(path.resolve(script)).href === moduleUrl;
}
