/** German messages of one area (query): exactly the keys of query.en.ts. */
import type { queryEn } from './query.en.js';

export const queryDe: Record<keyof typeof queryEn, string> = {
  'query.autosave.failed': 'Der Entwurf konnte nicht gespeichert werden. Fulcrum versucht es alle paar Sekunden erneut – lass dieses Fenster offen oder speichere den Eintrag.',
};
