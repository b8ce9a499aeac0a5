/**
 * An entry's attachments where it is read (the entry page) and counted (timeline cards). Thumbnails
 * are fetched lazily as they come into view; a click (or Enter) opens the viewer on that file.
 */
import { useId, useMemo, useState } from 'react';
import { keepPreviousData, useQueries, type UseQueryResult } from '@tanstack/react-query';
import type { AttachmentCounts, AttachmentMeta, AttachmentOwner } from '../../../shared/attachments.js';
import { call, messageOf } from '../../api.js';
import { useT } from '../../i18n/index.js';
import { formatBytes } from '../../lib/format.js';
import { queryKey, useApi } from '../../lib/queries.js';
import { bytesOf } from './client.js';
import { AttachmentThumb } from './Thumb.js';
import { altOf, AttachmentViewer, type ViewerItem } from './Viewer.js';
import './attachments.css';

export const toViewerItem = (m: AttachmentMeta): ViewerItem => ({ id: m.id, name: m.name, mimeType: m.mime, size: m.bytes, caption: m.caption });
export const loadOriginal = (item: ViewerItem) => bytesOf(item.id, 'original');

/**
 * The attachments section of the entry page (nothing at all when there are none). Saving or restoring
 * the entry, and every change to its files, is a write to the attachments area: the list loads again.
 */
export function EntryAttachments(props: { owner: AttachmentOwner }) {
  const { kind, id } = props.owner;
  const listQuery = useApi('attachments.list', { owner: { kind, id } });
  const list: AttachmentMeta[] | null = listQuery.data ?? null;
  const error = listQuery.error ? messageOf(listQuery.error) : null;
  const [viewing, setViewing] = useState<number | null>(null);
  const headingId = useId();
  const t = useT();

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

/** How many entries one call asks about. */
const COUNTS_BATCH = 200;

/** Every batch's counts in one map; a batch that failed adds none (its cards simply show none). */
const mergeCounts = (results: UseQueryResult<AttachmentCounts>[]): AttachmentCounts => Object.assign({}, ...results.map((r) => r.data ?? {})) as AttachmentCounts;

/**
 * The counts for the entries on screen, asked for in batches of the list as it stands: one query per
 * batch of ids, so a newer list's answer always wins, and a change to attachments or entries (a write
 * to the attachments area) asks again. While a batch that grew (a next page arrived) is asked again,
 * its previous counts stay shown.
 */
export function useAttachmentCounts(entryIds: readonly number[]): AttachmentCounts {
  const key = entryIds.join(',');
  const batches = useMemo(() => {
    const ids = key ? key.split(',').map(Number) : [];
    const out: number[][] = [];
    for (let i = 0; i < ids.length; i += COUNTS_BATCH) out.push(ids.slice(i, i + COUNTS_BATCH));
    return out;
  }, [key]);
  return useQueries({
    queries: batches.map((entryIds) => ({
      queryKey: queryKey('attachments.counts', { entryIds }),
      queryFn: () => call('attachments.counts', { entryIds }),
      placeholderData: keepPreviousData,
    })),
    combine: mergeCounts,
  });
}
