/**
 * The therapist report: the model the print view draws, the report's scope as
 * Markdown/CSV/JSON, the PDF through the host's printer, therapy session days and saved templates.
 */
export { buildReport, type ReportContext, TOP_PATTERNS, TABLE_PATTERNS } from './model.js';
export { buildReportExport, reportExportData, saveReportExport, type ReportExportContext } from './export.js';
export { estimatePages, wrappedLines } from './estimate.js';
export { saveReportPdf, noPrinter } from './pdf.js';
export { resolveRange, type ResolvedRange } from './range.js';
export { selectedEntryIds, loadEntries, type Selection } from './entries.js';
export { addSession, deleteSession, lastSessionDay, listSessions } from '../db/repos/sessions.js';
export { deleteTemplate, listTemplates, saveTemplate } from '../db/repos/templates.js';
