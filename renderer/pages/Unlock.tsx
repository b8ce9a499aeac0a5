import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { UnlockResult } from '../../shared/api.js';
import type { VaultStatus } from '../../shared/schemas.js';
import { ApiError, call, messageOf, wordError } from '../api.js';
import { useT } from '../i18n/index.js';
import { PassphraseField } from '../components/Passphrase.js';
import { CheckReportScreen } from '../components/CheckReport.js';

export function UnlockScreen(props: { status: VaultStatus; notice: string | null; onUnlocked: (result: UnlockResult, usedRecoveryKey: string | null) => void; onRecheck: () => Promise<void> }) {
  const t = useT();
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
        setError(err.detail?.reason ? messageOf(err) : useRecovery ? t('unlock.wrongRecovery') : t('unlock.wrongPassphrase'));
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
          <h1>{t('unlock.cannotOpen')}</h1>
          <div role="alert" className="problem">
            <p>{props.status.problemCode ? wordError(props.status.problemCode.code, { reason: props.status.problemCode.reason }) : props.status.problem}</p>
          </div>
          <p className="hint">{t('unlock.movedFiles')}</p>
          <div className="gate-actions">
            <button type="button" className="button primary" onClick={() => void props.onRecheck()}>
              {t('unlock.checkAgain')}
            </button>
          </div>
        </main>
      </div>
    );
  }

  return (
    <div className="gate">
      <main className="gate-card unlock">
        <h1>{t('unlock.title')}</h1>
        {props.notice && <p className="notice">{props.notice}</p>}
        <form onSubmit={submit} className="stack">
          {useRecovery ? (
            <div className="field">
              <label htmlFor="unlock-secret">{t('unlock.recoveryKey')}</label>
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
              label={t('passphrase.label')}
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
            {t('unlock.useRecovery')}
          </label>
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          {waiting && (
            <p role="status" className="notice">
              {t('unlock.wait', { seconds: secondsLeft })}
            </p>
          )}
          {(error || waiting) && (
            <p className="hint">{t('unlock.forgotten')}</p>
          )}
          <div className="gate-actions">
            <button type="submit" className="button primary" disabled={busy || waiting || !secret}>
              {busy ? t('unlock.unlocking') : t('unlock.submit')}
            </button>
          </div>
          {busy && (
            <div role="status" className="unlock-progress">
              <progress aria-label={t('unlock.progress')} />
              <span>{useRecovery ? t('unlock.checkingRecovery') : t('unlock.checkingPassphrase')}</span>
            </div>
          )}
        </form>
        <p className="hint">
          <button type="button" className="link-button" onClick={() => setCheckingReport(true)}>
            {t('data.unlock.checkReport')}
          </button>{' '}
          {t('data.unlock.checkReportHint')}
        </p>
      </main>
    </div>
  );
}
