/** Arabic messages of one area (screens): exactly the keys of screens.en.ts. */
import type { screensEn } from './screens.en.js';

export const screensAr: Record<keyof typeof screensEn, string> = {
};
