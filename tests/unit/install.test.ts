/**
 * `npm install` is quiet and true: the Node.js range package.json's engines declares is one that every
 * package of the installed tree declares support for (else npm prints EBADENGINE on a Node we claim),
 * every package with an install script is named in allowScripts (else npm lists it as unreviewed), and
 * the desktop tooling — which needs a newer Node — is a package of its own (main/desktop), held to
 * the same rules against its own engines.
 */
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { desktopNodeProblem, desktopNodeRange, pinnedElectron } from '../../main/cli/desktop-toolchain.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DESKTOP = path.join(ROOT, 'main', 'desktop');

interface Manifest {
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  allowScripts?: Record<string, boolean>;
}
interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
  hasInstallScript?: boolean;
}
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;
const lockOf = (dir: string) => readJson<{ packages: Record<string, LockEntry> }>(path.join(dir, 'package-lock.json')).packages;
const nameOf = (lockPath: string) => lockPath.slice(lockPath.lastIndexOf('node_modules/') + 'node_modules/'.length);

/**
 * The node range each package of a project's tree declares: from its installed package.json where it
 * is installed (what npm checks), else from the lockfile (an optional package for another platform).
 */
function declaredNode(dir: string): { pkg: string; node: string }[] {
  const out: { pkg: string; node: string }[] = [];
  for (const [p, entry] of Object.entries(lockOf(dir))) {
    if (!p) continue;
    let engines = entry.engines;
    const installed = path.join(dir, p, 'package.json');
    if (fs.existsSync(installed)) engines = readJson<Manifest>(installed).engines;
    const node = engines && !Array.isArray(engines) ? engines.node : undefined;
    if (node) out.push({ pkg: `${nameOf(p)}@${entry.version ?? '?'}`, node });
  }
  return out;
}

/** The packages whose declared Node range does not hold every version `ours` admits. */
function contradicting(ours: string, declared: { pkg: string; node: string }[]): string[] {
  return declared.filter(({ node }) => !semver.validRange(node) || !semver.subset(ours, node)).map(({ pkg, node }) => `${pkg} needs node ${node}`);
}

/** Packages with install scripts that allowScripts neither allows nor denies. */
function unreviewedScripts(dir: string, allow: Record<string, boolean>): string[] {
  const named = new Set(Object.keys(allow).map((k) => k.replace(/(.)@[^/]*$/, '$1')));
  return Object.entries(lockOf(dir))
    .filter(([p, e]) => p && e.hasInstallScript)
    .map(([p]) => nameOf(p))
    .filter((n) => !named.has(n));
}

const project = readJson<Manifest>(path.join(ROOT, 'package.json'));
const desktop = readJson<Manifest>(path.join(DESKTOP, 'package.json'));

