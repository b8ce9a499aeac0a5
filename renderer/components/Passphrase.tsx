/**
 * Passphrase and recovery-key pieces shared by first run, unlock, the forced change after a
 * recovery-key unlock and the Safety page: a passphrase field with show/hide, the new-passphrase pair
 * with its strength meter, and the recovery key shown whole with the type-back confirmation.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type Ref } from 'react';
import type { StrengthReport } from '../../shared/schemas.js';
import { call, messageOf, wordError } from '../api.js';
import { useLanguage, useT } from '../i18n/index.js';
import { modKey, useDebounced } from '../lib/hooks.js';
import { copySensitive } from '../lib/safety.js';
import { useApi } from '../lib/queries.js';

/**
 * A passphrase input with a Show/Hide toggle. Shown text is still never stored anywhere; the toggle
 * only switches the input's type, and the field goes back to hidden when it is emptied.
 */
export function PassphraseField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'current-password' | 'new-password' | 'off';
  autoFocus?: boolean;
  disabled?: boolean;
  describedBy?: string;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const t = useT();
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!props.value) setShown(false);
  }, [props.value]);
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <div className="passphrase-field">
        <input
          ref={props.inputRef}
          id={props.id}
          type={shown ? 'text' : 'password'}
          autoComplete={props.autoComplete}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          aria-describedby={props.describedBy}
          disabled={props.disabled}
          autoFocus={props.autoFocus}
        />
        <button
          type="button"
          className="button small reveal"
          aria-pressed={shown}
          aria-controls={props.id}
          aria-label={t('passphrase.showLabel', { field: props.label.toLocaleLowerCase() })}
          onClick={() => setShown((s) => !s)}
          disabled={props.disabled}
        >
          {shown ? t('passphrase.hide') : t('passphrase.show')}
        </button>
      </div>
    </div>
  );
}

/**
 * A new passphrase typed twice, with the strength meter (vault.checkStrength). Reports whether the
 * pair is usable: strong enough and matching.
 */
