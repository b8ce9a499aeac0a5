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
import { useT, type MessageId } from '../i18n/index.js';
import { isMac } from '../lib/hooks.js';
import { useSession, useToast } from '../lib/session.js';
import { queryKey, useApi } from '../lib/queries.js';
import { useQueryClient } from '@tanstack/react-query';
import { NewPassphraseFields, PassphraseField, RecoveryKeyPanel } from '../components/Passphrase.js';

const TIMEOUTS = [1, 2, 5, 10, 15, 30, 60];
const MODIFIERS = ['Control', 'Shift', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'Tab'];

export function SafetyPage() {
  const t = useT();
  const session = useSession();
  const toast = useToast();
  const queryClient = useQueryClient();
  const prefsQuery = useApi('safety.preferences', {});
  const prefs = prefsQuery.data ?? null;
  const setPrefs = (p: SafetyPreferences) => queryClient.setQueryData(queryKey('safety.preferences', {}), p);
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? (prefsQuery.error ? messageOf(prefsQuery.error) : null);

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
  if (!prefs) return <Loading label={t('data.safety.loading')} />;
  return (
    <div className="page safety-page">
      <header className="page-head">
        <h1>{t('data.safety.title')}</h1>
      </header>
      <ErrorAlert>{error}</ErrorAlert>
      <PassphraseSection />
      <LockSection prefs={prefs} onSave={save} />
      <QuickExitSection prefs={prefs} onSave={save} />
      <section className="safety-section" aria-labelledby="attempts-h">
        <h2 id="attempts-h">{t('data.safety.attempts')}</h2>
        <p>{t('data.safety.attemptsText')}</p>
        <p className="hint">{t('data.safety.attemptsHint')}</p>
      </section>
      <HistoryCheckSection />
      <DeleteSection onDeleted={() => void session.lock()} />
    </div>
  );
}

function LockSection({ prefs, onSave }: { prefs: SafetyPreferences; onSave: (p: Partial<SafetyPreferences>, m: string) => Promise<void> }) {
  const id = useId();
  const t = useT();
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
      <h2 id="lock-h">{t('data.safety.locking')}</h2>
      <div className="field">
        <label htmlFor={id}>{t('data.safety.lockAfter')}</label>
        <select
          id={id}
          value={prefs.lockTimeoutMinutes}
          onChange={(e) => void onSave({ lockTimeoutMinutes: Number(e.target.value) }, t('data.safety.lockSaved'))}
        >
          {options.map((m) => (
            <option key={m} value={m}>
              {t('duration.minutes', { minutes: m })}
            </option>
          ))}
        </select>
      </div>
      <p className="hint">
        {browser
          ? t('data.safety.lockBrowser')
          : t('data.safety.lockDesktop')}
      </p>
    </section>
  );
}

function QuickExitSection({ prefs, onSave }: { prefs: SafetyPreferences; onSave: (p: Partial<SafetyPreferences>, m: string) => Promise<void> }) {
  const [recording, setRecording] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const t = useT();
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
        setProblem(t('data.safety.typingKey'));
        return;
      }
      setProblem(null);
      void onSave({ quickExit: next.data }, t('data.safety.quickNow', { shortcut: describeShortcut(next.data, isMac) }));
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [recording, onSave, t]);

  return (
    <section className="safety-section" aria-labelledby="quick-h">
      <h2 id="quick-h">{t('data.safety.quick')}</h2>
      <p>{t(quickExitWords())}</p>
      <p>
        {t('data.safety.shortcut')} <kbd className="shortcut-now">{prefs.quickExit.enabled ? current : t('data.safety.off')}</kbd>
      </p>
      <div className="row">
        <button type="button" className="button" onClick={() => void onSave({ quickExit: DEFAULT_QUICK_EXIT }, t('data.safety.quickDefault'))}>
          {t('data.safety.useEsc')}
        </button>
        <button type="button" className="button" onClick={() => setRecording(true)} aria-pressed={recording}>
          {recording ? t('data.safety.pressNew') : t('data.safety.chooseOther')}
        </button>
        <button
          type="button"
          className="button subtle"
          onClick={() => void onSave({ quickExit: { ...prefs.quickExit, enabled: false } }, t('data.safety.quickOff'))}
          disabled={!prefs.quickExit.enabled}
        >
          {t('data.safety.turnOff')}
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

/** What the quick exit does here: in browser mode it blanks the tab, on the desktop it hides the window. */
function quickExitWords(): MessageId {
  try {
    return transport() === 'browser' ? 'data.safety.quickTextBrowser' : 'data.safety.quickTextDesktop';
  } catch {
    return 'data.safety.quickTextDesktop';
  }
}

function DeleteSection({ onDeleted }: { onDeleted: () => void }) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const hintId = useId();
  const t = useT();
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
      <h2 id="delete-h">{t('data.safety.delete')}</h2>
      <p>{t('data.safety.deleteText')}</p>
      <p className="hint">{t('data.safety.deleteHint')}</p>
      <form onSubmit={submit} className="stack">
        <div className="field">
          <label htmlFor={id}>
            {t('data.safety.typeBefore')}
            <strong>{DELETE_CONFIRMATION}</strong>
            {t('data.safety.typeAfter')}
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
            {t('data.safety.capitals')}
          </p>
        </div>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="row">
          <button type="submit" className="button danger" disabled={!ready || busy}>
            {busy ? t('data.safety.deleting') : t('data.safety.deleteForGood')}
          </button>
        </div>
      </form>
    </section>
  );
}

