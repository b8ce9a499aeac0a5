/**
 * The renderer's attachment logic that runs without a page: how the editor's draft carries the
 * entry's attachments, how a pasted screenshot is named, how sensitive metadata is worded.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { intlFor, setCurrentIntl } from '../../renderer/i18n/translate.js';
import { formatClock, setFormatLocale } from '../../renderer/lib/format.js';
import { EntryInput, EntryPatch, type Entry } from '../../shared/schemas.js';
import { blankState, draftContent, hasContent, parseDraft, stateFromEntry, toEntryInput, toEntryPatch } from '../../renderer/lib/editorState.js';
import { carriesFiles, filesOfPaste, formatBytes, stamp } from '../../renderer/components/attachments/capture.js';
import { altOf, kindOf, listWords, sensitiveWords } from '../../renderer/components/attachments/words.js';

const entry: Entry = {
  id: 7,
  occurredAt: Date.UTC(2025, 2, 4, 9, 30),
  timeZone: 'Europe/Berlin',
  day: '2025-03-04',
  title: '',
  body: '',
  personIds: [],
  tagIds: [],
  domains: [],
  powerSources: [],
  balance: null,
  intensity: null,
  heard: null,
  respected: null,
  valued: null,
  involved: null,
  outcome: '',
  raiseWithTherapist: false,
  safetyConcern: false,
  source: 'app',
  createdAt: Date.UTC(2025, 2, 4, 10),
  updatedAt: Date.UTC(2025, 2, 4, 10),
  deletedAt: null,
};

/** Enough of a DataTransfer for the paste and drop code (Node has File, not DataTransfer). */
function clipboard(items: { kind: 'file' | 'string'; file?: File }[], types: string[] = []) {
  return {
    types,
    items: items.map((i) => ({ kind: i.kind, getAsFile: () => i.file ?? null })),
    files: items.flatMap((i) => (i.file ? [i.file] : [])),
  };
}

describe('the editor draft and its attachments', () => {
  it('keeps the order of the attachments through a draft and names them on save', () => {
    const s = { ...blankState(0), attachmentIds: [5, 3, 9] };
    expect(parseDraft(draftContent(s))!.attachmentIds).toEqual([5, 3, 9]);
    const input = toEntryInput(s)!;
    expect(input.attachments).toEqual([5, 3, 9]);
    expect(EntryInput.safeParse(input).success).toBe(true);
    const patch = toEntryPatch(stateFromEntry(entry, [], [3, 5]), entry)!;
    expect(patch.attachments).toEqual([3, 5]);
    expect(EntryPatch.safeParse(patch).success).toBe(true);
  });

  it('a draft written before attachments keeps the entry’s own, never “none” (which would trash them on save)', () => {
    const old = JSON.parse(draftContent(blankState(0))) as { v: 1; state: Record<string, unknown> };
    delete old.state.attachmentIds;
    const base = stateFromEntry(entry, [], [11, 12]);
    expect(parseDraft(JSON.stringify(old), base)!.attachmentIds).toEqual([11, 12]);
    // A damaged list falls back the same way.
    old.state.attachmentIds = 'garbage';
    expect(parseDraft(JSON.stringify(old), base)!.attachmentIds).toEqual([11, 12]);
    // An explicit empty list is the writer's choice and stays empty.
    expect(parseDraft(draftContent({ ...base, attachmentIds: [] }), base)!.attachmentIds).toEqual([]);
  });

  it('an entry with only an attachment (a screenshot, no words) can be saved', () => {
    expect(hasContent(blankState(0))).toBe(false);
    expect(hasContent({ ...blankState(0), attachmentIds: [1] })).toBe(true);
  });
});

/** The interface as if it spoke `language` (its messages and its locale's numbers). */
function speak(language: 'en' | 'es' | 'de' | 'ar', locale: string): void {
  setCurrentIntl(intlFor(language, locale));
  setFormatLocale(locale);
}
beforeEach(() => speak('en', 'en-US'));
afterEach(() => {
  setCurrentIntl(intlFor('en', 'en'));
  setFormatLocale(undefined);
});

