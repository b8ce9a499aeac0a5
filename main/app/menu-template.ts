/**
 * The application menu: the platform's standard roles plus Fulcrum's three shortcuts, which are sent
 * to the renderer as `command` events (the renderer acts on them exactly as on its own key handling).
 * No Help links: nothing in the app opens a web page. Fulcrum's own labels come in the person's
 * language (`words`); the standard roles are labelled by Electron and the OS.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { AppEvent } from '../../shared/api.js';
import type { NativeText } from '../../shared/native-text.js';

export type Command = Extract<AppEvent, { type: 'command' }>['command'];

export const SHORTCUTS: Readonly<Record<Command, string>> = {
  'new-entry': 'CmdOrCtrl+N',
  search: 'CmdOrCtrl+F',
  lock: 'CmdOrCtrl+L',
};

export function buildMenuTemplate(opts: {
  platform: NodeJS.Platform;
  devTools: boolean;
  words: NativeText;
  send: (command: Command) => void;
}): MenuItemConstructorOptions[] {
  const t = opts.words;
  const mac = opts.platform === 'darwin';
  const item = (label: string, command: Command): MenuItemConstructorOptions => ({
    label,
    accelerator: SHORTCUTS[command],
    click: () => opts.send(command),
  });
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: t('menu.file'),
      submenu: [item(t('menu.newEntry'), 'new-entry'), item(t('menu.lock'), 'lock'), { type: 'separator' }, mac ? { role: 'close' } : { role: 'quit' }],
    },
    { role: 'editMenu' },
    {
      label: t('menu.view'),
      submenu: [
        item(t('menu.search'), 'search'),
        { type: 'separator' },
        ...(opts.devTools ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[]) : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
}
