/**
 * The desktop app's own tooling — Electron, electron-builder, @electron/rebuild, @electron/fuses — is a
 * separate package in main/desktop (its own package.json and lockfile), not part of the project's
 * install. Every Electron still supported, and that tooling with it, declares Node.js ≥ 22.12, while
 * browser mode and every test run on Node.js ≥ 20.19: kept apart, `npm install` installs only packages
 * that support the Node it runs on, and the desktop tooling is installed (`npm ci` in main/desktop)
 * only when it is needed — by `npm start` on a machine that can open a window, and by `npm run dist` —
 * and only on a Node.js it supports.
 *
 * As a script: `tsx main/cli/desktop-toolchain.ts <bin> [args…]` installs the tooling if needed and runs
 * one of its commands (main/desktop/node_modules/.bin/<bin>) in the checkout's root.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import semver from 'semver';
import { ROOT, isEntry } from './project.js';

/** The folder of the desktop tooling's package.json, lockfile and, once installed, node_modules. */
export const DESKTOP_DIR = path.join(ROOT, 'main', 'desktop');

interface DesktopManifest {
  engines: { node: string };
  devDependencies: Record<string, string>;
}

export function desktopManifest(dir = DESKTOP_DIR): DesktopManifest {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as DesktopManifest;
}

/** The Node.js range the desktop tooling declares (its package.json engines). */
export const desktopNodeRange = (dir = DESKTOP_DIR): string => desktopManifest(dir).engines.node;

/** The Electron version the app is built and packaged with: pinned exactly in main/desktop/package.json. */
export const pinnedElectron = (dir = DESKTOP_DIR): string => desktopManifest(dir).devDependencies.electron ?? '';

/** Null when this Node.js can run the desktop tooling; else why not, as one clause. */
export function desktopNodeProblem(nodeVersion = process.versions.node, dir = DESKTOP_DIR): string | null {
  const range = desktopNodeRange(dir);
  if (semver.satisfies(nodeVersion, range)) return null;
  return `the desktop app's tooling (Electron ${pinnedElectron(dir)}) needs Node.js ${range}, and this is Node.js ${nodeVersion}`;
}

/** The path of an installed package of the desktop tooling, or null. Never looks in the project's node_modules. */
export function desktopPackage(name: string, dir = DESKTOP_DIR): string | null {
  const p = path.join(dir, 'node_modules', ...name.split('/'));
  return fs.existsSync(path.join(p, 'package.json')) ? p : null;
}

/** True when main/desktop/node_modules holds what its lockfile names (npm writes .package-lock.json last). */
export function desktopInstalled(dir = DESKTOP_DIR): boolean {
  return fs.existsSync(path.join(dir, 'node_modules', '.package-lock.json')) && desktopPackage('electron', dir) !== null;
}

/** require() from the desktop tooling's own node_modules, or null where it is not installed. */
export function desktopRequire(dir = DESKTOP_DIR): NodeJS.Require | null {
  return desktopInstalled(dir) ? createRequire(path.join(dir, 'package.json')) : null;
}

/** Why the tests that need the desktop tooling are skipped, as printed. */
export const NOT_INSTALLED = 'the desktop tooling is not installed in main/desktop (npm start installs it on Node.js that can run it)';

/** Where the output of a desktop-tooling install goes: inside the checkout, never beside the journal. */
export const INSTALL_LOG = path.join(ROOT, 'node_modules', '.cache', 'fulcrum', 'desktop-install.log');

export interface InstallResult {
  ok: boolean;
  log: string;
}

/**
 * `npm ci` in main/desktop, once, with a time limit; npm's own output goes to `log`, so the caller
 * can print one clear line. The Electron binary is not fetched here: the electron package downloads it
 * on first use (main/cli/electron-detect.ts).
 */
export function installDesktop(opts: { dir?: string; log?: string; timeoutMs?: number; npm?: string } = {}): InstallResult {
  const dir = opts.dir ?? DESKTOP_DIR;
  const log = opts.log ?? INSTALL_LOG;
  fs.mkdirSync(path.dirname(log), { recursive: true });
  const fd = fs.openSync(log, 'w');
  try {
    fs.writeSync(fd, `${new Date().toISOString()} npm ci in ${dir}\n`);
    const r = spawnSync(opts.npm ?? (process.platform === 'win32' ? 'npm.cmd' : 'npm'), ['ci', '--no-audit', '--no-fund'], {
      cwd: dir,
      stdio: ['ignore', fd, fd],
      timeout: opts.timeoutMs ?? 15 * 60_000,
      shell: process.platform === 'win32',
    });
    if (r.error) fs.writeSync(fd, `\n${r.error.message}\n`);
    return { ok: r.status === 0 && desktopInstalled(dir), log };
  } finally {
    fs.closeSync(fd);
  }
}

/** The one line `npm start` prints when the desktop tooling could not be installed. */
export const installFailedLine = (log: string) =>
  `Electron cannot run here: the desktop app's tooling could not be installed (the details are in ${log}). Starting browser mode instead.\n`;

/** Makes sure the desktop tooling is installed, or throws saying why it cannot be. */
export function ensureDesktop(): void {
  const problem = desktopNodeProblem();
  if (problem) throw new Error(`${problem}.`);
  if (desktopInstalled()) return;
  process.stderr.write('Installing the desktop app’s tooling in main/desktop (once)…\n');
  const r = installDesktop();
  if (!r.ok) throw new Error(`the desktop app's tooling could not be installed (the details are in ${r.log}).`);
}

if (isEntry(import.meta.url)) {
  const [name, ...args] = process.argv.slice(2);
  if (!name) {
    process.stderr.write('Usage: tsx main/cli/desktop-toolchain.ts <command> [args…]\n');
    process.exit(2);
  }
  try {
    ensureDesktop();
  } catch (e) {
    process.stderr.write(`Cannot run ${name}: ${(e as Error).message}\n`);
    process.exit(1);
  }
  // electron-builder finds the Electron version in the project's own dependencies; here it is the
  // tooling's pinned one.
  const extra = name === 'electron-builder' ? [`-c.electronVersion=${pinnedElectron()}`] : [];
  const bin = path.join(DESKTOP_DIR, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
  const r = spawnSync(bin, [...args, ...extra], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(r.status ?? 1);
}
