/**
 * "Your data" → Encrypted backup: make one (save or download), see the automatic ones, restore from a
 * backup with its passphrase or recovery key — after a preview of what is in it and a confirmation —
 * and keep or discard the journal a restore moved aside.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { PassphraseField } from '../components/Passphrase.js';
import type { AutomaticBackup, BackupPreview, BackupSource, PreviousJournal } from '../../shared/portability.js';
import { call, messageOf } from '../api.js';
import { ConfirmDialog, Dialog } from '../components/Dialog.js';
import { ErrorAlert } from '../components/Feedback.js';
import { shortDateTime } from '../lib/format.js';
import { useSession, useToast } from '../lib/session.js';
import { base64ToBytes, downloadBlob, fileSize, fileToBase64 } from '../report/files.js';
import { longDate, plural } from '../report/format.js';

type Chosen = { source: BackupSource; label: string };

const when = (iso: string) => shortDateTime(Date.parse(iso));

function PreviewFacts({ p }: { p: BackupPreview }) {
  return (
    <dl className="data-facts">
      <dt>Made</dt>
      <dd>
        {when(p.createdAt)} ({p.kind === 'automatic' ? 'automatic' : 'by you'})
      </dd>
      <dt>Entries</dt>
      <dd>
        {p.entries}
        {p.firstDay && p.lastDay ? `, from ${longDate(p.firstDay)} to ${longDate(p.lastDay)}` : ''}
      </dd>
      <dt>People</dt>
      <dd>{p.people}</dd>
      <dt>Check-ins</dt>
      <dd>{p.checkins}</dd>
      <dt>Journal</dt>
      <dd>{p.sameJournal ? 'This journal (an earlier state of it)' : 'A different journal from the one open now'}</dd>
    </dl>
  );
}

export function BackupSection({ browser }: { browser: boolean }) {
  const toast = useToast();
  const { lock } = useSession();
  const [automatic, setAutomatic] = useState<AutomaticBackup[] | null>(null);
  const [previous, setPrevious] = useState<PreviousJournal[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [discarding, setDiscarding] = useState<PreviousJournal | null>(null);
  const fileId = useId();

  const reload = useCallback(async () => {
    try {
      const [a, p] = await Promise.all([call('backup.list', {}), call('backup.previous', {})]);
      setAutomatic(a);
      setPrevious(p);
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);
  useEffect(() => void reload(), [reload]);

  async function create() {
    setError(null);
    setBusy(true);
    try {
      if (browser) {
        const b = await call('backup.build', {});
        downloadBlob(base64ToBytes(b.base64), b.filename, b.mimeType);
        toast.show(`${b.filename} is downloading (${fileSize(b.bytes)}, encrypted, ${plural(b.preview.entries, 'entry', 'entries')}).`);
      } else {
        const r = await call('backup.save', {});
        if (r.saved) toast.show(`Encrypted backup saved (${fileSize(r.bytes)}, ${plural(r.preview.entries, 'entry', 'entries')}).`);
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
      if (f) setChosen({ source: { token: f.token }, label: `${f.name} (${fileSize(f.bytes)})` });
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <section className="data-section" aria-labelledby="data-backup">
      <h2 id="data-backup">Encrypted backup</h2>
      <p className="hint">
        A backup is a copy of the whole journal, encrypted like the journal itself: it opens only with your passphrase or recovery key. Keep one somewhere safe, away from this
        computer.
      </p>
      <div className="row">
        <button type="button" className="button primary" disabled={busy} onClick={() => void create()}>
          {busy ? 'Making the backup…' : browser ? 'Download an encrypted backup' : 'Save an encrypted backup…'}
        </button>
      </div>
      <ErrorAlert>{error}</ErrorAlert>

      <h3 id="data-automatic">Automatic backups</h3>
      <p className="hint">Fulcrum makes one a day when you unlock (the last 7 days and 4 weeks are kept), encrypted, inside its own folder.</p>
      {automatic === null ? null : automatic.length === 0 ? (
        <p className="hint">None yet — the first is made shortly after you unlock.</p>
      ) : (
        <ul className="plain-list" aria-labelledby="data-automatic">
          {automatic.map((b) => (
            <li key={b.name}>
              <span>
                {when(b.createdAt)} <span className="hint">· {fileSize(b.bytes)}</span>
              </span>
              <button type="button" className="button small" onClick={() => setChosen({ source: { automatic: b.name }, label: `the automatic backup of ${when(b.createdAt)}` })}>
                Restore…<span className="visually-hidden"> the backup of {when(b.createdAt)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}

      <h3>Restore from a backup file</h3>
      {browser ? (
        <div className="field">
          <label htmlFor={fileId}>Backup file (.fulcrum)</label>
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
                setChosen({ source: { base64: await fileToBase64(file) }, label: `${file.name} (${fileSize(file.size)})` });
              } catch (err) {
                setError(messageOf(err));
              }
            }}
          />
        </div>
      ) : (
        <div className="row">
          <button type="button" className="button" onClick={() => void pickDesktop()}>
            Choose a backup file…
          </button>
        </div>
      )}

      {previous.length > 0 && (
        <>
          <h3 id="data-previous">Journals replaced by a restore</h3>
          <p className="hint">When you restore, the journal you had is kept aside (encrypted) until you discard it, so a restore can be undone by hand.</p>
          <ul className="plain-list" aria-labelledby="data-previous">
            {previous.map((p) => (
              <li key={p.id}>
                <span>
                  Moved aside {when(p.movedAsideAt)} <span className="hint">· kept until {when(p.keptUntil)}</span>
                </span>
                <button type="button" className="button small danger-subtle" onClick={() => setDiscarding(p)}>
                  Discard<span className="visually-hidden"> the journal moved aside {when(p.movedAsideAt)}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}

      {chosen && <RestoreDialog chosen={chosen} onClose={() => setChosen(null)} onRestored={() => void lock()} />}
      {discarding && (
        <ConfirmDialog
          title="Discard the journal that was replaced?"
          message={<p>The journal moved aside on {when(discarding.movedAsideAt)} will be deleted for good. The journal you use now is not touched.</p>}
          confirmLabel="Discard it"
          danger
          onClose={() => setDiscarding(null)}
          onConfirm={async () => {
            await call('backup.discardPrevious', { id: discarding.id });
            await reload();
            toast.show('The replaced journal was discarded.');
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
  const asSecret = () => (kind === 'passphrase' ? { passphrase: secret } : { recoveryKey: secret });

  if (step === 'done') {
    return (
      <Dialog title="Your journal was restored" onClose={onRestored}>
        <div className="dialog-body">
          <p>Fulcrum now locks. Unlock with the passphrase (or recovery key) of the backup you restored.</p>
          <p className="hint">The journal you had before is kept aside; you can discard it on this page later.</p>
        </div>
        <div className="dialog-actions">
          <button type="button" className="button primary" autoFocus onClick={onRestored}>
            Go to unlock
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="Restore from a backup" onClose={onClose} wide>
      <div className="dialog-body stack">
        <p>From {chosen.label}.</p>
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
              <legend>Open it with</legend>
              <div className="row">
                <label className="check">
                  <input type="radio" name="restore-secret" checked={kind === 'passphrase'} onChange={() => setKind('passphrase')} />
                  The backup’s passphrase
                </label>
                <label className="check">
                  <input type="radio" name="restore-secret" checked={kind === 'recoveryKey'} onChange={() => setKind('recoveryKey')} />
                  Its recovery key
                </label>
              </div>
            </fieldset>
            <PassphraseField id={secretId} label={kind === 'passphrase' ? 'Passphrase' : 'Recovery key'} value={secret} onChange={setSecret} autoComplete="off" autoFocus />
            <p className="hint">This only opens the backup to show what is in it. Nothing changes yet.</p>
            <ErrorAlert>{error}</ErrorAlert>
            <div className="dialog-actions">
              <button type="button" className="button" onClick={onClose}>
                Cancel
              </button>
              <button type="submit" className="button primary" disabled={!secret}>
                Show what is in it
              </button>
            </div>
          </form>
        )}
        {step !== 'secret' && preview && (
          <>
            <PreviewFacts p={preview} />
            <p className="notice">
              Restoring replaces the journal you have now with this backup. Your current journal is kept aside (encrypted) until you discard it. Afterwards Fulcrum locks; unlock
              with this backup’s passphrase or recovery key.
            </p>
            <ErrorAlert>{error}</ErrorAlert>
            <div className="dialog-actions">
              <button type="button" className="button" onClick={onClose} disabled={step === 'restoring'}>
                Cancel
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
                {step === 'restoring' ? 'Restoring…' : 'Replace my journal with this backup'}
              </button>
            </div>
          </>
        )}
      </div>
    </Dialog>
  );
}
