import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { RENDERER_OUT, ROOT, bin } from './project.js';

/** Newest modification time under the given paths (files and folders, recursively). */
export function newestMtime(paths: string[]): number {
  let newest = 0;
  const walk = (p: string) => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    newest = Math.max(newest, st.mtimeMs);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) if (e !== 'node_modules') walk(path.join(p, e));
  };
  paths.forEach(walk);
  return newest;
}

const RENDERER_SOURCES = ['renderer', 'shared', 'package.json'].map((p) => path.join(ROOT, p));

/** Is dist/renderer missing, or older than any renderer or shared source? (A plain mtime check.) */
export function rendererIsStale(outDir = RENDERER_OUT, sources = RENDERER_SOURCES): boolean {
  const index = path.join(outDir, 'index.html');
  if (!fs.existsSync(index)) return true;
  return newestMtime(sources) > fs.statSync(index).mtimeMs;
}

/**
 * Builds the renderer with the renderer's own Vite config when it is stale. Vite's output goes to
 * stderr: the browser-mode host's stdout carries exactly one line, the URL.
 */
export function ensureRendererBuilt(opts: { force?: boolean } = {}): void {
  if (!opts.force && !rendererIsStale()) return;
  const config = path.join(ROOT, 'renderer', 'vite.config.ts');
  if (!fs.existsSync(config)) throw new Error('renderer/vite.config.ts is missing, so the renderer cannot be built.');
  process.stderr.write('Building the renderer (vite build)…\n');
  const r = spawnSync(bin('vite'), ['build', '--config', config, '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: ['ignore', 2, 2],
    shell: process.platform === 'win32',
  });
  if (r.status !== 0) throw new Error(`The renderer build failed (vite exited with ${r.status ?? r.signal}).`);
  // Vite may keep an old index.html's mtime when nothing changed in it; touch it so the check settles.
  const index = path.join(RENDERER_OUT, 'index.html');
  if (fs.existsSync(index)) {
    const now = new Date();
    fs.utimesSync(index, now, now);
  }
}
