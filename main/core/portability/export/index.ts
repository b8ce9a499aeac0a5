/**
 * Exports: Markdown, CSV and JSON of a user-chosen scope. `buildExport` returns the file's
 * content whole; `downloadExport` streams it into browser mode's download; `saveExport` writes it where a native dialog says.
 * Every result is marked `plaintext: true`: the UI warns before the file leaves the encrypted journal.
 */
import type { DownloadDone } from '../../../../shared/api.js';
import type { ExportCounts, ExportFile, ExportFormat, SaveResult } from '../../../../shared/portability.js';
import type { DB } from '../../db/index.js';
import { streamFileAtomic } from '../../fsutil.js';
import { cooperate, untilCancelled } from '../../jobs/cooperate.js';
import type { DownloadSink, Ports } from '../../ports.js';
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
  /** A streamed download: awaited between pages, so the export never runs ahead of its reader. */
  drain?: () => Promise<void>;
}

/** The pause between pages: lets other calls in, stops on a lock, and waits for a slow reader. */
export function pauseOf(c: ExportContext): () => Promise<void> {
  const pause = cooperate(c.signal ?? new AbortController().signal);
  const drain = c.drain;
  if (!drain) return pause;
  return async () => {
    await pause();
    await drain();
  };
}

const options = (c: ExportContext) => ({
  journalId: c.journalId,
  now: c.now,
  pause: pauseOf(c),
  ...(c.progress ? { progress: c.progress } : {}),
});

/** The export as one string (browser mode hands it to the page as a download). */
export async function buildExport(format: ExportFormat, scope: Scope, c: ExportContext): Promise<ExportFile> {
  const parts: string[] = [];
  const counts = await streamExport(format, scope, c.db, (chunk) => void parts.push(chunk), options(c));
  const f = FORMATS[format];
  return { filename: `fulcrum-export-${fileDay(c.now)}.${f.ext}`, mimeType: f.mimeType, content: parts.join(''), plaintext: true, counts };
}

/** Browser mode: the export written into a download's stream, a page at a time (never whole in memory). */
export async function downloadExport(format: ExportFormat, scope: Scope, c: ExportContext, sink: DownloadSink): Promise<DownloadDone> {
  const f = FORMATS[format];
  const filename = `fulcrum-export-${fileDay(c.now)}.${f.ext}`;
  sink.start({ filename, mimeType: f.mimeType });
  let bytes = 0;
  // A page of entries is handed on a slice at a time, each once the reader has room for it.
  const send = async (chunk: string) => {
    const data = Buffer.from(chunk, 'utf8');
    bytes += data.byteLength;
    for (let at = 0; at < data.byteLength; at += DOWNLOAD_SLICE) {
      sink.write(data.subarray(at, at + DOWNLOAD_SLICE));
      await sink.drain();
    }
  };
  await streamExport(format, scope, c.db, send, options({ ...c, drain: () => sink.drain() }));
  await sink.drain();
  return { filename, bytes };
}

/** How much of a page a download hands on before it waits for the reader. */
export const DOWNLOAD_SLICE = 256 * 1024;

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
