/**
 * "Your data" → Import: pick a file (desktop dialog, or upload in browser mode) → the format is
 * detected → for a generic CSV, which column holds what → a preview with counts, problems by row and
 * duplicates → import, all or nothing, with progress → what was imported. Nothing changes before the
 * last step; every problem the core finds is shown as it says it.
 */
import { useEffect, useId, useState } from 'react';
import { DOMAINS } from '../../shared/catalogue.js';
import {
  BROWSER_IMPORT_MAX_BYTES,
  CSV_FIELDS,
  IMPORT_FORMATS,
  type CsvMappingParsed,
  type ForeignTag,
  type ImportFormat,
  type ImportPreview,
  type ImportResult,
  type ImportSource,
  type TagTarget,
} from '../../shared/portability.js';
import { call, messageOf, subscribe } from '../api.js';
import { ErrorAlert } from '../components/Feedback.js';
import { useT, type MessageId } from '../i18n/index.js';
import { useVocabulary } from '../i18n/vocabulary.js';
import { browserTimeZone, formatDay, formatBytes } from '../lib/format.js';
import { useJournalData, useToast } from '../lib/session.js';
import { fileToBase64 } from '../report/files.js';
import { wordImportIssue, wordImportNote } from './importWords.js';

type T = ReturnType<typeof useT>;

const IMPORT_FORMAT_LABELS: Record<ImportFormat, MessageId> = {
  'fulcrum-json': 'data.import.format.fulcrum',
  'dayone-json': 'data.import.format.dayone',
  'daylio-csv': 'data.import.format.daylio',
  csv: 'data.import.format.csv',
};

const FIELD_LABELS: Record<(typeof CSV_FIELDS)[number], MessageId> = {
  date: 'data.import.field.date',
  time: 'data.import.field.time',
  title: 'data.import.field.title',
  body: 'data.import.field.body',
  tags: 'data.import.field.tags',
  people: 'data.import.field.people',
  domains: 'data.import.field.domains',
  balance: 'data.import.field.balance',
  intensity: 'data.import.field.intensity',
  heard: 'data.import.field.heard',
  respected: 'data.import.field.respected',
  valued: 'data.import.field.valued',
  involved: 'data.import.field.involved',
  outcome: 'data.import.field.outcome',
  flags: 'data.import.field.flags',
};

/** The browser's size limit for one import, in the reader's words (the shared sentence is English). */
const MB = 1024 * 1024;
const tooLarge = (t: T, bytes: number) => t('data.import.tooLarge', { size: Math.ceil(bytes / MB), max: BROWSER_IMPORT_MAX_BYTES / MB });

type Step = { name: 'choose' } | { name: 'preview'; source: ImportSource; fileLabel: string; preview: ImportPreview } | { name: 'importing' } | { name: 'done'; result: ImportResult };

