import { Menu } from 'electron';
import type { NativeText } from '../../shared/native-text.js';
import { buildMenuTemplate, type Command } from './menu-template.js';

/** Sets the application menu; called again when the person changes the language in Settings. */
export function installMenu(opts: { devTools: boolean; words: NativeText; send: (command: Command) => void }): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ platform: process.platform, ...opts })));
}
