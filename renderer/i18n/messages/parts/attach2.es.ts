/** Spanish messages of attachments' metadata beyond images (attach2): exactly the keys of attach2.en.ts. */
import type { attach2En } from './attach2.en.js';

export const attach2Es: Record<keyof typeof attach2En, string> = {
  'attach2.sensitiveAuthor': 'el nombre de quien lo hizo ({author})',
  'attach2.sensitiveDetails': 'otras etiquetas descriptivas (como un título o comentarios)',
};
