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
import { useApi } from '../lib/queries.js';
import { useToast } from '../lib/session.js';
import { downloadBlob, FORMAT_NAMES, type PlainFormat } from './files.js';
import { localToday } from './format.js';
import { PlaintextConfirm } from './PlaintextConfirm.js';
import { ReportDocument } from './ReportDocument.js';
import { ReportAttachments } from '../components/attachments/ReportAttachments.js';
import { VerificationAppendix } from './Appendix.js';
import { EvidencePackageButton } from './Verification.js';
import { useReportState } from './state.js';
import { ReportLanguage } from './ReportLanguage.js';
import { useLanguage, useT } from '../i18n/index.js';
import chartsCss from '../styles/charts.css?inline';
import reportCss from './report.css?inline';
import './report.css';

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The print view as a self-contained document: inline CSS (the charts' and the report's), inline SVG, no script, a neutral title;
 * the page's language and direction are the report's own (its `lang` and `dir`).
 */
export function standaloneHtml(doc: HTMLElement, title = 'Fulcrum report'): string {
  const lang = escapeHtml(doc.getAttribute('lang') || 'en');
  const dir = doc.getAttribute('dir') === 'rtl' ? 'rtl' : 'ltr';
  return `<!doctype html><html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${chartsCss}\n${reportCss}\nbody{margin:0;background:#fff}</style></head><body>${doc.outerHTML}</body></html>`;
}

