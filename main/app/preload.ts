/**
 * The preload: exposes `window.fulcrum` (the contract's calls over IPC) and nothing else. Bundled to
 * CommonJS (dist/app/preload.cjs) because sandboxed preloads cannot load ES modules. The channel list
 * is the contract's CHANNELS, written in at build time (main/cli/build-main.ts) so the preload does not
 * carry the schemas and zod.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { Channel } from '../../shared/api.js';
import { buildBridge } from './bridge.js';

declare const __FULCRUM_CHANNELS__: readonly Channel[];

contextBridge.exposeInMainWorld(
  'fulcrum',
  buildBridge(
    {
      invoke: (channel, input) => ipcRenderer.invoke(channel, input),
      on: (channel, listener) => ipcRenderer.on(channel, listener),
      removeListener: (channel, listener) => ipcRenderer.removeListener(channel, listener),
    },
    __FULCRUM_CHANNELS__,
  ),
);
