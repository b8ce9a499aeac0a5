import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { desktopInstalled, desktopNodeProblem, installDesktop, installFailedLine } from '../../main/cli/desktop-toolchain.js';
import { DOWNLOAD_LOG, displayProblem, downloadElectron, downloadFailedLine, electronVersion, findElectron } from '../../main/cli/electron-detect.js';
import { tempDir } from '../helpers/files.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** A fake checkout with an electron package in the given state. */
function fakeRoot(opts: { pathTxt?: string; binary?: 'executable' | 'plain' | 'absent' }) {
  const root = tempDir('fulcrum-electron-');
  const pkg = path.join(root, 'node_modules', 'electron');
  fs.mkdirSync(path.join(pkg, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }));
  if (opts.pathTxt !== undefined) fs.writeFileSync(path.join(pkg, 'path.txt'), opts.pathTxt);
  const bin = path.join(pkg, 'dist', 'electron');
  if (opts.binary === 'executable') fs.writeFileSync(bin, '#!/bin/sh\n', { mode: 0o755 });
  if (opts.binary === 'plain') fs.writeFileSync(bin, 'x', { mode: 0o644 });
  return { root, bin };
}

describe('can Electron run here? (npm start and the tests/electron skip)', () => {
  it('finds the downloaded binary the way the electron package does, without downloading', () => {
    const { root, bin } = fakeRoot({ pathTxt: 'electron', binary: 'executable' });
    expect(findElectron(root, { DISPLAY: ':0' }, 'linux')).toEqual({ ok: true, binary: bin, version: '45.4.1' });
    expect(findElectron(root, {}, 'darwin')).toEqual({ ok: true, binary: bin, version: '45.4.1' });
  });

  it('says why not: never downloaded, missing or not executable, no display, no package', () => {
    // Only a missing binary on a machine that could show a window is worth a download attempt.
    expect(findElectron(fakeRoot({}).root, { DISPLAY: ':0' }, 'linux')).toMatchObject({ ok: false, reason: expect.stringMatching(/never downloaded/), downloadable: true });
    expect(findElectron(fakeRoot({}).root, {}, 'linux')).toMatchObject({ ok: false, reason: expect.stringMatching(/no display/) });
    expect(findElectron(fakeRoot({}).root, {}, 'linux')).not.toHaveProperty('downloadable');
    expect(findElectron(fakeRoot({ pathTxt: 'electron', binary: 'absent' }).root, { DISPLAY: ':0' }, 'linux')).toMatchObject({ ok: false, reason: expect.stringMatching(/missing or not executable/) });
    if (process.platform !== 'win32' && process.getuid?.() !== 0) {
      expect(findElectron(fakeRoot({ pathTxt: 'electron', binary: 'plain' }).root, { DISPLAY: ':0' }, 'linux')).toMatchObject({ ok: false });
    }
    expect(findElectron(fakeRoot({ pathTxt: 'electron', binary: 'executable' }).root, {}, 'linux')).toMatchObject({ ok: false, reason: expect.stringMatching(/no display/) });
    expect(findElectron(tempDir(), {}, 'linux')).toMatchObject({ ok: false, reason: expect.stringMatching(/not installed/) });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package', () => {
    const { root } = fakeRoot({});
    const dist = tempDir();
    fs.writeFileSync(path.join(dist, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
    expect(findElectron(root, { ELECTRON_OVERRIDE_DIST_PATH: dist, DISPLAY: ':0' }, 'linux')).toMatchObject({ ok: true, binary: path.join(dist, 'electron') });
  });

  it('npm start falls back to browser mode here, saying so and why on one line', async () => {
    // npm start's order: the Node.js version and the display first (no install or download can change
    // those), then the tooling and the binary.
    const early = desktopNodeProblem() ?? displayProblem();
    const here = findElectron();
    if (!early && (here.ok || !desktopInstalled())) return; // where Electron could run, npm start installs it or opens the app (tests/electron)
    const reason = early ?? (here.ok ? '' : here.reason);
    const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'main', 'cli', 'start.ts'), '--data-dir', tempDir()], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const end = Date.now() + 60_000;
    while (!out.includes('\n') && Date.now() < end && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(err.split('\n').filter((l) => l.startsWith('Electron cannot run here:'))).toEqual([`Electron cannot run here: ${reason}. Starting browser mode instead.`]);
    expect(out).toMatch(/^Fulcrum browser mode: http:\/\/127\.0\.0\.1:\d+\/#token=\S+\n$/);
  });

  // The defect as a person met it: a display, no Electron binary, no way to download it. The mirror is
  // a closed local port and the cache an empty folder, so the download fails the same way everywhere.
  const here = findElectron(undefined, { ...process.env, DISPLAY: ':99' });
  it.skipIf(here.ok || !here.downloadable || desktopNodeProblem() !== null)('npm start with a display but no reachable Electron download prints one clear line, no stack trace', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DISPLAY: ':99',
      ELECTRON_MIRROR: 'http://127.0.0.1:9/',
      npm_config_electron_mirror: 'http://127.0.0.1:9/',
      electron_config_cache: tempDir('fulcrum-electron-cache-'),
      force_no_cache: 'true',
    };
    delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
    const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'main', 'cli', 'start.ts'), '--data-dir', tempDir()], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    // Browser mode's one stdout line is the sign that start.ts has finished deciding.
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) resolve();
      });
      child.on('exit', () => resolve());
    });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toMatch(/^Fulcrum browser mode: http:\/\/127\.0\.0\.1:\d+\/#token=\S+\n$/);
    // Exactly one line on the terminal: the fallback, naming the log.
    expect(err).toBe(downloadFailedLine(electronVersion(), DOWNLOAD_LOG));
    const lines = err.split('\n');
    expect(err).not.toMatch(/TypeError|fetch failed|ECONNREFUSED/);
    expect(lines.filter((l) => /^\s+at /.test(l))).toEqual([]);
    // The details are where the line says.
    expect(fs.readFileSync(DOWNLOAD_LOG, 'utf8')).toMatch(/Error/);
  });

  it('a failed Electron download shows one clear line on the terminal; its stack trace goes to a log', () => {
    const root = tempDir('fulcrum-electron-');
    const installer = path.join(root, 'install.js');
    // What electron's installer does without network: an unhandled rejection with a raw stack trace.
    fs.writeFileSync(installer, "Promise.reject(new TypeError('fetch failed'));\n");
    const log = path.join(root, 'logs', 'electron-download.log');
    // In a child process, so that everything it writes to the terminal is seen here.
    const script = `import { downloadElectron } from ${JSON.stringify(path.join(ROOT, 'main', 'cli', 'electron-detect.ts'))};
      process.stdout.write(JSON.stringify(downloadElectron({ root: ${JSON.stringify(root)}, installer: ${JSON.stringify(installer)}, log: ${JSON.stringify(log)} })));`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ ok: false, log });
    expect(fs.readFileSync(log, 'utf8')).toMatch(/TypeError: fetch failed/);

    const line = downloadFailedLine('45.4.1', log);
    expect(line.endsWith('\n') && line.split('\n').length).toBe(2);
    expect(line).toBe(`Electron cannot run here: the Electron 45.4.1 binary could not be downloaded (the details are in ${log}). Starting browser mode instead.\n`);
    expect(line).not.toMatch(/TypeError|fetch failed|\bat /);
  });

  it('a successful Electron download reports success', () => {
    const root = tempDir('fulcrum-electron-');
    const installer = path.join(root, 'install.js');
    fs.writeFileSync(installer, "console.log('downloaded'); console.error('progress 100%');\n");
    const log = path.join(root, 'electron-download.log');
    expect(downloadElectron({ root, installer, log })).toEqual({ ok: true, log });
    expect(fs.readFileSync(log, 'utf8')).toMatch(/downloaded[\s\S]*progress 100%/);
  });

  it('on a Node.js older than the desktop tooling needs, npm start says so and runs browser mode, installing nothing', () => {
    expect(desktopNodeProblem('20.19.0')).toMatch(/^the desktop app's tooling \(Electron \d+\.\d+\.\d+\) needs Node\.js >=22\.12\.0, and this is Node\.js 20\.19\.0$/);
    expect(desktopNodeProblem('22.12.0')).toBeNull();
    expect(desktopNodeProblem('24.1.0')).toBeNull();
  });

  it('a failed install of the desktop tooling shows one clear line; npm’s output goes to a log', () => {
    const dir = tempDir('fulcrum-desktop-');
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', private: true, engines: { node: '>=22.12.0' }, devDependencies: { electron: '45.4.1' } }));
    // A stand-in for npm that fails the way npm does without its registry.
    const npm = path.join(dir, 'fake-npm');
    fs.writeFileSync(npm, '#!/bin/sh\necho "npm error code ECONNREFUSED" >&2\nexit 1\n', { mode: 0o755 });
    const log = path.join(dir, 'logs', 'desktop-install.log');
    expect(installDesktop({ dir, npm, log })).toEqual({ ok: false, log });
    expect(fs.readFileSync(log, 'utf8')).toMatch(/ECONNREFUSED/);
    expect(installFailedLine(log)).toBe(`Electron cannot run here: the desktop app's tooling could not be installed (the details are in ${log}). Starting browser mode instead.\n`);
  });

  it('an install that exits 0 but leaves no electron package is not taken for a success', () => {
    const dir = tempDir('fulcrum-desktop-');
    fs.writeFileSync(path.join(dir, 'package.json'), '{}');
    const npm = path.join(dir, 'fake-npm');
    fs.writeFileSync(npm, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const log = path.join(dir, 'desktop-install.log');
    expect(installDesktop({ dir, npm, log }).ok).toBe(false);
    fs.writeFileSync(npm, `#!/bin/sh\nmkdir -p node_modules/electron && echo '{}' > node_modules/electron/package.json && echo '{}' > node_modules/.package-lock.json\n`, { mode: 0o755 });
    expect(installDesktop({ dir, npm, log }).ok).toBe(true);
    expect(desktopInstalled(dir)).toBe(true);
  });
});
