/** Arabic messages of one area (report): exactly the keys of report.en.ts. */
import type { reportEn } from './report.en.js';

export const reportAr: Record<keyof typeof reportEn, string> = {
};
