/**
 * Timeline scrolling in Chromium: the browser-mode host serves the built renderer over a working copy
 * of the journal; Playwright drives Debian's Chromium, unlocks through the page, and scrolls the
 * virtualised timeline with the mouse wheel — first at reading pace, then flinging, so keyset pages
 * load while scrolling — while the page records requestAnimationFrame deltas.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from '@playwright/test';
import { AUTO_BACKUP_DELAY_MS } from '../../../main/core/service/portability.js';
import { startWebHost } from '../../../main/web/index.js';
import { PASSPHRASE } from '../../helpers/files.js';
import { Gate } from '../../e2e/pages/gate.js';
import { CACHE_ROOT, settleForToday, workCopy, type BenchJournal } from '../journals.js';
import { summarise } from '../stats.js';
import type { SizeResult } from './common.js';

const REPO = path.resolve(import.meta.dirname, '..', '..', '..');
/** The bench builds its own copy of the renderer, so it never races another build of dist/. */
export const RENDERER_OUT = path.join(CACHE_ROOT, 'renderer');
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function chromiumBinary(): string | null {
  if (process.env.FULCRUM_CHROMIUM) return process.env.FULCRUM_CHROMIUM;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return null;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(e.parentPath, e.name)).mtimeMs);
  }
  return newest;
}

/** Builds the renderer into the bench cache when its sources (renderer/, shared/) are newer than the build. */
export function ensureRenderer(log: (s: string) => void): string {
  const index = path.join(RENDERER_OUT, 'index.html');
  const sources = Math.max(newestMtime(path.join(REPO, 'renderer')), newestMtime(path.join(REPO, 'shared')));
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) return RENDERER_OUT;
  log('building the renderer for the browser measures…');
  execFileSync(process.execPath, [path.join(REPO, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--outDir', RENDERER_OUT, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return RENDERER_OUT;
}

/**
 * Page-side code as source text: tsx compiles functions with helper calls (`__name`) that do not exist
 * in the page, so what runs there is passed as a string.
 */
const START_FRAMES = `(() => {
  window.__frames = [];
  window.__recording = true;
  let last = -1;
  const tick = (t) => {
    if (last >= 0) window.__frames.push(t - last);
    last = t;
    if (window.__recording) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;
const STOP_FRAMES = `(() => { window.__recording = false; return window.__frames; })()`;
/** Marks the scrollable ancestor of the first entry card (whatever its class), so the measure follows the page. */
const MARK_SCROLLER = `(() => {
  const card = [...document.querySelectorAll('main a[href^="#/entry/"]')].find((a) => /^#\\/entry\\/\\d+$/.test(a.getAttribute('href')));
  for (let el = card && card.parentElement; el; el = el.parentElement) {
    const overflow = getComputedStyle(el).overflowY;
    if ((overflow === 'auto' || overflow === 'scroll') && el.scrollHeight > el.clientHeight) {
      el.setAttribute('data-bench-scroller', '');
      return true;
    }
  }
  return false;
})()`;
const SCROLL_STATE = `(() => {
  const el = document.querySelector('[data-bench-scroller]');
  return { top: el ? el.scrollTop : 0, height: el ? el.scrollHeight : 0 };
})()`;

/**
 * After unlocking, the day's automatic backup starts AUTO_BACKUP_DELAY_MS later on the main process
 * and holds every call until it is done. Measures are taken after it: this waits for the delay, then
 * makes one call from the page, which returns once the backup has finished. Returns that call's time.
 */
export async function afterUnlockSettled(page: Page): Promise<number> {
  await page.waitForTimeout(AUTO_BACKUP_DELAY_MS + 500);
  const t0 = performance.now();
  await page.evaluate(`window.fulcrum['vault.status']({}).then(() => true)`);
  return performance.now() - t0;
}

export async function measureScroll(j: BenchJournal, opts: { staticDir: string; readMs: number; flingMs: number }): Promise<SizeResult> {
  const executablePath = chromiumBinary();
  if (!executablePath) return { value: summarise([]), unavailable: 'no Chromium found (install chromium or set FULCRUM_CHROMIUM)' };
  const copy = workCopy(j, 'scroll');
  await settleForToday(copy.dataDir);
  const host = await startWebHost({ dataDir: copy.dataDir, insecureTestKdf: true, staticDir: opts.staticDir });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(host.url);
    // The same steps as the e2e suite's unlock (the gate has more than one field named for the passphrase).
    const gate = new Gate(page);
    await gate.attemptUnlock(PASSPHRASE);
    const timeline = page.getByRole('heading', { name: 'Timeline', level: 1 });
    // A journal whose recovery key was never typed back offers it again after each unlock.
    await timeline.or(gate.recoveryHeading).waitFor({ timeout: 120_000 });
    if (await gate.recoveryHeading.isVisible()) await gate.confirmRecoveryKeySaved();
    await timeline.waitFor({ timeout: 120_000 });
    // The virtualised list: the scrollable ancestor of the entry cards (links to #/entry/<id>).
    // Entry cards link to #/entry/<id> (the drafts notice links to …/edit).
    const cards = page.locator('main a[href^="#/entry/"]:not([href$="/edit"])');
    await cards.first().waitFor({ timeout: 60_000 });
    if (!(await page.evaluate<boolean>(MARK_SCROLLER))) throw new Error('the timeline has no scrollable list of entries');
    const scroller = page.locator('[data-bench-scroller]');
    const backupStallMs = await afterUnlockSettled(page);
    const box = (await scroller.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 300));
    await page.waitForTimeout(300);

    await page.evaluate(START_FRAMES);
    const wheel = async (delta: number, ms: number) => {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        await page.mouse.wheel(0, delta);
        await page.waitForTimeout(16);
      }
    };
    await wheel(100, opts.readMs);
    await wheel(900, opts.flingMs);
    const frames = await page.evaluate<number[]>(STOP_FRAMES);
    const scrolled = await page.evaluate<{ top: number; height: number }>(SCROLL_STATE);
    const rows = await scroller.locator('a[href^="#/entry/"]:not([href$="/edit"])').count();
    const value = summarise(frames);
    return {
      value,
      extra: {
        frames: frames.length,
        over20ms: frames.filter((f) => f > 20).length,
        over50ms: frames.filter((f) => f > 50).length,
        scrolledPx: Math.round(scrolled.top),
        loadedHeightPx: Math.round(scrolled.height),
        cardsInDom: rows,
        backupStallMs: Math.round(backupStallMs),
      },
    };
  } finally {
    await browser.close();
    await host.close();
  }
}
