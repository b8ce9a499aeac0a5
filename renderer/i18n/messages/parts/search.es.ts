/** Spanish messages of one area (search): exactly the keys of search.en.ts. */
import type { searchEn } from './search.en.js';

export const searchEs: Record<keyof typeof searchEn, string> = {
  'search.matchesMore': '{count, plural, one {Coincide más de # entrada} other {Coinciden más de # entradas}}',
};
