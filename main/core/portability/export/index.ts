/**
 * Exports: Markdown, CSV and JSON of a user-chosen scope. `buildExport` returns the file's
 * content (browser mode downloads it as a Blob); `saveExport` writes it where a native dialog says.
 * Every result is marked `plaintext: true`: the UI warns before the file leaves the encrypted journal.
 */
import type { ExportCounts, ExportFile, ExportFormat, SaveResult } from '../../../../shared/portability.js';
import type { DB } from '../../db/index.js';
import { streamFileAtomic } from '../../fsutil.js';
import { cooperate, untilCancelled } from '../../jobs/cooperate.js';
import type { Ports } from '../../ports.js';
import { hostWords } from '../../words.js';
import type { NativeKey } from '../../../../shared/native-text.js';
import { fileDay, noDialogs } from '../files.js';
import type { Scope } from './collect.js';
import { streamExport } from './stream.js';

export { collectExport, type ExportData, type Scope } from './collect.js';
export { prepareExport } from './prepare.js';
export { streamExport, ENTRY_PAGE } from './stream.js';
export { Pseudonymiser } from './pseudonyms.js';
export { neutraliseCell, CSV_COLUMNS } from './csv.js';

const FORMATS: Record<ExportFormat, { ext: string; mimeType: string; filter: NativeKey }> = {
  markdown: { ext: 'md', mimeType: 'text/markdown;charset=utf-8', filter: 'filter.markdown' },
  csv: { ext: 'csv', mimeType: 'text/csv;charset=utf-8', filter: 'filter.csv' },
  json: { ext: 'json', mimeType: 'application/json;charset=utf-8', filter: 'filter.json' },
};

export interface ExportContext {
  db: DB;
  journalId: string;
  now: number;
  progress?: (done: number, total: number) => void;
  /** The vault's lock signal: a lock stops the export at its next page (CANCELLED). */
  signal?: AbortSignal;
}

const options = (c: ExportContext) => ({
  journalId: c.journalId,
  now: c.now,
  pause: cooperate(c.signal ?? new AbortController().signal),
  ...(c.progress ? { progress: c.progress } : {}),
});

/** The export as one string (browser mode hands it to the page as a download). */
export async function buildExport(format: ExportFormat, scope: Scope, c: ExportContext): Promise<ExportFile> {
  const parts: string[] = [];
  const counts = await streamExport(format, scope, c.db, (chunk) => void parts.push(chunk), options(c));
  const f = FORMATS[format];
  return { filename: `fulcrum-export-${fileDay(c.now)}.${f.ext}`, mimeType: f.mimeType, content: parts.join(''), plaintext: true, counts };
}

/**
 * Asks where to save, then writes the file a page at a time under a temporary name beside it (0600),
 * fsyncs it and renames it into place. Stopped or failed, the temporary file is removed: nothing
 * half-written is left. Cancelled dialog = `{ saved: false }`.
 */
export async function saveExport(
  format: ExportFormat,
  scope: Scope,
  c: ExportContext,
  ports: Ports,
): Promise<SaveResult<{ plaintext: true; counts: ExportCounts }>> {
  if (!ports.dialogs) throw noDialogs();
  const f = FORMATS[format];
  const target = await untilCancelled(
    ports.dialogs.saveFile({
      title: hostWords(ports)('dialog.saveExport'),
      defaultName: `fulcrum-export-${fileDay(c.now)}.${f.ext}`,
      filters: [{ name: hostWords(ports)(f.filter), extensions: [f.ext] }],
    }),
    c.signal,
  );
  if (!target) return { saved: false };
  const counts = await writeExportFile(format, scope, c, target);
  return { saved: true, path: target, plaintext: true, counts };
}

/** Streams the export into `target` (atomically, see saveExport). Also what the benchmark measures. */
export async function writeExportFile(format: ExportFormat, scope: Scope, c: ExportContext, target: string): Promise<ExportCounts> {
  return streamFileAtomic(target, (append) => streamExport(format, scope, c.db, append, options(c)));
}
