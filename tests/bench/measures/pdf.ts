/**
 * The therapist report for one year as a PDF (browser mode, Playwright page.pdf()). Measured only
 * when the report module exists (issue 6).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BenchJournal } from '../journals.js';
import { summarise } from '../stats.js';
import type { SizeResult } from './common.js';

export const REPORT_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'main', 'core', 'report');
export const reportAvailable = () => fs.existsSync(REPORT_DIR);

export async function measurePdf(_j: BenchJournal, _staticDir: string | null): Promise<SizeResult> {
  return { value: summarise([]), unavailable: 'not yet available: main/core/report does not exist in this checkout' };
}
