/**
 * Importing a ZIP archive: a Fulcrum export archive (its entries file, its attachments and a manifest
 * with each file's size and SHA-256) or a Day One export archive (`Journal.json` and `photos/`,
 * `audios/`, `pdfs/` with each file named by the MD5 of its bytes, as Day One names them).
 *
 * The preview checks every file before anything is written, one file unpacked at a time: it is listed
 * (a Fulcrum manifest names every file in the archive; a Day One entry names its files), its size and
 * hash are what the archive and the manifest (or its Day One name) say, and it passes the same content
 * check and limits as a file attached by hand. Any failure refuses the whole archive. At commit each
 * entry's files are attached right after the entry is written, in the import's one transaction: a
 * failure there rolls everything back.
 */
import { createHash } from 'node:crypto';
import type { AttachmentOwner } from '../../../../shared/attachments.js';
import { ZipManifest } from '../../../../shared/portability.js';
import type { ImportLimits } from '../../../../shared/portability.js';
import { FulcrumError } from '../../../../shared/errors.js';
import { evidenceOf, sniff } from '../../attachments/content.js';
import type { AttachStep } from '../../attachments/steps.js';
import { sharedCopyFor } from '../../attachments/strip.js';
import type { DB } from '../../db/index.js';
import { insertAttachment, keepRevision, updateAttachment } from '../../db/repos/index.js';
import { unzipOne, zipIndex, ZIP_LIMITS, type ZipEntryInfo, type ZipLimits } from '../zip.js';
import { parseCheckedJson } from './jsonscan.js';
import { decodeText } from './text.js';
import type { StepPause } from './steps.js';

const refuse = (message: string) => new FulcrumError('IMPORT_INVALID', `${message} Nothing was imported.`);

interface ZipFile {
  info: ZipEntryInfo;
  /** The name the attachment gets in the journal. */
  name: string;
  caption: string;
  /** The digest the file's bytes must have. */
  digest: { algorithm: 'sha256' | 'md5'; hex: string };
}

export interface ZipImport {
  /** The archive, held from the preview to the commit. */
  bytes: Uint8Array;
  /** The entries file, unpacked. */
  inner: Buffer;
  format: 'fulcrum-json' | 'dayone-json';
  /** An entry's place in the entries file (`journal.entries[3]`, `entries[3]`) → its files, in order. */
  files: Map<string, ZipFile[]>;
  count: number;
  totalBytes: number;
}

const short = (name: string) => (name.length > 80 ? `${name.slice(0, 77)}…` : name);

function unpackText(bytes: Uint8Array, info: ZipEntryInfo, limits: ImportLimits): Buffer {
  if (info.size > limits.maxBytes) {
    throw refuse(`"${short(info.name)}" in this archive is ${Math.round(info.size / 1024 / 1024)} MB, more than the ${Math.round(limits.maxBytes / 1024 / 1024)} MB an imported file may be.`);
  }
  return Buffer.from(unzipOne(bytes, info));
}

