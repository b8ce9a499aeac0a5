/**
 * The attachment viewer: a modal dialog over the entry. Images can be zoomed (+ / − / 0) and the
 * attachments browsed (← / →); audio plays in the browser's own player; a PDF shows its pages; plain
 * text is shown as text. Escape closes and focus goes back to the thumbnail that opened it. The bytes
 * are fetched when shown, kept in memory only, and their object URL is revoked when the view changes.
 */
import { useEffect, useState, type KeyboardEvent } from 'react';
import { messageOf } from '../../api.js';
import { useT } from '../../i18n/index.js';
import { formatBytes, formatInteger, formatPercent } from '../../lib/format.js';
import { Dialog } from '../Dialog.js';
import { useObjectUrl } from './blobs.js';
import { PdfPreview } from './PdfPreview.js';
import { altOf, kindOf } from './words.js';

export { altOf, kindOf };

export interface ViewerItem {
  id: number;
  name: string;
  mimeType: string;
  size: number;
  caption: string;
}

const ZOOMS = [0.5, 0.75, 1, 1.5, 2, 3, 4];

export function AttachmentViewer(props: { items: ViewerItem[]; start: number; load: (item: ViewerItem) => Promise<Blob>; onClose: () => void }) {
  const { items, load } = props;
  const [index, setIndex] = useState(Math.min(Math.max(0, props.start), items.length - 1));
  const [zoomAt, setZoomAt] = useState(ZOOMS.indexOf(1));
  const [blob, setBlob] = useState<Blob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const item = items[index];
  const url = useObjectUrl(blob);
  const [text, setText] = useState<string | null>(null);
  const t = useT();

  useEffect(() => {
    if (!item) return;
    let live = true;
    setBlob(null);
    setText(null);
    setError(null);
    setZoomAt(ZOOMS.indexOf(1));
    load(item)
      .then(async (b) => {
        if (!live) return;
        setBlob(b);
        if (kindOf(item.mimeType) === 'text') {
          const t = await b.text();
          if (live) setText(t);
        }
      })
      .catch((e: unknown) => live && setError(messageOf(e)));
    return () => {
      live = false;
    };
  }, [item, load]);

  if (!item) return null;
  const kind = kindOf(item.mimeType);
  const zoomable = kind === 'image' || kind === 'pdf';
  const zoom = ZOOMS[zoomAt]!;
  const go = (d: number) => setIndex((i) => (i + d + items.length) % items.length);
  const zoomBy = (d: number) => setZoomAt((z) => Math.min(ZOOMS.length - 1, Math.max(0, z + d)));

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const t = e.target as HTMLElement;
    // Keys meant for a control (the audio player's seek bar, a button) stay with it.
    if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLMediaElement) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'ArrowRight' && items.length > 1) go(1);
    else if (e.key === 'ArrowLeft' && items.length > 1) go(-1);
    else if ((e.key === '+' || e.key === '=') && zoomable) zoomBy(1);
    else if ((e.key === '-' || e.key === '_') && zoomable) zoomBy(-1);
    else if (e.key === '0' && zoomable) setZoomAt(ZOOMS.indexOf(1));
    else return;
    e.preventDefault();
  }

  const title = items.length > 1 ? t('attachments.viewerTitle', { name: item.name, index: formatInteger(index + 1), count: formatInteger(items.length) }) : item.name;
  return (
    <Dialog title={title} onClose={props.onClose} wide>
      <div className="attachment-viewer" onKeyDown={onKeyDown}>
        <div className="viewer-tools row">
          {items.length > 1 && (
            <>
              <button type="button" className="button small" onClick={() => go(-1)} aria-keyshortcuts="ArrowLeft">
                {t('attachments.previous')}
              </button>
              <button type="button" className="button small" onClick={() => go(1)} aria-keyshortcuts="ArrowRight">
                {t('attachments.next')}
              </button>
            </>
          )}
          {zoomable && (
            <>
              <button type="button" className="button small" onClick={() => zoomBy(-1)} disabled={zoomAt === 0} aria-keyshortcuts="-">
                {t('attachments.zoomOut')}
              </button>
              <span className="hint" aria-live="polite">
                {formatPercent(zoom)}
              </span>
              <button type="button" className="button small" onClick={() => zoomBy(1)} disabled={zoomAt === ZOOMS.length - 1} aria-keyshortcuts="+">
                {t('attachments.zoomIn')}
              </button>
            </>
          )}
          <button type="button" className="button small viewer-close" onClick={props.onClose} autoFocus>
            {t('attachments.close')}
          </button>
        </div>
        <div className="viewer-stage" tabIndex={kind === 'image' ? 0 : undefined} role={kind === 'image' ? 'group' : undefined} aria-label={kind === 'image' ? t('attachments.imageStage') : undefined}>
          {error ? (
            <p role="alert" className="error">
              {error}
            </p>
          ) : !blob ? (
            <p className="hint">{t('attachments.opening')}</p>
          ) : kind === 'image' && url ? (
            <img src={url} alt={altOf(item)} style={{ width: `${zoom * 100}%` }} className="viewer-image" />
          ) : kind === 'audio' && url ? (
            <audio src={url} controls aria-label={altOf(item)} className="viewer-audio" />
          ) : kind === 'pdf' ? (
            <PdfPreview blob={blob} name={item.name} zoom={zoom} />
          ) : kind === 'text' ? (
            <pre className="viewer-text" dir="auto">
              {text ?? ''}
            </pre>
          ) : (
            <p className="hint">{t('attachments.cannotShow')}</p>
          )}
        </div>
        {item.caption.trim() && (
          <p className="viewer-caption" dir="auto">
            {item.caption}
          </p>
        )}
        <p className="hint">
          {item.mimeType}, {formatBytes(item.size)}
        </p>
      </div>
    </Dialog>
  );
}
