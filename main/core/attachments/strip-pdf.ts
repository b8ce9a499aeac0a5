/**
 * A PDF's metadata, read and removed with pdf-lib (the maintained @cantoo fork): the document
 * information dictionary (Author, Creator, Producer, Title, Subject, Keywords, dates) and every XMP
 * metadata stream (the catalog's, a page's, an image's). The shared copy is the document saved again
 * without them and without any object nothing refers to any more — so an older revision of the
 * metadata left behind by an incremental update does not travel in it either.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFStream, PDFString, type PDFContext, type PDFObject } from '@cantoo/pdf-lib';

export interface PdfMetadata {
  author: string | null;
  /** The software that made it (Creator, Producer). */
  software: string | null;
  /** Title, subject, keywords or any other entry of the information dictionary. */
  details: boolean;
  xmp: boolean;
}

const METADATA = PDFName.of('Metadata');
const PIECE_INFO = PDFName.of('PieceInfo');
const INFO_KEYS = ['Author', 'Creator', 'Producer'] as const;

async function load(bytes: Uint8Array): Promise<PDFDocument | null> {
  try {
    return await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false });
  } catch {
    // Damaged or protected with a password: nothing can be read or rewritten.
    return null;
  }
}

const text = (o: PDFObject | undefined): string | null => {
  if (!(o instanceof PDFString) && !(o instanceof PDFHexString)) return null;
  try {
    const s = o.decodeText().replace(/\s+/g, ' ').trim();
    return s ? s.slice(0, 120) : null;
  } catch {
    return null;
  }
};

/** Every object reachable from `roots`; `visit` sees each dictionary (a stream's included) once. */
function walk(context: PDFContext, roots: PDFObject[], visit: (dict: PDFDict) => void): Set<PDFRef> {
  const seen = new Set<PDFRef>();
  const done = new Set<PDFObject>();
  const stack = [...roots];
  while (stack.length) {
    const o = stack.pop()!;
    if (o instanceof PDFRef) {
      if (seen.has(o)) continue;
      seen.add(o);
      const target = context.lookup(o);
      if (target) stack.push(target);
      continue;
    }
    if (done.has(o)) continue;
    done.add(o);
    if (o instanceof PDFStream) stack.push(o.dict);
    else if (o instanceof PDFArray) stack.push(...o.asArray());
    else if (o instanceof PDFDict) {
      visit(o);
      for (const [, v] of o.entries()) stack.push(v);
    }
  }
  return seen;
}

function infoOf(doc: PDFDocument): PDFDict | null {
  const info = doc.context.trailerInfo.Info;
  const dict = info instanceof PDFRef ? doc.context.lookup(info) : info;
  return dict instanceof PDFDict ? dict : null;
}

/** What the PDF says about who made it and with what; null when it cannot be read. */
export async function pdfMetadata(bytes: Uint8Array): Promise<PdfMetadata | null> {
  const doc = await load(bytes);
  if (!doc) return null;
  const info = infoOf(doc);
  const get = (k: string) => (info ? text(info.get(PDFName.of(k))) : null);
  const software = [...new Set([get('Creator'), get('Producer')].filter((s): s is string => s !== null))];
  const others = info ? info.keys().filter((k) => !INFO_KEYS.includes(k.decodeText() as (typeof INFO_KEYS)[number])) : [];
  let xmp = false;
  walk(doc.context, [doc.context.trailerInfo.Root!], (d) => {
    if (d.has(METADATA)) xmp = true;
  });
  return { author: get('Author'), software: software.length ? software.join(' · ') : null, details: others.length > 0, xmp };
}

/** The PDF saved again without its information dictionary and metadata streams; null when it cannot be read. */
export async function strippedPdf(bytes: Uint8Array): Promise<Uint8Array | null> {
  const doc = await load(bytes);
  if (!doc) return null;
  const { context } = doc;
  const info = context.trailerInfo.Info;
  context.trailerInfo.Info = undefined;
  if (info instanceof PDFRef) context.delete(info);
  const reachable = walk(context, [context.trailerInfo.Root!, ...(context.trailerInfo.Encrypt ? [context.trailerInfo.Encrypt] : [])], (d) => {
    d.delete(METADATA);
    d.delete(PIECE_INFO);
  });
  for (const [ref] of context.enumerateIndirectObjects()) if (!reachable.has(ref)) context.delete(ref);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}
