/** German messages of one area (browser mode's streamed downloads): exactly the keys of install.en.ts. */
import type { installEn } from './install.en.js';

export const installDe: Record<keyof typeof installEn, string> = {
  'install.download.export': 'Dein Export wird heruntergeladen. Er ist nicht verschlüsselt: Bewahre ihn dort auf, wo nur du ihn öffnen kannst.',
  'install.download.backup': 'Deine verschlüsselte Sicherung wird heruntergeladen.',
};
