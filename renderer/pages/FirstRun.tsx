import { useEffect, useRef, useState, type FormEvent } from 'react';
import { call, messageOf } from '../api.js';
import { NewPassphraseFields, RecoveryKeyPanel } from '../components/Passphrase.js';
import { modKey } from '../lib/hooks.js';

export function Welcome({ onContinue }: { onContinue: () => void }) {
  // The button takes focus (Enter continues) without scrolling to it: on a short window the page
  // opens at its top, with the heading in view, not at the button below the two lists.
  const start = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    start.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="gate">
      <main className="gate-card welcome">
        <h1>Welcome to Fulcrum</h1>
        <p className="lede">A private journal for noticing how power is shared in your relationships — and for bringing what you notice to your therapist.</p>
        <div className="welcome-columns">
          <section aria-labelledby="protects">
            <h2 id="protects">What Fulcrum protects</h2>
            <ul>
              <li>Everything you write stays on this computer. There is no account, no cloud and no network.</li>
              <li>Your journal is encrypted with a passphrase only you know. Someone who opens or copies its files — even on this same computer — cannot read it.</li>
              <li>Lock it any time with the Lock button or {modKey}+L. It also locks itself after a few minutes without use and when the computer sleeps.</li>
              <li>Quick exit — the button in the corner, or Esc pressed three times — locks and hides Fulcrum at once.</li>
              <li>If you forget your passphrase, a recovery key (shown next) is the only way back in.</li>
            </ul>
          </section>
          <section aria-labelledby="cannot">
            <h2 id="cannot">What it cannot protect</h2>
            <ul>
              <li>A computer that is being watched — by spyware, screen recording or a key logger — can see what you type.</li>
              <li>Someone looking at the screen while the journal is open.</li>
              <li>Someone who uses this computer can see that Fulcrum is installed, and could delete its files.</li>
            </ul>
            <p className="hint">
              If this device may be monitored, or is shared with the person you write about, it is safer to use a device only you can get to. A domestic-abuse helpline or
              advocate can help you think through which devices are safe.
            </p>
          </section>
        </div>
        <div className="gate-actions">
          <button ref={start} type="button" className="button primary" onClick={onContinue}>
            Create a journal
          </button>
        </div>
      </main>
    </div>
  );
}

export function CreateJournal({ onCreated, onBack }: { onCreated: (recoveryKey: string) => void; onBack: () => void }) {
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [usable, setUsable] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canCreate = usable && !busy;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!canCreate) return;
    setBusy(true);
    setError(null);
    try {
      const { recoveryKey } = await call('vault.create', { passphrase: pass });
      setPass('');
      setAgain('');
      onCreated(recoveryKey);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <div className="gate">
      <main className="gate-card">
        <h1>Create your journal</h1>
        <p className="lede">Choose a passphrase: a few unrelated words are easier to remember and harder to guess than a short password. Nobody can reset it for you.</p>
        <form onSubmit={submit} className="stack">
          <NewPassphraseFields pass={pass} again={again} onPass={setPass} onAgain={setAgain} onUsable={setUsable} autoFocus disabled={busy} />
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <div className="gate-actions">
            <button type="button" className="button" onClick={onBack} disabled={busy}>
              Back
            </button>
            <button type="submit" className="button primary" disabled={!canCreate}>
              {busy ? 'Creating…' : 'Create journal'}
            </button>
          </div>
          {busy && (
            <p role="status" className="loading">
              <span className="spinner" aria-hidden="true" />
              Encrypting your new journal…
            </p>
          )}
        </form>
      </main>
    </div>
  );
}

/** The recovery key after creating a journal, after a passphrase change, or again after an unlock while unconfirmed. */
export function RecoveryKeyStep({ recoveryKey, onDone, again = false }: { recoveryKey: string; onDone: () => void; again?: boolean }) {
  return (
    <div className="gate">
      <main className="gate-card recovery">
        <h1 id="recovery-heading">Your recovery key</h1>
        <p className="lede">
          {again
            ? 'You have not yet confirmed that you saved this recovery key, so here it is again. If you ever forget your passphrase, it is the only way back into your journal.'
            : 'If you ever forget your passphrase, this key is the only way back into your journal. Write it down or save it now.'}
        </p>
        <RecoveryKeyPanel recoveryKey={recoveryKey} onConfirmed={onDone} headingId="recovery-heading" />
      </main>
    </div>
  );
}

/**
 * After an unlock with the recovery key: a new passphrase before the journal opens. The person has
 * lost theirs, or someone else may know it; the change also issues a new recovery key.
 */
export function ForcedPassphraseChange(props: { recoveryKey: string | null; onChanged: (newRecoveryKey: string) => void; onLock: () => void }) {
  const { onChanged, onLock } = props;
  // After a reload the key typed at unlock is gone from memory: it is asked for once more.
  const [recoveryKey, setRecoveryKey] = useState(props.recoveryKey ?? '');
  const askKey = props.recoveryKey === null;
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [usable, setUsable] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!usable || busy || !recoveryKey.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const result = await call('vault.changePassphrase', { recoveryKey: recoveryKey.trim(), next: pass });
      setPass('');
      setAgain('');
      onChanged(result.recoveryKey);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <div className="gate">
      <main className="gate-card">
        <h1>Choose a new passphrase</h1>
        <p className="lede">
          You opened your journal with your recovery key. Choose a new passphrase before it opens: if someone else knows the old one, this shuts them out. You will get a new
          recovery key too; the old passphrase and the old key will open nothing.
        </p>
        <form onSubmit={submit} className="stack">
          {askKey && (
            <div className="field">
              <label htmlFor="forced-recovery-key">Your recovery key</label>
              <input
                id="forced-recovery-key"
                type="text"
                autoComplete="off"
                spellCheck={false}
                value={recoveryKey}
                onChange={(e) => setRecoveryKey(e.target.value)}
                disabled={busy}
                autoFocus
              />
            </div>
          )}
          <NewPassphraseFields
            pass={pass}
            again={again}
            onPass={setPass}
            onAgain={setAgain}
            onUsable={setUsable}
            labels={{ pass: 'New passphrase', again: 'Repeat new passphrase' }}
            autoFocus={!askKey}
            disabled={busy}
          />
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <div className="gate-actions">
            <button type="button" className="button" onClick={onLock} disabled={busy}>
              Lock instead
            </button>
            <button type="submit" className="button primary" disabled={!usable || busy || !recoveryKey.trim()}>
              {busy ? 'Changing…' : 'Change passphrase'}
            </button>
          </div>
          {busy && (
            <p role="status" className="loading">
              <span className="spinner" aria-hidden="true" />
              Re-encrypting your journal under the new passphrase…
            </p>
          )}
        </form>
      </main>
    </div>
  );
}
