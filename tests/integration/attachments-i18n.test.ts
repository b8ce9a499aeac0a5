/**
 * Core refuses a file with a reason and its numbers; the screen words the refusal in the person's
 * language from those. In English the words are core's own sentence, unchanged; in every other
 * language they are the catalogue's, never core's English.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AttachmentMeta } from '../../shared/attachments.js';
import type { ApiErrorShape, Reply } from '../../shared/errors.js';
import { LANGUAGES, type Language } from '../../shared/locales.js';
import { ApiError, messageOf, wordError } from '../../renderer/api.js';
import { intlFor, setCurrentIntl, translateIn } from '../../renderer/i18n/translate.js';
import { setFormatLocale } from '../../renderer/lib/format.js';
import { createdService } from '../helpers/journal.js';
import { pngWith } from '../helpers/attachments.js';

function shown(error: ApiErrorShape, language: Language): string {
  setCurrentIntl(intlFor(language, language));
  setFormatLocale(language);
  return messageOf(new ApiError(error.code, error.message, error.detail));
}
afterEach(() => {
  setCurrentIntl(intlFor('en', 'en'));
  setFormatLocale(undefined);
});

async function refusal(send: Promise<Reply<AttachmentMeta>>): Promise<ApiErrorShape> {
  const r = await send;
  if (r.ok) throw new Error('the file was accepted');
  return r.error;
}

describe('attachment refusals, worded by reason', () => {
  it('gives each refusal of a file a reason, worded in English exactly as core says it and in the other languages by the catalogue', async () => {
    const s = await createdService();
    const upload = (data: Uint8Array, name: string, options: object = {}) =>
      s.service.dispatch('attachments.upload', { data, name, options }) as Promise<Reply<AttachmentMeta>>;

    const empty = await refusal(upload(new Uint8Array(0), 'a.txt'));
    const big = await refusal(upload(new Uint8Array(100 * 1024 * 1024 + 1), 'big.txt'));
    const heic = await refusal(upload(Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(16)]), 'IMG_0001.HEIC'));
    const exe = await refusal(upload(Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0, ...new Array(64).fill(0)]), 'tool.exe'));
    const mismatch = await refusal(upload(pngWith(Buffer.from('PIXELS')), 'holiday.jpg'));

    expect(empty.detail).toEqual({ reason: 'attachmentEmpty' });
    expect(big.detail).toEqual({ reason: 'attachmentTooLarge', megabytes: 100 });
    expect(heic.detail).toEqual({ reason: 'attachmentHeic' });
    expect(exe.detail).toEqual({ reason: 'attachmentType' });
    expect(mismatch.detail).toEqual({ reason: 'attachmentMismatch', extension: 'jpg', content: 'png' });

    for (const e of [empty, big, heic, exe, mismatch]) {
      expect(e.code).toBe('VALIDATION');
      expect(shown(e, 'en')).toBe(e.message);
      for (const language of LANGUAGES.filter((l) => l !== 'en')) {
        const words = shown(e, language);
        expect(words).not.toBe(e.message);
        expect(words).not.toBe(shown({ code: 'VALIDATION', message: '' }, language));
      }
    }
    expect(shown(big, 'de')).toContain('größer als 100 MB');
    expect(shown(mismatch, 'es')).toContain('termina en .jpg, pero su contenido es una imagen PNG');
    expect(shown(mismatch, 'de')).toContain('ein PNG-Bild');
    expect(shown(heic, 'ar')).toMatch(/^صور HEIC\/HEIF غير مدعومة/);
  });

  it('words the per-entry limits by the owner and the number, in every language', async () => {
    const s = await createdService();
    const e = await s.call<{ id: number }>('entries.create', { occurredAt: Date.UTC(2025, 4, 1, 12), timeZone: 'UTC', title: 'a day', body: 'what happened' });
    const upload = (data: Uint8Array, name: string) =>
      s.service.dispatch('attachments.upload', { data, name, options: { owner: { kind: 'entry', id: e.id } } }) as Promise<Reply<AttachmentMeta>>;
    for (let i = 0; i < 50; i++) expect((await upload(Buffer.from(`note ${i}`), `n${i}.txt`)).ok).toBe(true);
    const over = await refusal(upload(Buffer.from('one more'), 'n50.txt'));
    expect(over.detail).toEqual({ reason: 'attachmentOwnerFiles', owner: 'entry', files: 50 });
    expect(shown(over, 'en')).toBe(over.message);
    expect(shown(over, 'es')).toMatch(/^Una entrada puede tener como mucho 50 archivos adjuntos\./);
    expect(shown({ ...over, detail: { ...over.detail, owner: 'checkin' } }, 'de')).toMatch(/^Ein Check-in kann höchstens 50 Anhänge haben\./);

    // The limit on all the files of one owner, too large to reach in a test: its words from its detail.
    setCurrentIntl(intlFor('en', 'en'));
    expect(wordError('VALIDATION', { reason: 'attachmentOwnerBytes', owner: 'checkin', megabytes: 500 })).toBe(
      'The attachments of one check-in can be 500 MB in all; this file would pass that. Put it in another entry.',
    );
    setCurrentIntl(intlFor('ar', 'ar'));
    expect(wordError('VALIDATION', { reason: 'attachmentOwnerBytes', owner: 'entry', megabytes: 500 })).toContain('إدخال واحد');
  });

  it('says an entry in the trash takes no files by the same reason as any change to it', async () => {
    const s = await createdService();
    const e = await s.call<{ id: number }>('entries.create', { occurredAt: Date.UTC(2025, 4, 1, 12), timeZone: 'UTC', title: 'a day', body: 'what happened' });
    await s.call('entries.delete', { id: e.id });
    const r = await refusal(
      s.service.dispatch('attachments.upload', { data: Buffer.from('a note'), name: 'n.txt', options: { owner: { kind: 'entry', id: e.id } } }) as Promise<Reply<AttachmentMeta>>,
    );
    expect(r).toMatchObject({ code: 'CONFLICT', detail: { reason: 'entryInTrash' } });
    expect(shown(r, 'de')).toBe(translateIn('de', 'error.reason.entryInTrash'));
  });
});
