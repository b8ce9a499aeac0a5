/**
 * The export as a ZIP archive with the entries' attachments: the entries first (JSON, or Markdown
 * that links each file by its path in the archive), streamed a page at a time as the plain export is;
 * then the files, read from the journal one at a time, each written and let go before the next; then
 * `manifest.json` with every file's path, size and SHA-256 (shared/portability.ts `ZipManifest`).
 *
 * What leaves is the 'shared' copy of each file: the original without its location and device
 * metadata, unless the person kept them for that file (then the original, byte for byte). Names and
 * captions get the export's pseudonyms; "without text" leaves captions out and names files by number.
 */
import { createHash } from 'node:crypto';
import type { DownloadDone } from '../../../../shared/api.js';
import type { AttachmentMeta } from '../../../../shared/attachments.js';
import {
  EXPORT_ZIP_FORMAT_NAME,
  type ExportZipCounts,
  type ExportZipFile,
  type SaveResult,
  type ZipManifest,
  type ZipManifestFile,
} from '../../../../shared/portability.js';
import { listAttachments, readAttachmentBytes } from '../../db/repos/attachments.js';
import { listPeople } from '../../db/repos/index.js';
import { streamFileAtomic } from '../../fsutil.js';
import { untilCancelled } from '../../jobs/cooperate.js';
import type { DownloadSink, Ports } from '../../ports.js';
import { hostWords } from '../../words.js';
import { fileDay, noDialogs } from '../files.js';
import { ZipWriter, type ZipSink } from '../zip.js';
import type { ExportEntryRow, Scope } from './collect.js';
import { pauseOf, type ExportContext } from './index.js';
import { mdInline } from './markdown.js';
import { Pseudonymiser } from './pseudonyms.js';
import { streamExport } from './stream.js';

export type ZipExportFormat = 'json' | 'markdown';

const ENTRIES_NAME: Record<ZipExportFormat, string> = { json: 'fulcrum-export.json', markdown: 'fulcrum-export.md' };

/** A file name safe in any file system, keeping letters of every script. */
function safeName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}\p{M}._ -]+/gu, '_')
    .replace(/^[.\s]+/, '')
    .slice(0, 100)
    .trim();
  return cleaned || 'file';
}

const extensionOf = (name: string) => {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? `.${m[1]!.toLowerCase()}` : '';
};

interface Planned {
  meta: AttachmentMeta;
  entryId: number | null;
  checkinId: number | null;
  path: string;
  name: string;
  caption: string;
}

