/**
 * Safety settings: when Fulcrum locks itself, the quick-exit shortcut, and deleting the
 * journal. The lock timeout and shortcut are preferences kept outside the journal (they must work on
 * the unlock screen); nothing here is journal content.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { DEFAULT_QUICK_EXIT, DELETE_CONFIRMATION, QuickExitShortcut, describeShortcut, type SafetyPreferences } from '../../shared/safety.js';
import { call, messageOf, subscribe, transport } from '../api.js';
import { ErrorAlert, Loading } from '../components/Feedback.js';
import { HistoryCheckSection } from '../components/HistoryCheck.js';
import { isMac } from '../lib/hooks.js';
import { useSession, useToast } from '../lib/session.js';
import { NewPassphraseFields, PassphraseField, RecoveryKeyPanel } from '../components/Passphrase.js';

const TIMEOUTS = [1, 2, 5, 10, 15, 30, 60];
const MODIFIERS = ['Control', 'Shift', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'Tab'];

export function SafetyPage() {
  const session = useSession();
  const toast = useToast();
  const [prefs, setPrefs] = useState<SafetyPreferences | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('safety.preferences', {})
      .then(setPrefs)
      .catch((e) => setError(messageOf(e)));
  }, []);

  async function save(patch: Partial<SafetyPreferences>, message: string) {
    try {
      setPrefs(await call('safety.setPreferences', patch));
      session.onSafetyChanged();
      toast.show(message);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  if (error && !prefs) return <ErrorAlert>{error}</ErrorAlert>;
  if (!prefs) return <Loading label="Loading safety settings…" />;
  return (
    <div className="page safety-page">
      <header className="page-head">
        <h1>Safety</h1>
      </header>
      <ErrorAlert>{error}</ErrorAlert>
      <PassphraseSection />
      <LockSection prefs={prefs} onSave={save} />
      <QuickExitSection prefs={prefs} onSave={save} />
      <section className="safety-section" aria-labelledby="attempts-h">
        <h2 id="attempts-h">Failed unlock attempts</h2>
        <p>
          While Fulcrum is locked, it notes each wrong passphrase or recovery key in a form that can only be read once the journal is unlocked. The next time you unlock,
          it tells you how many there were and when.
        </p>
        <p className="hint">Someone using this computer could delete that note, so hearing of no attempts is not proof that nobody tried.</p>
      </section>
      <HistoryCheckSection />
      <DeleteSection onDeleted={() => void session.lock()} />
    </div>
  );
}

function LockSection({ prefs, onSave }: { prefs: SafetyPreferences; onSave: (p: Partial<SafetyPreferences>, m: string) => Promise<void> }) {
  const id = useId();
  const browser = (() => {
    try {
      return transport() === 'browser';
    } catch {
      return false;
    }
  })();
  const options = TIMEOUTS.includes(prefs.lockTimeoutMinutes) ? TIMEOUTS : [...TIMEOUTS, prefs.lockTimeoutMinutes].sort((a, b) => a - b);
  return (
    <section className="safety-section" aria-labelledby="lock-h">
      <h2 id="lock-h">Locking</h2>
      <div className="field">
        <label htmlFor={id}>Lock after this long without use</label>
        <select
          id={id}
          value={prefs.lockTimeoutMinutes}
          onChange={(e) => void onSave({ lockTimeoutMinutes: Number(e.target.value) }, 'Lock time saved.')}
        >
          {options.map((m) => (
            <option key={m} value={m}>
              {m === 1 ? '1 minute' : `${m} minutes`}
            </option>
          ))}
        </select>
      </div>
      <p className="hint">
        {browser
          ? 'In browser mode the page cannot see the computer go to sleep or its screen lock; lock Fulcrum yourself before you step away.'
          : 'Fulcrum also locks when the computer goes to sleep or its screen is locked.'}
      </p>
    </section>
  );
}

function QuickExitSection({ prefs, onSave }: { prefs: SafetyPreferences; onSave: (p: Partial<SafetyPreferences>, m: string) => Promise<void> }) {
  const [recording, setRecording] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const current = describeShortcut(prefs.quickExit, isMac);

  useEffect(() => {
    if (!recording) return;
    const onKey = (e: KeyboardEvent) => {
      if (MODIFIERS.includes(e.key)) return;
      e.preventDefault();
      e.stopPropagation();
      setRecording(false);
      if (e.key === 'Escape' && !e.ctrlKey && !e.altKey && !e.metaKey) {
        setProblem(null);
        return; // Esc alone cancels recording (Esc ×3 is the default choice below).
      }
      const next = QuickExitShortcut.safeParse({
        enabled: true,
        key: e.key.length === 1 ? e.key.toLowerCase() : e.key,
        ctrl: e.ctrlKey,
        alt: e.altKey,
        shift: e.shiftKey,
        meta: e.metaKey,
        presses: 1,
        withinMs: DEFAULT_QUICK_EXIT.withinMs,
      });
      if (!next.success) {
        setProblem('That key is used for typing. Hold Ctrl, Alt or Cmd with it, or use a function key (F1–F12).');
        return;
      }
      setProblem(null);
      void onSave({ quickExit: next.data }, `Quick exit is now ${describeShortcut(next.data, isMac)}.`);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [recording, onSave]);

  return (
    <section className="safety-section" aria-labelledby="quick-h">
      <h2 id="quick-h">Quick exit</h2>
      <p>
        The Quick exit button, on every screen, locks Fulcrum at once and {transportWord()}. A keyboard shortcut does the same from anywhere in the app.
      </p>
      <p>
        Shortcut: <kbd className="shortcut-now">{current === 'Off' ? 'off' : current}</kbd>
      </p>
      <div className="row">
        <button type="button" className="button" onClick={() => void onSave({ quickExit: DEFAULT_QUICK_EXIT }, 'Quick exit is Esc pressed three times.')}>
          Use Esc three times
        </button>
        <button type="button" className="button" onClick={() => setRecording(true)} aria-pressed={recording}>
          {recording ? 'Press the new shortcut… (Esc cancels)' : 'Choose another shortcut'}
        </button>
        <button
          type="button"
          className="button subtle"
          onClick={() => void onSave({ quickExit: { ...prefs.quickExit, enabled: false } }, 'The quick-exit shortcut is off; the button stays.')}
          disabled={!prefs.quickExit.enabled}
        >
          Turn the shortcut off
        </button>
      </div>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </section>
  );
}

function transportWord(): string {
  try {
    return transport() === 'browser' ? 'replaces this tab with a blank page' : 'hides its window';
  } catch {
    return 'hides its window';
  }
}

function DeleteSection({ onDeleted }: { onDeleted: () => void }) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const hintId = useId();
  const ready = typed.trim() === DELETE_CONFIRMATION;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setError(null);
    try {
      await call('safety.deleteJournal', { confirm: DELETE_CONFIRMATION });
      onDeleted();
    } catch (err) {
      setBusy(false);
      setError(messageOf(err));
    }
  }

  return (
    <section className="safety-section danger-zone" aria-labelledby="delete-h">
      <h2 id="delete-h">Delete journal</h2>
      <p>
        This deletes every file of your journal from this computer: all entries, people, patterns, check-ins, drafts, the automatic backups and the key file. It cannot be
        undone, and your recovery key will not bring it back. Fulcrum then starts fresh, as on first use.
      </p>
      <p className="hint">Exports and backups you saved somewhere else are not touched; delete those yourself if you need to.</p>
      <form onSubmit={submit} className="stack">
        <div className="field">
          <label htmlFor={id}>
            Type <strong>{DELETE_CONFIRMATION}</strong> to confirm
          </label>
          <input
            id={id}
            type="text"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-describedby={hintId}
            disabled={busy}
          />
          <p id={hintId} className="hint">
            In capital letters.
          </p>
        </div>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="row">
          <button type="submit" className="button danger" disabled={!ready || busy}>
            {busy ? 'Deleting…' : 'Delete journal for good'}
          </button>
        </div>
      </form>
    </section>
  );
}

const ROTATION_PHASES: Record<string, string> = {
  verifying: 'Checking what you typed…',
  deriving: 'Deriving the new keys…',
  copying: 'Copying your journal…',
  're-encrypting': 'Re-encrypting your journal…',
  checking: 'Checking the re-encrypted journal…',
  saving: 'Saving…',
};

type PassphraseMode = { name: 'idle' } | { name: 'change' } | { name: 'new-key' } | { name: 'show-key'; recoveryKey: string; changed: boolean; again?: boolean };

/**
 * Change the passphrase, or issue a new recovery key on its own. Either re-encrypts the journal under
 * a fresh key, so the old passphrase and the old recovery key open nothing afterwards, not even the
 * automatic backups. The new recovery key is shown with the same care as at creation.
 */
