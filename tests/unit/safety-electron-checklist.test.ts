/**
 * Electron's security checklist, the items not already pinned by app-main / app-policy /
 * electronegativity / builder-config tests: a PACKAGED build (played by the electron stand-in) has no
 * DevTools, no reload, and ignores the development hooks (another data folder, the test KDF); every
 * fuse has exactly the reviewed value; Electron is pinned, so an upgrade is a deliberate change.
 * What only a real Electron can show — that Chromium honours all this — is in tests/electron.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMain } from '../../main/cli/build-main.js';
import { desktopRequire } from '../../main/cli/desktop-toolchain.js';
import { tempDir } from '../helpers/files.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
type Observed = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON from the child

let packaged: Observed;
let home: string;

beforeAll(async () => {
  // A folder of its own (app-main.test.ts builds dist/app at the same time), outside dist/ so it is never packaged.
  const { main } = await buildMain(path.join(ROOT, '.cache', 'test-packaged-app'));
  const appPath = tempDir('fulcrum-packaged-app-');
  fs.mkdirSync(path.join(appPath, 'dist', 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Fulcrum</title>');
  const resources = tempDir('fulcrum-packaged-resources-');
  fs.mkdirSync(path.join(resources, 'native'));
  fs.copyFileSync(path.join(ROOT, 'node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node'), path.join(resources, 'native', 'better_sqlite3.node'));
  home = tempDir('fulcrum-packaged-home-');
  const stdout = execFileSync(process.execPath, [path.join(ROOT, 'tests/helpers/electron-stub/drive.mjs'), main], {
    env: {
      ...process.env,
      STUB_PACKAGED: '1',
      STUB_APP_PATH: appPath,
      STUB_RESOURCES_PATH: resources,
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, '.config'),
      // Development hooks a packaged app must ignore.
      FULCRUM_DATA_DIR: path.join(home, 'elsewhere'),
      FULCRUM_INSECURE_TEST_KDF: '1',
      FULCRUM_ALLOW_INSECURE_TEST_KDF: '1',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  packaged = JSON.parse(stdout.trim().split('\n').at(-1)!) as Observed;
});

describe('a packaged build', () => {
  it('has no DevTools: not in the window, not in the menu, and their pages are refused', () => {
    expect(packaged.window.options.webPreferences.devTools).toBe(false);
    expect(packaged.menuRoles).not.toContain('toggleDevTools');
    expect(packaged.menuRoles).not.toContain('reload');
    expect(packaged.devtoolsRequestCancelled).toBe(true);
  });

  it('ignores the development hooks: the journal lives in the per-user folder, never another one', () => {
    expect(packaged.paths.userData).toBe(path.join(home, '.config', 'Fulcrum'));
    expect(fs.existsSync(path.join(home, 'elsewhere'))).toBe(false);
  });

  it('is still sandboxed with the same hardened window', () => {
    expect(packaged.sandboxEnabled).toBe(true);
    expect(packaged.window.contentProtection).toBe(true);
    expect(packaged.window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: false });
  });
});

describe('packaging', () => {
  // electron-builder and @electron/fuses are the desktop tooling's (main/desktop).
  const desktop = desktopRequire();
  it.skipIf(!desktop)('sets every Electron fuse to the reviewed value, and no other', async () => {
    const require = desktop!;
    const { getConfig } = require('app-builder-lib/out/util/config/config') as { getConfig(dir: string, file: string): Promise<{ electronFuses: Record<string, boolean> }> };
    const config = await getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'));
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
    // …and each one is a fuse @electron/fuses knows (a misspelt one would be silently skipped).
    const { FuseV1Options } = require('@electron/fuses') as { FuseV1Options: Record<string, number | string> };
    const known = Object.keys(FuseV1Options)
      .filter((k) => Number.isNaN(Number(k)))
      .map((k) => k[0]!.toLowerCase() + k.slice(1));
    for (const fuse of Object.keys(config.electronFuses)) expect(known, fuse).toContain(fuse);
  });

  it('pins Electron to one exact version (an upgrade is a reviewed change)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'main', 'desktop', 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(pkg.devDependencies.electron).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