const ROTATION_PHASES: Record<string, MessageId> = {
  verifying: 'data.safety.phase.verifying',
  deriving: 'data.safety.phase.deriving',
  copying: 'data.safety.phase.copying',
  're-encrypting': 'data.safety.phase.reencrypting',
  checking: 'data.safety.phase.checking',
  saving: 'data.safety.phase.saving',
};

type PassphraseMode = { name: 'idle' } | { name: 'change' } | { name: 'new-key' } | { name: 'show-key'; recoveryKey: string; changed: boolean; again?: boolean };

/**
 * Change the passphrase, or issue a new recovery key on its own. Either re-encrypts the journal under
 * a fresh key, so the old passphrase and the old recovery key open nothing afterwards, not even the
 * automatic backups. The new recovery key is shown with the same care as at creation.
 */
function PassphraseSection() {
  const toast = useToast();
  const t = useT();
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
  // gcTime 0: the key leaves the cache as soon as this section is gone.
  const pendingKey = useApi('vault.pendingRecoveryKey', {}, { gcTime: 0, staleTime: Infinity }).data?.recoveryKey ?? null;
  useEffect(() => {
    if (pendingKey) setMode((m) => (m.name === 'idle' ? { name: 'show-key', recoveryKey: pendingKey, changed: false, again: true } : m));
  }, [pendingKey]);

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
      <h2 id="passphrase-h">{t('data.safety.passphrase')}</h2>
      <p>{t('data.safety.passphraseText')}</p>
      {mode.name === 'idle' && (
        <div className="row">
          <button type="button" className="button" onClick={() => reset({ name: 'change' })}>
            {t('data.safety.change')}
          </button>
          <button type="button" className="button" onClick={() => reset({ name: 'new-key' })}>
            {t('data.safety.newKey')}
          </button>
        </div>
      )}
      {(mode.name === 'change' || mode.name === 'new-key') && (
        <form onSubmit={submit} className="stack" aria-labelledby="passphrase-form-h">
          <h3 id="passphrase-form-h">{mode.name === 'change' ? t('data.safety.change') : t('data.safety.newKey')}</h3>
          {mode.name === 'new-key' && <p className="hint">{t('data.safety.newKeyHint')}</p>}
          {useRecovery ? (
            <div className="field">
              <label htmlFor={currentId}>{t('data.safety.yourRecoveryKey')}</label>
              <input id={currentId} type="text" autoComplete="off" spellCheck={false} value={current} onChange={(e) => setCurrent(e.target.value)} disabled={busy} autoFocus />
            </div>
          ) : (
            <PassphraseField id={currentId} label={t('data.safety.currentPassphrase')} value={current} onChange={setCurrent} autoComplete="current-password" disabled={busy} autoFocus />
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
                {t('data.safety.useRecovery')}
              </label>
              <NewPassphraseFields
                pass={pass}
                again={again}
                onPass={setPass}
                onAgain={setAgain}
                onUsable={setUsable}
                labels={{ pass: t('data.safety.newPassphrase'), again: t('data.safety.repeatPassphrase') }}
                disabled={busy}
              />
            </>
          )}
          <ErrorAlert>{error}</ErrorAlert>
          <div className="row">
            <button type="button" className="button" onClick={() => reset({ name: 'idle' })} disabled={busy}>
              {t('data.backup.cancel')}
            </button>
            <button type="submit" className="button primary" disabled={busy || !current || (mode.name === 'change' && !usable)}>
              {mode.name === 'change' ? t('data.safety.change') : t('data.safety.issueKey')}
            </button>
          </div>
          {busy && (
            <div role="status" className="unlock-progress">
              <progress aria-label={t('data.safety.reencrypting')} max={progress?.total ?? undefined} value={progress ? progress.done : undefined} />
              <span>{t('data.safety.keepOpen', { phase: t((progress && ROTATION_PHASES[progress.phase]) ?? 'data.safety.phase.verifying') })}</span>
            </div>
          )}
        </form>
      )}
      {mode.name === 'show-key' && (
        <div className="stack">
          <h3 id="new-key-h">{t('data.safety.newKeyTitle')}</h3>
          <p>
            {mode.again ? t('data.safety.notConfirmed') : mode.changed ? t('data.safety.changedOldKey') : t('data.safety.oldKey')} {t('data.safety.writeDown')}
          </p>
          <RecoveryKeyPanel
            recoveryKey={mode.recoveryKey}
            headingId="new-key-h"
            onConfirmed={() => {
              toast.show(mode.changed ? t('data.safety.changedToast') : t('data.safety.newKeyToast'));
              reset({ name: 'idle' });
            }}
          />
        </div>
      )}
    </section>
  );
}
