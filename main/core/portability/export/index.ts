/**
 * Exports (issue 6 §2): Markdown, CSV and JSON of a user-chosen scope. `buildExport` returns the file's
 * content (browser mode downloads it as a Blob); `saveExport` writes it where a native dialog says.
 * Every result is marked `plaintext: true`: the UI warns before the file leaves the encrypted journal.
 */
import type { ExportCounts, ExportFile, ExportFormat, SaveResult } from '../../../../shared/portability.js';
import type { DB } from '../../db/index.js';
import { writeFileAtomic } from '../../fsutil.js';
import type { Ports } from '../../ports.js';
import { fileDay, noDialogs } from '../files.js';
import { collectExport, type Scope } from './collect.js';
import { toCsv } from './csv.js';
import { toJsonExport } from './json.js';
import { toMarkdown } from './markdown.js';
import { isPseudonymised, prepareExport } from './prepare.js';

export { collectExport, type ExportData, type Scope } from './collect.js';
export { prepareExport } from './prepare.js';
export { Pseudonymiser } from './pseudonyms.js';
export { neutraliseCell, CSV_COLUMNS } from './csv.js';

const FORMATS: Record<ExportFormat, { ext: string; mimeType: string; filter: string }> = {
  markdown: { ext: 'md', mimeType: 'text/markdown;charset=utf-8', filter: 'Markdown' },
  csv: { ext: 'csv', mimeType: 'text/csv;charset=utf-8', filter: 'CSV (spreadsheet)' },
  json: { ext: 'json', mimeType: 'application/json;charset=utf-8', filter: 'JSON' },
};

export interface ExportContext {
  db: DB;
  journalId: string;
  now: number;
  progress?: (done: number, total: number) => void;
}

export function buildExport(format: ExportFormat, scope: Scope, c: ExportContext): ExportFile {
  const raw = collectExport(c.db, scope, c.progress);
  const data = prepareExport(raw);
  const content =
    format === 'csv'
      ? toCsv(data)
      : format === 'markdown'
        ? toMarkdown(data, { now: c.now })
        : JSON.stringify(toJsonExport(data, { journalId: c.journalId, now: c.now, pseudonymised: isPseudonymised(raw) }), null, 2) + '\n';
  const counts: ExportCounts = {
    entries: data.entries.length,
    people: data.people.length,
    checkins: data.checkins.length,
    strengths: data.strengths.length,
  };
  const f = FORMATS[format];
  return { filename: `fulcrum-export-${fileDay(c.now)}.${f.ext}`, mimeType: f.mimeType, content, plaintext: true, counts };
}

/** Asks where to save, then writes the file (0600, atomically). Cancelled = `{ saved: false }`. */
export async function saveExport(
  format: ExportFormat,
  scope: Scope,
  c: ExportContext,
  ports: Ports,
): Promise<SaveResult<{ plaintext: true; counts: ExportCounts }>> {
  if (!ports.dialogs) throw noDialogs();
  // Built first: a scope that fails fails before the person picks a place.
  const file = buildExport(format, scope, c);
  const f = FORMATS[format];
  const target = await ports.dialogs.saveFile({
    title: 'Save the export (not encrypted)',
    defaultName: file.filename,
    filters: [{ name: f.filter, extensions: [f.ext] }],
  });
  if (!target) return { saved: false };
  writeFileAtomic(target, file.content);
  return { saved: true, path: target, plaintext: true, counts: file.counts };
}
