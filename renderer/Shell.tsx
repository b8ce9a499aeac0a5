/**
 * The unlocked app: sidebar navigation, the current page, shortcuts, the toast, and the people and
 * patterns lists shared by the pages. Mounted fresh on every unlock (see App).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { messageOf, transport } from './api.js';
import { areaKey, useApi } from './lib/queries.js';
import { emitCommand, onCommand, requestSearchFocus } from './lib/commands.js';
import { isMac, modKey } from './lib/hooks.js';
import { matchPath, navigate, usePath } from './lib/router.js';
import { DataContext, SessionContext, ToastContext, type JournalData, type SessionApi, type ToastAction } from './lib/session.js';
import { DEFAULT_PATH, ROUTES } from './routes.js';
import { ReportStateProvider } from './report/state.js';
import { Dialog } from './components/Dialog.js';
import { QuickExitButton } from './components/Safety.js';
import { SessionExtras } from './components/SessionExtras.js';
import { useT } from './i18n/index.js';

function isEditable(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'range', 'reset', 'color'].includes(el.type);
  return false;
}

export function Shell(props: SessionApi) {
  const t = useT();
  const path = usePath();
  const [helpOpen, setHelpOpen] = useState(false);
  const [locking, setLocking] = useState(false);
  const isBrowser = useMemo(() => {
    try {
      return transport() === 'browser';
    } catch {
      return false;
    }
  }, []);

  // ---- shared lists (cached queries: a write to people or patterns anywhere loads them again)
  const queryClient = useQueryClient();
  const peopleQuery = useApi('people.list', { includeArchived: true });
  const tagsQuery = useApi('tags.list', { includeArchived: true });
  const reloadPeople = useCallback(() => queryClient.invalidateQueries({ queryKey: areaKey('people') }), [queryClient]);
  const reloadTags = useCallback(() => queryClient.invalidateQueries({ queryKey: areaKey('tags') }), [queryClient]);
  // A failure matters only while there is nothing to show (a later reload keeps the lists it had).
  const failed = (!peopleQuery.data && peopleQuery.error) || (!tagsQuery.data && tagsQuery.error) || null;
  const dataError = failed ? messageOf(failed) : null;
  const data = useMemo<JournalData>(() => {
    const people = peopleQuery.data ?? [];
    const tags = tagsQuery.data ?? [];
    return {
      people,
      tags,
      loaded: peopleQuery.data !== undefined && tagsQuery.data !== undefined,
      error: dataError,
      personById: new Map(people.map((p) => [p.id, p])),
      tagById: new Map(tags.map((t) => [t.id, t])),
      reloadPeople,
      reloadTags,
    };
  }, [peopleQuery.data, tagsQuery.data, dataError, reloadPeople, reloadTags]);

  // ---- toast
  const [toast, setToast] = useState<{ id: number; message: string; action?: ToastAction } | null>(null);
  const toastSeq = useRef(0);
  const toastApi = useMemo(
    () => ({
      show: (message: string, action?: ToastAction) => setToast({ id: ++toastSeq.current, message, action }),
    }),
    [],
  );
  const toastRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!toast) return;
    // With Undo: long enough to reach it by keyboard. Never hides while focus or the pointer is on it.
    const t = setInterval(
      () => {
        const el = toastRef.current;
        if (el && (el.contains(document.activeElement) || el.matches(':hover'))) return;
        setToast((cur) => (cur?.id === toast.id ? null : cur));
      },
      toast.action ? 10_000 : 6_000,
    );
    return () => clearInterval(t);
  }, [toast]);
  // The editor needs the bottom of the screen (its Save bar): old news goes away there.
  useEffect(() => {
    if (path === '/new' || path === '/quick' || path.endsWith('/edit')) setToast(null);
  }, [path]);

  // ---- lock
  const { lock } = props;
  const doLock = useCallback(async () => {
    if (locking) return;
    setLocking(true);
    await lock();
  }, [lock, locking]);

  // ---- commands and shortcuts
  useEffect(() => {
    return onCommand((c) => {
      if (c === 'new-entry') navigate('/new');
      else if (c === 'lock') void doLock();
      else if (c === 'search') {
        requestSearchFocus();
        if (!matchPath('/timeline', path)) navigate('/timeline');
      }
    });
  }, [doLock, path]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const mod = isMac ? e.metaKey : e.ctrlKey;
      if (mod && !e.altKey && !e.shiftKey) {
        const k = e.key.toLowerCase();
        const command = k === 'n' ? 'new-entry' : k === 'f' ? 'search' : k === 'l' ? 'lock' : null;
        if (command) {
          e.preventDefault();
          emitCommand(command);
          return;
        }
      }
      // Quick log: a plain Q outside text fields and forms, so it works in browser mode too (browsers
      // keep Ctrl+N) and never takes a half-filled form away.
      const inForm = e.target instanceof Element && e.target.closest('form') !== null;
      if ((e.key === 'q' || e.key === 'Q') && !e.altKey && !e.ctrlKey && !e.metaKey && !inForm && !isEditable(e.target) && !document.querySelector('dialog[open]')) {
        e.preventDefault();
        navigate('/quick');
        return;
      }
      if (e.key === '?' && !mod && !e.altKey && !isEditable(e.target) && !document.querySelector('dialog[open]')) {
        e.preventDefault();
        setHelpOpen(true);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // ---- route
  const matched = useMemo(() => {
    for (const route of ROUTES) {
      const params = matchPath(route.path, path);
      if (params) return { route, params };
    }
    return null;
  }, [path]);
  useEffect(() => {
    if (!matched) navigate(DEFAULT_PATH);
  }, [matched]);

  // Move focus to the new page's heading so screen readers announce the page change.
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const h = mainRef.current?.querySelector<HTMLElement>('h1');
    if (h && !mainRef.current?.contains(document.activeElement)) {
      h.tabIndex = -1;
      h.focus({ preventScroll: true });
    }
  }, [path]);

  const navItem = (r: (typeof ROUTES)[number]) => {
    const current = path === r.path || path.startsWith(`${r.path}/`) || (r.path === '/timeline' && path.startsWith('/entry/'));
    return (
      <li key={r.path}>
        <a href={`#${r.path}`} aria-current={current ? 'page' : undefined} className="nav-link">
          {t(r.label)}
        </a>
      </li>
    );
  };

  return (
    <SessionContext.Provider value={props}>
      <DataContext.Provider value={data}>
        <ToastContext.Provider value={toastApi}>
          <ReportStateProvider>
          <div className="shell">
            <button type="button" className="skip-link" onClick={() => mainRef.current?.focus()}>
              {t('shell.skip')}
            </button>
            <aside className="sidebar">
              {/* Top and foot never scroll away: Quick exit and Lock stay on screen at any window height; only the navigation between them scrolls. */}
              <div className="sidebar-top">
                <div className="brand">
                  <span className="brand-mark" aria-hidden="true">
                    ⚖
                  </span>
                  <span className="brand-name">Fulcrum</span>
                </div>
                <QuickExitButton onExit={props.quickExit} shortcut={props.quickExitShortcut} />
                {isBrowser && (
                  <p className="mode-badge" title={t('shell.browserModeTitle')}>
                    {t('shell.browserMode')}
                  </p>
                )}
                <button type="button" className="button primary new-entry" onClick={() => emitCommand('new-entry')} aria-keyshortcuts={isMac ? 'Meta+N' : 'Control+N'}>
                  {t('nav.newEntry')}
                </button>
              </div>
              <nav aria-label={t('nav.main')} className="sidebar-nav">
                <ul className="nav-list">{ROUTES.filter((r) => r.nav === 'main').map(navItem)}</ul>
                <ul className="nav-list nav-more">{ROUTES.filter((r) => r.nav === 'more').map(navItem)}</ul>
              </nav>
              <div className="sidebar-foot">
                <button type="button" className="button subtle" onClick={() => setHelpOpen(true)} aria-keyshortcuts="?">
                  {t('shell.shortcuts')}
                </button>
                <button type="button" className="button lock" onClick={() => void doLock()} disabled={locking} aria-keyshortcuts={isMac ? 'Meta+L' : 'Control+L'}>
                  <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                    <rect x="3" y="7" width="10" height="7" rx="1.5" />
                    <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
                  </svg>
                  {locking ? t('shell.locking') : t('shell.lock')}
                </button>
              </div>
            </aside>
            <main id="main" ref={mainRef} tabIndex={-1} className="main">
              {dataError ? (
                <p role="alert" className="error">
                  {dataError}
                </p>
              ) : matched ? (
                <div key={path} className="page-host">
                  {matched.route.render(matched.params)}
                </div>
              ) : null}
            </main>
            <div className="toast-region" role="status" aria-live="polite" ref={toastRef}>
              {toast && (
                <div className="toast" key={toast.id}>
                  <span>{toast.message}</span>
                  {toast.action && (
                    <button
                      type="button"
                      className="button small"
                      onClick={async () => {
                        const a = toast.action!;
                        setToast(null);
                        try {
                          await a.run();
                        } catch (e) {
                          toastApi.show(messageOf(e));
                        }
                      }}
                    >
                      {toast.action.label}
                    </button>
                  )}
                  <button type="button" className="button small subtle" aria-label={t('shell.dismiss')} onClick={() => setToast(null)}>
                    ✕
                  </button>
                </div>
              )}
            </div>
            <SessionExtras />
            {helpOpen && <ShortcutsHelp browser={isBrowser} quickExit={props.quickExitShortcut} onClose={() => setHelpOpen(false)} />}
          </div>
          </ReportStateProvider>
        </ToastContext.Provider>
      </DataContext.Provider>
    </SessionContext.Provider>
  );
}

