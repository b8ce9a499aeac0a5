/**
 * One `ipcMain.handle` per contract call (derived from CHANNELS), each checking that the sender is
 * the main frame of our window showing our own files before calling dispatch.
 */
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../../shared/api.js';
import type { Reply } from '../../shared/errors.js';
import { BYTE_CHANNELS, MICROPHONE_ARM, MICROPHONE_RELEASE, ipcChannelOf } from './bridge.js';
import type { MicrophoneGate } from './policy.js';
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

export function registerIpc(ipcMain: IpcMain, dispatch: Dispatch, getWindow: () => BrowserWindow | null, microphone?: MicrophoneGate): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(ipcChannelOf(channel), (event, input: unknown) => {
      if (!senderIsTrusted(event, getWindow())) return REFUSED;
      return dispatch(channel, input);
    });
  }
  // The byte calls: the same sender check; their input (a Uint8Array) is validated by the dispatcher.
  for (const channel of BYTE_CHANNELS) {
    ipcMain.handle(ipcChannelOf(channel), (event, input: unknown) => {
      if (!senderIsTrusted(event, getWindow())) return REFUSED;
      return dispatch(channel, input);
    });
  }
  // Only the window's own main frame arms the microphone (the person's click on "Record").
  ipcMain.handle(MICROPHONE_ARM, (event) => {
    if (!senderIsTrusted(event, getWindow())) return REFUSED;
    microphone?.arm();
    return null;
  });
  ipcMain.handle(MICROPHONE_RELEASE, (event) => {
    if (!senderIsTrusted(event, getWindow())) return REFUSED;
    microphone?.release();
    return null;
  });
  return () => {
    [...CHANNELS, ...BYTE_CHANNELS].forEach((c) => ipcMain.removeHandler(ipcChannelOf(c)));
    ipcMain.removeHandler(MICROPHONE_ARM);
    ipcMain.removeHandler(MICROPHONE_RELEASE);
  };
}
