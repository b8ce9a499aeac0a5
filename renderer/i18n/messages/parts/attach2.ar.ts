/** Arabic messages of attachments' metadata beyond images (attach2): exactly the keys of attach2.en.ts. */
import type { attach2En } from './attach2.en.js';

export const attach2Ar: Record<keyof typeof attach2En, string> = {
  'attach2.sensitiveAuthor': 'اسمَ من أنشأه ({author})',
  'attach2.sensitiveDetails': 'وسومًا وصفية أخرى (مثل العنوان أو التعليقات)',
};
