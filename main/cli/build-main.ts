/**
 * `npm run build:main`: bundles the Electron main process and the core's worker thread (ESM) and the preload (CommonJS — sandboxed
 * preloads cannot load ES modules) with esbuild into dist/app/. Native and Electron-only packages stay
 * external: they are loaded from node_modules at run time.
 */
import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { CHANNELS } from '../../shared/api.js';
import { APP_OUT, ROOT, isEntry } from './project.js';

export const MAIN_EXTERNALS = ['electron', 'better-sqlite3-multiple-ciphers', '@node-rs/argon2', 'electron-store'];

const common: BuildOptions = {
  bundle: true,
  minify: false,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
};

/** `outDir`: tests that run at the same time build into folders of their own (inside the checkout, so externals resolve). */
export async function buildMain(outDir: string = APP_OUT): Promise<{ main: string; preload: string; worker: string }> {
  const main = path.join(outDir, 'main.js');
  const preload = path.join(outDir, 'preload.cjs');
  // The core's worker thread, beside main.js: main/core/worker/client.ts looks for it there.
  const worker = path.join(outDir, 'worker.js');
  const node: BuildOptions = {
    ...common,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: MAIN_EXTERNALS,
    // Bundled CommonJS dependencies may call require(); give the ES module one.
    banner: { js: "import { createRequire as __fulcrumCreateRequire } from 'node:module'; const require = __fulcrumCreateRequire(import.meta.url);" },
  };
  await build({ ...node, entryPoints: [path.join(ROOT, 'main', 'app', 'main.ts')], outfile: main });
  await build({ ...node, entryPoints: [path.join(ROOT, 'main', 'core', 'worker', 'entry.ts')], outfile: worker });
  await build({
    ...common,
    entryPoints: [path.join(ROOT, 'main', 'app', 'preload.ts')],
    outfile: preload,
    platform: 'browser',
    format: 'cjs',
    target: 'chrome140',
    external: ['electron'],
    define: { ...common.define, __FULCRUM_CHANNELS__: JSON.stringify(CHANNELS) },
  });
  return { main, preload, worker };
}

if (isEntry(import.meta.url)) {
  buildMain().then(
    ({ main, preload }) => process.stderr.write(`Built ${path.relative(ROOT, main)} and ${path.relative(ROOT, preload)}\n`),
    (e: unknown) => {
      process.stderr.write(`build:main failed: ${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}
