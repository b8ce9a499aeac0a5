/**
 * The report as a PDF (desktop): the print view's HTML, rendered by the host's `printer` port
 * (Electron: a hidden window's `webContents.printToPDF`) with the range, the generation date and page
 * numbers in every page's header and footer, then written where a native save dialog says. Browser
 * mode has no printer port: the print view uses the browser's own print there.
 */
import { FulcrumError } from '../../../shared/errors.js';
import { PDF_MARGINS_MM, pdfHeaderFooter, type ReportPdfInput } from '../../../shared/report.js';
import type { z } from 'zod';
import { writeFileAtomic } from '../fsutil.js';
import type { Ports } from '../ports.js';
import { hostWords } from '../words.js';
import { fileDay, noDialogs } from '../portability/files.js';
import type { SaveResult } from '../../../shared/portability.js';

type PdfInput = z.output<typeof ReportPdfInput>;

export const noPrinter = () =>
  new FulcrumError('IO', 'This window cannot make a PDF by itself. Use Print and choose “Save as PDF” as the printer.');

export async function saveReportPdf(input: PdfInput, ports: Ports): Promise<SaveResult<{ bytes: number; ms: number }>> {
  if (!ports.printer) throw noPrinter();
  if (!ports.dialogs) throw noDialogs();
  const started = performance.now();
  // Rendered first: a print that fails fails before the person picks a place.
  const pdf = await ports.printer.printToPDF(input.html, {
    pageSize: input.pageSize === 'letter' ? 'Letter' : 'A4',
    marginsMm: PDF_MARGINS_MM,
    ...pdfHeaderFooter(input),
  });
  const ms = performance.now() - started;
  const target = await ports.dialogs.saveFile({
    title: hostWords(ports)('dialog.saveReportPdf'),
    defaultName: `fulcrum-report-${fileDay(ports.now())}.pdf`,
    filters: [{ name: hostWords(ports)('filter.pdf'), extensions: ['pdf'] }],
  });
  if (!target) return { saved: false };
  writeFileAtomic(target, pdf);
  return { saved: true, path: target, bytes: pdf.length, ms };
}
