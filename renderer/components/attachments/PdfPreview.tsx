/**
 * A PDF's pages drawn on a canvas by pdf.js, from bytes in memory (no file, no URL to the document).
 * pdf.js and its worker are bundled with the app and loaded only when a PDF is opened; fonts are drawn
 * as paths and eval is off, so the app's strict content policy holds.
 */
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/index.js';
import { formatInteger } from '../../lib/format.js';

type PdfJs = typeof import('pdfjs-dist');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

let pdfjs: Promise<PdfJs> | null = null;
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(([lib, worker]) => {
    lib.GlobalWorkerOptions.workerSrc = worker.default;
    return lib;
  });
  return pdfjs;
}

export function PdfPreview(props: { blob: Blob; name: string; zoom?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [doc, setDoc] = useState<PdfDocument | null>(null);
  const [page, setPage] = useState(1);
  /** Set when pdf.js could not open the file (worded where it is shown). */
  const [error, setError] = useState(false);
  const t = useT();
  const zoom = props.zoom ?? 1;

  useEffect(() => {
    let live = true;
    let opened: PdfDocument | null = null;
    setDoc(null);
    setPage(1);
    setError(false);
    (async () => {
      try {
        const lib = await loadPdfJs();
        const data = new Uint8Array(await props.blob.arrayBuffer());
        const task = lib.getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, enableXfa: false });
        opened = await task.promise;
        if (live) setDoc(opened);
        else void opened.destroy();
      } catch {
        if (live) setError(true);
      }
    })();
    return () => {
      live = false;
      void opened?.destroy();
    };
  }, [props.blob]);

  useEffect(() => {
    if (!doc || !canvas.current) return;
    let task: { cancel(): void; promise: Promise<void> } | null = null;
    let live = true;
    (async () => {
      const p = await doc.getPage(page);
      if (!live || !canvas.current) return;
      const viewport = p.getViewport({ scale: 1.4 * zoom });
      const c = canvas.current;
      c.width = Math.floor(viewport.width);
      c.height = Math.floor(viewport.height);
      task = p.render({ canvas: c, viewport });
      await task.promise.catch(() => undefined);
    })();
    return () => {
      live = false;
      task?.cancel();
    };
  }, [doc, page, zoom]);

  if (error)
    return (
      <p role="alert" className="error">
        {t('attachments.pdfFailed')}
      </p>
    );
  if (!doc) return <p className="hint">{t('attachments.pdfOpening')}</p>;
  const pages = { page: formatInteger(page), pages: formatInteger(doc.numPages) };
  return (
    <div className="pdf-preview">
      <div className="pdf-page">
        <canvas ref={canvas} role="img" aria-label={t('attachments.pdfPageOf', { ...pages, name: props.name })} />
      </div>
      {doc.numPages > 1 && (
        <div className="row pdf-pages">
          <button type="button" className="button small" onClick={() => setPage((n) => Math.max(1, n - 1))} disabled={page <= 1}>
            {t('attachments.pdfPrevious')}
          </button>
          <span aria-live="polite">{t('attachments.pdfPage', pages)}</span>
          <button type="button" className="button small" onClick={() => setPage((n) => Math.min(doc.numPages, n + 1))} disabled={page >= doc.numPages}>
            {t('attachments.pdfNext')}
          </button>
        </div>
      )}
    </div>
  );
}