export function ImportSection({ browser }: { browser: boolean }) {
  const { reloadPeople, reloadTags } = useJournalData();
  const toast = useToast();
  const t = useT();
  const [format, setFormat] = useState<'auto' | ImportFormat>('auto');
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ phase: string; done: number; total: number } | null>(null);
  const [mapping, setMapping] = useState<CsvMappingParsed | null>(null);
  const [tagMapping, setTagMapping] = useState<Record<string, TagTarget>>({});
  const fileId = useId();

  useEffect(
    () =>
      subscribe((e) => {
        if (e.type === 'progress' && e.task === 'import') setProgress({ phase: e.phase, done: e.done, total: e.total });
      }),
    [],
  );

  async function preview(source: ImportSource, fileLabel: string, withMapping?: CsvMappingParsed) {
    setError(null);
    setBusy(true);
    try {
      const p = await call('import.preview', { source, format, timeZone: browserTimeZone(), ...(withMapping ? { mapping: withMapping } : {}) });
      setStep({ name: 'preview', source, fileLabel, preview: p });
      setMapping(p.csv?.mapping ?? null);
      setTagMapping(Object.fromEntries(p.foreignTags.map((f) => [f.key, f.target])));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function cancel() {
    if (step.name === 'preview') await call('import.cancel', { importId: step.preview.importId }).catch(() => undefined);
    setStep({ name: 'choose' });
    setError(null);
  }

  async function commit() {
    if (step.name !== 'preview') return;
    const { preview: p } = step;
    setError(null);
    setProgress(null);
    setStep({ name: 'importing' });
    try {
      const result = await call('import.commit', {
        importId: p.importId,
        ...(p.csv && mapping ? { mapping } : {}),
        ...(p.foreignTags.length > 0 ? { tagMapping } : {}),
        // The button is only enabled with problems when they can be left out, and the preview lists them.
        skipProblems: p.problemCount > 0 && p.skippable > 0,
      });
      await Promise.all([reloadPeople(), reloadTags()]);
      setStep({ name: 'done', result });
      toast.show(t('data.import.importedToast', { count: result.imported.entries }));
    } catch (e) {
      setError(messageOf(e));
      setStep(step);
    }
  }

  return (
    <section className="data-section" aria-labelledby="data-import">
      <h2 id="data-import">{t('data.import.title')}</h2>
      <p className="hint">{t('data.import.intro')}</p>

      {step.name === 'choose' && (
        <div className="stack">
          <label className="field inline-field">
            <span>{t('data.import.fileType')}</span>
            <select value={format} onChange={(e) => setFormat(e.target.value as 'auto' | ImportFormat)}>
              <option value="auto">{t('data.import.auto')}</option>
              {IMPORT_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {t(IMPORT_FORMAT_LABELS[f])}
                </option>
              ))}
            </select>
          </label>
          {browser ? (
            <div className="field">
              <label htmlFor={fileId}>{t('data.import.file')}</label>
              <input
                id={fileId}
                type="file"
                accept=".json,.csv,.txt,.zip,application/json,text/csv,application/zip"
                disabled={busy}
                onChange={async (e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (!file) return;
                  // The whole file travels in one request, which has a size limit: say so before sending it.
                  if (file.size > BROWSER_IMPORT_MAX_BYTES) {
                    setError(tooLarge(t, file.size));
                    return;
                  }
                  try {
                    await preview({ base64: await fileToBase64(file) }, t('data.backup.fileLabel', { name: file.name, size: formatBytes(file.size) }));
                  } catch (err) {
                    setError(messageOf(err));
                  }
                }}
              />
            </div>
          ) : (
            <div className="row">
              <button
                type="button"
                className="button primary"
                disabled={busy}
                onClick={async () => {
                  setError(null);
                  try {
                    const f = await call('import.pick', {});
                    if (f) await preview({ token: f.token }, t('data.backup.fileLabel', { name: f.name, size: formatBytes(f.bytes) }));
                  } catch (err) {
                    setError(messageOf(err));
                  }
                }}
              >
                {t('data.import.choose')}
              </button>
            </div>
          )}
          {busy && <p className="hint">{t('data.import.reading')}</p>}
        </div>
      )}

      {step.name === 'preview' && (
        <ImportPreviewView
          step={step}
          mapping={mapping}
          setMapping={setMapping}
          tagMapping={tagMapping}
          setTagMapping={setTagMapping}
          busy={busy}
          onRecheck={() => void preview(step.source, step.fileLabel, mapping ?? undefined)}
          onCommit={() => void commit()}
          onCancel={() => void cancel()}
        />
      )}

      {step.name === 'importing' && (
        <div className="stack" role="status">
          <p>
            {progress && progress.total > 0
              ? t('data.import.importingProgress', { phase: progress.phase, done: progress.done, total: progress.total })
              : t('data.import.importing')}
          </p>
          <progress max={progress?.total || 1} value={progress && progress.total > 0 ? progress.done : undefined} aria-label={t('data.import.progress')} />
        </div>
      )}

      {step.name === 'done' && (
        <div className="stack">
          <p className="notice" role="status">
            {t('data.import.imported', {
              entries: step.result.imported.entries,
              people: step.result.imported.people,
              tags: step.result.imported.tags,
              checkins: step.result.imported.checkins,
            })}
            {step.result.imported.attachments ? ` ${t('data.import.attachmentsCame', { count: step.result.imported.attachments })}` : ''}
            {step.result.skipped.entries > 0 ? ` ${t('data.import.skippedEntries', { count: step.result.skipped.entries })}` : ''}
            {step.result.skipped.problems ? ` ${t('data.import.skippedProblems', { count: step.result.skipped.problems })}` : ''}
          </p>
          <div className="row">
            <a className="button" href="#/timeline">
              {t('data.import.seeTimeline')}
            </a>
            <button type="button" className="button subtle" onClick={() => setStep({ name: 'choose' })}>
              {t('data.import.another')}
            </button>
          </div>
        </div>
      )}

      <ErrorAlert>{error}</ErrorAlert>
    </section>
  );
}

