/**
 * One `ipcMain.handle` per contract call (derived from CHANNELS), each checking that the sender is
 * the main frame of our window showing our own files before calling dispatch.
 */
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../../shared/api.js';
import type { Reply } from '../../shared/errors.js';
import { ipcChannelOf } from './bridge.js';
import { isAllowedSender } from './policy.js';

type Dispatch = (channel: string, raw: unknown) => Promise<Reply<unknown>>;

const REFUSED: Reply<never> = { ok: false, error: { code: 'ACCESS_DENIED', message: 'This call did not come from the Fulcrum window.' } };

export function senderIsTrusted(event: IpcMainInvokeEvent, win: BrowserWindow | null): boolean {
  const frame = event.senderFrame;
  return isAllowedSender({
    url: frame?.url,
    isMainFrame: !!frame && frame.parent === null,
    isOurWindow: !!win && !win.isDestroyed() && event.sender === win.webContents && frame === win.webContents.mainFrame,
  });
}

export function registerIpc(ipcMain: IpcMain, dispatch: Dispatch, getWindow: () => BrowserWindow | null): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(ipcChannelOf(channel), (event, input: unknown) => {
      if (!senderIsTrusted(event, getWindow())) return REFUSED;
      return dispatch(channel, input);
    });
  }
  return () => CHANNELS.forEach((c) => ipcMain.removeHandler(ipcChannelOf(c)));
}
