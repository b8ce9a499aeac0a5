import { Menu } from 'electron';
import { buildMenuTemplate, type Command } from './menu-template.js';

export function installMenu(opts: { devTools: boolean; send: (command: Command) => void }): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ platform: process.platform, ...opts })));
}
