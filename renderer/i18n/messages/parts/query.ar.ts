/** Arabic messages of one area (query): exactly the keys of query.en.ts. */
import type { queryEn } from './query.en.js';

export const queryAr: Record<keyof typeof queryEn, string> = {
  'query.autosave.failed': 'تعذّر حفظ المسودة. يعيد Fulcrum المحاولة كل بضع ثوانٍ، فأبقِ هذه النافذة مفتوحة أو احفظ الإدخال.',
};