export function NewPassphraseFields(props: {
  pass: string;
  again: string;
  onPass: (v: string) => void;
  onAgain: (v: string) => void;
  onUsable: (usable: boolean) => void;
  labels?: { pass: string; again: string };
  autoFocus?: boolean;
  disabled?: boolean;
}) {
  const { pass, again, onUsable } = props;
  const t = useT();
  const { language } = useLanguage();
  const labels = props.labels ?? { pass: t('passphrase.label'), again: t('passphrase.repeat') };
  const debounced = useDebounced(pass, 300);
  // gcTime 0: an answer (and the passphrase in its key) leaves the cache as soon as it is not shown.
  const check = useApi('vault.checkStrength', { passphrase: debounced, userInputs: [] }, { enabled: debounced !== '', gcTime: 0 });
  const strength: StrengthReport | null = debounced ? (check.data ?? null) : null;
  const checking = check.isFetching;
  const error = check.error ? messageOf(check.error) : null;
  const passId = useId();
  const againId = useId();
  const strengthId = useId();
  const matchId = useId();

  const current = strength && debounced === pass ? strength : null;
  const matches = pass.length > 0 && pass === again;
  const usable = Boolean(current?.acceptable) && matches;
  useEffect(() => onUsable(usable), [usable, onUsable]);

  return (
    <>
      <PassphraseField
        id={passId}
        label={labels.pass}
        value={pass}
        onChange={props.onPass}
        autoComplete="new-password"
        describedBy={strengthId}
        autoFocus={props.autoFocus}
        disabled={props.disabled}
      />
      <div id={strengthId} className="strength" aria-live="polite">
        {pass && (
          <>
            <div className="strength-row">
              <meter min={0} max={4} low={2} high={3} optimum={4} value={current?.score ?? 0} aria-label={t('passphrase.strength')} />
              <span className="strength-word">{checking || !current ? t('passphrase.checking') : t('passphrase.score', { score: current.score })}</span>
            </div>
            {current && !current.acceptable && <p className="hint">{wordError('WEAK_PASSPHRASE', { reason: current.problem ?? 'guessable', minLength: current.minLength })}</p>}
            {current && current.acceptable && <p className="hint ok">{t('passphrase.good')}</p>}
            {/* The estimator's own suggestions are written in English only. */}
            {current && language === 'en' && current.suggestions.length > 0 && (
              <ul className="hint suggestions">
                {current.suggestions.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
      <PassphraseField id={againId} label={labels.again} value={again} onChange={props.onAgain} autoComplete="new-password" describedBy={matchId} disabled={props.disabled} />
      <p id={matchId} className="hint" aria-live="polite">
        {again && !matches ? t('passphrase.mismatch') : again && matches ? t('passphrase.match') : ''}
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </>
  );
}

/** 1 to `groups`, chosen at random, so nobody can learn which group will be asked. */
function randomGroup(groups: number): number {
  const n = new Uint32Array(1);
  crypto.getRandomValues(n);
  return 1 + (n[0]! % groups);
}

/**
 * The recovery key shown whole: in two halves that sit on one line when there is room and on two
 * when not, never in a field that scrolls sideways. Copy and Print; then the person types back one
 * group, so a key that was never written down is caught. Until that succeeds the key stays sealed in
 * the vault and the next unlock shows it again.
 */
export function RecoveryKeyPanel({ recoveryKey, onConfirmed, headingId }: { recoveryKey: string; onConfirmed: () => void; headingId?: string }) {
  const t = useT();
  const groups = recoveryKey.split('-');
  const [group] = useState(() => randomGroup(groups.length));
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copyState, setCopyState] = useState('');
  const keyRef = useRef<HTMLParagraphElement>(null);
  const captionId = useId();
  const typedId = useId();
  const typedHint = useId();
  const half = Math.ceil(groups.length / 2);

  async function copy() {
    try {
      // Remembered, so locking Fulcrum takes it off the clipboard again if it is still there.
      await copySensitive(recoveryKey);
      setCopyState(t('recoveryKey.copied'));
    } catch {
      // No clipboard access (some browsers): select the key so Ctrl+C works.
      const node = keyRef.current;
      const selection = window.getSelection();
      if (node && selection) {
        const range = document.createRange();
        range.selectNodeContents(node);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      setCopyState(t('recoveryKey.copyRefused', { shortcut: `${modKey}+C` }));
    }
  }

  async function confirm(e: FormEvent) {
    e.preventDefault();
    if (!typed.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      await call('vault.confirmRecoveryKey', { group, typed });
      onConfirmed();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <div className="stack recovery-panel" aria-labelledby={headingId}>
      <figure className="recovery-print" aria-labelledby={captionId}>
        <p className="print-only">{t('recoveryKey.printTitle')}</p>
        <figcaption id={captionId} className="recovery-label">
          {t('recoveryKey.label')}
        </figcaption>
        <p ref={keyRef} className="recovery-key" translate="no">
          <span className="recovery-half">{groups.slice(0, half).join('-')}-</span>
          <wbr />
          <span className="recovery-half">{groups.slice(half).join('-')}</span>
        </p>
      </figure>
      <div className="row">
        <button type="button" className="button" onClick={copy}>
          {t('recoveryKey.copy')}
        </button>
        <button type="button" className="button" onClick={() => window.print()}>
          {t('recoveryKey.print')}
        </button>
        <p role="status" className="hint copy-state">
          {copyState}
        </p>
      </div>
      <p className="hint">{t('recoveryKey.keepAway')}</p>
      <form onSubmit={confirm} className="stack">
        <div className="field">
          <label htmlFor={typedId}>
            {t('recoveryKey.group', { group })}
          </label>
          <p id={typedHint} className="hint">
            {t('recoveryKey.groupHint', { group })}
          </p>
          <input
            id={typedId}
            className="recovery-group"
            type="text"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="characters"
            maxLength={12}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            aria-describedby={typedHint}
            disabled={busy}
          />
        </div>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="gate-actions">
          <button type="submit" className="button primary" disabled={busy || !typed.trim()}>
            {t('recoveryKey.continue')}
          </button>
        </div>
      </form>
    </div>
  );
}