function ImportPreviewView(props: {
  step: Extract<Step, { name: 'preview' }>;
  mapping: CsvMappingParsed | null;
  setMapping: (m: CsvMappingParsed) => void;
  tagMapping: Record<string, TagTarget>;
  setTagMapping: (m: Record<string, TagTarget>) => void;
  busy: boolean;
  onRecheck: () => void;
  onCommit: () => void;
  onCancel: () => void;
}) {
  const { preview: p, fileLabel } = props.step;
  const t = useT();
  const c = p.counts;
  const mappingChanged = p.csv && props.mapping && JSON.stringify(props.mapping) !== JSON.stringify(p.csv.mapping);
  const skipping = p.problemCount > 0 && p.skippable > 0;
  const counted = countsWithMapping(p, props.tagMapping);
  return (
    <div className="stack">
      <p>
        <strong>{fileLabel}</strong> — {t(IMPORT_FORMAT_LABELS[p.format])}
      </p>

      {p.csv && props.mapping && <CsvMappingEditor csv={p.csv} mapping={props.mapping} setMapping={props.setMapping} onRecheck={props.onRecheck} busy={props.busy} changed={!!mappingChanged} />}

      <h3>{t('data.import.wouldComeIn')}</h3>
      <dl className="data-facts">
        <dt>{t('data.backup.entries')}</dt>
        <dd>{c.duplicates > 0 ? t('data.import.newSkipped', { count: c.newEntries, duplicates: c.duplicates }) : t('data.import.new', { count: c.newEntries })}</dd>
        {p.attachments && (
          <>
            <dt>{t('data.import.attachedFiles')}</dt>
            <dd>{t('data.import.attachedFilesValue', { count: p.attachments.files, size: formatBytes(p.attachments.bytes) })}</dd>
          </>
        )}
        {p.range && (
          <>
            <dt>{t('data.import.dates')}</dt>
            <dd>{t('data.import.range', { from: formatDay(p.range.from), to: formatDay(p.range.to) })}</dd>
          </>
        )}
        <dt>{t('data.backup.people')}</dt>
        <dd>{t('data.import.newKnown', { count: c.people.new, known: counted.people.matched })}</dd>
        <dt>{t('data.history.patterns')}</dt>
        <dd>{t('data.import.newKnown', { count: counted.tags.new, known: counted.tags.matched })}</dd>
        {(c.checkins.new > 0 || c.checkins.duplicates > 0) && (
          <>
            <dt>{t('data.backup.checkins')}</dt>
            <dd>{c.checkins.duplicates ? t('data.import.newThere', { count: c.checkins.new, there: c.checkins.duplicates }) : t('data.import.new', { count: c.checkins.new })}</dd>
          </>
        )}
      </dl>
      {p.notes.length > 0 && (
        <ul className="hint problem-list">
          {p.notes.map((n, i) => (
            <li key={i}>{wordImportNote(t, n)}</li>
          ))}
        </ul>
      )}
      {p.foreignTags.length > 0 && <ForeignTagEditor tags={p.foreignTags} mapping={props.tagMapping} setMapping={props.setTagMapping} />}
      {p.problems.length > 0 && (
        <div className="problem" role="alert">
          <p>
            <strong>
              {skipping
                ? t('data.import.cannotImport', { count: p.skippable, record: recordWord(p) })
                : t('data.import.problems', { count: p.problemCount })}
            </strong>
          </p>
          <ul className="problem-list">
            {p.problems.map((pr, i) => (
              <li key={i}>
                {t('data.import.problemAt', { place: placeOf(t, pr), message: wordImportIssue(t, pr.issue) })}
              </li>
            ))}
          </ul>
          {p.problemCount > p.problems.length && <p>{t('data.import.more', { count: p.problemCount - p.problems.length })}</p>}
          {skipping && <p>{t('data.import.leaveOut', { count: p.skippable })}</p>}
        </div>
      )}
      <div className="row">
        <button
          type="button"
          className="button primary"
          disabled={(!p.canCommit && !skipping) || props.busy || !!mappingChanged || c.newEntries + c.checkins.new === 0}
          onClick={props.onCommit}
        >
          {t('data.import.commit', { count: c.newEntries })}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          {t('data.backup.cancel')}
        </button>
      </div>
      {skipping && <p className="hint">{t('data.import.willLeaveOut', { count: p.skippable, record: recordWord(p) })}</p>}
      {mappingChanged && <p className="hint">{t('data.import.changedColumns')}</p>}
    </div>
  );
}

