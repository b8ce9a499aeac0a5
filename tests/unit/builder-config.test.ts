/**
 * electron-builder cannot package here (no Electron download), so its configuration is checked with
 * electron-builder's own loader and schema validation: a typo'd or misplaced key fails this test.
 * electron-builder is part of the desktop tooling (main/desktop): where that is not installed (it
 * needs a newer Node.js than the tests), its validation is skipped, saying so, and the rest of these
 * checks read the file as plain YAML.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOT_INSTALLED, desktopRequire } from '../../main/cli/desktop-toolchain.js';
import { drawIcon, ICON_PATH } from '../../main/cli/make-icon.js';
import { tempDir } from '../helpers/files.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const desktop = desktopRequire();
if (!desktop) console.log(`[builder-config] skipping electron-builder's own validation: ${NOT_INSTALLED}; the file is read as YAML instead.`);
const builder = desktop?.('app-builder-lib/out/util/config/config') as
  | {
      getConfig(projectDir: string, configPath: string | null): Promise<Record<string, unknown>>;
      validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(k: string, v: unknown): void }): Promise<void>;
    }
  | undefined;
const validateConfiguration = (config: unknown, logger: { isEnabled: boolean; add(k: string, v: unknown): void }) => builder!.validateConfiguration(config, logger);
const logger = { isEnabled: false, add: () => {} };
/**
 * electron-builder's loader where the desktop tooling is installed; else the file as YAML, so the
 * checks of what it says (targets, asar, fuses, icon, licences) still run on every machine.
 */
const parseYaml = (createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown }).load;
const load = async (file: string): Promise<Record<string, unknown>> =>
  builder ? builder.getConfig(ROOT, file) : (parseYaml(fs.readFileSync(file, 'utf8')) as Record<string, unknown>);

type Config = {
  productName: string;
  appId: string;
  files: (string | { filter: string[] })[];
  asarUnpack: string[];
  extraResources: { from: string; to: string; filter: string[] }[];
  electronFuses: Record<string, boolean>;
  npmRebuild: boolean;
  icon: string;
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
};

describe('electron-builder.yml', () => {
  it.skipIf(!builder)('passes electron-builder’s own validation', async () => {
    const config = await load(path.join(ROOT, 'electron-builder.yml'));
    await expect(validateConfiguration(config, logger)).resolves.toBeUndefined();
  });

  it.skipIf(!builder)('fails validation on a typo’d or misplaced key (so the test can fail)', async () => {
    const original = fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
    const dir = tempDir('fulcrum-builder-');
    for (const [from, to] of [
      ['asarUnpack:', 'asarUnpak:'],
      ['  runAsNode: false', '  runAsnode: false'],
      ['  createDesktopShortcut: false', '  createDesktopShortcuts: false'],
      ['npmRebuild: false', 'npmRebuild: maybe'],
    ] as const) {
      expect(original).toContain(from);
      const file = path.join(dir, `typo-${from.trim().replace(/\W/g, '')}.yml`);
      fs.writeFileSync(file, original.replace(from, to));
      await expect(validateConfiguration(await load(file), logger), to).rejects.toThrow(/Invalid configuration object/);
    }
  });

  it('packages Fulcrum for Linux (AppImage, deb), Windows (NSIS) and macOS (DMG)', async () => {
    const c = (await load(path.join(ROOT, 'electron-builder.yml'))) as Config;
    expect(c.productName).toBe('Fulcrum');
    expect(c.linux.target).toEqual(['AppImage', 'deb']);
    expect(c.win.target).toEqual(['nsis']);
    expect(c.mac.target).toEqual(['dmg']);
    // The loader normalises `files` into file sets.
    const patterns = c.files.flatMap((f) => (typeof f === 'string' ? [f] : f.filter));
    expect(patterns).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
  });

  it('keeps native modules out of the asar and ships the Electron-ABI SQLite module apart', async () => {
    const c = (await load(path.join(ROOT, 'electron-builder.yml'))) as Config;
    expect(c.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'node_modules/@node-rs/argon2-*/**']));
    expect(c.extraResources).toEqual([{ from: 'build/native-dist/${platform}-${arch}', to: 'native', filter: ['better_sqlite3.node'] }]);
    // In place, electron-builder's rebuild would swap node_modules' Node build for Electron's.
    expect(c.npmRebuild).toBe(false);
  });

  it('sets the security fuses at package time', async () => {
    const c = (await load(path.join(ROOT, 'electron-builder.yml'))) as Config;
    expect(c.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('has a neutral 512×512 PNG icon, the one the script draws', async () => {
    const c = (await load(path.join(ROOT, 'electron-builder.yml'))) as Config;
    const icon = fs.readFileSync(path.join(ROOT, c.icon));
    expect(path.join(ROOT, c.icon)).toBe(ICON_PATH);
    expect(icon.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(icon.readUInt32BE(16)).toBe(512);
    expect(icon.readUInt32BE(20)).toBe(512);
    expect(icon.equals(drawIcon())).toBe(true);
  });

  it('never ships the AGPL SQLCipher build that only the tests use', async () => {
    const c = (await load(path.join(ROOT, 'electron-builder.yml'))) as Config;
    const patterns = c.files.flatMap((f) => (typeof f === 'string' ? [f] : f.filter));
    expect(patterns).toContain('!node_modules/@signalapp/**');
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).not.toContain('@signalapp/sqlcipher');
    expect(Object.keys(pkg.devDependencies)).toContain('@signalapp/sqlcipher');
  });
});
