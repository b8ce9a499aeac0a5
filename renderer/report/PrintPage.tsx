/**
 * #/report/print: the report exactly as it prints (the same component, the print CSS), built from the
 * builder's settings kept in memory — no journal data in the URL. From here it leaves the app: as a
 * PDF (desktop: the same HTML printed by main with page numbers, range and date on every page;
 * browser mode: the browser's print), or as Markdown, CSV or JSON — each after saying it will not be
 * encrypted.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ExportFormat } from '../../shared/portability.js';
import type { ReportModel } from '../../shared/report.js';
import { call, messageOf, transport } from '../api.js';
import { ErrorAlert, Loading } from '../components/Feedback.js';
import { useToast } from '../lib/session.js';
import { downloadBlob, type PlainFormat } from './files.js';
import { localToday } from './format.js';
import { PlaintextConfirm } from './PlaintextConfirm.js';
import { ReportDocument } from './ReportDocument.js';
import { ReportAttachments } from '../components/attachments/ReportAttachments.js';
import { EvidencePackageButton, VerificationAppendix } from './Verification.js';
import type { Evidence } from '../../shared/evidence.js';
import { useReportState } from './state.js';
import reportCss from './report.css?inline';
import './report.css';

/** The print view as a self-contained document: inline CSS, inline SVG, no script, a neutral title. */
export function standaloneHtml(doc: HTMLElement): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fulcrum report</title><style>${reportCss}\nbody{margin:0;background:#fff}</style></head><body>${doc.outerHTML}</body></html>`;
}

export function ReportPrintPage() {
  const { config } = useReportState();
  const toast = useToast();
  const [model, setModel] = useState<ReportModel | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<PlainFormat | null>(null);
  const [evidence, setEvidence] = useState<{ evidence: Evidence | null; problem: string | null }>({ evidence: null, problem: null });
  const docRef = useRef<HTMLDivElement>(null);
  /** The chosen attachments are drawn into the document (nothing to wait for when there are none). */
  const [filesReady, setFilesReady] = useState(config.attachmentIds.length === 0);
  const browser = useMemo(() => {
    try {
      return transport() === 'browser';
    } catch {
      return true;
    }
  }, []);

  useEffect(() => {
    let live = true;
    call('report.build', { config, today: localToday() })
      .then((m) => live && setModel(m))
      .catch((e) => live && setError(messageOf(e)));
    // The proofs printed at the end: the same settings, the same snapshot of the history as the package's.
    call('report.evidence', { config, today: localToday() })
      .then((ev) => live && setEvidence({ evidence: ev, problem: null }))
      .catch((e) => live && setEvidence({ evidence: null, problem: messageOf(e) }));
    return () => {
      live = false;
    };
  }, [config]);

  // The browser's own print header shows the page title: only the range, never a name.
  useEffect(() => {
    if (!model) return;
    const before = document.title;
    const onBefore = () => {
      document.title = `Fulcrum report ${model.range.from} to ${model.range.to}`;
    };
    const onAfter = () => {
      document.title = before;
    };
    window.addEventListener('beforeprint', onBefore);
    window.addEventListener('afterprint', onAfter);
    return () => {
      window.removeEventListener('beforeprint', onBefore);
      window.removeEventListener('afterprint', onAfter);
      document.title = before;
    };
  }, [model]);

  const savePdf = useCallback(async () => {
    if (!model) return;
    const doc = docRef.current?.querySelector<HTMLElement>('.rp-doc');
    if (!doc) return;
    const r = await call('report.savePdf', { html: standaloneHtml(doc), pageSize: model.pageSize, from: model.range.from, to: model.range.to, generatedOn: model.generatedOn });
    if (r.saved) toast.show('The PDF is saved. It is not encrypted — keep it somewhere private.');
  }, [model, toast]);

  const saveFile = useCallback(
    async (format: ExportFormat) => {
      const input = { config, format, today: localToday() };
      if (browser) {
        const f = await call('report.export', input);
        downloadBlob(f.content, f.filename, f.mimeType);
        toast.show(`${f.filename} is downloading. It is not encrypted — keep it somewhere private.`);
      } else {
        const r = await call('report.saveExport', input);
        if (r.saved) toast.show('The file is saved. It is not encrypted — keep it somewhere private.');
      }
    },
    [browser, config, toast],
  );

  return (
    <div className="page rp-page">
      <header className="page-head rp-screen-only">
        <div>
          <h1>Report preview</h1>
          <p className="hint">This is exactly what will be printed. Read it through before you share it — a nickname or a misspelt name is not replaced by a pseudonym.</p>
        </div>
        <a className="button" href="#/report">
          Back to the builder
        </a>
      </header>
      <div className="rp-actions rp-screen-only" role="group" aria-label="Save or print the report">
        <button type="button" className="button primary" disabled={!model || !filesReady} onClick={() => setConfirm('pdf')}>
          {browser ? 'Print or save as PDF…' : 'Save as PDF…'}
        </button>
        <span className="rp-actions-label">Also as a file:</span>
        <button type="button" className="button" disabled={!model} onClick={() => setConfirm('markdown')}>
          Markdown
        </button>
        <button type="button" className="button" disabled={!model} onClick={() => setConfirm('csv')}>
          CSV
        </button>
        <button type="button" className="button" disabled={!model} onClick={() => setConfirm('json')}>
          JSON
        </button>
        {model && (
          <EvidencePackageButton
            model={model}
            config={config}
            browser={browser}
            html={() => {
              const doc = docRef.current?.querySelector<HTMLElement>('.rp-doc');
              return doc ? standaloneHtml(doc) : null;
            }}
          />
        )}
      </div>
      {browser && model && (
        <p className="hint rp-screen-only">In your browser’s print window, choose “Save as PDF” as the printer, and turn on “Headers and footers” for page numbers and the date range on every page.</p>
      )}
      <ErrorAlert>{error}</ErrorAlert>
      {!model && !error && <Loading label="Putting the report together…" />}
      {model && (
        <div className="rp-sheet" ref={docRef}>
          <ReportDocument
            model={model}
            appendix={<VerificationAppendix evidence={evidence.evidence} problem={evidence.problem} compact={!(model.charts || model.patterns || model.checkins || model.entries)} />}
          >
            <ReportAttachments model={model} onReady={setFilesReady} />
          </ReportDocument>
        </div>
      )}
      {confirm && (
        <PlaintextConfirm
          format={confirm}
          how={confirm === 'pdf' && browser ? 'print' : browser ? 'download' : 'save'}
          onClose={() => setConfirm(null)}
          onConfirm={async () => {
            if (confirm === 'pdf' && browser) {
              // The browser's print window opens once this dialog has closed, not over it.
              setTimeout(() => window.print(), 100);
            } else if (confirm === 'pdf') await savePdf();
            else await saveFile(confirm);
          }}
        />
      )}
    </div>
  );
}
