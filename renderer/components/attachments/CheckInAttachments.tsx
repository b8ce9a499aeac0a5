/**
 * Files with a check-in's note. A check-in that is saved already takes files at once (linked to it,
 * encrypted in the journal); Remove sends one to the trash, with Undo. A new check-in holds the files
 * chosen in memory only and attaches them right after it is saved (`attachHeld`).
 */
import { useCallback, useId, useRef, useState, type RefObject } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { AttachmentMeta, AttachmentOwner } from '../../../shared/attachments.js';
import { call, messageOf } from '../../api.js';
import { translate } from '../../i18n/translate.js';
import { useT } from '../../i18n/index.js';
import { formatBytes } from '../../lib/format.js';
import { queryKey, useApi } from '../../lib/queries.js';
import { useToast } from '../../lib/session.js';
import { AttachmentRow, ACCEPT } from './AttachmentsField.js';
import { attach, precheck, whyNotAttached } from './client.js';
import { drawThumbnail } from './thumbnail.js';
import { loadOriginal, toViewerItem } from './EntryAttachments.js';
import { useFileIntake } from './intake.js';
import { VoiceRecorder } from './Recorder.js';
import { AttachmentViewer } from './Viewer.js';
import './attachments.css';

/** Attaches the files held for a new check-in once it exists; answers the ones that failed, with why. */
export async function attachHeld(files: readonly File[], checkInId: number): Promise<string[]> {
  const failed: string[] = [];
  for (const f of files) {
    try {
      await attach(f, drawThumbnail, { owner: { kind: 'checkin', id: checkInId } });
    } catch (e) {
      failed.push(translate('attachments.failedOne', { name: f.name, reason: whyNotAttached(e) }));
    }
  }
  return failed;
}

export function CheckInAttachments(props: {
  checkInId: number | null;
  held: File[];
  setHeld: (f: (files: File[]) => File[]) => void;
  dropTarget: RefObject<HTMLElement | null>;
  disabled?: boolean;
}) {
  const { checkInId, setHeld } = props;
  const toast = useToast();
  const t = useT();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<string[]>([]);
  const [actionErrors, setErrors] = useState<string[]>([]);
  const [viewing, setViewing] = useState<number | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const hintId = useId();
  const owner: AttachmentOwner | null = checkInId === null ? null : { kind: 'checkin', id: checkInId };

  // A saved check-in's files. Reordering, removing, restoring and captions are writes to the
  // attachments area (the list loads again after them); an upload goes over the byte bridge, which
  // does not tell the cache, so the list is asked again once a file is attached.
  const listInput = { owner: { kind: 'checkin', id: checkInId ?? 0 } } as const;
  const listQuery = useApi('attachments.list', listInput, { enabled: checkInId !== null });
  const list: AttachmentMeta[] = checkInId === null ? [] : (listQuery.data ?? []);
  const { refetch } = listQuery;
  const reload = useCallback(() => void refetch(), [refetch]);
  const setList = (next: (l: AttachmentMeta[]) => AttachmentMeta[]) =>
    queryClient.setQueryData(queryKey('attachments.list', listInput), (l: AttachmentMeta[] | undefined) => (l ? next(l) : l));
  const errors = listQuery.error ? [messageOf(listQuery.error), ...actionErrors] : actionErrors;

  const onFiles = useCallback(
    (files: File[]) => {
      if (props.disabled) return;
      if (checkInId === null) {
        const refused = files.map((f) => precheck(f)).filter((m): m is string => m !== null);
        setErrors(refused);
        setHeld((h) => [...h, ...files.filter((f) => precheck(f) === null)]);
        return;
      }
      for (const f of files) {
        setBusy((b) => [...b, f.name]);
        attach(f, drawThumbnail, { owner: { kind: 'checkin', id: checkInId } })
          .then(() => reload())
          .catch((e: unknown) => setErrors((list) => [...list, t('attachments.notAttached', { name: f.name, reason: whyNotAttached(e) })]))
          .finally(() => setBusy((b) => b.filter((n) => n !== f.name)));
      }
    },
    [checkInId, props.disabled, reload, setHeld, t],
  );
  const dragging = useFileIntake(props.dropTarget, onFiles);

  async function move(id: number, by: -1 | 1) {
    if (!owner) return;
    const ids = list.map((m) => m.id);
    const i = ids.indexOf(id);
    const j = i + by;
    if (i < 0 || j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    try {
      const next = await call('attachments.reorder', { owner, ids });
      setList(() => next);
    } catch (e) {
      setErrors([messageOf(e)]);
    }
  }

  async function remove(m: AttachmentMeta) {
    try {
      await call('attachments.remove', { id: m.id });
      toast.show(t('attachments.movedToTrash', { name: m.name }), {
        label: t('attachments.undo'),
        run: async () => {
          await call('attachments.restore', { id: m.id });
        },
      });
    } catch (e) {
      setErrors([messageOf(e)]);
    }
  }

  return (
    <section className={dragging ? 'attachments-field dragging' : 'attachments-field'} aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('attachments.title')}
      </h2>
      <p id={hintId} className="hint">
        {t(checkInId === null ? 'attachments.checkinHintNew' : 'attachments.checkinHint')}
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
            onFiles(Array.from(e.target.files ?? []));
            e.target.value = '';
          }}
        />
        <VoiceRecorder onRecorded={(f) => onFiles([f])} disabled={props.disabled} />
      </div>
      {errors.map((m, i) => (
        <p key={i} role="alert" className="error">
          {m}
        </p>
      ))}
      {busy.map((name, i) => (
        <div key={`${name}-${i}`} className="attachment-uploading">
          <span>{t('attachments.attaching', { name })}</span>
          <progress aria-label={t('attachments.attachingLabel', { name })} />
        </div>
      ))}
      {props.held.length > 0 && (
        <ul className="attachment-list" aria-label={t('attachments.heldList')}>
          {props.held.map((f, i) => (
            <li key={`${f.name}-${i}`} className="attachment-row">
              <span className="attachment-name" dir="auto">
                {f.name} <span className="hint">{t('attachments.heldSize', { size: formatBytes(f.size) })}</span>
              </span>
              <span />
              <button type="button" className="button small danger-subtle" onClick={() => setHeld((h) => h.filter((_, k) => k !== i))} aria-label={t('attachments.removeLabel', { name: f.name })}>
                {t('attachments.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {list.length > 0 && (
        <ol className="attachment-list" aria-label={t('attachments.attachedFiles')}>
          {list.map((m, i) => (
            <AttachmentRow
              key={m.id}
              meta={m}
              first={i === 0}
              last={i === list.length - 1}
              onView={() => setViewing(i)}
              onMove={(by) => void move(m.id, by)}
              onRemove={() => void remove(m)}
              onSaved={(next) => setList((l) => l.map((x) => (x.id === next.id ? next : x)))}
            />
          ))}
        </ol>
      )}
      {viewing !== null && list.length > 0 && <AttachmentViewer items={list.map(toViewerItem)} start={viewing} load={loadOriginal} onClose={() => setViewing(null)} />}
    </section>
  );
}
