/**
 * Safety settings (issue 7): when Fulcrum locks itself, the quick-exit shortcut, and deleting the
 * journal. The lock timeout and shortcut are preferences kept outside the journal (they must work on
 * the unlock screen); nothing here is journal content.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { DEFAULT_QUICK_EXIT, DELETE_CONFIRMATION, QuickExitShortcut, describeShortcut, type SafetyPreferences } from '../../shared/safety.js';
import { call, messageOf, transport } from '../api.js';
import { ErrorAlert, Loading } from '../components/Feedback.js';
import { HistoryCheckSection } from '../components/HistoryCheck.js';
import { isMac } from '../lib/hooks.js';
import { useSession, useToast } from '../lib/session.js';

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
