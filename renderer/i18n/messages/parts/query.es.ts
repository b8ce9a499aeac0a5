/** Spanish messages of one area (query): exactly the keys of query.en.ts. */
import type { queryEn } from './query.en.js';

export const queryEs: Record<keyof typeof queryEn, string> = {
  'query.autosave.failed': 'No se pudo guardar el borrador. Fulcrum lo vuelve a intentar cada pocos segundos: deja esta ventana abierta o guarda la entrada.',
};
