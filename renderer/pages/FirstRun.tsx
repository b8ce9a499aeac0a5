import { useEffect, useRef, useState, type FormEvent } from 'react';
import { call, messageOf } from '../api.js';
import { NewPassphraseFields, RecoveryKeyPanel } from '../components/Passphrase.js';
import { modKey } from '../lib/hooks.js';
import { useT } from '../i18n/index.js';

export function Welcome({ onContinue }: { onContinue: () => void }) {
  const t = useT();
  // The button takes focus (Enter continues) without scrolling to it: on a short window the page
  // opens at its top, with the heading in view, not at the button below the two lists.
  const start = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    start.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="gate">
      <main className="gate-card welcome">
        <h1>{t('welcome.title')}</h1>
        <p className="lede">{t('welcome.lede')}</p>
        <div className="welcome-columns">
          <section aria-labelledby="protects">
            <h2 id="protects">{t('welcome.protects')}</h2>
            <ul>
              <li>{t('welcome.protects.local')}</li>
              <li>{t('welcome.protects.encrypted')}</li>
              <li>{t('welcome.protects.lock', { shortcut: `${modKey}+L` })}</li>
              <li>{t('welcome.protects.quickExit')}</li>
              <li>{t('welcome.protects.recovery')}</li>
            </ul>
          </section>
          <section aria-labelledby="cannot">
            <h2 id="cannot">{t('welcome.cannot')}</h2>
            <ul>
              <li>{t('welcome.cannot.watched')}</li>
              <li>{t('welcome.cannot.screen')}</li>
              <li>{t('welcome.cannot.installed')}</li>
            </ul>
            <p className="hint">{t('welcome.saferDevice')}</p>
          </section>
        </div>
        <div className="gate-actions">
          <button ref={start} type="button" className="button primary" onClick={onContinue}>
            {t('welcome.create')}
          </button>
        </div>
      </main>
    </div>
  );
}

export function CreateJournal({ onCreated, onBack }: { onCreated: (recoveryKey: string) => void; onBack: () => void }) {
  const t = useT();
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
        <h1>{t('create.title')}</h1>
        <p className="lede">{t('create.lede')}</p>
        <form onSubmit={submit} className="stack">
          <NewPassphraseFields pass={pass} again={again} onPass={setPass} onAgain={setAgain} onUsable={setUsable} autoFocus disabled={busy} />
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <div className="gate-actions">
            <button type="button" className="button" onClick={onBack} disabled={busy}>
              {t('create.back')}
            </button>
            <button type="submit" className="button primary" disabled={!canCreate}>
              {busy ? t('create.creating') : t('create.submit')}
            </button>
          </div>
          {busy && (
            <p role="status" className="loading">
              <span className="spinner" aria-hidden="true" />
              {t('create.encrypting')}
            </p>
          )}
        </form>
      </main>
    </div>
  );
}

/** The recovery key after creating a journal, after a passphrase change, or again after an unlock while unconfirmed. */
export function RecoveryKeyStep({ recoveryKey, onDone, again = false }: { recoveryKey: string; onDone: () => void; again?: boolean }) {
  const t = useT();
  return (
    <div className="gate">
      <main className="gate-card recovery">
        <h1 id="recovery-heading">{t('recovery.title')}</h1>
        <p className="lede">
          {again ? t('recovery.ledeAgain') : t('recovery.lede')}
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
  const t = useT();
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
        <h1>{t('forced.title')}</h1>
        <p className="lede">{t('forced.lede')}</p>
        <form onSubmit={submit} className="stack">
          {askKey && (
            <div className="field">
              <label htmlFor="forced-recovery-key">{t('forced.recoveryKey')}</label>
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
            labels={{ pass: t('passphrase.new'), again: t('passphrase.repeatNew') }}
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
              {t('forced.lockInstead')}
            </button>
            <button type="submit" className="button primary" disabled={!usable || busy || !recoveryKey.trim()}>
              {busy ? t('forced.changing') : t('forced.submit')}
            </button>
          </div>
          {busy && (
            <p role="status" className="loading">
              <span className="spinner" aria-hidden="true" />
              {t('forced.reencrypting')}
            </p>
          )}
        </form>
      </main>
    </div>
  );
}
