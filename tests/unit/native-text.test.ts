/**
 * The words Fulcrum shows outside its window (menu, native dialogs, notifications, the PDF's page
 * header and footer): every language has every message, each parses as ICU with English's arguments,
 * each key is used, the reminders match the in-page reminder's words, and the core's dialogs speak
 * the person's language.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { LANGUAGES } from '../../shared/locales.js';
import { NATIVE_MESSAGES, nativeLanguage, nativeText, type NativeKey } from '../../shared/native-text.js';
import { pdfHeaderFooter, ReportPdfInput } from '../../shared/report.js';
import { CATALOGUES } from '../../renderer/i18n/translate.js';
import { memoryPreferences } from '../../main/core/prefs.js';
import { scriptedDialogs } from '../helpers/ports.js';
import { createdService } from '../helpers/journal.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const args = (els: MessageFormatElement[]) => els.filter((e) => e.type === TYPE.argument).map((e) => e.value).sort();
const KEYS = Object.keys(NATIVE_MESSAGES.en).sort() as NativeKey[];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(d.name) && !d.name.endsWith('.generated.ts') ? [full] : [];
  });
}

describe('the native catalogue', () => {
  it.each(LANGUAGES)('%s has every message, valid ICU with the English arguments', (language) => {
    const catalogue = NATIVE_MESSAGES[language] as Record<string, string>;
    expect(Object.keys(catalogue).sort()).toEqual(KEYS);
    for (const key of KEYS) {
      expect(catalogue[key]!.trim(), key).not.toBe('');
      expect(args(parse(catalogue[key]!)), `${language} ${key}`).toEqual(args(parse(NATIVE_MESSAGES.en[key])));
    }
  });

  it('uses every message somewhere in main/ or shared/', () => {
    const text = [...sources(path.join(ROOT, 'main')), ...sources(path.join(ROOT, 'shared'))]
      .filter((f) => !f.endsWith('native-text.ts'))
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    const unused = KEYS.filter((k) => !k.startsWith('pdf.') && !text.includes(`'${k}'`));
    expect(unused).toEqual([]);
  });

  it('reminders say exactly what the in-page reminder says, in each language', () => {
    for (const language of LANGUAGES) {
      const page = CATALOGUES[language] as Record<string, string>;
      expect(NATIVE_MESSAGES[language]['reminder.journal']).toBe(page['reminder.journal']);
      expect(NATIVE_MESSAGES[language]['reminder.checkin']).toBe(page['reminder.checkin']);
    }
  });

  it('follows the choice in Settings, else the first OS language Fulcrum has, else English', () => {
    expect(nativeLanguage('de', ['es-ES'])).toBe('de');
    expect(nativeLanguage('system', ['fr-FR', 'es-MX', 'de'])).toBe('es');
    expect(nativeLanguage('system', ['ja-JP'])).toBe('en');
    expect(nativeLanguage(undefined, undefined)).toBe('en');
    expect(nativeText('de')('pdf.page', { page: 2, total: 9 })).toBe('Seite 2 von 9');
  });
});

describe('the PDF page header and footer', () => {
  const days = { from: '2026-01-01', to: '2026-12-31', generatedOn: '2026-12-07' };

  it('are in the report\'s language, right to left in Arabic, with Chromium\'s page-number spans', () => {
    const en = pdfHeaderFooter(days);
    expect(en.headerTemplate).toContain('Fulcrum report · 2026-01-01 to 2026-12-31');
    expect(en.headerTemplate).toContain('Generated 2026-12-07');
    expect(en.footerTemplate).toContain('Page <span class="pageNumber"></span> of <span class="totalPages"></span>');
    const de = pdfHeaderFooter({ ...days, language: 'de' });
    expect(de.headerTemplate).toContain('Fulcrum-Bericht · 2026-01-01 bis 2026-12-31');
    expect(de.footerTemplate).toContain('Seite <span class="pageNumber"></span> von <span class="totalPages"></span>');
    const ar = pdfHeaderFooter({ ...days, language: 'ar' });
    expect(ar.headerTemplate).toContain("dir='rtl'");
    expect(ar.footerTemplate).toContain('الصفحة <span class="pageNumber"></span> من <span class="totalPages"></span>');
    expect(ar.headerTemplate).not.toMatch(/Fulcrum report|Generated/);
  });

  it('take only days, and the report input takes only a known language', () => {
    expect(() => pdfHeaderFooter({ ...days, from: 'Robin' })).toThrow();
    expect(ReportPdfInput.safeParse({ html: '<p>x</p>', pageSize: 'a4', ...days, language: 'fr' }).success).toBe(false);
    expect(ReportPdfInput.parse({ html: '<p>x</p>', pageSize: 'a4', ...days }).language).toBe('en');
  });
});

describe('native dialogs from the core', () => {
  it('are titled in the person\'s language, changed at run time without a restart', async () => {
    const preferences = memoryPreferences();
    const dialogs = scriptedDialogs([null, null]);
    const j = await createdService(fs.mkdtempSync(path.join(os.tmpdir(), 'fulcrum-native-')), {
      ports: { log: () => {}, dialogs, preferences, systemLanguages: ['es-ES'] },
    });
    try {
      expect(await j.call('backup.save', {})).toEqual({ saved: false });
      preferences.set('language', 'ar');
      await j.call('import.pick', {});
      expect(dialogs.asked.map((a) => a.title)).toEqual(['Guardar una copia de seguridad cifrada', 'اختر ملفًا لاستيراده']);
      expect(dialogs.asked[0]!.filters).toEqual([{ name: 'Copia de seguridad de Fulcrum', extensions: ['fulcrum'] }]);
      expect(dialogs.asked[1]!.filters?.map((f) => f.name)).toEqual(['ملفات مُصدَّرة من اليوميات', 'كل الملفات']);
    } finally {
      await j.service.dispatch('vault.lock', {});
    }
  });
});
