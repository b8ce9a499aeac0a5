import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { StrengthReport } from '../../shared/schemas.js';
import { call, messageOf } from '../api.js';
import { modKey, useDebounced } from '../lib/hooks.js';
import { copySensitive } from '../lib/safety.js';

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
              <li>If you forget your passphrase, a recovery key (shown once, next) is the only way back in.</li>
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

const SCORE_WORDS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'];

export function CreateJournal({ onCreated, onBack }: { onCreated: (recoveryKey: string) => void; onBack: () => void }) {
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [strength, setStrength] = useState<StrengthReport | null>(null);
  const [checking, setChecking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const debounced = useDebounced(pass, 300);
  const strengthId = useId();
  const matchId = useId();

  useEffect(() => {
    if (!debounced) {
      setStrength(null);
      return;
    }
    let live = true;
    setChecking(true);
    call('vault.checkStrength', { passphrase: debounced, userInputs: [] })
      .then((r) => live && setStrength(r))
      .catch((e) => live && setError(messageOf(e)))
      .finally(() => live && setChecking(false));
    return () => {
      live = false;
    };
  }, [debounced]);

  const current = strength && debounced === pass ? strength : null;
  const matches = pass.length > 0 && pass === again;
  const canCreate = Boolean(current?.acceptable) && matches && !busy;

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
          <div className="field">
            <label htmlFor="new-pass">Passphrase</label>
            <input
              id="new-pass"
              type="password"
              autoComplete="new-password"
              value={pass}
              onChange={(e) => setPass(e.target.value)}
              aria-describedby={strengthId}
              autoFocus
              spellCheck={false}
            />
          </div>
          <div id={strengthId} className="strength" aria-live="polite">
            {pass && (
              <>
                <div className="strength-row">
                  <meter min={0} max={4} low={2} high={3} optimum={4} value={current?.score ?? 0} aria-label="Passphrase strength" />
                  <span className="strength-word">
                    {checking || !current ? 'Checking…' : `${SCORE_WORDS[current.score]} (${current.score} of 4)`}
                  </span>
                </div>
                {current && !current.acceptable && current.reason && <p className="hint">{current.reason}</p>}
                {current && current.acceptable && <p className="hint ok">Good — this passphrase is strong enough.</p>}
                {current && current.suggestions.length > 0 && (
                  <ul className="hint suggestions">
                    {current.suggestions.map((s) => (
                      <li key={s}>{s}</li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </div>
          <div className="field">
            <label htmlFor="new-pass-again">Repeat passphrase</label>
            <input
              id="new-pass-again"
              type="password"
              autoComplete="new-password"
              value={again}
              onChange={(e) => setAgain(e.target.value)}
              aria-describedby={matchId}
              spellCheck={false}
            />
            <p id={matchId} className="hint" aria-live="polite">
              {again && !matches ? 'The two passphrases do not match yet.' : again && matches ? 'They match.' : ''}
            </p>
          </div>
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

export function RecoveryKeyStep({ recoveryKey, onDone }: { recoveryKey: string; onDone: () => void }) {
  const [saved, setSaved] = useState(false);
  const [copyState, setCopyState] = useState<string>('');
  const keyRef = useRef<HTMLInputElement>(null);

  async function copy() {
    try {
      // Remembered, so locking Fulcrum takes it off the clipboard again if it is still there.
      await copySensitive(recoveryKey);
      setCopyState('Copied. Paste it somewhere safe. Fulcrum clears it from the clipboard when it locks.');
    } catch {
      // No clipboard access (some browsers): select the key so Ctrl+C works.
      keyRef.current?.focus();
      keyRef.current?.select();
      setCopyState(`Copying was not allowed here. The key is selected: press ${modKey}+C to copy it.`);
    }
  }

  return (
    <div className="gate">
      <main className="gate-card recovery">
        <h1>Your recovery key</h1>
        <p className="lede">If you ever forget your passphrase, this key is the only way back into your journal. It is shown only this once.</p>
        <div className="recovery-print">
          <p className="print-only">Fulcrum recovery key — keep this somewhere private.</p>
          <label htmlFor="recovery-key" className="recovery-label">
            Recovery key
          </label>
          <input
            ref={keyRef}
            id="recovery-key"
            className="recovery-key"
            type="text"
            readOnly
            value={recoveryKey}
            spellCheck={false}
            autoComplete="off"
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
        <div className="row">
          <button type="button" className="button" onClick={copy}>
            Copy
          </button>
          <button type="button" className="button" onClick={() => window.print()}>
            Print
          </button>
          <p role="status" className="hint copy-state">
            {copyState}
          </p>
        </div>
        <p className="hint">Keep it away from this computer if someone else uses it — on paper in a safe place, or in a password manager only you can open.</p>
        <label className="check">
          <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />I have saved my recovery key
        </label>
        <div className="gate-actions">
          <button type="button" className="button primary" disabled={!saved} onClick={onDone}>
            Continue
          </button>
        </div>
      </main>
    </div>
  );
}
