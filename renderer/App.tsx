/**
 * The gate: first run → create, locked → unlock, unlocked → the journal. Locking remounts the
 * unlocked tree under a new key, so no journal data survives in React state or the DOM.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import type { VaultStatus } from '../shared/schemas.js';
import { DEFAULT_QUICK_EXIT, describeShortcut, quickExitMatcher, type QuickExitShortcut } from '../shared/safety.js';
import { call, hasBridge, messageOf, onLockedReply, subscribe, transport } from './api.js';
import { emitCommand } from './lib/commands.js';
import { resetRoute } from './lib/router.js';
import { Shell } from './Shell.js';
import { CreateJournal, ForcedPassphraseChange, RecoveryKeyStep, Welcome } from './pages/FirstRun.js';
import { UnlockScreen } from './pages/Unlock.js';
import { Loading } from './components/Feedback.js';
import { FailedAttemptsNotice, QuickExitButton } from './components/Safety.js';
import { clearSensitiveClipboard, keepFieldsOutOfBrowserMemory, leaveToNeutralPage, watchActivity } from './lib/safety.js';
import { isMac } from './lib/hooks.js';
import { translate, useT, type MessageId } from './i18n/index.js';
import { areaKey, connectQueryClient, createQueryClient, forgetJournal, useApi } from './lib/queries.js';

type Phase =
  | { name: 'loading' }
  | { name: 'unavailable'; message: string }
  | { name: 'welcome' }
  | { name: 'create' }
  | { name: 'recovery'; recoveryKey: string; again: boolean }
  | { name: 'new-passphrase'; recoveryKey: string | null }
  | { name: 'locked'; status: VaultStatus; notice: MessageId | null }
  | { name: 'unlocked' };

/** Why the journal locked, as a message id: worded when shown, so it follows a language change. */
const LOCK_NOTICES: Record<string, MessageId> = {
  idle: 'lock.idle',
  suspend: 'lock.suspend',
  'screen-lock': 'lock.screenLock',
  'quick-exit': 'lock.quickExit',
  expired: 'lock.expired',
};

/** The query cache lives above the gate: a lock clears it (Gate), an unlock starts it empty. */
export function App() {
  const [client] = useState(createQueryClient);
  useEffect(() => connectQueryClient(client), [client]);
  return (
    <QueryClientProvider client={client}>
      <Gate />
    </QueryClientProvider>
  );
}

