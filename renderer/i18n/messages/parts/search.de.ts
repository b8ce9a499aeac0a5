/** German messages of one area (search): exactly the keys of search.en.ts. */
import type { searchEn } from './search.en.js';

export const searchDe: Record<keyof typeof searchEn, string> = {
  'search.matchesMore': '{count, plural, one {Mehr als # Eintrag passt} other {Mehr als # Einträge passen}}',
};
