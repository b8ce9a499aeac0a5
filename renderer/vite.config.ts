import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
// This file is build configuration run by Node, not renderer code: it may use node: modules.
// eslint-disable-next-line no-restricted-imports
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('..', import.meta.url));

// The built page runs under a strict CSP (script-src 'self', style-src 'self'): nothing may be
// inlined — no modulepreload polyfill script, no data: assets — and no sourcemaps ship in production.
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  server: { fs: { allow: [repo] } },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
  },
});
