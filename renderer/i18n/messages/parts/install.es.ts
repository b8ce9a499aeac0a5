/** Spanish messages of one area (browser mode's streamed downloads): exactly the keys of install.en.ts. */
import type { installEn } from './install.en.js';

export const installEs: Record<keyof typeof installEn, string> = {
  'install.download.export': 'Tu exportación se está descargando. No está cifrada: guárdala donde solo tú puedas abrirla.',
  'install.download.backup': 'Tu copia de seguridad cifrada se está descargando.',
};
