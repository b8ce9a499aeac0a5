/** Arabic messages of one area (search): exactly the keys of search.en.ts. */
import type { searchEn } from './search.en.js';

export const searchAr: Record<keyof typeof searchEn, string> = {
  'search.matchesMore':
    '{count, plural, zero {أكثر من # إدخال مطابق} one {أكثر من إدخال واحد مطابق} two {أكثر من إدخالين مطابقين} few {أكثر من # إدخالات مطابقة} many {أكثر من # إدخالًا مطابقًا} other {أكثر من # إدخال مطابق}}',
};
