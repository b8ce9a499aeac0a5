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
import { test as base, expect, type Page } from '@playwright/test';
import { startWebHost, type WebHost } from '../../main/web/index.js';
import { sessionOf } from './api.js';
import { webTestPorts } from '../helpers/ports.js';

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

/**
 * An in-process host on `dataDir` (a fresh temp dir by default). Close it to lock the journal.
 * `host.url` is its first launch link; like every launch link it opens one page, once: a test that
 * opens another page asks for `host.newLaunchUrl()`.
 */
export async function openHost(dataDir = newDataDir(), opts: { pagesGoneLockMs?: number } = {}): Promise<WebHost> {
  assertRendererBuilt();
  return startWebHost({ dataDir, insecureTestKdf: true, testPorts: webTestPorts(), staticDir: RENDERER_DIR, ...opts });
}

export interface SpawnedHost {
  port: number;
  /** A fresh single-use launch link (through the test-only call; the printed one was spent on that call's session). */
  newLaunchUrl(): Promise<string>;
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
  return { ...(await launcherOf(line.replace(/^Fulcrum browser mode: /, ''))), dataDir, process: child, exited };
}

/**
 * For a host in another process started with the test flag: spends its printed link on a session of
 * the test's own, with which it asks the host for a fresh launch link whenever a page is to be opened.
 */
export async function launcherOf(printedUrl: string): Promise<{ port: number; newLaunchUrl(): Promise<string> }> {
  const { origin, port } = new URL(printedUrl);
  const session = await sessionOf(printedUrl);
  return {
    port: Number(port),
    async newLaunchUrl() {
      const res = await fetch(`${origin}/api/test.newLaunchUrl`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session}` },
        body: '{}',
      });
      const reply = (await res.json()) as { ok: boolean; value?: { url: string } };
      if (!reply.ok || !reply.value) throw new Error(`the host did not mint a launch link (${res.status})`);
      return reply.value.url;
    },
  };
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

/**
 * Opens Fulcrum in `page` as a person reopening it would: a fresh single-use launch link, loaded as a
 * new document. (Going from one launch link to another would change only the fragment, which a
 * browser treats as a move within the same page, not a new load.)
 */
export async function openApp(page: Page, host: { newLaunchUrl(): string | Promise<string> }): Promise<void> {
  if (page.url() !== 'about:blank') await page.goto('about:blank');
  await page.goto(await host.newLaunchUrl());
}
