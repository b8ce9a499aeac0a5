/**
 * The attachments of an entry being written: attach by the file picker, by dropping files anywhere on
 * the editor, by pasting a screenshot into it, or by recording a voice note. Each file is uploaded at
 * once (encrypted in the journal, not yet linked); the editor keeps the ordered ids with its draft and
 * names them when the entry is saved, so a file removed here goes to the trash with the save, and
 * Undo brings it back until then. Captions (alt text) and the choice about location/device metadata
 * are saved on the attachment as they change.
 */
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { ACCEPTED_MIME, type AttachmentMeta } from '../../../shared/attachments.js';
import { ApiError, call, messageOf } from '../../api.js';
import { useT } from '../../i18n/index.js';
import { formatBytes } from '../../lib/format.js';
import { queryKey } from '../../lib/queries.js';
import { useToast } from '../../lib/session.js';
import { useFileIntake } from './intake.js';
import { attach, whyNotAttached } from './client.js';
import { drawThumbnail } from './thumbnail.js';
import { loadOriginal, toViewerItem } from './EntryAttachments.js';
import { VoiceRecorder } from './Recorder.js';
import { AttachmentThumb } from './Thumb.js';
import { AttachmentViewer } from './Viewer.js';
import { listWords, sensitiveWords } from './words.js';
import './attachments.css';

export const ACCEPT = [...Object.keys(ACCEPTED_MIME), '.png', '.jpg', '.jpeg', '.webp', '.gif', '.pdf', '.m4a', '.mp3', '.ogg', '.wav', '.webm', '.txt'].join(',');

interface Pending {
  key: number;
  name: string;
  size: number;
  error: string | null;
}

export type IdsUpdate = (f: (ids: number[]) => number[]) => void;

const notFound = (e: unknown) => e instanceof ApiError && e.code === 'NOT_FOUND';