function Gate() {
  const t = useT();
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ name: 'loading' });
  // Quick exit: while true nothing at all is rendered (the DOM is emptied at once).
  const [exiting, setExiting] = useState(false);
  const exitingRef = useRef(false);
  // Failed unlock attempts recorded while locked, shown once after unlock until dismissed.
  const [failedAttempts, setFailedAttempts] = useState<number[]>([]);
  // Bumped on every lock: the unlocked tree is rebuilt from nothing next time.
  const [epoch, setEpoch] = useState(0);
  const beforeLockHooks = useRef(new Set<() => Promise<void>>());

  // The quick-exit shortcut is a preference kept outside the journal, so it is known on the unlock
  // screen too (asked once the gate knows what to show; a change in Safety invalidates it).
  const shortcutQuery = useApi('safety.preferences', {}, { enabled: phase.name !== 'loading' && phase.name !== 'unavailable' });
  const shortcut: QuickExitShortcut = shortcutQuery.data?.quickExit ?? DEFAULT_QUICK_EXIT;
  const shortcutRef = useRef(shortcut);
  shortcutRef.current = shortcut;
  const reloadShortcut = useCallback(() => void queryClient.invalidateQueries({ queryKey: areaKey('safety') }), [queryClient]);

  /** Opens the journal, unless a recovery key still waits to be confirmed: then that comes first. */
  const openJournal = useCallback(async () => {
    const { recoveryKey, mustChangePassphrase } = await call('vault.pendingRecoveryKey', {});
    // Opened with the recovery key earlier (then the page was reloaded): the new passphrase comes first.
    if (mustChangePassphrase) setPhase({ name: 'new-passphrase', recoveryKey: null });
    else setPhase(recoveryKey ? { name: 'recovery', recoveryKey, again: true } : { name: 'unlocked' });
  }, []);

  const showGate = useCallback(async (notice: MessageId | null) => {
    try {
      const status = await call('vault.status', {});
      if (!status.exists && !status.problem) setPhase({ name: 'welcome' });
      else if (status.unlocked) await openJournal();
      else setPhase({ name: 'locked', status, notice });
    } catch (e) {
      setPhase({ name: 'unavailable', message: messageOf(e) });
    }
  }, [openJournal]);

  /** The journal is (or must be treated as) locked: forget everything and ask again. */
  // Several calls (and the 'locked' event) may report the lock at once: only the first resets the app.
  const unlockedRef = useRef(false);
  unlockedRef.current = phase.name === 'unlocked' || phase.name === 'recovery' || phase.name === 'new-passphrase';

  const wentLocked = useCallback(
    (notice: MessageId | null) => {
      unlockedRef.current = false;
      beforeLockHooks.current.clear();
      // Every cached answer (entries, people, insights) goes now, before the screen changes.
      forgetJournal(queryClient);
      setFailedAttempts([]);
      // A recovery key copied at set-up must not stay on the clipboard once the journal is locked.
      void clearSensitiveClipboard();
      setEpoch((n) => n + 1);
      resetRoute();
      setPhase({ name: 'loading' });
      void showGate(notice);
    },
    [showGate, queryClient],
  );

  const lockWith = useCallback(
    async (notice: MessageId | null, waitMs: number) => {
      // Give open editors a moment to save their drafts (encrypted, through the API) first.
      const hooks = [...beforeLockHooks.current];
      await Promise.race([Promise.allSettled(hooks.map((h) => h())), new Promise((r) => setTimeout(r, waitMs))]);
      unlockedRef.current = false;
      try {
        await call('vault.lock', {});
      } catch {
        // Locked already, or the host is gone: either way the screen must lock.
      }
      wentLocked(notice);
    },
    [wentLocked],
  );
  const lock = useCallback(() => lockWith(null, 2000), [lockWith]);

  /**
   * Quick exit: the screen goes blank at once, the draft being typed is sent, main locks
   * (and hides the desktop window); browser mode then leaves for a neutral page.
   */
  const quickExit = useCallback(() => {
    if (exitingRef.current) return;
    exitingRef.current = true;
    // Start the draft saves before the editor unmounts, so they reach main before the lock.
    const saving = Promise.allSettled([...beforeLockHooks.current].map((h) => h()));
    unlockedRef.current = false;
    flushSync(() => setExiting(true));
    void (async () => {
      await Promise.race([saving, new Promise((r) => setTimeout(r, 150))]);
      void clearSensitiveClipboard();
      try {
        await call('session.quickExit', {});
      } catch {
        // The host may be gone: leave anyway.
      }
      let browser = false;
      try {
        browser = transport() === 'browser';
      } catch {
        browser = true;
      }
      if (browser) return leaveToNeutralPage();
      // Desktop: the window is hidden; when Fulcrum is opened again it shows the unlock screen.
      exitingRef.current = false;
      setExiting(false);
      wentLocked(LOCK_NOTICES['quick-exit']!);
    })();
  }, [wentLocked]);

  // No field's text goes into the browser's session-restore or autofill files.
  useEffect(() => keepFieldsOutOfBrowserMemory(), []);

  // The quick-exit shortcut works on every screen, in every field.
  useEffect(() => {
    const matcher = quickExitMatcher(() => shortcutRef.current);
    const onKey = (e: KeyboardEvent) => {
      if (matcher.press(e, Date.now())) {
        e.preventDefault();
        e.stopPropagation();
        quickExit();
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [quickExit]);

  // Auto-lock: input in the window tells main the person is here (at most every 30 s) — also while
  // the new journal's recovery key is on screen, so reading and saving it is not cut short.
  const isUnlocked = phase.name === 'unlocked' || phase.name === 'recovery';
  useEffect(() => {
    if (!isUnlocked) return;
    return watchActivity(() => void call('session.activity', {}).catch(() => undefined));
  }, [isUnlocked]);

  const beforeLock = useCallback((fn: () => Promise<void>) => {
    beforeLockHooks.current.add(fn);
    return () => {
      beforeLockHooks.current.delete(fn);
    };
  }, []);

  useEffect(() => {
    if (!hasBridge()) {
      setPhase({ name: 'unavailable', message: translate('app.noBridge') });
      return;
    }
    void showGate(null);
    const offLocked = onLockedReply(() => {
      if (unlockedRef.current) wentLocked(LOCK_NOTICES.expired!);
    });
    const offEvents = subscribe((event) => {
      if (event.type === 'locked') {
        if (unlockedRef.current) wentLocked(event.reason === 'user' ? null : (LOCK_NOTICES[event.reason] ?? null));
      } else if (event.type === 'lock-pending') {
        // Main locks after the grace period; save what is being typed now and lock first.
        if (unlockedRef.current) void lockWith(LOCK_NOTICES[event.reason] ?? null, Math.max(50, event.graceMs - 100));
      }
      else if (event.type === 'command') emitCommand(event.command);
    });
    return () => {
      offLocked();
      offEvents();
    };
  }, [showGate, wentLocked, lockWith]);

  if (exiting) return <div className="quick-exit-blank" />;
  const exitButton = <QuickExitButton onExit={quickExit} shortcut={describeShortcut(shortcut, isMac)} corner />;

  switch (phase.name) {
    case 'loading':
      return (
        <div className="gate">
          <Loading label={t('app.opening')} />
        </div>
      );
    case 'unavailable':
      return (
        <div className="gate">
          {exitButton}
          <div className="gate-card">
            <h1>{t('app.cannotStart')}</h1>
            <p role="alert" className="error">
              {phase.message}
            </p>
            <button type="button" className="button" onClick={() => window.location.reload()}>
              {t('app.tryAgain')}
            </button>
          </div>
        </div>
      );
    case 'welcome':
      return (
        <>
          {exitButton}
          <Welcome onContinue={() => setPhase({ name: 'create' })} />
        </>
      );
    case 'create':
      return (
        <>
          {exitButton}
          <CreateJournal onBack={() => setPhase({ name: 'welcome' })} onCreated={(recoveryKey) => setPhase({ name: 'recovery', recoveryKey, again: false })} />
        </>
      );
    case 'recovery':
      return (
        <>
          {exitButton}
          <RecoveryKeyStep key={phase.recoveryKey} recoveryKey={phase.recoveryKey} again={phase.again} onDone={() => setPhase({ name: 'unlocked' })} />
        </>
      );
    case 'new-passphrase':
      return (
        <>
          {exitButton}
          <ForcedPassphraseChange
            recoveryKey={phase.recoveryKey}
            onChanged={(recoveryKey) => setPhase({ name: 'recovery', recoveryKey, again: false })}
            onLock={() => void lock()}
          />
        </>
      );
    case 'locked':
      return (
        <>
          {exitButton}
          <UnlockScreen
            key={epoch}
            status={phase.status}
            notice={phase.notice ? t(phase.notice) : null}
            onUnlocked={(result, usedRecoveryKey) => {
              setFailedAttempts(result?.failedAttempts ?? []);
              // Opened with the recovery key: a new passphrase first (the old one is lost or known).
              if (result?.usedRecoveryKey && usedRecoveryKey) setPhase({ name: 'new-passphrase', recoveryKey: usedRecoveryKey });
              else if (result?.pendingRecoveryKey) void openJournal().catch((e) => setPhase({ name: 'unavailable', message: messageOf(e) }));
              else setPhase({ name: 'unlocked' });
            }}
            onRecheck={() => showGate(null)}
          />
        </>
      );
    case 'unlocked':
      return (
        <>
          <Shell key={epoch} lock={lock} beforeLock={beforeLock} quickExit={quickExit} quickExitShortcut={describeShortcut(shortcut, isMac)} onSafetyChanged={reloadShortcut} />
          {failedAttempts.length > 0 && <FailedAttemptsNotice attempts={failedAttempts} onDone={() => setFailedAttempts([])} />}
        </>
      );
  }
}
