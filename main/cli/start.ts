/**
 * `npm start [-- --data-dir DIR]`: the desktop app where Electron can run; browser mode where it
 * cannot (saying so, and why, in one line on stderr — stdout stays the browser-mode URL line).
 *
 * The desktop app needs its own tooling (main/desktop, on the Node.js it declares): on a machine that
 * could open a window, a missing install is made once, here (main/cli/desktop-toolchain.ts).
 * With Electron: makes sure the Electron-ABI build of the SQLite module exists (main/cli/electron-native.ts),
 * bundles main and preload, builds the renderer if stale, and launches `electron .`.
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import path from 'node:path';
import { buildMain } from './build-main.js';
import { desktopInstalled, desktopNodeProblem, installDesktop, installFailedLine } from './desktop-toolchain.js';
import { displayProblem, downloadElectron, downloadFailedLine, electronVersion, findElectron } from './electron-detect.js';
import { ensureElectronNative } from './electron-native.js';
import { ROOT } from './project.js';
import { ensureRendererBuilt } from './renderer-build.js';
import { runBrowserMode } from './web.js';

async function main(argv: string[]): Promise<void> {
  // Reasons that no install can change come first: then nothing is installed or downloaded.
  const early = desktopNodeProblem() ?? displayProblem();
  if (early) {
    process.stderr.write(`Electron cannot run here: ${early}. Starting browser mode instead.\n`);
    return runBrowserMode(argv);
  }
  if (!desktopInstalled()) {
    const tty = process.stderr.isTTY === true;
    if (tty) process.stderr.write('Installing the desktop app’s tooling (once)…');
    const install = installDesktop();
    if (tty) process.stderr.write('\r\x1b[K');
    if (!install.ok) {
      process.stderr.write(installFailedLine(install.log));
      return runBrowserMode(argv);
    }
  }
  let check = findElectron();
  // The electron package fetches its binary on first use rather than at install. Only when someone
  // actually starts the app on a machine with a display is Electron's own installer run, once, with a
  // time limit; where the download cannot happen (no network) the app falls back to browser mode,
  // saying so in one line that names the log holding the installer's own output.
  if (!check.ok && check.downloadable && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    // On a terminal a passing note explains the wait, and is wiped again once the download is done,
    // so whatever happens the person is left with exactly one line.
    const tty = process.stderr.isTTY === true;
    if (tty) process.stderr.write('Downloading the Electron binary (once)…');
    const download = downloadElectron();
    if (tty) process.stderr.write('\r\x1b[K');
    check = findElectron();
    if (!check.ok && !download.ok) {
      process.stderr.write(downloadFailedLine(electronVersion(), download.log));
      return runBrowserMode(argv);
    }
  }
  if (!check.ok) {
    process.stderr.write(`Electron cannot run here: ${check.reason}. Starting browser mode instead.\n`);
    return runBrowserMode(argv);
  }
  try {
    await ensureElectronNative(check.version);
  } catch (e) {
    process.stderr.write(`Electron cannot run here: the SQLite module could not be built for Electron ${check.version} (${(e as Error).message}). Starting browser mode instead.\n`);
    return runBrowserMode(argv);
  }
  await buildMain();
  ensureRendererBuilt();

  const { values } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' } }, strict: true });
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  if (values['data-dir']) env.FULCRUM_DATA_DIR = path.resolve(values['data-dir']);
  const child = spawn(check.binary, [ROOT], { stdio: 'inherit', env });
  for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, () => child.kill(s));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`npm start failed: ${(e as Error).message}\n`);
  process.exit(1);
});
