/** Arabic messages of one area (templates): exactly the keys of templates.en.ts. */
import type { templatesEn } from './templates.en.js';

export const templatesAr: Record<keyof typeof templatesEn, string> = {
};
