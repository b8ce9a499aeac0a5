/**
 * The application menu: the platform's standard roles plus Fulcrum's three shortcuts, which are sent
 * to the renderer as `command` events (the renderer acts on them exactly as on its own key handling).
 * No Help links: nothing in the app opens a web page.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { AppEvent } from '../../shared/api.js';

export type Command = Extract<AppEvent, { type: 'command' }>['command'];

export const SHORTCUTS: Readonly<Record<Command, string>> = {
  'new-entry': 'CmdOrCtrl+N',
  search: 'CmdOrCtrl+F',
  lock: 'CmdOrCtrl+L',
};

export function buildMenuTemplate(opts: { platform: NodeJS.Platform; devTools: boolean; send: (command: Command) => void }): MenuItemConstructorOptions[] {
  const mac = opts.platform === 'darwin';
  const item = (label: string, command: Command): MenuItemConstructorOptions => ({
    label,
    accelerator: SHORTCUTS[command],
    click: () => opts.send(command),
  });
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [item('New Entry', 'new-entry'), item('Lock', 'lock'), { type: 'separator' }, mac ? { role: 'close' } : { role: 'quit' }],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        item('Search', 'search'),
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