function ShortcutsHelp({ onClose, browser, quickExit }: { onClose: () => void; browser: boolean; quickExit: string }) {
  const t = useT();
  const rows: [string, string][] = [
    [`${modKey}+N`, t('shortcuts.newEntry')],
    ['Q', t('shortcuts.quickLog')],
    [`${modKey}+Enter`, t('shortcuts.save')],
    [`${modKey}+F`, t('shortcuts.search')],
    [`${modKey}+L`, t('shortcuts.lock')],
    [quickExit === 'Off' ? t('shortcuts.quickExitButton') : quickExit, t('shortcuts.quickExit')],
    ['?', t('shortcuts.help')],
    ['Esc', t('shortcuts.close')],
    [t('shortcuts.tabKeys'), t('shortcuts.tab')],
    [t('shortcuts.arrows'), t('shortcuts.arrowsWhat')],
  ];
  return (
    <Dialog title={t('shell.shortcuts')} onClose={onClose}>
      <table className="shortcuts">
        <tbody>
          {rows.map(([k, what]) => (
            <tr key={k}>
              <th scope="row">
                <kbd>{k}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {browser && <p className="hint dialog-note">{t('shortcuts.browserNote', { shortcut: `${modKey}+N` })}</p>}
      <div className="dialog-actions">
        <button type="button" className="button primary" onClick={onClose} autoFocus>
          {t('shortcuts.closeButton')}
        </button>
      </div>
    </Dialog>
  );
}