/** "row" for a CSV file, "entry" for a Day One file (an ICU select in the messages). */
const recordWord = (p: ImportPreview) => (p.format === 'dayone-json' ? 'entry' : 'row');

/** Where a problem is, in the user's terms: "Row 4", "Entry 3 (creationDate)", or the core's place. */
function placeOf(t: T, pr: ImportPreview['problems'][number]): string {
  if (pr.line !== null) return t('data.import.row', { line: String(pr.line) });
  if (pr.where === 'file') return t('imports.where.file');
  if (pr.where === 'mapping') return t('imports.where.mapping');
  if (pr.where === 'date column') return t('imports.where.dateColumn');
  const m = /^entries\[(\d+)\](?:\.(.+))?$/.exec(pr.where);
  // Any other place is a path inside the file (journal.people[2].name), shown as it is written there.
  if (!m) return pr.where;
  const n = String(Number(m[1]) + 1);
  return m[2] ? t('data.import.entryField', { n, field: m[2] }) : t('data.import.entry', { n });
}

/**
 * The pattern and people counts as the user's mapping makes them (the preview's counts are for the
 * proposed mapping): a tag that becomes a pattern by its own name is new unless one exists.
 */
function countsWithMapping(p: ImportPreview, mapping: Record<string, TagTarget>) {
  const { counts } = p;
  if (p.foreignTags.length === 0) return counts;
  const fold = (s: string) => s.normalize('NFC').trim().toLocaleLowerCase();
  const newLabels = new Set<string>();
  let matchedTags = 0;
  const people = (get: (f: ForeignTag) => TagTarget) => new Set(p.foreignTags.map(get).flatMap((t) => (t.to === 'person' ? [t.personId] : []))).size;
  for (const f of p.foreignTags) {
    const t = mapping[f.key] ?? f.target;
    if (t.to !== 'pattern') continue;
    if (t.tagId === undefined && f.newPattern) newLabels.add(fold(f.label));
    else matchedTags++;
  }
  const matchedPeople = counts.people.matched - people((f) => f.target) + people((f) => mapping[f.key] ?? f.target);
  return { ...counts, tags: { new: newLabels.size, matched: matchedTags }, people: { ...counts.people, matched: matchedPeople } };
}


const encode = (t: TagTarget): string =>
  t.to === 'pattern' ? (t.tagId === undefined ? 'pattern' : `pattern:${t.tagId}`) : t.to === 'person' ? `person:${t.personId}` : t.to === 'area' ? `area:${t.area}` : 'nothing';

function decode(v: string): TagTarget {
  const [to, arg] = v.split(':') as [string, string | undefined];
  if (to === 'pattern') return arg === undefined ? { to: 'pattern' } : { to: 'pattern', tagId: Number(arg) };
  if (to === 'person') return { to: 'person', personId: Number(arg) };
  if (to === 'area') return { to: 'area', area: arg as (typeof DOMAINS)[number] };
  return { to: 'nothing' };
}

/**
 * Where each of the file's tags, activities and moods goes: a pattern (its own name, or one of the
 * journal's), a person, an area of life, or nowhere.
 */
function ForeignTagEditor(props: { tags: ForeignTag[]; mapping: Record<string, TagTarget>; setMapping: (m: Record<string, TagTarget>) => void }) {
  const { people, tags } = useJournalData();
  const livePeople = people.filter((x) => x.archivedAt === null);
  const liveTags = tags.filter((t) => t.archivedAt === null);
  const hasMood = props.tags.some((t) => t.kind === 'mood');
  const t = useT();
  const v = useVocabulary();
  return (
    <fieldset className="stack">
      <legend>
        <h3>{t('data.import.tagsTitle')}</h3>
      </legend>
      <p className="hint">
        {t('data.import.tagsHint')}
        {hasMood ? ` ${t('data.import.moodsHint')}` : ''}
      </p>
      <div className="tag-mapping">
        {props.tags.map((f) => (
          <label key={f.key} className="tag-mapping-row">
            <span>
              <span className="tag-mapping-name">{f.label}</span> <span className="hint">{t('data.import.tagKind', { kind: f.kind, count: f.entries })}</span>
            </span>
            <select value={encode(props.mapping[f.key] ?? f.target)} onChange={(e) => props.setMapping({ ...props.mapping, [f.key]: decode(e.target.value) })}>
              <option value="pattern">{f.newPattern ? t('data.import.newPattern', { label: f.label }) : t('data.import.thePattern', { label: f.label })}</option>
              {liveTags.length > 0 && (
                <optgroup label={t('data.import.yourPatterns')}>
                  {liveTags.map((tag) => (
                    <option key={tag.id} value={`pattern:${tag.id}`}>
                      {v.pattern(tag)}
                    </option>
                  ))}
                </optgroup>
              )}
              {livePeople.length > 0 && (
                <optgroup label={t('data.import.aPerson')}>
                  {livePeople.map((x) => (
                    <option key={x.id} value={`person:${x.id}`}>
                      {x.name}
                    </option>
                  ))}
                </optgroup>
              )}
              <optgroup label={t('data.import.anArea')}>
                {DOMAINS.map((d) => (
                  <option key={d} value={`area:${d}`}>
                    {v.domain(d)}
                  </option>
                ))}
              </optgroup>
              <option value="nothing">{t('data.import.leaveItOut')}</option>
            </select>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function CsvMappingEditor(props: {
  csv: NonNullable<ImportPreview['csv']>;
  mapping: CsvMappingParsed;
  setMapping: (m: CsvMappingParsed) => void;
  onRecheck: () => void;
  busy: boolean;
  changed: boolean;
}) {
  const { csv, mapping } = props;
  const t = useT();
  return (
    <fieldset className="stack">
      <legend>
        <h3>{t('data.import.columns')}</h3>
      </legend>
      <p className="hint">{t('data.import.columnsHint')}</p>
      <div className="mapping-grid">
        {CSV_FIELDS.map((f) => (
          <label key={f} className="field inline-field">
            <span>{t(FIELD_LABELS[f])}</span>
            <select value={mapping[f] === null ? '' : String(mapping[f])} onChange={(e) => props.setMapping({ ...mapping, [f]: e.target.value === '' ? null : Number(e.target.value) })}>
              <option value="">{t('data.import.notInFile')}</option>
              {csv.columns.map((col, i) => (
                <option key={i} value={i}>
                  {col || t('data.import.column', { n: String(i + 1) })}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label className="field inline-field">
          <span>{t('data.import.datesWritten')}</span>
          <select value={mapping.dateOrder} onChange={(e) => props.setMapping({ ...mapping, dateOrder: e.target.value as CsvMappingParsed['dateOrder'] })}>
            <option value="auto">{t('data.import.order.auto')}</option>
            <option value="ymd">{t('data.import.order.ymd')}</option>
            <option value="dmy">{t('data.import.order.dmy')}</option>
            <option value="mdy">{t('data.import.order.mdy')}</option>
          </select>
        </label>
        <label className="field inline-field">
          <span>{t('data.import.separator')}</span>
          <select value={mapping.listSeparator} onChange={(e) => props.setMapping({ ...mapping, listSeparator: e.target.value as CsvMappingParsed['listSeparator'] })}>
            <option value=";">{t('data.import.sep.semicolon')}</option>
            <option value=",">{t('data.import.sep.comma')}</option>
            <option value="|">{t('data.import.sep.bar')}</option>
          </select>
        </label>
      </div>
      {csv.sample.length > 0 && (
        <table className="sample-table">
          <caption className="hint">{t('data.import.firstRows')}</caption>
          <thead>
            <tr>
              {csv.columns.map((col, i) => (
                <th key={i} scope="col">
                  {col || t('data.import.column', { n: String(i + 1) })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {csv.sample.map((row, r) => (
              <tr key={r}>
                {row.map((cell, i) => (
                  <td key={i}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="row">
        <button type="button" className="button" disabled={props.busy || !props.changed} onClick={props.onRecheck}>
          {t('data.import.recheck')}
        </button>
      </div>
    </fieldset>
  );
}
