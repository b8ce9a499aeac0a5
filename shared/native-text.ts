import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { LANGUAGES, resolveLanguage, type Language, type LanguageChoice } from './locales.js';

/**
 * The words Fulcrum shows outside its window: the desktop menu, native file dialogs, reminder
 * notifications, and the header and footer Chromium prints on every page of a PDF report. They are
 * worded by the host or the core, not by the renderer, so they have a catalogue of their own (the
 * renderer's catalogues are in renderer/i18n/messages); the same ICU syntax, formatted by FormatJS's
 * core library (`@formatjs/intl`, what react-intl is built on).
 *
 * None of these messages may carry anything written in the journal: a notification, a dialog title or
 * a menu can be seen by anyone near the screen (their parameters are days and page numbers only).
 */
const en = {
  'menu.file': 'File',
  'menu.newEntry': 'New Entry',
  'menu.lock': 'Lock',
  'menu.view': 'View',
  'menu.search': 'Search',
  'reminder.journal': 'Time for your journal',
  'reminder.checkin': 'Time for a check-in',
  'dialog.saveExport': 'Save the export (not encrypted)',
  'dialog.saveExportZip': 'Save the export with its files (not encrypted)',
  'dialog.saveReportPdf': 'Save the report as PDF (not encrypted)',
  'dialog.saveReport': 'Save the report (not encrypted)',
  'dialog.saveEvidence': 'Save the evidence package (not encrypted)',
  'dialog.saveBackup': 'Save an encrypted backup',
  'dialog.chooseBackup': 'Choose a Fulcrum backup',
  'dialog.chooseImport': 'Choose a file to import',
  'filter.backup': 'Fulcrum backup',
  'filter.importable': 'Journal exports',
  'filter.all': 'All files',
  'filter.zip': 'ZIP archive',
  'filter.pdf': 'PDF',
  'filter.markdown': 'Markdown',
  'filter.csv': 'CSV (spreadsheet)',
  'filter.json': 'JSON',
  'pdf.header': 'Fulcrum report · {from} to {to}',
  'pdf.generated': 'Generated {date}',
  'pdf.range': '{from} to {to}',
  'pdf.page': 'Page {page} of {total}',
} as const;

export type NativeKey = keyof typeof en;
type Catalogue = Readonly<Record<NativeKey, string>>;

const es: Catalogue = {
  'menu.file': 'Archivo',
  'menu.newEntry': 'Nueva entrada',
  'menu.lock': 'Bloquear',
  'menu.view': 'Ver',
  'menu.search': 'Buscar',
  'reminder.journal': 'Es hora de tu diario',
  'reminder.checkin': 'Es hora de una revisión',
  'dialog.saveExport': 'Guardar la exportación (sin cifrar)',
  'dialog.saveExportZip': 'Guardar la exportación con sus archivos (sin cifrar)',
  'dialog.saveReportPdf': 'Guardar el informe como PDF (sin cifrar)',
  'dialog.saveReport': 'Guardar el informe (sin cifrar)',
  'dialog.saveEvidence': 'Guardar el paquete de pruebas (sin cifrar)',
  'dialog.saveBackup': 'Guardar una copia de seguridad cifrada',
  'dialog.chooseBackup': 'Elige una copia de seguridad de Fulcrum',
  'dialog.chooseImport': 'Elige un archivo para importar',
  'filter.backup': 'Copia de seguridad de Fulcrum',
  'filter.importable': 'Exportaciones de diarios',
  'filter.all': 'Todos los archivos',
  'filter.zip': 'Archivo ZIP',
  'filter.pdf': 'PDF',
  'filter.markdown': 'Markdown',
  'filter.csv': 'CSV (hoja de cálculo)',
  'filter.json': 'JSON',
  'pdf.header': 'Informe de Fulcrum · del {from} al {to}',
  'pdf.generated': 'Generado el {date}',
  'pdf.range': 'Del {from} al {to}',
  'pdf.page': 'Página {page} de {total}',
};