export function AttachmentsField(props: { ids: number[]; update: IdsUpdate; dropTarget: RefObject<HTMLElement | null>; disabled?: boolean }) {
  const { ids, update } = props;
  const toast = useToast();
  const t = useT();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Pending[]>([]);
  const [viewing, setViewing] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** Past the size the person should know about (backups and exports carry every file): the bytes they take. */
  const [sizeWarning, setSizeWarning] = useState<number | null>(null);
  const [announce, setAnnounce] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const nextKey = useRef(1);
  const headingId = useId();
  const hintId = useId();

  // What a file just attached or saved here is now: put under its query's key, so the list shows it
  // at once.
  const remember = useCallback((m: AttachmentMeta) => queryClient.setQueryData(queryKey('attachments.get', { id: m.id }), m), [queryClient]);

  // The attachments named by the entry or its draft, one query each (a write to attachments reloads them).
  const results = useQueries({ queries: ids.map((id) => ({ queryKey: queryKey('attachments.get', { id }), queryFn: () => call('attachments.get', { id }) })) });
  const metas = new Map(results.flatMap((r) => (r.data ? [[r.data.id, r.data] as const] : [])));
  // A file the draft names that is no longer in the journal is left out, and the page says so. This
  // effect only changes the list; the queries above did the asking.
  const gone = ids.filter((_, i) => notFound(results[i]?.error)).join(',');
  useEffect(() => {
    if (!gone) return;
    const missing = new Set(gone.split(',').map(Number));
    update((list) => list.filter((x) => !missing.has(x)));
    setNotice(t('attachments.draftMissing'));
  }, [gone, update, t]);

  const attachFiles = useCallback(
    (files: File[]) => {
      if (props.disabled) return;
      for (const file of files) {
        const key = nextKey.current++;
        setPending((p) => [...p, { key, name: file.name, size: file.size, error: null }]);
        attach(file, drawThumbnail)
          .then((meta) => {
            remember(meta);
            update((list) => [...list, meta.id]);
            setPending((p) => p.filter((x) => x.key !== key));
            setAnnounce(t('attachments.announceAttached', { name: meta.name }));
            call('attachments.status', {})
              .then((st) => setSizeWarning(st.warning === null ? null : st.bytes))
              .catch(() => undefined);
          })
          .catch((e: unknown) => setPending((p) => p.map((x) => (x.key === key ? { ...x, error: whyNotAttached(e) } : x))));
      }
    },
    [props.disabled, remember, update, t],
  );

  // Drop files anywhere on the editor; paste a screenshot into any of its fields.
  const dragging = useFileIntake(props.dropTarget, attachFiles);

  const shown = ids.map((id) => metas.get(id)).filter((m): m is AttachmentMeta => m !== undefined);

  function move(id: number, by: -1 | 1) {
    update((list) => {
      const i = list.indexOf(id);
      const j = i + by;
      if (i < 0 || j < 0 || j >= list.length) return list;
      const next = [...list];
      [next[i], next[j]] = [next[j]!, next[i]!];
      return next;
    });
    const m = metas.get(id);
    if (m) setAnnounce(t(by < 0 ? 'attachments.announceMovedUp' : 'attachments.announceMovedDown', { name: m.name }));
  }

  function remove(m: AttachmentMeta) {
    const at = ids.indexOf(m.id);
    update((list) => list.filter((x) => x !== m.id));
    toast.show(t('attachments.removedUntilSave', { name: m.name }), {
      label: t('attachments.undo'),
      run: () => update((list) => (list.includes(m.id) ? list : [...list.slice(0, at), m.id, ...list.slice(at)])),
    });
  }

  return (
    <section className={dragging ? 'attachments-field dragging' : 'attachments-field'} aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('attachments.title')}
      </h2>
      <p id={hintId} className="hint">
        {t('attachments.entryHint')}
      </p>
      {dragging && (
        <p className="drop-hint" aria-hidden="true">
          {t('attachments.dropHint')}
        </p>
      )}
      <div className="row attachments-actions">
        <button type="button" className="button small" onClick={() => input.current?.click()} disabled={props.disabled} aria-describedby={hintId}>
          {t('attachments.attachFiles')}
        </button>
        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPT}
          hidden
          aria-label={t('attachments.filesToAttach')}
          onChange={(e) => {
            attachFiles(Array.from(e.target.files ?? []));
            e.target.value = '';
          }}
        />
        <VoiceRecorder onRecorded={(f) => attachFiles([f])} disabled={props.disabled} />
      </div>
      {notice && <p className="notice">{notice}</p>}
      {sizeWarning !== null && <p className="notice attachments-size">{t('attachments.sizeWarning', { size: formatBytes(sizeWarning) })}</p>}
      <p className="visually-hidden" role="status">
        {announce}
      </p>
      {pending.length > 0 && (
        <ul className="attachment-uploads">
          {pending.map((p) => (
            <li key={p.key}>
              {p.error ? (
                <div role="alert" className="error attachment-error">
                  <span>{t('attachments.notAttached', { name: p.name, reason: p.error })}</span>
                  <button type="button" className="button small" onClick={() => setPending((list) => list.filter((x) => x.key !== p.key))}>
                    {t('attachments.dismiss')}
                  </button>
                </div>
              ) : (
                <div className="attachment-uploading">
                  <span>{t('attachments.attachingSized', { name: p.name, size: formatBytes(p.size) })}</span>
                  <progress aria-label={t('attachments.attachingLabel', { name: p.name })} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {shown.length > 0 && (
        <ol className="attachment-list" aria-label={t('attachments.attachedFiles')}>
          {shown.map((m, i) => (
            <AttachmentRow
              key={m.id}
              meta={m}
              first={i === 0}
              last={i === shown.length - 1}
              onView={() => setViewing(i)}
              onMove={(by) => move(m.id, by)}
              onRemove={() => remove(m)}
              onSaved={remember}
            />
          ))}
        </ol>
      )}
      {viewing !== null && shown.length > 0 && <AttachmentViewer items={shown.map(toViewerItem)} start={viewing} load={loadOriginal} onClose={() => setViewing(null)} />}
    </section>
  );
}

export function AttachmentRow(props: {
  meta: AttachmentMeta;
  first: boolean;
  last: boolean;
  onView: () => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  onSaved: (m: AttachmentMeta) => void;
}) {
  const m = props.meta;
  const t = useT();
  const [caption, setCaption] = useState(m.caption);
  const [error, setError] = useState<string | null>(null);
  const saved = useRef(m.caption);
  const captionId = useId();
  const found = sensitiveWords(m);
  const saveRef = useRef<() => Promise<void>>(async () => undefined);

  // Saved a moment after typing stops, on leaving the field, and if the row goes away meanwhile.
  useEffect(() => {
    if (caption === saved.current) return;
    const t = setTimeout(() => void saveRef.current(), 800);
    return () => clearTimeout(t);
  }, [caption]);
  useEffect(() => () => void saveRef.current(), []);

  async function saveCaption() {
    if (caption === saved.current) return;
    try {
      const next = await call('attachments.update', { id: m.id, patch: { caption } });
      saved.current = next.caption;
      props.onSaved(next);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }
  saveRef.current = saveCaption;

  // The box follows the click at once; if saving the choice fails it goes back, with why.
  const [keep, setKeepShown] = useState(m.keepSensitive);
  async function setKeep(keepSensitive: boolean) {
    setKeepShown(keepSensitive);
    try {
      props.onSaved(await call('attachments.update', { id: m.id, patch: { keepSensitive } }));
      setError(null);
    } catch (e) {
      setKeepShown(!keepSensitive);
      setError(messageOf(e));
    }
  }

  // Alt+↑ / Alt+↓ on a row moves it, as the buttons do.
  function onKeyDown(e: KeyboardEvent<HTMLLIElement>) {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    if ((e.key === 'ArrowUp' && props.first) || (e.key === 'ArrowDown' && props.last)) return;
    e.preventDefault();
    props.onMove(e.key === 'ArrowUp' ? -1 : 1);
  }

  return (
    <li className="attachment-row" onKeyDown={onKeyDown}>
      <button type="button" className="attachment-open" onClick={props.onView} aria-label={t('attachments.view', { name: m.name })}>
        <AttachmentThumb meta={m} />
      </button>
      <div className="attachment-details">
        <p className="attachment-name" dir="auto">
          {m.name} <span className="hint">({formatBytes(m.bytes)})</span>
        </p>
        <label htmlFor={captionId} className="visually-hidden">
          {t('attachments.captionFor', { name: m.name })}
        </label>
        <input
          id={captionId}
          type="text"
          dir="auto"
          className="attachment-caption"
          placeholder={t(m.kind === 'image' ? 'attachments.captionImage' : 'attachments.captionOther')}
          value={caption}
          maxLength={1000}
          onChange={(e) => setCaption(e.target.value)}
          onBlur={() => void saveCaption()}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) void saveCaption();
          }}
          autoComplete="off"
        />
        {found.length > 0 && (
          <div className="attachment-sensitive">
            <p>{t('attachments.sensitiveRecords', { what: listWords(found) })}</p>
            <label className="check">
              <input type="checkbox" checked={keep} onChange={(e) => void setKeep(e.target.checked)} />
              {t('attachments.keepSensitive', { name: m.name })}
            </label>
          </div>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </div>
      <div className="attachment-row-actions">
        <button type="button" className="button small" onClick={() => props.onMove(-1)} disabled={props.first} aria-label={t('attachments.moveUp', { name: m.name })} aria-keyshortcuts="Alt+ArrowUp">
          ↑
        </button>
        <button type="button" className="button small" onClick={() => props.onMove(1)} disabled={props.last} aria-label={t('attachments.moveDown', { name: m.name })} aria-keyshortcuts="Alt+ArrowDown">
          ↓
        </button>
        <button type="button" className="button small danger-subtle" onClick={props.onRemove} aria-label={t('attachments.removeLabel', { name: m.name })}>
          {t('attachments.remove')}
        </button>
      </div>
    </li>
  );
}

