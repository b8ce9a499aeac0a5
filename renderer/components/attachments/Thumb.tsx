/**
 * An attachment's thumbnail: fetched only once it scrolls into view, held as a Blob in memory and
 * shown through an object URL revoked when it leaves. Files without one show what kind they are.
 */
import { useEffect, useRef, useState } from 'react';
import type { AttachmentMeta } from '../../../shared/attachments.js';
import { useT } from '../../i18n/index.js';
import type { MessageId } from '../../i18n/translate.js';
import { useObjectUrl } from './blobs.js';
import { bytesOf } from './client.js';

/** What a file without a thumbnail shows in its place: a short word for its kind (a note for audio). */
const BADGE: Readonly<Record<AttachmentMeta['kind'], MessageId | '♪'>> = { image: 'attachments.badgeImage', pdf: 'attachments.badgePdf', audio: '♪', text: 'attachments.badgeText' };

/** True once the element has come near the viewport (then stays true). */
function useSeen<T extends Element>(): [React.RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || seen) return;
    if (typeof IntersectionObserver === 'undefined') {
      setSeen(true);
      return;
    }
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        setSeen(true);
        io.disconnect();
      }
    }, { rootMargin: '200px' });
    io.observe(el);
    return () => io.disconnect();
  }, [seen]);
  return [ref, seen];
}

/** `alt` is empty when the thumbnail sits inside a control already named for the attachment. */
export function AttachmentThumb(props: { meta: Pick<AttachmentMeta, 'id' | 'kind' | 'hasThumbnail'>; alt?: string; size?: 'small' | 'card' }) {
  const { id, kind, hasThumbnail } = props.meta;
  const [ref, seen] = useSeen<HTMLSpanElement>();
  const [blob, setBlob] = useState<Blob | null>(null);
  const url = useObjectUrl(blob);
  const t = useT();
  const badge = BADGE[kind];
  useEffect(() => {
    if (!seen || !hasThumbnail) return;
    let live = true;
    bytesOf(id, 'thumbnail')
      .then((b) => live && setBlob(b))
      .catch(() => undefined);
    return () => {
      live = false;
      setBlob(null);
    };
  }, [seen, id, hasThumbnail]);
  return (
    <span ref={ref} className={`attachment-thumb attachment-thumb-${props.size ?? 'small'}`}>
      {url ? <img src={url} alt={props.alt ?? ''} /> : <span className="attachment-badge" aria-hidden="true">{badge === '♪' ? badge : t(badge)}</span>}
    </span>
  );
}
