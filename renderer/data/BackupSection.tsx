/**
 * "Your data" → Encrypted backup: make one (save or download), see the automatic ones, restore from a
 * backup with its passphrase or recovery key — after a preview of what is in it and a confirmation —
 * and keep or discard the journal a restore moved aside.
 */
import { useCallback, useId, useState } from 'react';
import { PassphraseField } from '../components/Passphrase.js';
import type { AutomaticBackup, BackupPreview, BackupSource, PreviousJournal } from '../../shared/portability.js';
import { call, messageOf } from '../api.js';
import { ConfirmDialog, Dialog } from '../components/Dialog.js';
import { ErrorAlert } from '../components/Feedback.js';
import { useT } from '../i18n/index.js';
import { formatDay, formatBytes, shortDateTime } from '../lib/format.js';
import { useSession, useToast } from '../lib/session.js';
import { useApi } from '../lib/queries.js';
import { fileToBase64 } from '../report/files.js';
import { downloadByLink } from '../transport/download.js';

type Chosen = { source: BackupSource; label: string };

const when = (iso: string) => shortDateTime(Date.parse(iso));

function PreviewFacts({ p }: { p: BackupPreview }) {
  const t = useT();
  return (
    <dl className="data-facts">
      <dt>{t('data.backup.made')}</dt>
      <dd>{p.kind === 'automatic' ? t('data.backup.madeAutomatic', { when: when(p.createdAt) }) : t('data.backup.madeByYou', { when: when(p.createdAt) })}</dd>
      <dt>{t('data.backup.entries')}</dt>
      <dd>
        {p.firstDay && p.lastDay
          ? t('data.backup.entriesSpan', { count: p.entries, from: formatDay(p.firstDay), to: formatDay(p.lastDay) })
          : t('data.backup.number', { count: p.entries })}
      </dd>
      <dt>{t('data.backup.people')}</dt>
      <dd>{t('data.backup.number', { count: p.people })}</dd>
      <dt>{t('data.backup.checkins')}</dt>
      <dd>{t('data.backup.number', { count: p.checkins })}</dd>
      <dt>{t('data.backup.journal')}</dt>
      <dd>{p.sameJournal ? t('data.backup.sameJournal') : t('data.backup.otherJournal')}</dd>
    </dl>
  );
}

