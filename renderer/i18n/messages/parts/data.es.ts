/** Spanish messages of one area (data): exactly the keys of data.en.ts. */
import type { dataEn } from './data.en.js';

export const dataEs: Record<keyof typeof dataEn, string> = {
};
