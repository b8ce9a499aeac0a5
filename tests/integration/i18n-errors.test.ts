/**
 * Core speaks in codes, the screen in the person's language: the language preference is kept
 * outside the journal and readable while locked; errors carry a code, a reason and numbers that the
 * renderer words in each language, never core's English sentence.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryPreferences } from '../../main/core/prefs.js';
import { CATALOGUES, setCurrentIntl, intlFor } from '../../renderer/i18n/translate.js';
import { ApiError, messageOf, wordError } from '../../renderer/api.js';
import { ERROR_CODES, ERROR_REASONS, type ApiErrorShape } from '../../shared/errors.js';
import { LANGUAGES } from '../../shared/locales.js';
import { PASSPHRASE, createdService, tempDir, testService } from '../helpers/journal.js';

/** Words an error reply as the screen would, in `language`. */
function shown(error: ApiErrorShape, language: (typeof LANGUAGES)[number]): string {
  setCurrentIntl(intlFor(language, language));
  return messageOf(new ApiError(error.code, error.message, error.detail));
}

afterEach(() => setCurrentIntl(intlFor('en', 'en')));

describe('the interface language, a preference outside the journal', () => {
  it('follows the system until chosen, is readable while locked, and refuses a language Fulcrum does not speak', async () => {
    const preferences = memoryPreferences();
    const { service } = await createdService(tempDir(), { ports: { log: () => {}, preferences } });
    expect(await service.dispatch('ui.language', {})).toEqual({ ok: true, value: 'system' });
    expect(await service.dispatch('ui.setLanguage', { language: 'ar' })).toEqual({ ok: true, value: 'ar' });
    expect(await service.dispatch('ui.setLanguage', { language: 'fr' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(preferences.get('language')).toBe('ar');
    await service.dispatch('vault.lock', {});
    expect(await service.dispatch('ui.language', {})).toEqual({ ok: true, value: 'ar' });
    // Changing it needs the journal open (only reading it is allowed at the unlock screen).
    expect(await service.dispatch('ui.setLanguage', { language: 'de' })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });
});

describe('errors are worded by the screen', () => {
  it('has words for every code and every reason in every language', () => {
    for (const language of LANGUAGES) {
      for (const code of ERROR_CODES) expect(CATALOGUES[language][`error.${code}`], `${language} ${code}`).toBeTruthy();
      for (const reason of ERROR_REASONS) expect(CATALOGUES[language][`error.reason.${reason}`], `${language} ${reason}`).toBeTruthy();
    }
  });

  it('words the wait after too many wrong passphrases in each language, never with core’s sentence', async () => {
    const dir = tempDir();
    const { service } = await createdService(dir);
    await service.dispatch('vault.lock', {});
    let last: ApiErrorShape | null = null;
    for (let i = 0; i < 4; i++) {
      const r = await service.dispatch('vault.unlock', { passphrase: 'not the right one at all' });
      if (!r.ok) last = r.error;
    }
    expect(last?.code).toBe('THROTTLED');
    const seconds = Math.ceil(Number(last?.detail?.retryAfterMs) / 1000);
    expect(shown(last!, 'en')).toBe(`Too many attempts. Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`);
    expect(shown(last!, 'de')).toMatch(new RegExp(`^Zu viele Versuche\\. Versuche es in ${seconds} Sekunden? noch einmal\\.$`));
    expect(shown(last!, 'ar')).toMatch(/^محاولات كثيرة جدًا/);
    for (const language of LANGUAGES) expect(shown(last!, language)).not.toContain(last!.message);
  });

  it('words a typo in the recovery key by its reason', async () => {
    const { service, recoveryKey } = await createdService(tempDir());
    await service.dispatch('vault.lock', {});
    const swapped = recoveryKey.replace(/^(.)/, (c) => (c === 'A' ? 'B' : 'A'));
    const r = await service.dispatch('vault.unlock', { recoveryKey: swapped });
    expect(r).toMatchObject({ ok: false, error: { code: 'WRONG_SECRET', detail: { reason: 'recoveryTypo' } } });
    if (r.ok) return;
    expect(shown(r.error, 'es')).toBe(CATALOGUES.es['error.reason.recoveryTypo']);
    expect(shown(r.error, 'ar')).toBe(CATALOGUES.ar['error.reason.recoveryTypo']);
  });

  it('says why a journal cannot be opened by code and reason, so the unlock screen can word it', async () => {
    const dir = tempDir();
    const { service } = await createdService(dir);
    await service.dispatch('vault.lock', {});
    fs.writeFileSync(path.join(dir, 'vault.json'), '{ not json');
    const status = await testService(dir).dispatch('vault.status', {});
    expect(status).toMatchObject({ ok: true, value: { problemCode: { code: 'CORRUPT', reason: 'vaultDamaged' } } });
    if (!status.ok) return;
    const { code, reason } = (status.value as { problemCode: { code: (typeof ERROR_CODES)[number]; reason?: string } }).problemCode;
    setCurrentIntl(intlFor('de', 'de'));
    expect(wordError(code, { reason })).toBe(CATALOGUES.de['error.reason.vaultDamaged']);
  });

  it('words a weak passphrase by its reason and minimum length', async () => {
    const service = testService();
    const r = await service.dispatch('vault.create', { passphrase: 'short' });
    expect(r).toMatchObject({ ok: false, error: { code: 'WEAK_PASSPHRASE', detail: { reason: 'tooShort' } } });
    if (r.ok) return;
    const min = Number(r.error.detail?.minLength);
    expect(min).toBeGreaterThan(5);
    expect(shown(r.error, 'es')).toBe(`Usa al menos ${min} caracteres. Unas cuantas palabras sin relación entre sí funcionan bien.`);
    expect(PASSPHRASE.length).toBeGreaterThan(min);
  });

  it('keeps core’s specific sentence for an import problem in English only; other languages get the code’s words', () => {
    const error: ApiErrorShape = { code: 'IMPORT_INVALID', message: 'The file is not valid JSON: a comma is missing on line 4. Nothing was imported.' };
    expect(shown(error, 'en')).toBe(error.message);
    for (const language of ['es', 'de', 'ar'] as const) expect(shown(error, language)).toBe(CATALOGUES[language]['error.IMPORT_INVALID']);
    // A code that is never site-specific is worded from the catalogue in English too.
    expect(shown({ code: 'DISK_FULL', message: 'disk full (ENOSPC)' }, 'en')).toBe(CATALOGUES.en['error.DISK_FULL']);
  });
});