export function BackupSection({ browser }: { browser: boolean }) {
  const toast = useToast();
  const t = useT();
  const { lock } = useSession();
  const automaticQuery = useApi('backup.list', {});
  const previousQuery = useApi('backup.previous', {});
  const automatic: AutomaticBackup[] | null = automaticQuery.data ?? null;
  const previous: PreviousJournal[] = previousQuery.data ?? [];
  const [actionError, setError] = useState<string | null>(null);
  const loadError = automaticQuery.error ?? previousQuery.error;
  const error = actionError ?? (loadError ? messageOf(loadError) : null);
  const [busy, setBusy] = useState(false);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [discarding, setDiscarding] = useState<PreviousJournal | null>(null);
  const fileId = useId();

  const refetchAutomatic = automaticQuery.refetch;
  const refetchPrevious = previousQuery.refetch;
  const reload = useCallback(async () => {
    await Promise.all([refetchAutomatic(), refetchPrevious()]);
  }, [refetchAutomatic, refetchPrevious]);

  async function create() {
    setError(null);
    setBusy(true);
    try {
      if (browser) {
        await downloadByLink({ call: 'backup.download', input: {} });
        toast.show(t('install.download.backup'));
      } else {
        const r = await call('backup.save', {});
        if (r.saved) toast.show(t('data.backup.saved', { size: formatBytes(r.bytes), count: r.preview.entries }));
      }
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function pickDesktop() {
    setError(null);
    try {
      const f = await call('backup.pick', {});
      if (f) setChosen({ source: { token: f.token }, label: t('data.backup.fileLabel', { name: f.name, size: formatBytes(f.bytes) }) });
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <section className="data-section" aria-labelledby="data-backup">
      <h2 id="data-backup">{t('data.backup.title')}</h2>
      <p className="hint">{t('data.backup.intro')}</p>
      <div className="row">
        <button type="button" className="button primary" disabled={busy} onClick={() => void create()}>
          {busy ? t('data.backup.making') : browser ? t('data.backup.download') : t('data.backup.save')}
        </button>
      </div>
      <ErrorAlert>{error}</ErrorAlert>

      <h3 id="data-automatic">{t('data.backup.automatic')}</h3>
      <p className="hint">{t('data.backup.automaticHint')}</p>
      {automatic === null ? null : automatic.length === 0 ? (
        <p className="hint">{t('data.backup.noneYet')}</p>
      ) : (
        <ul className="plain-list" aria-labelledby="data-automatic">
          {automatic.map((b) => (
            <li key={b.name}>
              <span>
                {when(b.createdAt)} <span className="hint">· {formatBytes(b.bytes)}</span>
              </span>
              <button type="button" className="button small" onClick={() => setChosen({ source: { automatic: b.name }, label: t('data.backup.automaticLabel', { when: when(b.createdAt) }) })}>
                {t('data.backup.restore')}
                <span className="visually-hidden">{t('data.backup.restoreWhich', { when: when(b.createdAt) })}</span>
              </button>
            </li>
          ))}
        </ul>
      )}

      <h3>{t('data.backup.fromFile')}</h3>
      {browser ? (
        <div className="field">
          <label htmlFor={fileId}>{t('data.backup.file')}</label>
          <input
            id={fileId}
            type="file"
            accept=".fulcrum"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              setError(null);
              try {
                setChosen({ source: { base64: await fileToBase64(file) }, label: t('data.backup.fileLabel', { name: file.name, size: formatBytes(file.size) }) });
              } catch (err) {
                setError(messageOf(err));
              }
            }}
          />
        </div>
      ) : (
        <div className="row">
          <button type="button" className="button" onClick={() => void pickDesktop()}>
            {t('data.backup.choose')}
          </button>
        </div>
      )}

      {previous.length > 0 && (
        <>
          <h3 id="data-previous">{t('data.backup.previous')}</h3>
          <p className="hint">{t('data.backup.previousHint')}</p>
          <ul className="plain-list" aria-labelledby="data-previous">
            {previous.map((p) => (
              <li key={p.id}>
                <span>
                  {t('data.backup.movedAside', { when: when(p.movedAsideAt) })} <span className="hint">{t('data.backup.keptUntil', { when: when(p.keptUntil) })}</span>
                </span>
                <button type="button" className="button small danger-subtle" onClick={() => setDiscarding(p)}>
                  {t('data.backup.discard')}
                  <span className="visually-hidden">{t('data.backup.discardWhich', { when: when(p.movedAsideAt) })}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}

      {chosen && <RestoreDialog chosen={chosen} onClose={() => setChosen(null)} onRestored={() => void lock()} />}
      {discarding && (
        <ConfirmDialog
          title={t('data.backup.discardTitle')}
          message={<p>{t('data.backup.discardMessage', { when: when(discarding.movedAsideAt) })}</p>}
          confirmLabel={t('data.backup.discardConfirm')}
          danger
          onClose={() => setDiscarding(null)}
          onConfirm={async () => {
            await call('backup.discardPrevious', { id: discarding.id });
            await reload();
            toast.show(t('data.backup.discarded'));
          }}
        />
      )}
    </section>
  );
}

/** Secret → preview → confirm → restored (the journal is then locked: unlock with the backup's secret). */
function RestoreDialog({ chosen, onClose, onRestored }: { chosen: Chosen; onClose: () => void; onRestored: () => void }) {
  const [kind, setKind] = useState<'passphrase' | 'recoveryKey'>('passphrase');
  const [secret, setSecret] = useState('');
  const [preview, setPreview] = useState<BackupPreview | null>(null);
  const [step, setStep] = useState<'secret' | 'preview' | 'restoring' | 'done'>('secret');
  const [error, setError] = useState<string | null>(null);
  const secretId = useId();
  const t = useT();
  const asSecret = () => (kind === 'passphrase' ? { passphrase: secret } : { recoveryKey: secret });

  if (step === 'done') {
    return (
      <Dialog title={t('data.backup.restored')} onClose={onRestored}>
        <div className="dialog-body">
          <p>{t('data.backup.restoredLocks')}</p>
          <p className="hint">{t('data.backup.restoredKept')}</p>
        </div>
        <div className="dialog-actions">
          <button type="button" className="button primary" autoFocus onClick={onRestored}>
            {t('data.backup.goUnlock')}
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={t('data.backup.restoreTitle')} onClose={onClose} wide>
      <div className="dialog-body stack">
        <p>{t('data.backup.from', { label: chosen.label })}</p>
        {step === 'secret' && (
          <form
            className="stack"
            onSubmit={async (e) => {
              e.preventDefault();
              setError(null);
              try {
                setPreview(await call('backup.inspect', { file: chosen.source, secret: asSecret() }));
                setStep('preview');
              } catch (err) {
                setError(messageOf(err));
              }
            }}
          >
            <fieldset>
              <legend>{t('data.backup.openWith')}</legend>
              <div className="row">
                <label className="check">
                  <input type="radio" name="restore-secret" checked={kind === 'passphrase'} onChange={() => setKind('passphrase')} />
                  {t('data.backup.itsPassphrase')}
                </label>
                <label className="check">
                  <input type="radio" name="restore-secret" checked={kind === 'recoveryKey'} onChange={() => setKind('recoveryKey')} />
                  {t('data.backup.itsRecoveryKey')}
                </label>
              </div>
            </fieldset>
            <PassphraseField id={secretId} label={kind === 'passphrase' ? t('data.backup.passphrase') : t('data.backup.recoveryKey')} value={secret} onChange={setSecret} autoComplete="off" autoFocus />
            <p className="hint">{t('data.backup.onlyOpens')}</p>
            <ErrorAlert>{error}</ErrorAlert>
            <div className="dialog-actions">
              <button type="button" className="button" onClick={onClose}>
                {t('data.backup.cancel')}
              </button>
              <button type="submit" className="button primary" disabled={!secret}>
                {t('data.backup.show')}
              </button>
            </div>
          </form>
        )}
        {step !== 'secret' && preview && (
          <>
            <PreviewFacts p={preview} />
            <p className="notice">{t('data.backup.replaces')}</p>
            <ErrorAlert>{error}</ErrorAlert>
            <div className="dialog-actions">
              <button type="button" className="button" onClick={onClose} disabled={step === 'restoring'}>
                {t('data.backup.cancel')}
              </button>
              <button
                type="button"
                className="button danger"
                disabled={step === 'restoring'}
                onClick={async () => {
                  setError(null);
                  setStep('restoring');
                  try {
                    await call('backup.restore', { file: chosen.source, secret: asSecret() });
                    setSecret('');
                    setStep('done');
                  } catch (err) {
                    setError(messageOf(err));
                    setStep('preview');
                  }
                }}
              >
                {step === 'restoring' ? t('data.backup.restoring') : t('data.backup.replace')}
              </button>
            </div>
          </>
        )}
      </div>
    </Dialog>
  );
}
