/**
 * Discretion: what the OS and anyone near the screen can see. The Electron side effects
 * are run against the recording stand-in for `electron` (tests/helpers/electron-stub); a static scan
 * makes sure nothing in the app calls the APIs that would leak (recent documents, crash reports, a
 * title that follows the page, opening a browser).
 */
import { reportEn } from '../../renderer/i18n/messages/parts/report.en.js';
import { reportEs } from '../../renderer/i18n/messages/parts/report.es.js';
import { reportDe } from '../../renderer/i18n/messages/parts/report.de.js';
import { reportAr } from '../../renderer/i18n/messages/parts/report.ar.js';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { NATIVE_MESSAGES, REMINDER_WORDS } from '../../shared/native-text.js';

vi.mock('electron', async () => {
  // @ts-expect-error -- a plain-JS stand-in (no types); the test reads what it recorded.
  const stub = (await import('../helpers/electron-stub/electron.mjs')) as Record<string, unknown>;
  return { ...stub, default: stub.default };
});

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    // The desktop tooling's own packages and type declarations (Electron's API, vendored) run nothing of the app's.
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') out.push(...sources(rel));
    } else if (/\.(ts|tsx|mjs|js)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

describe('discretion in the desktop app', () => {
  it('save and open dialogs never add the file to the OS recent-documents list', async () => {
    const stub = (await import('electron')) as unknown as { calls: unknown[][] };
    const { electronDialogs } = await import('../../main/app/ports.js');
    const dialogs = electronDialogs(() => null);
    await dialogs.saveFile({ title: 'Save export', defaultName: 'fulcrum-export.json' });
    await dialogs.openFile({ title: 'Open backup' });
    const save = stub.calls.find((c) => c[0] === 'dialog.showSaveDialog')![1] as { properties: string[] };
    const open = stub.calls.find((c) => c[0] === 'dialog.showOpenDialog')![1] as { properties: string[] };
    expect(save.properties).toContain('dontAddToRecent');
    expect(open.properties).toContain('dontAddToRecent');
  });

  it('notifications are silent and carry only the fixed, neutral reminder words', async () => {
    const stub = (await import('electron')) as unknown as { calls: unknown[][] };
    const { electronNotifier } = await import('../../main/app/ports.js');
    electronNotifier().show(NATIVE_MESSAGES.en['reminder.journal'], '');
    const shown = stub.calls.filter((c) => c[0] === 'Notification').map((c) => c[1]);
    expect(shown).toEqual([{ title: 'Time for your journal', body: '', silent: true }]);
    // The only texts a notification ever shows, in every language: no placeholder a name or tag could be put into.
    expect(REMINDER_WORDS.size).toBe(8);
    for (const text of REMINDER_WORDS) {
      expect(text).not.toMatch(/[{}$%]/);
      expect(text.length).toBeLessThan(40);
    }
    const callers = sources('main').filter((f) => fs.readFileSync(path.join(ROOT, f), 'utf8').includes('notifier?.show('));
    expect(callers).toEqual([path.join('main', 'core', 'reminders', 'service.ts'), path.join('main', 'core', 'worker', 'client.ts')]);
    expect(fs.readFileSync(path.join(ROOT, callers[0]!), 'utf8')).toMatch(/notifier\?\.show\(hostWords\(this\.ctx\.ports\)\(kind === 'journal' \? 'reminder\.journal' : 'reminder\.checkin'\), ''\)/);
    // The host side of the core's thread passes on only those same fixed words, with no body.
    expect(fs.readFileSync(path.join(ROOT, callers[1]!), 'utf8')).toMatch(/if \(REMINDER_WORDS\.has\(String\(a\)\)\) ports\.notifier\?\.show\(String\(a\), ''\)/);
  });

  it('the window title is fixed and neutral', async () => {
    const { WINDOW_TITLE } = await import('../../main/app/window.js');
    expect(WINDOW_TITLE).toBe('Fulcrum');
    expect(fs.readFileSync(path.join(ROOT, 'renderer', 'index.html'), 'utf8')).toContain('<title>Fulcrum</title>');
  });

  it('quick exit hides the window; the idle time comes from the OS', async () => {
    const stub = (await import('electron')) as unknown as { BrowserWindow: new (o: object) => { hidden?: boolean; isVisible(): boolean }; powerMonitor: { getSystemIdleTime: () => number } };
    const { electronWindowControl, electronPowerEvents } = await import('../../main/app/ports.js');
    const win = new stub.BrowserWindow({});
    const control = electronWindowControl(() => win as never);
    expect(control.isFocused()).toBe(true);
    control.hide();
    expect(win.isVisible()).toBe(false);
    expect(control.isFocused()).toBe(false);
    expect(electronWindowControl(() => null).isFocused()).toBe(false);
    stub.powerMonitor.getSystemIdleTime = () => 42;
    expect(electronPowerEvents().idleMs!()).toBe(42_000);
  });

});

const FORBIDDEN = [
  /addRecentDocument/,
  /crashReporter/,
  /\.setTitle\(/,
  /document\.title\s*=/,
  /openExternal/,
  /setAppUserModelId/,
  /setProgressBar/,
  /setOverlayIcon/,
  /setRepresentedFilename/,
  /setDocumentEdited/,
  /setJumpList|setUserTasks/,
  /\bshell\.openPath/,
];
const forbiddenIn = (text: string) => FORBIDDEN.filter((re) => re.test(text));

/** The printed page's title in every language. */
const PAGE_TITLES = [reportEn, reportEs, reportDe, reportAr].map((m) => m['report.print.pageTitle']);

/** Reviewed uses, each with why it leaks nothing (like Electronegativity's exceptions). */
const REVIEWED: readonly { file: string; pattern: RegExp; reason: string; allowed: (text: string) => boolean }[] = [
  {
    file: path.join('renderer', 'report', 'PrintPage.tsx'),
    pattern: /document\.title\s*=/,
    // Every assignment is one of these two: the dated title, or putting the old one back.
    allowed: (text) =>
      [...text.matchAll(/document\.title\s*=\s*([^;]+);/g)].every((m) =>
        ['before', "t('report.print.pageTitle', { from: model.range.from, to: model.range.to })"].includes(m[1]!.trim()),
      ) && PAGE_TITLES.every((title) => [...title.matchAll(/\{(\w+)/g)].every((p) => p[1] === 'from' || p[1] === 'to')),
    reason:
      'While printing, the browser prints the page title in its header: it is set to "Fulcrum report <from> to <to>" in the report\'s language (dates only, never a name: the catalogues\' title has no other placeholder) and put back after. The desktop window title never follows the page (window.ts).',
  },
];

describe('no leaking calls anywhere in the app', () => {
  it('nothing in the app adds recent documents, starts a crash reporter, retitles the window or opens a browser', () => {
    const files = [...sources('main'), ...sources('renderer')];
    expect(files.length).toBeGreaterThan(30);
    const hits = files.flatMap((f) => {
      const text = fs.readFileSync(path.join(ROOT, f), 'utf8');
      return forbiddenIn(text)
        .filter((re) => !REVIEWED.some((r) => r.file === f && r.pattern.source === re.source && r.allowed(text)))
        .map((re) => `${f}: ${re}`);
    });
    expect(hits).toEqual([]);
  });

  it('the scan would notice a forbidden call (so it can fail)', () => {
    expect(forbiddenIn("app.addRecentDocument('/home/me/export.pdf'); document.title = entry.title;")).toHaveLength(2);
  });
});