describe('files handed to the editor', () => {
  it('names a pasted screenshot after the moment it was pasted, keeping its bytes and type', async () => {
    const png = new File([new Uint8Array([137, 80, 78, 71])], 'image.png', { type: 'image/png' });
    const at = new Date(2026, 11, 7, 14, 5, 9);
    const [f] = filesOfPaste(clipboard([{ kind: 'string' }, { kind: 'file', file: png }]), at);
    expect(f!.name).toBe('Pasted screenshot 2026-12-07 14.05.09.png');
    // Named in the interface's language (the stamp stays sortable and safe in a file name).
    speak('de', 'de-DE');
    expect(filesOfPaste(clipboard([{ kind: 'file', file: png }]), at)[0]!.name).toBe('Eingefügtes Bildschirmfoto 2026-12-07 14.05.09.png');
    expect(f!.type).toBe('image/png');
    expect(new Uint8Array(await f!.arrayBuffer())).toEqual(new Uint8Array([137, 80, 78, 71]));
  });

  it('keeps a pasted file’s own name when it has one, and ignores text on the clipboard', () => {
    const pdf = new File(['%PDF-1.4'], 'letter.pdf', { type: 'application/pdf' });
    expect(filesOfPaste(clipboard([{ kind: 'file', file: pdf }])).map((f) => f.name)).toEqual(['letter.pdf']);
    expect(filesOfPaste(clipboard([{ kind: 'string' }]))).toEqual([]);
    expect(filesOfPaste(null)).toEqual([]);
  });

  it('tells a drag of files from text being moved', () => {
    expect(carriesFiles(clipboard([], ['Files']))).toBe(true);
    expect(carriesFiles(clipboard([], ['text/plain']))).toBe(false);
    expect(carriesFiles(null)).toBe(false);
  });

  it('words sizes, lengths and moments plainly, as the locale writes them', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(2048)).toBe('2 kB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GB');
    expect(formatClock(5_400)).toBe('0:05');
    expect(formatClock(754_000)).toBe('12:34');
    expect(stamp(new Date(2026, 0, 2, 3, 4, 5))).toBe('2026-01-02 03.04.05');
    speak('de', 'de-DE');
    expect(formatBytes(512)).toBe('512 Byte');
    expect(formatBytes(5 * 1024 * 1024 + 300 * 1024)).toBe('5,3 MB');
    speak('es', 'es-ES');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5,0 MB');
    // Arabic in Arabic-Indic digits where the locale asks for them.
    speak('ar', 'ar-EG');
    expect(formatClock(65_000)).toBe('١:٠٥');
    expect(formatBytes(512)).toBe('٥١٢ بايت');
  });
});

describe('what the person is told about an attachment', () => {
  it('names each kind of location and device metadata found, and nothing when there is none', () => {
    expect(sensitiveWords({ sensitive: { gps: '52.5200, 13.4050', device: 'Canon EOS 5D (serial 123)', xmp: true } })).toEqual([
      'the place it was taken (52.5200, 13.4050)',
      'the device (Canon EOS 5D (serial 123))',
      'editing details (XMP)',
    ]);
    expect(sensitiveWords({ sensitive: { gps: null, device: null, xmp: false } })).toEqual([]);
    // A PDF's author and producer, a sound file's artist and other tags.
    expect(sensitiveWords({ sensitive: { gps: null, device: 'Microsoft Word', xmp: false, author: 'Sam Doe', details: true } })).toEqual([
      'the device (Microsoft Word)',
      'the name of who made it (Sam Doe)',
      'other descriptive tags (such as a title or comments)',
    ]);
    expect(listWords(['the place', 'the device'])).toBe('the place and the device');
    expect(listWords(['a', 'b', 'c'])).toBe('a, b, and c');
    expect(listWords(['a'])).toBe('a');
  });

  it('says the same in the interface’s language', () => {
    speak('es', 'es-ES');
    const found = sensitiveWords({ sensitive: { gps: '52.5200, 13.4050', device: 'Pixel 8', xmp: true } });
    expect(found).toEqual(['el lugar donde se tomó (52.5200, 13.4050)', 'el dispositivo (Pixel 8)', 'datos de edición (XMP)']);
    expect(listWords(found)).toBe('el lugar donde se tomó (52.5200, 13.4050), el dispositivo (Pixel 8) y datos de edición (XMP)');
    expect(altOf({ caption: '', name: 'a.png', mimeType: 'image/png' })).toBe('Imagen: a.png');
    speak('de', 'de-DE');
    expect(listWords(['a', 'b', 'c'])).toBe('a, b und c');
    expect(altOf({ caption: '', name: 'v.webm', mimeType: 'audio/webm' })).toBe('Audio: v.webm');
    speak('ar', 'ar');
    expect(altOf({ caption: '', name: 'a.png', mimeType: 'image/png' })).toBe('صورة: a.png');
  });

  it('reads the caption as alt text, or says what the file is', () => {
    expect(altOf({ caption: '  Message from Sunday  ', name: 'a.png', mimeType: 'image/png' })).toBe('Message from Sunday');
    expect(altOf({ caption: '', name: 'a.png', mimeType: 'image/png' })).toBe('Image: a.png');
    expect(altOf({ caption: '', name: 'v.webm', mimeType: 'audio/webm' })).toBe('Audio: v.webm');
    expect(kindOf('application/pdf')).toBe('pdf');
    expect(kindOf('text/plain')).toBe('text');
  });
});
