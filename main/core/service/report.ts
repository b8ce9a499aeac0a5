/**
 * Handlers for the therapist report (shared/api.ts `reportCalls`): the report model, its scope as
 * Markdown/CSV/JSON, the PDF through the printer port, therapy session days and saved templates.
 * Thin: the work is in main/core/report.
 */
import {
  addSession,
  buildReport,
  buildReportExport,
  deleteSession,
  deleteTemplate,
  estimatePages,
  listSessions,
  listTemplates,
  saveReportExport,
  saveReportPdf,
  saveTemplate,
} from '../report/index.js';
import { weekStartSetting } from '../db/analytics/index.js';
import { hostWords } from '../words.js';
import { buildEvidence, printedProofs } from '../report/evidence.js';
import { evidencePackage } from '../report/package.js';
import { PDF_MARGINS_MM, pdfHeaderFooter } from '../../../shared/report.js';
import { writeFileAtomic } from '../fsutil.js';
import { fileDay, noDialogs } from '../portability/files.js';
import { noPrinter } from '../report/pdf.js';
import { todayFor } from './insights.js';
import type { HandlersFor, ServiceContext } from './types.js';

const exportContext = (ctx: ServiceContext, today: string | undefined) => ({
  db: ctx.vault.database(),
  journalId: ctx.vault.journalId,
  today: todayFor(ctx, today),
  now: ctx.ports.now(),
});

export const reportHandlers: HandlersFor<'report'> = {
  'report.build': ({ config, today }, ctx) => {
    const db = ctx.vault.database();
    return buildReport(db, config, { today: todayFor(ctx, today), now: ctx.ports.now(), weekStart: weekStartSetting(db) });
  },
  'report.export': ({ config, format, today }, ctx) => buildReportExport(config, format, exportContext(ctx, today)),
  'report.saveExport': ({ config, format, today }, ctx) => saveReportExport(config, format, exportContext(ctx, today), ctx.ports),
  'report.savePdf': (input, ctx) => {
    ctx.vault.database();
    return saveReportPdf(input, ctx.ports);
  },
  'report.evidence': ({ config, today }, ctx) => buildEvidence(ctx.vault.database(), config, { today: todayFor(ctx, today), now: ctx.ports.now() }),
  'report.printedProofs': ({ config, today }, ctx) => printedProofs(buildEvidence(ctx.vault.database(), config, { today: todayFor(ctx, today), now: ctx.ports.now() }), config),
  'report.evidencePackage': ({ config, today, html }, ctx) => {
    const evidence = buildEvidence(ctx.vault.database(), config, { today: todayFor(ctx, today), now: ctx.ports.now() });
    const zip = evidencePackage({ evidence, report: { kind: 'html', html } });
    return {
      filename: `fulcrum-evidence-${fileDay(ctx.ports.now())}.zip`,
      mimeType: 'application/zip' as const,
      base64: Buffer.from(zip).toString('base64'),
      entries: evidence.counts.included,
      withheld: evidence.counts.withheld,
    };
  },
  'report.saveEvidencePackage': async (input, ctx) => {
    const { ports } = ctx;
    if (!ports.printer) throw noPrinter();
    if (!ports.dialogs) throw noDialogs();
    const evidence = buildEvidence(ctx.vault.database(), input.config, { today: todayFor(ctx, input.today), now: ports.now() });
    const pdf = await ports.printer.printToPDF(input.html, {
      pageSize: input.pageSize === 'letter' ? 'Letter' : 'A4',
      marginsMm: PDF_MARGINS_MM,
      ...pdfHeaderFooter(input),
    });
    const zip = evidencePackage({ evidence, report: { kind: 'pdf', bytes: pdf } });
    const target = await ports.dialogs.saveFile({
      title: hostWords(ports)('dialog.saveEvidence'),
      defaultName: `fulcrum-evidence-${fileDay(ports.now())}.zip`,
      filters: [{ name: hostWords(ports)('filter.zip'), extensions: ['zip'] }],
    });
    if (!target) return { saved: false as const };
    writeFileAtomic(target, Buffer.from(zip));
    return { saved: true as const, path: target, bytes: zip.length };
  },
  'report.estimate': ({ config, today }, ctx) => {
    const db = ctx.vault.database();
    // The rows' words are measured (never read out) for "about P pages with every entry in full".
    const model = buildReport(db, config, { today: todayFor(ctx, today), now: ctx.ports.now(), weekStart: weekStartSetting(db), rowSizes: true });
    const entries = model.entries?.length ?? 0;
    const rows = model.entries?.filter((e) => e.shown === 'row').length ?? 0;
    return {
      pages: estimatePages(model),
      summaryPages: model.detail === 'full' && entries > 0 ? estimatePages(model, 'summary') : null,
      entries,
      rows,
      fullPages: rows > 0 ? estimatePages(model, 'full', true) : null,
    };
  },
};

export const sessionDayHandlers: HandlersFor<'sessions'> = {
  'sessions.list': (_input, { vault }) => listSessions(vault.database()),
  'sessions.add': (input, { vault, ports }) => addSession(vault.database(), input, ports.now()),
  'sessions.delete': ({ id }, { vault }) => {
    deleteSession(vault.database(), id);
    return null;
  },
};

export const templateHandlers: HandlersFor<'templates'> = {
  'templates.list': (_input, { vault, ports }) => listTemplates(vault.database(), (id) => ports.log('warn', `report template ${id} could not be read and is not listed`)),
  'templates.save': (input, { vault, ports }) => saveTemplate(vault.database(), input, ports.now()),
  'templates.delete': ({ id }, { vault }) => {
    deleteTemplate(vault.database(), id);
    return null;
  },
};

export const allReportHandlers = { ...reportHandlers, ...sessionDayHandlers, ...templateHandlers };
