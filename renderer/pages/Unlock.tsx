import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { UnlockResult } from '../../shared/api.js';
import type { VaultStatus } from '../../shared/schemas.js';
import { ApiError, call, messageOf } from '../api.js';
import { PassphraseField } from '../components/Passphrase.js';
import { CheckReportScreen } from '../components/CheckReport.js';

export function UnlockScreen(props: { status: VaultStatus; notice: string | null; onUnlocked: (result: UnlockResult, usedRecoveryKey: string | null) => void; onRecheck: () => Promise<void> }) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [waitUntil, setWaitUntil] = useState(() => (props.status.retryAfterMs > 0 ? Date.now() + props.status.retryAfterMs : 0));
  const [now, setNow] = useState(() => Date.now());
  const inputRef = useRef<HTMLInputElement>(null);
  const [checkingReport, setCheckingReport] = useState(false);

  const waiting = waitUntil > now;
  useEffect(() => {
    if (!waiting) return;
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [waiting]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!secret || busy || waiting) return;
    setBusy(true);
    setError(null);
    try {
      const result = await call('vault.unlock', useRecovery ? { recoveryKey: secret.trim() } : { passphrase: secret });
      setSecret('');
      // The recovery key goes on to the new-passphrase step, which needs it once more; then it is dropped.
      props.onUnlocked(result, useRecovery ? secret.trim() : null);
    } catch (err) {
      setBusy(false);
      setSecret('');
      const retry = err instanceof ApiError && typeof err.detail?.retryAfterMs === 'number' ? err.detail.retryAfterMs : 0;
      if (retry > 0) {
        setWaitUntil(Date.now() + retry);
        setNow(Date.now());
      }
      if (err instanceof ApiError && err.code === 'WRONG_SECRET') {
        setError(useRecovery ? 'That recovery key is not right. Check it character by character and try again.' : 'That passphrase is not right. Check Caps Lock and try again.');
      } else setError(messageOf(err));
      // Back to the field for another try (after React re-enables it).
      setTimeout(() => inputRef.current?.focus(), 0);
    }
  }

  const secondsLeft = Math.ceil((waitUntil - now) / 1000);

  if (checkingReport) return <CheckReportScreen onBack={() => setCheckingReport(false)} />;

  if (props.status.problem) {
    return (
      <div className="gate">
        <main className="gate-card">
          <h1>Fulcrum cannot open your journal</h1>
          <div role="alert" className="problem">
            <p>{props.status.problem}</p>
          </div>
          <p className="hint">
            If you moved or renamed files in Fulcrum&apos;s data folder, put them back and choose Check again. Keep a copy of the folder as it is before trying anything else.
          </p>
          <div className="gate-actions">
            <button type="button" className="button primary" onClick={() => void props.onRecheck()}>
              Check again
            </button>
          </div>
        </main>
      </div>
    );
  }

  return (
    <div className="gate">
      <main className="gate-card unlock">
        <h1>Unlock your journal</h1>
        {props.notice && <p className="notice">{props.notice}</p>}
        <form onSubmit={submit} className="stack">
          {useRecovery ? (
            <div className="field">
              <label htmlFor="unlock-secret">Recovery key</label>
              <input
                ref={inputRef}
                id="unlock-secret"
                key="recovery"
                type="text"
                autoComplete="off"
                spellCheck={false}
                autoCapitalize="off"
                value={secret}
                onChange={(e) => setSecret(e.target.value)}
                disabled={busy}
                autoFocus
              />
            </div>
          ) : (
            <PassphraseField
              key="passphrase"
              id="unlock-secret"
              label="Passphrase"
              value={secret}
              onChange={setSecret}
              autoComplete="current-password"
              disabled={busy}
              autoFocus
              inputRef={inputRef}
            />
          )}
          <label className="check">
            <input
              type="checkbox"
              checked={useRecovery}
              onChange={(e) => {
                setUseRecovery(e.target.checked);
                setSecret('');
                setError(null);
              }}
              disabled={busy}
            />
            Use recovery key
          </label>
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          {waiting && (
            <p role="status" className="notice">
              Too many attempts. You can try again in {secondsLeft} {secondsLeft === 1 ? 'second' : 'seconds'}.
            </p>
          )}
          {(error || waiting) && (
            <p className="hint">
              Forgotten your passphrase? Tick “Use recovery key”: you will then choose a new passphrase. If someone else may know your passphrase, change it once you are
              in: Safety → Change passphrase. The old one then opens nothing.
            </p>
          )}
          <div className="gate-actions">
            <button type="submit" className="button primary" disabled={busy || waiting || !secret}>
              {busy ? 'Unlocking…' : 'Unlock'}
            </button>
          </div>
          {busy && (
            <div role="status" className="unlock-progress">
              <progress aria-label="Unlocking" />
              <span>Checking your {useRecovery ? 'recovery key' : 'passphrase'}… this takes about a second.</span>
            </div>
          )}
        </form>
        <p className="hint">
          <button type="button" className="link-button" onClick={() => setCheckingReport(true)}>
            Check a report
          </button>{' '}
          — its evidence file is checked without unlocking.
        </p>
      </main>
    </div>
  );
}