export function ReportPrintPage() {
  const { config, language: chosen } = useReportState();
  // The report's own language (null follows the app's): also the words of the PDF's header and footer.
  const app = useLanguage();
  const language = chosen ?? app.language;
  const toast = useToast();
  const t = useT();
  // The report and the proofs printed at the end: the same settings and day, the same snapshot of the
  // history as the package's. Each settings its own key (a late answer for older ones never shows);
  // a change to what the report shows (a write to the report area) builds it again. Forgotten as
  // soon as the page is left (gcTime 0): the next visit builds a fresh report, and the journal's
  // words are not kept in memory longer than they are shown.
  const today = useMemo(() => localToday(), []);
  const buildQuery = useApi('report.build', { config, today }, { gcTime: 0 });
  const evidenceQuery = useApi('report.printedProofs', { config, today }, { gcTime: 0 });
  const model: ReportModel | null = buildQuery.data ?? null;
  const error = buildQuery.error ? messageOf(buildQuery.error) : null;
  const evidence = { evidence: evidenceQuery.data ?? null, problem: evidenceQuery.error ? messageOf(evidenceQuery.error) : null };
  const [confirm, setConfirm] = useState<PlainFormat | null>(null);
  const docRef = useRef<HTMLDivElement>(null);
  /** The chosen attachments are drawn into the document (nothing to wait for when there are none). */
  const [filesReady, setFilesReady] = useState(config.attachmentIds.length === 0);
  /** The proofs have come (or the reason there are none): a report printed before would lack them. */
  const proofsReady = evidence.evidence !== null || evidence.problem !== null;
  /** The entries are drawn a step at a time (a long report stays responsive); it prints once all are. */
  const [drawn, setDrawn] = useState<{ drawn: number; total: number } | null>(null);
  const onEntriesDrawn = useCallback((n: number, total: number) => setDrawn({ drawn: n, total }), []);
  const entriesReady = model !== null && (!model.entries || (drawn !== null && drawn.drawn >= drawn.total));
  /** The charts are drawn (recharts draws its surface once mounted): a copy taken before would lack them. */
  const [chartsReady, setChartsReady] = useState(false);
  const ready = model !== null && filesReady && proofsReady && entriesReady && chartsReady;
  const [printing, setPrinting] = useState(false);
  // The document itself, made once per report, its proofs and its language: the preview's progress
  // (a step of entries drawn, the files ready) redraws the page around it, never the document.
  const evidenceData = evidenceQuery.data ?? null;
  const evidenceProblem = evidence.problem;
  const sheet = useMemo(
    () =>
      model && (
        <ReportLanguage language={chosen}>
          <ReportDocument
            model={model}
            appendix={
              <VerificationAppendix
                evidence={evidenceData}
                problem={evidenceProblem}
                compact={!(model.charts || model.patterns || model.checkins || model.entries)}
              />
            }
            onEntriesDrawn={onEntriesDrawn}
          >
            <ReportAttachments model={model} onReady={setFilesReady} />
          </ReportDocument>
        </ReportLanguage>
      ),
    [model, chosen, evidenceData, evidenceProblem, onEntriesDrawn],
  );
  const browser = useMemo(() => {
    try {
      return transport() === 'browser';
    } catch {
      return true;
    }
  }, []);

  useEffect(() => {
    if (!model) return;
    let frame = 0;
    const check = () => {
      const drawings = docRef.current?.querySelectorAll('.chart-drawing') ?? [];
      if ([...drawings].every((d) => d.querySelector('svg.recharts-surface') !== null)) setChartsReady(true);
      else frame = requestAnimationFrame(check);
    };
    frame = requestAnimationFrame(check);
    return () => cancelAnimationFrame(frame);
  }, [model]);

  // The browser's own print header shows the page title: only the range, never a name.
  useEffect(() => {
    if (!model) return;
    const before = document.title;
    const onBefore = () => {
      document.title = t('report.print.pageTitle', { from: model.range.from, to: model.range.to });
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
  }, [model, t]);

  const savePdf = useCallback(async () => {
    if (!model) return;
    const doc = docRef.current?.querySelector<HTMLElement>('.rp-doc');
    if (!doc) return;
    setPrinting(true);
    try {
      const r = await call('report.savePdf', { html: standaloneHtml(doc, t('report.print.fileTitle')), pageSize: model.pageSize, from: model.range.from, to: model.range.to, generatedOn: model.generatedOn, language });
      if (r.saved) toast.show(t('report.print.pdfSaved'));
    } finally {
      setPrinting(false);
    }
  }, [model, toast, t, language]);

  const saveFile = useCallback(
    async (format: ExportFormat) => {
      const input = { config, format, today: localToday() };
      if (browser) {
        const f = await call('report.export', input);
        downloadBlob(f.content, f.filename, f.mimeType);
        toast.show(t('report.print.downloading', { file: f.filename }));
      } else {
        const r = await call('report.saveExport', input);
        if (r.saved) toast.show(t('report.print.fileSaved'));
      }
    },
    [browser, config, toast, t],
  );

  return (
    <div className="page rp-page">
      <header className="page-head rp-screen-only">
        <div>
          <h1>{t('report.print.title')}</h1>
          <p className="hint">{t('report.print.hint')}</p>
        </div>
        <a className="button" href="#/report">
          {t('report.print.back')}
        </a>
      </header>
      <div className="rp-actions rp-screen-only" role="group" aria-label={t('report.print.actions')}>
        <button type="button" className="button primary" disabled={!ready || printing} onClick={() => setConfirm('pdf')}>
          {browser ? t('report.print.printPdf') : t('report.print.savePdf')}
        </button>
        <span className="rp-actions-label">{t('report.print.alsoFile')}</span>
        <button type="button" className="button" disabled={!model} onClick={() => setConfirm('markdown')}>
          {FORMAT_NAMES.markdown}
        </button>
        <button type="button" className="button" disabled={!model} onClick={() => setConfirm('csv')}>
          {FORMAT_NAMES.csv}
        </button>
        <button type="button" className="button" disabled={!model} onClick={() => setConfirm('json')}>
          {FORMAT_NAMES.json}
        </button>
        {model && (
          <EvidencePackageButton
            model={model}
            config={config}
            language={language}
            browser={browser}
            html={() => {
              const doc = docRef.current?.querySelector<HTMLElement>('.rp-doc');
              return doc ? standaloneHtml(doc, t('report.print.fileTitle')) : null;
            }}
          />
        )}
      </div>
      {browser && model && (
        <p className="hint rp-screen-only">{t('report.print.browserHint')}</p>
      )}
      {model && (
        <p className="hint rp-screen-only rp-progress" role="status">
          {printing
            ? t('reportx.print.printing')
            : !entriesReady && drawn
              ? t('reportx.print.drawing', { drawn: drawn.drawn, total: drawn.total })
              : !ready
                ? t('reportx.print.waiting')
                : ''}
        </p>
      )}
      {model && !entriesReady && drawn && <progress className="rp-screen-only" max={drawn.total} value={drawn.drawn} aria-label={t('reportx.print.progress')} />}
      <ErrorAlert>{error}</ErrorAlert>
      {!model && !error && <Loading label={t('report.print.loading')} />}
      {model && (
        <div className="rp-sheet" ref={docRef} aria-busy={!ready}>
          {sheet}
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
