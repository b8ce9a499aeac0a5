/** German messages of attachments' metadata beyond images (attach2): exactly the keys of attach2.en.ts. */
import type { attach2En } from './attach2.en.js';

export const attach2De: Record<keyof typeof attach2En, string> = {
  'attach2.sensitiveAuthor': 'den Namen der Person, die sie erstellt hat ({author})',
  'attach2.sensitiveDetails': 'weitere beschreibende Angaben (etwa einen Titel oder Kommentare)',
};
