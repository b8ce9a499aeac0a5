/** Spanish messages of one area (attachments): exactly the keys of attachments.en.ts. */
import type { attachmentsEn } from './attachments.en.js';

export const attachmentsEs: Record<keyof typeof attachmentsEn, string> = {
};