const de: Catalogue = {
  'menu.file': 'Datei',
  'menu.newEntry': 'Neuer Eintrag',
  'menu.lock': 'Sperren',
  'menu.view': 'Ansicht',
  'menu.search': 'Suchen',
  'reminder.journal': 'Zeit für dein Tagebuch',
  'reminder.checkin': 'Zeit für ein Check-in',
  'dialog.saveExport': 'Export speichern (nicht verschlüsselt)',
  'dialog.saveExportZip': 'Export mit seinen Dateien speichern (nicht verschlüsselt)',
  'dialog.saveReportPdf': 'Bericht als PDF speichern (nicht verschlüsselt)',
  'dialog.saveReport': 'Bericht speichern (nicht verschlüsselt)',
  'dialog.saveEvidence': 'Beweispaket speichern (nicht verschlüsselt)',
  'dialog.saveBackup': 'Verschlüsselte Sicherung speichern',
  'dialog.chooseBackup': 'Fulcrum-Sicherung auswählen',
  'dialog.chooseImport': 'Datei zum Importieren auswählen',
  'filter.backup': 'Fulcrum-Sicherung',
  'filter.importable': 'Tagebuch-Exporte',
  'filter.all': 'Alle Dateien',
  'filter.zip': 'ZIP-Archiv',
  'filter.pdf': 'PDF',
  'filter.markdown': 'Markdown',
  'filter.csv': 'CSV (Tabelle)',
  'filter.json': 'JSON',
  'pdf.header': 'Fulcrum-Bericht · {from} bis {to}',
  'pdf.generated': 'Erstellt am {date}',
  'pdf.range': '{from} bis {to}',
  'pdf.page': 'Seite {page} von {total}',
};

const ar: Catalogue = {
  'menu.file': 'ملف',
  'menu.newEntry': 'إدخال جديد',
  'menu.lock': 'قفل',
  'menu.view': 'عرض',
  'menu.search': 'بحث',
  'reminder.journal': 'حان وقت يومياتك',
  'reminder.checkin': 'حان وقت المراجعة',
  'dialog.saveExport': 'حفظ الملف المُصدَّر (غير مشفّر)',
  'dialog.saveExportZip': 'حفظ الملف المُصدَّر مع ملفاته (غير مشفّر)',
  'dialog.saveReportPdf': 'حفظ التقرير بصيغة PDF (غير مشفّر)',
  'dialog.saveReport': 'حفظ التقرير (غير مشفّر)',
  'dialog.saveEvidence': 'حفظ حزمة الأدلة (غير مشفّرة)',
  'dialog.saveBackup': 'حفظ نسخة احتياطية مشفّرة',
  'dialog.chooseBackup': 'اختر نسخة احتياطية من Fulcrum',
  'dialog.chooseImport': 'اختر ملفًا لاستيراده',
  'filter.backup': 'نسخة Fulcrum الاحتياطية',
  'filter.importable': 'ملفات مُصدَّرة من اليوميات',
  'filter.all': 'كل الملفات',
  'filter.zip': 'أرشيف ZIP',
  'filter.pdf': 'PDF',
  'filter.markdown': 'Markdown',
  'filter.csv': 'CSV (جدول بيانات)',
  'filter.json': 'JSON',
  'pdf.header': 'تقرير Fulcrum · من {from} إلى {to}',
  'pdf.generated': 'أُنشئ في {date}',
  'pdf.range': 'من {from} إلى {to}',
  'pdf.page': 'الصفحة {page} من {total}',
};

export const NATIVE_MESSAGES: Readonly<Record<Language, Catalogue>> = { en, es, de, ar };

const cache = createIntlCache();
const intls = new Map<Language, IntlShape<string>>();

/** The formatter for one language (made once, then reused). */
function intlFor(language: Language): IntlShape<string> {
  let intl = intls.get(language);
  if (!intl) {
    intl = createIntl({ locale: language, defaultLocale: 'en', messages: NATIVE_MESSAGES[language] }, cache);
    intls.set(language, intl);
  }
  return intl;
}

export type NativeText = (key: NativeKey, values?: Record<string, string | number>) => string;

/** Words in one language: `t('menu.lock')`, `t('pdf.page', { page: 1, total: 3 })`. */
export function nativeText(language: Language): NativeText {
  const intl = intlFor(language);
  return (key, values) => intl.formatMessage({ id: key }, values) as string;
}

/**
 * The language the host and the core speak: the person's choice in Settings, else the first of the
 * operating system's languages Fulcrum has, else English (as the renderer decides it).
 */
export function nativeLanguage(choice: LanguageChoice | undefined, systemLanguages: readonly string[] | undefined): Language {
  return resolveLanguage(choice ?? 'system', systemLanguages ?? []);
}

/**
 * Every reminder text in every language: the only words a notification from the core's thread may
 * carry (the host refuses any other, so nothing written in the journal can reach the OS's
 * notification centre even from a faulty core).
 */
export const REMINDER_WORDS: ReadonlySet<string> = new Set(LANGUAGES.flatMap((l) => [NATIVE_MESSAGES[l]['reminder.journal'], NATIVE_MESSAGES[l]['reminder.checkin']]));
