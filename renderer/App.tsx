/**
 * The gate: first run → create, locked → unlock, unlocked → the journal. Locking remounts the
 * unlocked tree under a new key, so no journal data survives in React state or the DOM.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { VaultStatus } from '../shared/schemas.js';
import { call, hasBridge, messageOf, onLockedReply, subscribe } from './api.js';
import { emitCommand } from './lib/commands.js';
import { resetRoute } from './lib/router.js';
import { Shell } from './Shell.js';
import { CreateJournal, RecoveryKeyStep, Welcome } from './pages/FirstRun.js';
import { UnlockScreen } from './pages/Unlock.js';
import { Loading } from './components/Feedback.js';

type Phase =
  | { name: 'loading' }
  | { name: 'unavailable'; message: string }
  | { name: 'welcome' }
  | { name: 'create' }
  | { name: 'recovery'; recoveryKey: string }
  | { name: 'locked'; status: VaultStatus; notice: string | null }
  | { name: 'unlocked' };

const LOCK_NOTICES: Record<string, string> = {
  idle: 'Fulcrum locked itself after a while without use.',
  suspend: 'Fulcrum locked when the computer went to sleep.',
  'screen-lock': 'Fulcrum locked when the screen was locked.',
  'quick-exit': 'Fulcrum was locked with quick exit.',
  expired: 'Fulcrum was locked. Unlock to continue.',
};

export function App() {
  const [phase, setPhase] = useState<Phase>({ name: 'loading' });
  // Bumped on every lock: the unlocked tree is rebuilt from nothing next time.
  const [epoch, setEpoch] = useState(0);
  const beforeLockHooks = useRef(new Set<() => Promise<void>>());

  const showGate = useCallback(async (notice: string | null) => {
    try {
      const status = await call('vault.status', {});
      if (!status.exists && !status.problem) setPhase({ name: 'welcome' });
      else if (status.unlocked) setPhase({ name: 'unlocked' });
      else setPhase({ name: 'locked', status, notice });
    } catch (e) {
      setPhase({ name: 'unavailable', message: messageOf(e) });
    }
  }, []);

  /** The journal is (or must be treated as) locked: forget everything and ask again. */
  // Several calls (and the 'locked' event) may report the lock at once: only the first resets the app.
  const unlockedRef = useRef(false);
  unlockedRef.current = phase.name === 'unlocked' || phase.name === 'recovery';

  const wentLocked = useCallback(
    (notice: string | null) => {
      unlockedRef.current = false;
      beforeLockHooks.current.clear();
      setEpoch((n) => n + 1);
      resetRoute();
      setPhase({ name: 'loading' });
      void showGate(notice);
    },
    [showGate],
  );

  const lock = useCallback(async () => {
    // Give open editors a moment to save their drafts (encrypted, through the API) first.
    const hooks = [...beforeLockHooks.current];
    await Promise.race([Promise.allSettled(hooks.map((h) => h())), new Promise((r) => setTimeout(r, 2000))]);
    unlockedRef.current = false;
    try {
      await call('vault.lock', {});
    } catch {
      // Locked already, or the host is gone: either way the screen must lock.
    }
    wentLocked(null);
  }, [wentLocked]);

  const beforeLock = useCallback((fn: () => Promise<void>) => {
    beforeLockHooks.current.add(fn);
    return () => {
      beforeLockHooks.current.delete(fn);
    };
  }, []);

  useEffect(() => {
    if (!hasBridge()) {
      setPhase({ name: 'unavailable', message: 'Fulcrum could not connect to its back end. Close this window and start Fulcrum again.' });
      return;
    }
    void showGate(null);
    const offLocked = onLockedReply(() => {
      if (unlockedRef.current) wentLocked(LOCK_NOTICES.expired!);
    });
    const offEvents = subscribe((event) => {
      if (event.type === 'locked') {
        if (unlockedRef.current) wentLocked(event.reason === 'user' ? null : (LOCK_NOTICES[event.reason] ?? null));
      }
      else if (event.type === 'command') emitCommand(event.command);
    });
    return () => {
      offLocked();
      offEvents();
    };
  }, [showGate, wentLocked]);

  switch (phase.name) {
    case 'loading':
      return (
        <div className="gate">
          <Loading label="Opening Fulcrum…" />
        </div>
      );
    case 'unavailable':
      return (
        <div className="gate">
          <div className="gate-card">
            <h1>Fulcrum cannot start</h1>
            <p role="alert" className="error">
              {phase.message}
            </p>
            <button type="button" className="button" onClick={() => window.location.reload()}>
              Try again
            </button>
          </div>
        </div>
      );
    case 'welcome':
      return <Welcome onContinue={() => setPhase({ name: 'create' })} />;
    case 'create':
      return <CreateJournal onBack={() => setPhase({ name: 'welcome' })} onCreated={(recoveryKey) => setPhase({ name: 'recovery', recoveryKey })} />;
    case 'recovery':
      return <RecoveryKeyStep recoveryKey={phase.recoveryKey} onDone={() => setPhase({ name: 'unlocked' })} />;
    case 'locked':
      return (
        <UnlockScreen
          key={epoch}
          status={phase.status}
          notice={phase.notice}
          onUnlocked={() => setPhase({ name: 'unlocked' })}
          onRecheck={() => showGate(null)}
        />
      );
    case 'unlocked':
      return <Shell key={epoch} lock={lock} beforeLock={beforeLock} />;
  }
}
