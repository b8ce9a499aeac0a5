/**
 * Fixtures for the browser-mode journeys: each test gets its own web host (the same one `npm run web`
 * starts) on a fresh temp data dir, with the test-only cheap KDF, serving the built renderer.
 *
 *   import { test, expect } from './fixtures.js';
 *   test('…', async ({ page, host }) => { await page.goto(host.url); … });
 *
 * `spawnWebHost()` starts the real CLI in a child process instead, for tests that must kill it (-9).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';
import { startWebHost, type WebHost } from '../../main/web/index.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');

export function newDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'fulcrum-e2e-'));
}

function assertRendererBuilt(): void {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build:renderer` (npm run test:e2e does it first).');
  }
}

/** An in-process host on `dataDir` (a fresh temp dir by default). Close it to lock the journal. */
export async function openHost(dataDir = newDataDir()): Promise<WebHost> {
  assertRendererBuilt();
  return startWebHost({ dataDir, insecureTestKdf: true, staticDir: RENDERER_DIR });
}

export interface SpawnedHost {
  url: string;
  token: string;
  dataDir: string;
  process: ChildProcess;
  /** Resolves with the exit code (or null when killed by a signal). */
  exited: Promise<number | null>;
}

/** The real `npm run web` CLI in a child process (for kill -9 and restart journeys). */
export async function spawnWebHost(dataDir = newDataDir()): Promise<SpawnedHost> {
  assertRendererBuilt();
  // Node itself with tsx's loader, not the tsx launcher: the launcher runs the host as ITS child, so a
  // SIGKILL would kill only the launcher and leave the real host running (and the journal open).
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'main', 'cli', 'web.ts'), '--data-dir', dataDir, '--insecure-test-kdf'], {
    cwd: ROOT,
    env: { ...process.env, FULCRUM_ALLOW_INSECURE_TEST_KDF: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
      const nl = stdout.indexOf('\n');
      if (nl >= 0) resolve(stdout.slice(0, nl));
    });
    void exited.then((code) => reject(new Error(`the web host exited (${code}) before printing its URL: ${stderr}`)));
  });
  const url = line.replace(/^Fulcrum browser mode: /, '');
  return { url, token: new URL(url).hash.replace(/^#token=/, ''), dataDir, process: child, exited };
}

export const test = base.extend<{ host: WebHost }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies by destructuring
  host: async ({}, use) => {
    const dataDir = newDataDir();
    const host = await openHost(dataDir);
    try {
      await use(host);
    } finally {
      await host.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect };
