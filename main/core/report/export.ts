/**
 * The report's scope as Markdown, CSV or JSON, through the export core (same writers, same formula
 * neutralising): the range and people of the report, its entry selection (excluded entries are not in
 * the file at all), "summary only" as the export's without-text mode, and its pseudonyms applied to
 * every name and every mention of a name. Markdown also carries the user's questions.
 */
import type { ExportCounts, ExportFile, ExportFormat, SaveResult } from '../../../shared/portability.js';
import type { ReportConfigParsed } from '../../../shared/report.js';
import type { DB } from '../db/index.js';
import { listPeople } from '../db/repos/index.js';
import { writeFileAtomic } from '../fsutil.js';
import type { Ports } from '../ports.js';
import { hostWords } from '../words.js';
import type { NativeKey } from '../../../shared/native-text.js';
import { collectExport, prepareExport, Pseudonymiser, type ExportData } from '../portability/export/index.js';
import { toCsv } from '../portability/export/csv.js';
import { toJsonExport } from '../portability/export/json.js';
import { mdBlock, toMarkdown } from '../portability/export/markdown.js';
import { fileDay, noDialogs } from '../portability/files.js';
import { selectedEntryIds } from './entries.js';
import { buildEvidence } from './evidence.js';
import type { Evidence } from '../../../shared/evidence.js';
import { FulcrumError } from '../../../shared/errors.js';
import { resolveRange } from './range.js';

export interface ReportExportContext {
  db: DB;
  journalId: string;
  today: string;
  now: number;
}

const FORMATS: Record<ExportFormat, { ext: string; mimeType: string; filter: NativeKey }> = {
  markdown: { ext: 'md', mimeType: 'text/markdown;charset=utf-8', filter: 'filter.markdown' },
  csv: { ext: 'csv', mimeType: 'text/csv;charset=utf-8', filter: 'filter.csv' },
  json: { ext: 'json', mimeType: 'application/json;charset=utf-8', filter: 'filter.json' },
};

/** The report's data, prepared (selection, text mode and pseudonyms applied) for one of the writers. */
export function reportExportData(config: ReportConfigParsed, c: ReportExportContext): ExportData {
  const { range } = resolveRange(c.db, config.range, c.today);
  const personIds = config.personIds.length ? [...config.personIds] : undefined;
  const raw = collectExport(c.db, { from: range.from, to: range.to, personIds, includeText: config.entries.detail === 'full', pseudonyms: config.pseudonyms });
  const keep = new Set(
    config.sections.entries
      ? selectedEntryIds(c.db, { from: range.from, to: range.to, personIds: config.personIds, select: config.entries.select, pickedIds: config.entries.pickedIds })
      : [],
  );
  const entries = raw.entries.filter((e) => keep.has(e.id));
  // People in the file: the chosen ones (or everyone the kept entries name), never by their notes.
  const named = new Set<number>(personIds ?? []);
  for (const e of entries) for (const id of e.personIds) named.add(id);
  const allPeople = listPeople(c.db, { includeArchived: true });
  // The export core builds its pseudonymiser from `people`: give it everyone, so a pseudonymised
  // person's name is replaced in every text even when they are not in the file's people list.
  const prepared = prepareExport({
    ...raw,
    people: allPeople.map((p) => ({ ...p, notes: '' })),
    entries,
    checkins: config.sections.checkins ? raw.checkins : [],
    strengths: [],
    sessions: [],
  });
  return { ...prepared, people: prepared.people.filter((p) => named.has(p.id)) };
}

/**
 * The JSON of a report also carries its evidence (the disclosed entries with their proofs, the stated
 * head, how many entries of the period are not included); null when the history cannot give proofs
 * (empty, or not checking out), which the file then says rather than failing.
 */
function verificationOf(config: ReportConfigParsed, c: ReportExportContext): Evidence | null {
  try {
    return buildEvidence(c.db, config, { today: c.today, now: c.now });
  } catch (e) {
    if (e instanceof FulcrumError) return null;
    throw e;
  }
}

const QUESTIONS_HEADING = '## Questions for my next session';

export function buildReportExport(config: ReportConfigParsed, format: ExportFormat, c: ReportExportContext): ExportFile {
  const data = reportExportData(config, c);
  let content: string;
  if (format === 'csv') content = toCsv(data);
  else if (format === 'json') {
    const pseudonymised = new Pseudonymiser(listPeople(c.db, { includeArchived: true }), config.pseudonyms).active;
    content = JSON.stringify({ ...toJsonExport(data, { journalId: c.journalId, now: c.now, pseudonymised }), verification: verificationOf(config, c) }, null, 2) + '\n';
  } else {
    content = toMarkdown(data, { now: c.now }).replace(/^# Journal export\n/, '# Report for my therapist\n');
    const questions = config.sections.questions ? new Pseudonymiser(listPeople(c.db, { includeArchived: true }), config.pseudonyms).text(config.questions).trim() : '';
    if (questions) {
      // Right after the header lines, before the first section: the first thing a therapist reads.
      const at = content.indexOf('\n## ');
      // Quoted like entry text, so a heading typed in the questions cannot pose as a section.
      const quoted = mdBlock(questions)
        .split('\n')
        .map((line) => (line ? `> ${line}` : '>'))
        .join('\n');
      const block = `\n${QUESTIONS_HEADING}\n\n${quoted}\n`;
      content = at < 0 ? `${content}${block}` : `${content.slice(0, at)}${block}${content.slice(at)}`;
    }
  }
  const counts: ExportCounts = { entries: data.entries.length, people: data.people.length, checkins: data.checkins.length, strengths: 0 };
  const f = FORMATS[format];
  return { filename: `fulcrum-report-${fileDay(c.now)}.${f.ext}`, mimeType: f.mimeType, content, plaintext: true, counts };
}

/** Builds the file, asks where to save it (native dialog), writes it (0600, atomically). */
export async function saveReportExport(
  config: ReportConfigParsed,
  format: ExportFormat,
  c: ReportExportContext,
  ports: Ports,
): Promise<SaveResult<{ plaintext: true; counts: ExportCounts }>> {
  if (!ports.dialogs) throw noDialogs();
  const file = buildReportExport(config, format, c);
  const f = FORMATS[format];
  const target = await ports.dialogs.saveFile({
    title: hostWords(ports)('dialog.saveReport'),
    defaultName: file.filename,
    filters: [{ name: hostWords(ports)(f.filter), extensions: [f.ext] }],
  });
  if (!target) return { saved: false };
  writeFileAtomic(target, file.content);
  return { saved: true, path: target, plaintext: true, counts: file.counts };
}