function parseJson(bytes: Buffer, limits: ImportLimits, what: string): unknown {
  try {
    return parseCheckedJson(decodeText(bytes), limits);
  } catch (e) {
    if (e instanceof FulcrumError) throw refuse(`${what} in this archive cannot be read: ${e.message.replace(/\s*Nothing was imported\.$/, '')}`);
    throw e;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A Fulcrum export archive: every file in it is the manifest, the entries, or a file the manifest lists. */
function fulcrumArchive(bytes: Uint8Array, index: Map<string, ZipEntryInfo>, limits: ImportLimits): Omit<ZipImport, 'bytes' | 'count' | 'totalBytes'> {
  const raw = parseJson(unpackText(bytes, index.get('manifest.json')!, limits), limits, 'The manifest');
  const parsed = ZipManifest.safeParse(raw);
  if (!parsed.success) throw refuse('This archive\'s manifest is not one Fulcrum wrote (or it was changed).');
  const m = parsed.data;
  if (!m.entries.endsWith('.json')) {
    throw refuse('This archive holds a Markdown export, which is made for reading. To bring entries back, export again as JSON with files and import that archive.');
  }
  const entriesInfo = index.get(m.entries);
  if (!entriesInfo) throw refuse(`The manifest names "${short(m.entries)}", which is not in the archive.`);
  const listed = new Set<string>(['manifest.json', m.entries]);
  for (const f of m.files) {
    if (listed.has(f.path)) throw refuse(`The manifest lists "${short(f.path)}" twice.`);
    listed.add(f.path);
    const info = index.get(f.path);
    if (!info) throw refuse(`The manifest lists "${short(f.path)}", which is not in the archive.`);
    if (info.size !== f.bytes) throw refuse(`"${short(f.path)}" is not the size the manifest says: the archive was changed after it was made.`);
  }
  for (const name of index.keys()) {
    if (!listed.has(name)) throw refuse(`"${short(name)}" is in the archive but not in its manifest: the archive was changed after it was made.`);
  }
  const inner = unpackText(bytes, entriesInfo, limits);
  const json = parseJson(inner, limits, 'The entries file');
  const journal = isRecord(json) && isRecord(json.journal) ? json.journal : {};
  const places = (list: unknown, key: 'entries' | 'checkins') => {
    const out = new Map<number, string>();
    if (Array.isArray(list)) list.forEach((e, i) => isRecord(e) && typeof e.id === 'number' && out.set(e.id, `journal.${key}[${i}]`));
    return out;
  };
  const entryPlace = places(journal.entries, 'entries');
  const checkinPlace = places(journal.checkins, 'checkins');
  const files = new Map<string, ZipFile[]>();
  for (const f of [...m.files].sort((a, b) => a.position - b.position)) {
    const where = f.entryId !== null ? entryPlace.get(f.entryId) : checkinPlace.get(f.checkinId!);
    if (!where) {
      throw refuse(
        `The manifest gives "${short(f.path)}" to ${f.entryId !== null ? `entry ${f.entryId}` : `check-in ${f.checkinId}`}, which is not in the entries file.`,
      );
    }
    const list = files.get(where) ?? [];
    list.push({ info: index.get(f.path)!, name: f.name, caption: f.caption, digest: { algorithm: 'sha256', hex: f.sha256 } });
    files.set(where, list);
  }
  return { inner, format: 'fulcrum-json', files };
}

/** Day One's folders, by the key of the list in an entry that names their files. */
const DAY_ONE_MEDIA: Record<string, string> = { photos: 'photos', audios: 'audios', pdfAttachments: 'pdfs', videos: 'videos' };

/** A Day One export archive: one JSON file at the top, the media in folders named by their MD5. */
function dayOneArchive(bytes: Uint8Array, index: Map<string, ZipEntryInfo>, limits: ImportLimits): Omit<ZipImport, 'bytes' | 'count' | 'totalBytes'> {
  const top = [...index.keys()].filter((n) => !n.includes('/') && n.toLowerCase().endsWith('.json'));
  if (top.length === 0) throw refuse('This archive is neither a Fulcrum export nor a Day One export (it has no manifest.json and no journal .json file at its top).');
  if (top.length > 1) throw refuse(`This Day One archive holds ${top.length} journals (${top.slice(0, 3).map(short).join(', ')}). Export one journal at a time and import each archive.`);
  const inner = unpackText(bytes, index.get(top[0]!)!, limits);
  const json = parseJson(inner, limits, `"${short(top[0]!)}"`);
  const entries = isRecord(json) && Array.isArray(json.entries) ? json.entries : [];
  // Day One names each file "<folder>/<md5>.<type>": found by its folder and MD5, whatever the extension.
  const byMd5 = new Map<string, ZipEntryInfo>();
  for (const info of index.values()) {
    const m = /^([a-z]+)\/([0-9a-f]{32})(\.[A-Za-z0-9]+)?$/i.exec(info.name);
    if (m) byMd5.set(`${m[1]}/${m[2]!.toLowerCase()}`, info);
  }
  const files = new Map<string, ZipFile[]>();
  entries.forEach((e, i) => {
    if (!isRecord(e)) return;
    const list: (ZipFile & { order: number })[] = [];
    for (const [key, folder] of Object.entries(DAY_ONE_MEDIA)) {
      const media = e[key];
      if (!Array.isArray(media)) continue;
      media.forEach((item, j) => {
        if (!isRecord(item) || typeof item.md5 !== 'string' || !/^[0-9a-f]{32}$/i.test(item.md5)) {
          throw refuse(`Entry ${i + 1} names a file in "${key}" without an MD5 name, so it cannot be found in the archive.`);
        }
        const md5 = item.md5.toLowerCase();
        const info = byMd5.get(`${folder}/${md5}`);
        if (!info) throw refuse(`Entry ${i + 1} names a file in ${folder}/ (${md5}) that is not in the archive.`);
        if (key === 'videos') throw refuse(`Entry ${i + 1} holds a video (${short(info.name)}). Fulcrum does not keep videos: export the journal without them and import again.`);
        const order = typeof item.orderInEntry === 'number' ? item.orderInEntry : j;
        list.push({ info, name: info.name.slice(folder.length + 1), caption: '', digest: { algorithm: 'md5', hex: md5 }, order });
      });
    }
    if (list.length) files.set(`entries[${i}]`, list.sort((a, b) => a.order - b.order).map(({ order: _o, ...f }) => f));
  });
  return { inner, format: 'dayone-json', files };
}

/** One file unpacked and checked: its digest, then its content as a hand-attached file is checked. */
async function checkedFile(bytes: Uint8Array, f: ZipFile): Promise<{ data: Uint8Array; type: Awaited<ReturnType<typeof sniff>> }> {
  const data = unzipOne(bytes, f.info);
  const digest = createHash(f.digest.algorithm).update(data).digest('hex');
  if (digest !== f.digest.hex) {
    throw refuse(
      f.digest.algorithm === 'sha256'
        ? `"${short(f.info.name)}" does not match the SHA-256 in the manifest: the file was changed or damaged after the export was made.`
        : `"${short(f.info.name)}" does not match its Day One name (its MD5): the file was changed or damaged.`,
    );
  }
  try {
    return { data, type: await sniff(data, f.name) };
  } catch (e) {
    if (e instanceof FulcrumError) throw refuse(`"${short(f.info.name)}" cannot be attached: ${e.message}`);
    throw e;
  }
}

/**
 * Reads an archive: its directory against the limits, then the manifest or Day One's JSON, then every
 * file (unpacked one at a time, checked, let go). `pause` runs between files (a lock stops the reading).
 */
export async function readImportZip(bytes: Uint8Array, limits: ImportLimits, pause: () => Promise<void>, zipLimits: ZipLimits = ZIP_LIMITS): Promise<ZipImport> {
  const index = zipIndex(bytes, zipLimits);
  const archive = index.has('manifest.json') ? fulcrumArchive(bytes, index, limits) : dayOneArchive(bytes, index, limits);
  let count = 0;
  let totalBytes = 0;
  for (const list of archive.files.values()) {
    for (const f of list) {
      await pause();
      await checkedFile(bytes, f);
      count++;
      totalBytes += f.info.size;
    }
  }
  return { ...archive, bytes, count, totalBytes };
}

/**
 * Attaches an imported entry's (or check-in's) files to it (inside the import's transaction), each checked again as
 * it is unpacked, then records the entry's version with its files in its history.
 */
export async function attachImported(
  db: DB,
  zip: ZipImport,
  where: string,
  owner: AttachmentOwner,
  now: number,
  opts: { at?: StepPause; crashAt?: ((step: AttachStep) => void) | undefined } = {},
): Promise<number> {
  const { crashAt } = opts;
  const at = opts.at ?? (() => Promise.resolve());
  const list = zip.files.get(where);
  if (!list?.length) return 0;
  for (const f of list) {
    // Each wait ends in a pause: a lock that came meanwhile stops it before anything more is written.
    await at('attach');
    const { data, type } = await checkedFile(zip.bytes, f);
    await at('attach');
    crashAt?.('sniffed');
    const found = await evidenceOf(data, type);
    await at('attach');
    const { shared, sensitive } = await sharedCopyFor(data, type, found.sensitive);
    const evidence = { ...found, sensitive };
    const sha256 = createHash('sha256').update(data).digest('hex');
    const meta = insertAttachment(db, { name: f.name, mime: type.mime, kind: type.kind, sha256, ...evidence }, data, shared, owner, now, crashAt ? { crashAt } : {});
    if (f.caption) updateAttachment(db, meta.id, { caption: f.caption });
  }
  // As for a file attached by hand: an entry's history records its new list of files.
  if (owner.kind === 'entry') keepRevision(db, 'entry', owner.id, now);
  return list.length;
}