/** Writes the archive to `sink`; says what it held. */
export async function streamZipExport(format: ZipExportFormat, scope: Scope, c: ExportContext, sink: ZipSink): Promise<ExportZipCounts> {
  const pause = pauseOf(c);
  const zip = new ZipWriter(sink);
  const p = new Pseudonymiser(listPeople(c.db, { includeArchived: true }), scope.pseudonyms ?? {});
  const files: Planned[] = [];
  const named = (meta: AttachmentMeta, n: number) => ({
    name: scope.includeText ? p.text(meta.name) : `file-${n}${extensionOf(meta.name)}`,
    caption: scope.includeText ? p.text(meta.caption) : '',
  });
  let checkinIds: number[] = [];
  const linkFiles = (page: readonly ExportEntryRow[]): Map<number, string[]> => {
    const links = new Map<number, string[]>();
    for (const e of page) {
      const list = listAttachments(c.db, { kind: 'entry', id: e.id });
      if (!list.length) continue;
      const lines = ['**Files:**', ''];
      list.forEach((meta, i) => {
        const n = i + 1;
        const { name, caption } = named(meta, n);
        const at = `attachments/${e.id}/${n}-${safeName(name)}`;
        files.push({ meta, entryId: e.id, checkinId: null, path: at, name, caption });
        // A link, never an image: a viewer must not load anything on opening the file.
        const href = at.split('/').map(encodeURIComponent).join('/');
        lines.push(`- [${mdInline(name)}](${href})${caption ? ` — ${mdInline(caption)}` : ''}`);
      });
      lines.push('');
      links.set(e.id, lines);
    }
    return links;
  };

  const text = zip.text(ENTRIES_NAME[format]);
  const counts = await streamExport(format, scope, c.db, (chunk) => text.push(chunk), {
    journalId: c.journalId,
    now: c.now,
    pause,
    linkFiles,
    onRest: (data) => void (checkinIds = data.checkins.map((ci) => ci.id)),
    ...(c.progress ? { progress: c.progress } : {}),
  });
  text.end();
  // Check-ins' files follow the entries' (the manifest says whose each is).
  for (const id of checkinIds) {
    listAttachments(c.db, { kind: 'checkin', id }).forEach((meta, i) => {
      const { name, caption } = named(meta, i + 1);
      files.push({ meta, entryId: null, checkinId: id, path: `attachments/checkin-${id}/${i + 1}-${safeName(name)}`, name, caption });
    });
  }

  const manifest: ZipManifestFile[] = [];
  for (const f of files) {
    await pause();
    const bytes = readAttachmentBytes(c.db, f.meta.id, 'shared');
    zip.stored(f.path, bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    manifest.push({
      path: f.path,
      entryId: f.entryId,
      checkinId: f.checkinId,
      position: f.meta.position,
      name: f.name,
      mime: f.meta.mime,
      caption: f.caption,
      bytes: bytes.byteLength,
      sha256,
      originalSha256: f.meta.sha256,
      metadataRemoved: sha256 !== f.meta.sha256,
      capturedAt: f.meta.capturedAt,
      attachedAt: f.meta.attachedAt,
    });
  }
  const m: ZipManifest = { format: EXPORT_ZIP_FORMAT_NAME, version: 1, entries: ENTRIES_NAME[format], files: manifest };
  const out = zip.text('manifest.json');
  out.push(JSON.stringify(m, null, 2) + '\n');
  out.end();
  zip.end();
  return { ...counts, files: manifest.length };
}

const zipName = (now: number) => `fulcrum-export-${fileDay(now)}.zip`;

/** The archive held whole, as base64 (browser mode's page streams it instead: downloadZipExport). */
export async function buildZipExport(format: ZipExportFormat, scope: Scope, c: ExportContext): Promise<ExportZipFile> {
  const parts: Uint8Array[] = [];
  const counts = await streamZipExport(format, scope, c, (chunk) => void parts.push(chunk));
  const whole = Buffer.concat(parts);
  return { filename: zipName(c.now), mimeType: 'application/zip', base64: whole.toString('base64'), bytes: whole.length, plaintext: true, counts };
}

/**
 * Browser mode: the archive written into a download's stream. The writer waits for the reader after
 * every entry and every file, so what waits in memory is at most one page of entries or one file.
 */
export async function downloadZipExport(format: ZipExportFormat, scope: Scope, c: ExportContext, sink: DownloadSink): Promise<DownloadDone> {
  const filename = zipName(c.now);
  sink.start({ filename, mimeType: 'application/zip' });
  let bytes = 0;
  await streamZipExport(format, scope, { ...c, drain: () => sink.drain() }, (chunk) => {
    bytes += chunk.byteLength;
    sink.write(chunk);
  });
  await sink.drain();
  return { filename, bytes };
}

/** Asks where to save, then writes the archive under a temporary name beside it and renames it into place. */
export async function saveZipExport(
  format: ZipExportFormat,
  scope: Scope,
  c: ExportContext,
  ports: Ports,
): Promise<SaveResult<{ plaintext: true; counts: ExportZipCounts }>> {
  if (!ports.dialogs) throw noDialogs();
  const target = await untilCancelled(
    ports.dialogs.saveFile({
      title: hostWords(ports)('dialog.saveExportZip'),
      defaultName: zipName(c.now),
      filters: [{ name: hostWords(ports)('filter.zip'), extensions: ['zip'] }],
    }),
    c.signal,
  );
  if (!target) return { saved: false };
  const counts = await writeZipExportFile(format, scope, c, target);
  return { saved: true, path: target, plaintext: true, counts };
}

/** Streams the archive into `target`: written under a temporary name (0600), fsynced, renamed; removed if stopped. */
export async function writeZipExportFile(format: ZipExportFormat, scope: Scope, c: ExportContext, target: string): Promise<ExportZipCounts> {
  return streamFileAtomic(target, (append) => streamZipExport(format, scope, c, append));
}