describe('the project install (npm ci on the Node.js it declares)', () => {
  it('declares a Node.js range that every package of the tree supports (no EBADENGINE)', () => {
    const ours = project.engines?.node ?? '';
    expect(semver.validRange(ours)).toBeTruthy();
    const declared = declaredNode(ROOT);
    expect(declared.length).toBeGreaterThan(50);
    expect(contradicting(ours, declared)).toEqual([]);
  });

  it('the check catches a dependency that needs a newer Node (as Electron 45 does)', () => {
    const ours = project.engines?.node ?? '';
    expect(contradicting(ours, [{ pkg: 'electron@45.4.1', node: '>= 22.12.0' }])).toEqual(['electron@45.4.1 needs node >= 22.12.0']);
    expect(contradicting(ours, [{ pkg: 'narrow@1.0.0', node: '^20.9.0 || >=24' }])).toEqual(['narrow@1.0.0 needs node ^20.9.0 || >=24']);
    expect(contradicting(ours, [{ pkg: 'wide@1.0.0', node: '>=18' }])).toEqual([]);
    // The desktop tooling would contradict it: that is why it is not in this tree.
    expect(contradicting(ours, declaredNode(DESKTOP).length ? declaredNode(DESKTOP) : [{ pkg: 'electron', node: desktopNodeRange() }])).not.toEqual([]);
  });

  it('runs on this machine’s Node.js', () => {
    expect(semver.satisfies(process.versions.node, project.engines?.node ?? '')).toBe(true);
  });

  it('has no Electron tooling in the project’s own dependencies', () => {
    const deps = { ...project.dependencies, ...project.devDependencies };
    const tooling = ['electron', 'electron-builder', 'app-builder-lib', '@electron/rebuild', '@electron/fuses', '@electron/get', '@electron-internal/extract-zip'];
    for (const name of tooling) expect(deps, name).not.toHaveProperty(name);
    expect(Object.keys(lockOf(ROOT)).map(nameOf).filter((n) => tooling.includes(n))).toEqual([]);
  });

  it('names every package with an install script in allowScripts, and only those', () => {
    const allow = project.allowScripts ?? {};
    expect(unreviewedScripts(ROOT, allow)).toEqual([]);
    const withScripts = new Set(Object.entries(lockOf(ROOT)).filter(([p, e]) => p && e.hasInstallScript).map(([p]) => nameOf(p)));
    for (const key of Object.keys(allow)) expect(withScripts, `stale allowScripts entry ${key}`).toContain(key);
    // The native SQLite module must build; nothing else is allowed more than it needs.
    expect(allow['better-sqlite3-multiple-ciphers']).toBe(true);
  });

  it('the allowScripts check catches a package with an install script that is not named', () => {
    expect(unreviewedScripts(ROOT, {})).toContain('better-sqlite3-multiple-ciphers');
  });
});

describe('the desktop tooling (main/desktop)', () => {
  it('declares the Node.js its tree needs, and npm start checks it', () => {
    const range = desktop.engines?.node ?? '';
    expect(range).toBe(desktopNodeRange());
    expect(contradicting(range, declaredNode(DESKTOP))).toEqual([]);
    expect(desktopNodeProblem('20.20.2')).toBe(`the desktop app's tooling (Electron ${pinnedElectron()}) needs Node.js ${range}, and this is Node.js 20.20.2`);
    expect(desktopNodeProblem('22.13.0')).toBeNull();
    // Somewhere both installs can run.
    expect(semver.intersects(range, project.engines?.node ?? '')).toBe(true);
  });

  it('pins Electron to one exact version (an upgrade is a reviewed change)', () => {
    expect(desktop.devDependencies?.electron).toMatch(/^\d+\.\d+\.\d+$/);
    expect(lockOf(DESKTOP)['node_modules/electron']?.version).toBe(desktop.devDependencies?.electron);
  });

  it('names every package with an install script in its allowScripts', () => {
    expect(unreviewedScripts(DESKTOP, desktop.allowScripts ?? {})).toEqual([]);
  });

  it('the Electron type definitions the type check uses are the pinned Electron’s', () => {
    const vendored = fs.readFileSync(path.join(DESKTOP, 'electron.d.ts'), 'utf8');
    expect(vendored.split('\n')[0]).toBe(`// Type definitions for Electron ${pinnedElectron()}`);
    // Where the tooling is installed, the copy is the package's own file, unchanged.
    const installed = path.join(DESKTOP, 'node_modules', 'electron', 'electron.d.ts');
    if (fs.existsSync(installed)) expect(vendored === fs.readFileSync(installed, 'utf8')).toBe(true);
  });
});

describe('README', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const setUp = readme.slice(readme.indexOf('## Set up'), readme.indexOf('\n## ', readme.indexOf('## Set up') + 1));

  it('states the Node.js each path needs, as the engines fields declare', () => {
    expect(setUp).toContain(`\`${project.engines?.node}\``);
    expect(setUp).toContain(`\`${desktop.engines?.node}\``);
    expect(setUp).toMatch(/npm install && npm start/);
    expect(setUp).toMatch(/npm ci && npm test/);
  });
});