function PassphraseSection() {
  const toast = useToast();
  const [mode, setMode] = useState<PassphraseMode>({ name: 'idle' });
  const [useRecovery, setUseRecovery] = useState(false);
  const [current, setCurrent] = useState('');
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [usable, setUsable] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ phase: string; done: number; total: number } | null>(null);
  const currentId = useId();

  // A recovery key issued here but not yet confirmed (the person left the page): offer it again.
  useEffect(() => {
    let live = true;
    call('vault.pendingRecoveryKey', {})
      .then(({ recoveryKey }) => {
        if (live && recoveryKey) setMode((m) => (m.name === 'idle' ? { name: 'show-key', recoveryKey, changed: false, again: true } : m));
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);

  useEffect(
    () =>
      subscribe((e) => {
        if (e.type === 'progress' && e.task === 'passphrase') setProgress({ phase: e.phase, done: e.done, total: e.total });
      }),
    [],
  );

  function reset(next: PassphraseMode) {
    setMode(next);
    setCurrent('');
    setPass('');
    setAgain('');
    setUseRecovery(false);
    setError(null);
    setProgress(null);
    setBusy(false);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || !current || (mode.name === 'change' && !usable)) return;
    setBusy(true);
    setError(null);
    setProgress(null);
    try {
      const result =
        mode.name === 'change'
          ? await call('vault.changePassphrase', useRecovery ? { recoveryKey: current.trim(), next: pass } : { current, next: pass })
          : await call('vault.newRecoveryKey', { passphrase: current });
      reset({ name: 'show-key', recoveryKey: result.recoveryKey, changed: mode.name === 'change' });
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
      setProgress(null);
    }
  }

  return (
    <section className="safety-section" aria-labelledby="passphrase-h">
      <h2 id="passphrase-h">Passphrase and recovery key</h2>
      <p>
        If someone else may know your passphrase or has seen your recovery key, change them here. Your journal is re-encrypted under a new key: afterwards the old
        passphrase and the old recovery key open nothing, not even Fulcrum&apos;s automatic backups.
      </p>
      {mode.name === 'idle' && (
        <div className="row">
          <button type="button" className="button" onClick={() => reset({ name: 'change' })}>
            Change passphrase
          </button>
          <button type="button" className="button" onClick={() => reset({ name: 'new-key' })}>
            Issue a new recovery key
          </button>
        </div>
      )}
      {(mode.name === 'change' || mode.name === 'new-key') && (
        <form onSubmit={submit} className="stack" aria-labelledby="passphrase-form-h">
          <h3 id="passphrase-form-h">{mode.name === 'change' ? 'Change passphrase' : 'Issue a new recovery key'}</h3>
          {mode.name === 'new-key' && <p className="hint">Your passphrase stays the same. The recovery key you have now will stop working.</p>}
          {useRecovery ? (
            <div className="field">
              <label htmlFor={currentId}>Your recovery key</label>
              <input id={currentId} type="text" autoComplete="off" spellCheck={false} value={current} onChange={(e) => setCurrent(e.target.value)} disabled={busy} autoFocus />
            </div>
          ) : (
            <PassphraseField id={currentId} label="Current passphrase" value={current} onChange={setCurrent} autoComplete="current-password" disabled={busy} autoFocus />
          )}
          {mode.name === 'change' && (
            <>
              <label className="check">
                <input
                  type="checkbox"
                  checked={useRecovery}
                  onChange={(e) => {
                    setUseRecovery(e.target.checked);
                    setCurrent('');
                  }}
                  disabled={busy}
                />
                I do not know my passphrase: use my recovery key
              </label>
              <NewPassphraseFields
                pass={pass}
                again={again}
                onPass={setPass}
                onAgain={setAgain}
                onUsable={setUsable}
                labels={{ pass: 'New passphrase', again: 'Repeat new passphrase' }}
                disabled={busy}
              />
            </>
          )}
          <ErrorAlert>{error}</ErrorAlert>
          <div className="row">
            <button type="button" className="button" onClick={() => reset({ name: 'idle' })} disabled={busy}>
              Cancel
            </button>
            <button type="submit" className="button primary" disabled={busy || !current || (mode.name === 'change' && !usable)}>
              {mode.name === 'change' ? 'Change passphrase' : 'Issue new recovery key'}
            </button>
          </div>
          {busy && (
            <div role="status" className="unlock-progress">
              <progress aria-label="Re-encrypting" max={progress?.total ?? undefined} value={progress ? progress.done : undefined} />
              <span>{(progress && ROTATION_PHASES[progress.phase]) ?? 'Checking what you typed…'} Keep Fulcrum open until this finishes.</span>
            </div>
          )}
        </form>
      )}
      {mode.name === 'show-key' && (
        <div className="stack">
          <h3 id="new-key-h">Your new recovery key</h3>
          <p>
            {mode.again
              ? 'You have not yet confirmed that you saved this recovery key. '
              : `${mode.changed ? 'Your passphrase is changed. ' : ''}The old recovery key no longer opens anything. `}
            Write it down or save it now; until you type back one group, Fulcrum shows it again each time you unlock.
          </p>
          <RecoveryKeyPanel
            recoveryKey={mode.recoveryKey}
            headingId="new-key-h"
            onConfirmed={() => {
              toast.show(mode.changed ? 'Passphrase changed. The old passphrase and recovery key open nothing now.' : 'New recovery key saved. The old one opens nothing now.');
              reset({ name: 'idle' });
            }}
          />
        </div>
      )}
    </section>
  );
}
