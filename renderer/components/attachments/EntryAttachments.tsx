/**
 * An entry's attachments where it is read (the entry page) and counted (timeline cards). Thumbnails
 * are fetched lazily as they come into view; a click (or Enter) opens the viewer on that file.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { AttachmentCounts, AttachmentMeta, AttachmentOwner } from '../../../shared/attachments.js';
import { call, messageOf } from '../../api.js';
import { useT } from '../../i18n/index.js';
import { formatBytes } from '../../lib/format.js';
import { bytesOf } from './client.js';
import { AttachmentThumb } from './Thumb.js';
import { altOf, AttachmentViewer, type ViewerItem } from './Viewer.js';
import './attachments.css';

export const toViewerItem = (m: AttachmentMeta): ViewerItem => ({ id: m.id, name: m.name, mimeType: m.mime, size: m.bytes, caption: m.caption });
export const loadOriginal = (item: ViewerItem) => bytesOf(item.id, 'original');

/** The attachments section of the entry page (nothing at all when there are none). */
export function EntryAttachments(props: { owner: AttachmentOwner; /** Changes when the entry was saved or restored. */ version?: number }) {
  const { kind, id } = props.owner;
  const [list, setList] = useState<AttachmentMeta[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  const headingId = useId();
  const t = useT();

  useEffect(() => {
    let live = true;
    call('attachments.list', { owner: { kind, id } })
      .then((l) => live && setList(l))
      .catch((e) => live && setError(messageOf(e)));
    return () => {
      live = false;
    };
  }, [kind, id, props.version]);

  if (error)
    return (
      <p role="alert" className="error">
        {t('attachments.listFailed', { reason: error })}
      </p>
    );
  if (!list || list.length === 0) return null;
  return (
    <section aria-labelledby={headingId} className="entry-section">
      <h2 id={headingId}>{t('attachments.title')}</h2>
      <ul className="entry-attachments">
        {list.map((m, i) => (
          <li key={m.id}>
            <figure>
              <button type="button" className="attachment-open" onClick={() => setViewing(i)} aria-label={t('attachments.view', { name: m.name })}>
                <AttachmentThumb meta={m} alt={altOf(toViewerItem(m))} />
              </button>
              <figcaption dir="auto">
                {m.caption.trim() || m.name}
                <span className="hint"> · {formatBytes(m.bytes)}</span>
              </figcaption>
            </figure>
          </li>
        ))}
      </ul>
      {viewing !== null && <AttachmentViewer items={list.map(toViewerItem)} start={viewing} load={loadOriginal} onClose={() => setViewing(null)} />}
    </section>
  );
}

/** On a timeline card: the first image's thumbnail and how many files the entry has. */
export function CardAttachments(props: { counts: AttachmentCounts[string] | undefined }) {
  const c = props.counts;
  const t = useT();
  if (!c || c.count === 0) return null;
  return (
    <p className="card-attachments">
      {c.firstImageId !== null && <AttachmentThumb meta={{ id: c.firstImageId, kind: 'image', hasThumbnail: true }} size="card" />}
      <span>{t('attachments.count', { count: c.count })}</span>
    </p>
  );
}

/**
 * The counts for the entries on screen, asked for in batches as pages of entries arrive (each entry
 * once per page visit; a new list of entries with the same ids asks again only for the new ones).
 */
export function useAttachmentCounts(entryIds: readonly number[]): AttachmentCounts {
  const [counts, setCounts] = useState<AttachmentCounts>({});
  const asked = useRef(new Set<number>());
  const key = entryIds.join(',');
  useEffect(() => {
    const ids = key ? key.split(',').map(Number) : [];
    const fresh = ids.filter((id) => !asked.current.has(id));
    if (fresh.length === 0) return;
    for (const id of fresh) asked.current.add(id);
    const batches: number[][] = [];
    for (let i = 0; i < fresh.length; i += 200) batches.push(fresh.slice(i, i + 200));
    for (const batch of batches) {
      call('attachments.counts', { entryIds: batch })
        .then((c) => setCounts((prev) => ({ ...prev, ...c })))
        .catch(() => {
          // No counts: the cards simply show none. Asked again on the next visit.
          for (const id of batch) asked.current.delete(id);
        });
    }
  }, [key]);
  return counts;
}
