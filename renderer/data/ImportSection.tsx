/**
 * "Your data" → Import: pick a file (desktop dialog, or upload in browser mode) → the format is
 * detected → for a generic CSV, which column holds what → a preview with counts, problems by row and
 * duplicates → import, all or nothing, with progress → what was imported. Nothing changes before the
 * last step; every problem the core finds is shown as it says it.
 */
import { useEffect, useId, useState } from 'react';
import { DOMAINS, DOMAIN_LABELS } from '../../shared/catalogue.js';
import {
  BROWSER_IMPORT_MAX_BYTES,
  CSV_FIELDS,
  IMPORT_FORMATS,
  browserImportTooLarge,
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
import { browserTimeZone } from '../lib/format.js';
import { useJournalData, useToast } from '../lib/session.js';
import { fileSize, fileToBase64 } from '../report/files.js';
import { longDate, plural } from '../report/format.js';

export const IMPORT_FORMAT_LABELS: Record<ImportFormat, string> = {
  'fulcrum-json': 'Fulcrum export (JSON)',
  'dayone-json': 'Day One export (JSON)',
  'daylio-csv': 'Daylio export (CSV)',
  csv: 'A spreadsheet (CSV) — you say which column holds what',
};

const FIELD_LABELS: Record<(typeof CSV_FIELDS)[number], string> = {
  date: 'Date (required)',
  time: 'Time',
  title: 'Title',
  body: 'Entry text',
  tags: 'Patterns / tags',
  people: 'People',
  domains: 'Areas of life',
  balance: 'Balance (−3 … +3)',
  intensity: 'Intensity (1–5)',
  heard: 'Heard (1–5)',
  respected: 'Respected (1–5)',
  valued: 'Valued (1–5)',
  involved: 'Involved (1–5)',
  outcome: 'Outcome',
  flags: 'Flags',
};

type Step = { name: 'choose' } | { name: 'preview'; source: ImportSource; fileLabel: string; preview: ImportPreview } | { name: 'importing' } | { name: 'done'; result: ImportResult };

export function ImportSection({ browser }: { browser: boolean }) {
  const { reloadPeople, reloadTags } = useJournalData();
  const toast = useToast();
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
      toast.show(`Imported ${plural(result.imported.entries, 'entry', 'entries')}.`);
    } catch (e) {
      setError(messageOf(e));
      setStep(step);
    }
  }

  return (
    <section className="data-section" aria-labelledby="data-import">
      <h2 id="data-import">Import</h2>
      <p className="hint">Bring in entries from a Fulcrum export, Day One, Daylio or a spreadsheet. You see what will come in before anything is added; an import is all or nothing.</p>

      {step.name === 'choose' && (
        <div className="stack">
          <label className="field inline-field">
            <span>File type</span>
            <select value={format} onChange={(e) => setFormat(e.target.value as 'auto' | ImportFormat)}>
              <option value="auto">Find out from the file</option>
              {IMPORT_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {IMPORT_FORMAT_LABELS[f]}
                </option>
              ))}
            </select>
          </label>
          {browser ? (
            <div className="field">
              <label htmlFor={fileId}>File to import</label>
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
                    setError(browserImportTooLarge(file.size));
                    return;
                  }
                  try {
                    await preview({ base64: await fileToBase64(file) }, `${file.name} (${fileSize(file.size)})`);
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
                    if (f) await preview({ token: f.token }, `${f.name} (${fileSize(f.bytes)})`);
                  } catch (err) {
                    setError(messageOf(err));
                  }
                }}
              >
                Choose a file to import…
              </button>
            </div>
          )}
          {busy && <p className="hint">Reading and checking the file…</p>}
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
          <p>Importing… {progress && progress.total > 0 ? `${progress.phase} ${progress.done} of ${progress.total}` : ''}</p>
          <progress max={progress?.total || 1} value={progress && progress.total > 0 ? progress.done : undefined} aria-label="Import progress" />
        </div>
      )}

      {step.name === 'done' && (
        <div className="stack">
          <p className="notice" role="status">
            Imported {plural(step.result.imported.entries, 'entry', 'entries')}, {plural(step.result.imported.people, 'new person', 'new people')},{' '}
            {plural(step.result.imported.tags, 'new pattern')} and {plural(step.result.imported.checkins, 'check-in')}.
            {step.result.imported.attachments ? ` ${plural(step.result.imported.attachments, 'attached file came', 'attached files came')} with them.` : ''}
            {step.result.skipped.entries > 0 ? ` ${plural(step.result.skipped.entries, 'entry was', 'entries were')} already in your journal and skipped.` : ''}
            {step.result.skipped.problems ? ` ${plural(step.result.skipped.problems, 'record with a problem was', 'records with problems were')} left out.` : ''}
          </p>
          <div className="row">
            <a className="button" href="#/timeline">
              See them in the timeline
            </a>
            <button type="button" className="button subtle" onClick={() => setStep({ name: 'choose' })}>
              Import another file
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
  const c = p.counts;
  const mappingChanged = p.csv && props.mapping && JSON.stringify(props.mapping) !== JSON.stringify(p.csv.mapping);
  const skipping = p.problemCount > 0 && p.skippable > 0;
  const counted = countsWithMapping(p, props.tagMapping);
  return (
    <div className="stack">
      <p>
        <strong>{fileLabel}</strong> — {IMPORT_FORMAT_LABELS[p.format]}
      </p>

      {p.csv && props.mapping && <CsvMappingEditor csv={p.csv} mapping={props.mapping} setMapping={props.setMapping} onRecheck={props.onRecheck} busy={props.busy} changed={!!mappingChanged} />}

      <h3>What would come in</h3>
      <dl className="data-facts">
        <dt>Entries</dt>
        <dd>
          {c.newEntries} new{c.duplicates > 0 ? `, ${c.duplicates} already in your journal (skipped)` : ''}
        </dd>
        {p.attachments && (
          <>
            <dt>Attached files</dt>
            <dd>
              {p.attachments.files} ({fileSize(p.attachments.bytes)}), each checked against the archive
            </dd>
          </>
        )}
        {p.range && (
          <>
            <dt>Dates</dt>
            <dd>
              {longDate(p.range.from)} to {longDate(p.range.to)}
            </dd>
          </>
        )}
        <dt>People</dt>
        <dd>
          {c.people.new} new, {counted.people.matched} already known
        </dd>
        <dt>Patterns</dt>
        <dd>
          {counted.tags.new} new, {counted.tags.matched} already known
        </dd>
        {(c.checkins.new > 0 || c.checkins.duplicates > 0) && (
          <>
            <dt>Check-ins</dt>
            <dd>
              {c.checkins.new} new{c.checkins.duplicates ? `, ${c.checkins.duplicates} already there` : ''}
            </dd>
          </>
        )}
      </dl>
      {p.notes.length > 0 && (
        <ul className="hint problem-list">
          {p.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
      {p.foreignTags.length > 0 && <ForeignTagEditor tags={p.foreignTags} mapping={props.tagMapping} setMapping={props.setTagMapping} />}
      {p.problems.length > 0 && (
        <div className="problem" role="alert">
          <p>
            <strong>
              {skipping
                ? `${plural(p.skippable, recordWord(p), `${recordWord(p)}s`)} in the file cannot be imported as ${p.skippable === 1 ? 'it is' : 'they are'}:`
                : `${plural(p.problemCount, 'problem')} in the file — nothing can be imported until ${p.problemCount === 1 ? 'it is' : 'they are'} fixed:`}
            </strong>
          </p>
          <ul className="problem-list">
            {p.problems.map((pr, i) => (
              <li key={i}>
                {placeOf(pr)}: {pr.message}
              </li>
            ))}
          </ul>
          {p.problemCount > p.problems.length && <p>…and {p.problemCount - p.problems.length} more.</p>}
          {skipping && (
            <p>You can leave {p.skippable === 1 ? 'it' : 'them'} out and import the rest, or fix the file and choose it again.</p>
          )}
        </div>
      )}
      <div className="row">
        <button
          type="button"
          className="button primary"
          disabled={(!p.canCommit && !skipping) || props.busy || !!mappingChanged || c.newEntries + c.checkins.new === 0}
          onClick={props.onCommit}
        >
          Import {plural(c.newEntries, 'entry', 'entries')}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
      {skipping && <p className="hint">{plural(p.skippable, `${recordWord(p)} with a problem`, `${recordWord(p)}s with problems`)} will be left out.</p>}
      {mappingChanged && <p className="hint">You changed the columns: check the file again before importing.</p>}
    </div>
  );
}

/** "row" for a CSV file, "entry" for a Day One file. */
const recordWord = (p: ImportPreview) => (p.format === 'dayone-json' ? 'entry' : 'row');

/** Where a problem is, in the user's terms: "Row 4", "Entry 3 (creationDate)", or the core's place. */
function placeOf(pr: ImportPreview['problems'][number]): string {
  if (pr.line !== null) return `Row ${pr.line}`;
  const m = /^entries\[(\d+)\](?:\.(.+))?$/.exec(pr.where);
  return m ? `Entry ${Number(m[1]) + 1}${m[2] ? ` (${m[2]})` : ''}` : pr.where;
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

const KIND_WORDS: Record<ForeignTag['kind'], string> = { tag: 'tag', activity: 'activity', mood: 'mood' };

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
  return (
    <fieldset className="stack">
      <legend>
        <h3>Where the file’s tags go</h3>
      </legend>
      <p className="hint">
        Each tag can become a pattern, a person, an area of life, or be left out. A tag with the name of someone in your journal goes to them.
        {hasMood ? ' Moods are left out unless you choose a place for them: a mood is how the day felt, not a pattern between people.' : ''}
      </p>
      <div className="tag-mapping">
        {props.tags.map((f) => (
          <label key={f.key} className="tag-mapping-row">
            <span>
              <span className="tag-mapping-name">{f.label}</span> <span className="hint">({KIND_WORDS[f.kind]}, {plural(f.entries, 'entry', 'entries')})</span>
            </span>
            <select value={encode(props.mapping[f.key] ?? f.target)} onChange={(e) => props.setMapping({ ...props.mapping, [f.key]: decode(e.target.value) })}>
              <option value="pattern">{f.newPattern ? `A new pattern “${f.label}”` : `The pattern “${f.label}”`}</option>
              {liveTags.length > 0 && (
                <optgroup label="One of your patterns">
                  {liveTags.map((t) => (
                    <option key={t.id} value={`pattern:${t.id}`}>
                      {t.label}
                    </option>
                  ))}
                </optgroup>
              )}
              {livePeople.length > 0 && (
                <optgroup label="A person">
                  {livePeople.map((x) => (
                    <option key={x.id} value={`person:${x.id}`}>
                      {x.name}
                    </option>
                  ))}
                </optgroup>
              )}
              <optgroup label="An area of life">
                {DOMAINS.map((d) => (
                  <option key={d} value={`area:${d}`}>
                    {DOMAIN_LABELS[d]}
                  </option>
                ))}
              </optgroup>
              <option value="nothing">Leave it out</option>
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
  return (
    <fieldset className="stack">
      <legend>
        <h3>Which column holds what</h3>
      </legend>
      <p className="hint">Fulcrum guessed from the column names; correct anything that is wrong. Columns you leave out are ignored.</p>
      <div className="mapping-grid">
        {CSV_FIELDS.map((f) => (
          <label key={f} className="field inline-field">
            <span>{FIELD_LABELS[f]}</span>
            <select value={mapping[f] === null ? '' : String(mapping[f])} onChange={(e) => props.setMapping({ ...mapping, [f]: e.target.value === '' ? null : Number(e.target.value) })}>
              <option value="">Not in this file</option>
              {csv.columns.map((col, i) => (
                <option key={i} value={i}>
                  {col || `Column ${i + 1}`}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label className="field inline-field">
          <span>Dates are written</span>
          <select value={mapping.dateOrder} onChange={(e) => props.setMapping({ ...mapping, dateOrder: e.target.value as CsvMappingParsed['dateOrder'] })}>
            <option value="auto">Find out from the dates</option>
            <option value="ymd">Year, month, day (2024-03-31)</option>
            <option value="dmy">Day, month, year (31/03/2024)</option>
            <option value="mdy">Month, day, year (03/31/2024)</option>
          </select>
        </label>
        <label className="field inline-field">
          <span>Several values in a cell are separated by</span>
          <select value={mapping.listSeparator} onChange={(e) => props.setMapping({ ...mapping, listSeparator: e.target.value as CsvMappingParsed['listSeparator'] })}>
            <option value=";">; (semicolon)</option>
            <option value=",">, (comma)</option>
            <option value="|">| (bar)</option>
          </select>
        </label>
      </div>
      {csv.sample.length > 0 && (
        <table className="sample-table">
          <caption className="hint">The first rows of the file</caption>
          <thead>
            <tr>
              {csv.columns.map((col, i) => (
                <th key={i} scope="col">
                  {col || `Column ${i + 1}`}
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
          Check the file again with these columns
        </button>
      </div>
    </fieldset>
  );
}
