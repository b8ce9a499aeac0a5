/** Spanish messages of one area (screens): exactly the keys of screens.en.ts. */
import type { screensEn } from './screens.en.js';

export const screensEs: Record<keyof typeof screensEn, string> = {
};
