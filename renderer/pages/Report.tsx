/**
 * #/report: the report builder. The person decides exactly what leaves the journal — the
 * period (dates, the last N days, or since the last therapy session), the people and the name each is
 * printed under, the sections, which entries and how much of them, and their own questions — then
 * previews it exactly as it prints (#/report/print). Settings can be kept as templates.
 */
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { PERSON_KIND_LABELS, type PersonKind } from '../../shared/catalogue.js';
import { addDays } from '../../shared/insights.js';
import {
  ENTRY_DETAILS,
  ENTRY_SELECTION_LABELS,
  ENTRY_SELECTIONS,
  QUESTIONS_MAX,
  REPORT_SECTION_LABELS,
  REPORT_SECTIONS,
  SUGGEST_SUMMARY_PAGES,
  TEMPLATE_NAME_MAX,
  type ReportConfigParsed,
  type ReportEstimate,
  type ReportTemplate,
  type TherapySession,
} from '../../shared/report.js';
import type { Cursor, EntrySummary } from '../../shared/schemas.js';
import { call, messageOf } from '../api.js';
import { ConfirmDialog } from '../components/Dialog.js';
import { ErrorAlert } from '../components/Feedback.js';
import { navigate } from '../lib/router.js';
import { useJournalData, useToast } from '../lib/session.js';
import { entryDate, localToday, longDate, plural } from '../report/format.js';
import { useReportState } from '../report/state.js';
import '../report/builder.css';
import { ReportAttachmentPicker } from '../components/attachments/ReportAttachments.js';

const PRESETS = [7, 30, 90, 365] as const;
/** How long the settings stay unchanged before the printed length is worked out again. */
const ESTIMATE_SETTLE_MS = 400;
const presetLabel = (days: number) => (days === 365 ? 'The last 12 months' : `The last ${days} days`);
const DETAIL_LABELS = { full: 'In full: title, text and outcome', summary: 'Summary only: date, people, patterns and balance' } as const;

type Update = (f: (c: ReportConfigParsed) => ReportConfigParsed) => void;

/** The days a config covers, as the builder knows them (null: not yet known, or invalid). */
function rangeOf(c: ReportConfigParsed, today: string, lastSession: string | null): { from: string; to: string } | null {
  if (c.range.kind === 'dates') return c.range.from <= c.range.to ? { from: c.range.from, to: c.range.to } : null;
  if (c.range.kind === 'last') return { from: addDays(today, -(c.range.days - 1)), to: today };
  return lastSession ? { from: lastSession, to: today } : null;
}

export function ReportPage() {
  const { config, setConfig } = useReportState();
  const [sessions, setSessions] = useState<TherapySession[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const today = useMemo(() => localToday(), []);

  const reloadSessions = useCallback(async () => {
    try {
      setSessions(await call('sessions.list', {}));
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);
  useEffect(() => void reloadSessions(), [reloadSessions]);

  const lastSession = sessions?.find((s) => s.day <= today)?.day ?? null;
  const range = rangeOf(config, today, lastSession);
  const problem =
    config.range.kind === 'dates' && config.range.from > config.range.to
      ? 'The start of the period is after its end. Choose the dates again.'
      : config.range.kind === 'sinceLastSession' && sessions && !lastSession
        ? 'No therapy session is marked yet. Mark the day of your last session below, or choose another period.'
        : config.sections.entries && config.entries.select === 'picked' && config.entries.pickedIds.length === 0
          ? 'Pick at least one entry below, or choose another option for which entries to include.'
          : null;

  return (
    <div className="page report-builder">
      <header className="page-head">
        <div>
          <h1>Report for your therapist</h1>
          <p className="hint">Choose exactly what to share. Nothing leaves Fulcrum until you print it or save a file — and you see it first.</p>
        </div>
      </header>
      <ErrorAlert>{error}</ErrorAlert>
      <PeriodSection config={config} setConfig={setConfig} sessions={sessions} lastSession={lastSession} today={today} onSessionsChanged={reloadSessions} />
      <PeopleSection config={config} setConfig={setConfig} />
      <SectionsSection config={config} setConfig={setConfig} />
      <EntriesSection config={config} setConfig={setConfig} range={range} />
      {!problem && <ReportAttachmentPicker config={config} setConfig={setConfig} />}
      <QuestionsSection config={config} setConfig={setConfig} />
      <section className="builder-section" aria-labelledby="rb-paper">
        <h2 id="rb-paper">Paper size</h2>
        <div className="row" role="radiogroup" aria-labelledby="rb-paper">
          {(['a4', 'letter'] as const).map((size) => (
            <label key={size} className="check">
              <input type="radio" name="paper" checked={config.pageSize === size} onChange={() => setConfig((c) => ({ ...c, pageSize: size }))} />
              {size === 'a4' ? 'A4' : 'US Letter'}
            </label>
          ))}
        </div>
      </section>
      {/* After the choices: a template is a way to keep them, not the first thing to decide. */}
      <Templates config={config} setConfig={setConfig} />
      {/* Always in reach, however long the page: the preview button and how long the report will be. */}
      <div className="builder-foot" role="region" aria-label="Preview and length">
        {problem && (
          <p className="problem" role="alert">
            {problem}
          </p>
        )}
        <div className="builder-foot-row">
          <button type="button" className="button primary" disabled={!!problem} onClick={() => navigate('/report/print')}>
            Preview the report
          </button>
          <span className="hint">The preview is exactly what will be printed or saved.</span>
        </div>
        <Estimate config={config} setConfig={setConfig} enabled={!problem} />
      </div>
    </div>
  );
}

// ---------------------------------------------------------------- how long it will be
/**
 * The printed length, estimated by core from the same model the preview draws, a moment after the
 * settings stop changing — and past SUGGEST_SUMMARY_PAGES, the one-click way to a shorter report.
 */
function Estimate({ config, setConfig, enabled }: { config: ReportConfigParsed; setConfig: Update; enabled: boolean }) {
  // Each answer remembers the settings it was for: one for older settings is shown as "updating",
  // never as the length of the report now chosen.
  const key = useMemo(() => JSON.stringify(config), [config]);
  const [result, setResult] = useState<{ key: string; estimate: ReportEstimate | null; detail: ReportConfigParsed['entries']['detail']; paper: string } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const detail = config.entries.detail;
    const paper = config.pageSize === 'a4' ? 'A4' : 'US Letter';
    // Settle first: typing a question should not rebuild the report on every key.
    const timer = setTimeout(() => {
      call('report.estimate', { config, today: localToday() })
        .then((estimate) => live && setResult({ key, estimate, detail, paper }))
        .catch(() => live && setResult({ key, estimate: null, detail, paper }));
    }, ESTIMATE_SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [config, key, enabled]);

  if (!enabled) return null;
  const busy = result?.key !== key;
  const estimate = result?.estimate ?? null;
  const long = estimate !== null && estimate.pages > SUGGEST_SUMMARY_PAGES;
  return (
    <div className="estimate" role="status" aria-busy={busy}>
      {result === null ? (
        <p className="hint">Working out how long the report will be…</p>
      ) : estimate === null ? (
        <p className="hint">How long the report will be could not be worked out. The preview shows all of it.</p>
      ) : (
        <>
          <p>
            <strong>Printed, this report is about {plural(estimate.pages, 'page')}</strong> ({result.paper}
            {estimate.entries > 0 ? `, ${plural(estimate.entries, 'entry', 'entries')}${result.detail === 'summary' ? ' as summaries' : ' in full'}` : ''}).
            {busy ? <span className="hint"> Updating…</span> : null}
          </p>
          {long && estimate.summaryPages !== null && (
            <div className="estimate-suggest">
              <p>
                That is a lot to read before a session. With the entries as summaries (date, people, patterns and balance, no text) it would be about{' '}
                {plural(estimate.summaryPages, 'page')}.
              </p>
              <button type="button" className="button" disabled={busy} onClick={() => setConfig((c) => ({ ...c, entries: { ...c.entries, detail: 'summary' } }))}>
                Show the entries as summaries
              </button>
            </div>
          )}
          {long && estimate.summaryPages === null && (
            <p className="estimate-suggest">That is a lot to read before a session. Including only the entries flagged to talk about, or ones you pick, makes it shorter.</p>
          )}
        </>
      )}
    </div>
  );
}

// ---------------------------------------------------------------- templates
function Templates({ config, setConfig }: { config: ReportConfigParsed; setConfig: Update }) {
  const [list, setList] = useState<ReportTemplate[]>([]);
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ReportTemplate | null>(null);
  const toast = useToast();
  const reload = useCallback(async () => {
    try {
      setList(await call('templates.list', {}));
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);
  useEffect(() => void reload(), [reload]);
  const current = list.find((t) => String(t.id) === chosen) ?? null;

  return (
    <section className="builder-section" aria-labelledby="rb-templates">
      <h2 id="rb-templates">Templates</h2>
      <p className="hint">A template keeps the period, people and pseudonyms, sections and entry choices — not your questions or hand-picked entries.</p>
      {list.length > 0 && (
        <div className="row">
          <label className="field inline-field">
            <span>Start from a template</span>
            <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
              <option value="">Choose a template…</option>
              {list.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="button"
            disabled={!current}
            onClick={() => {
              if (!current) return;
              // The questions typed for this report stay; everything else comes from the template.
              setConfig((c) => ({ ...current.config, questions: c.questions }));
              setName(current.name);
              toast.show(`Settings from “${current.name}” are in place.`);
            }}
          >
            Use template
          </button>
          <button type="button" className="button subtle" disabled={!current} onClick={() => setDeleting(current)}>
            Delete template
          </button>
        </div>
      )}
      <form
        className="row"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          if (!name.trim()) {
            setError('Give the template a name, like “Fortnightly” or “Since my last session”.');
            return;
          }
          try {
            const t = await call('templates.save', { name, config });
            await reload();
            setChosen(String(t.id));
            toast.show(`Template “${t.name}” saved.`);
          } catch (err) {
            setError(messageOf(err));
          }
        }}
      >
        <label className="field inline-field">
          <span>Template name</span>
          <input type="text" value={name} maxLength={TEMPLATE_NAME_MAX} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" className="button">
          Save these settings as a template
        </button>
      </form>
      <ErrorAlert>{error}</ErrorAlert>
      {deleting && (
        <ConfirmDialog
          title="Delete this template?"
          message={<p>The template “{deleting.name}” will be deleted. Reports you made with it are not affected.</p>}
          confirmLabel="Delete template"
          danger
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await call('templates.delete', { id: deleting.id });
            setChosen('');
            await reload();
          }}
        />
      )}
    </section>
  );
}

// ---------------------------------------------------------------- period and sessions
function PeriodSection(props: {
  config: ReportConfigParsed;
  setConfig: Update;
  sessions: TherapySession[] | null;
  lastSession: string | null;
  today: string;
  onSessionsChanged: () => Promise<void>;
}) {
  const { config, setConfig, lastSession, today } = props;
  const r = config.range;
  const presets: number[] = [...PRESETS];
  if (r.kind === 'last' && !presets.includes(r.days)) presets.push(r.days);
  const [newDay, setNewDay] = useState(today);
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  const datesFrom = r.kind === 'dates' ? r.from : addDays(today, -29);
  const datesTo = r.kind === 'dates' ? r.to : today;

  return (
    <section className="builder-section" aria-labelledby="rb-period">
      <h2 id="rb-period">Period</h2>
      <div className="options-column" role="radiogroup" aria-labelledby="rb-period">
        <label className="check">
          <input
            type="radio"
            name="period"
            checked={r.kind === 'sinceLastSession'}
            disabled={!lastSession}
            onChange={() => setConfig((c) => ({ ...c, range: { kind: 'sinceLastSession' } }))}
          />
          Since my last therapy session{lastSession ? ` (${longDate(lastSession)})` : ' — mark a session day first'}
        </label>
        {presets.map((days) => (
          <label key={days} className="check">
            <input type="radio" name="period" checked={r.kind === 'last' && r.days === days} onChange={() => setConfig((c) => ({ ...c, range: { kind: 'last', days } }))} />
            {presetLabel(days)}
          </label>
        ))}
        <label className="check">
          <input type="radio" name="period" checked={r.kind === 'dates'} onChange={() => setConfig((c) => ({ ...c, range: { kind: 'dates', from: datesFrom, to: datesTo } }))} />
          Dates I choose
        </label>
      </div>
      {r.kind === 'sinceLastSession' && lastSession && <SinceSession from={lastSession} to={today} personIds={config.personIds} />}
      {r.kind === 'dates' && (
        <div className="row">
          <label className="field inline-field">
            <span>From</span>
            <input type="date" value={r.from} max={r.to} required onChange={(e) => e.target.value && setConfig((c) => ({ ...c, range: { kind: 'dates', from: e.target.value, to: r.to } }))} />
          </label>
          <label className="field inline-field">
            <span>To</span>
            <input type="date" value={r.to} min={r.from} required onChange={(e) => e.target.value && setConfig((c) => ({ ...c, range: { kind: 'dates', from: r.from, to: e.target.value } }))} />
          </label>
        </div>
      )}
      <div className="sessions">
        <h3 id="rb-sessions">Therapy sessions</h3>
        <p className="hint">Mark the day of each session, and a report can start from the last one: what happened since, the entries you flagged and your check-ins.</p>
        <form
          className="row"
          onSubmit={async (e) => {
            e.preventDefault();
            setError(null);
            try {
              await call('sessions.add', { day: newDay });
              await props.onSessionsChanged();
              toast.show(`Session on ${longDate(newDay)} marked.`);
            } catch (err) {
              setError(messageOf(err));
            }
          }}
        >
          <label className="field inline-field">
            <span>Session day</span>
            <input type="date" value={newDay} required onChange={(e) => setNewDay(e.target.value)} />
          </label>
          <button type="submit" className="button">
            Mark session
          </button>
        </form>
        <ErrorAlert>{error}</ErrorAlert>
        {props.sessions && props.sessions.length > 0 && (
          <ul className="session-list" aria-labelledby="rb-sessions">
            {props.sessions.slice(0, 6).map((s) => (
              <li key={s.id}>
                {longDate(s.day)}
                {s.day > today ? ' (upcoming)' : ''}
                <button
                  type="button"
                  className="button small subtle"
                  onClick={async () => {
                    setError(null);
                    try {
                      await call('sessions.delete', { id: s.id });
                      await props.onSessionsChanged();
                    } catch (err) {
                      setError(messageOf(err));
                    }
                  }}
                >
                  Remove<span className="visually-hidden"> the session on {longDate(s.day)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

/** What happened since the last session, in two numbers: entries flagged to talk about, and check-ins. */
function SinceSession({ from, to, personIds }: { from: string; to: string; personIds: number[] }) {
  const [counts, setCounts] = useState<{ flagged: number; more: boolean; checkins: number } | null>(null);
  useEffect(() => {
    let live = true;
    const people = personIds.length ? { personIds } : {};
    Promise.all([
      call('entries.search', { filter: { from, to, raiseWithTherapist: true, ...people }, limit: 500 }),
      call('checkins.list', { from, to }),
    ])
      .then(([flagged, checkins]) => {
        const chosen = checkins.filter((c) => personIds.length === 0 || personIds.includes(c.personId));
        if (live) setCounts({ flagged: flagged.items.length, more: flagged.nextCursor !== null, checkins: chosen.length });
      })
      .catch(() => live && setCounts(null));
    return () => {
      live = false;
    };
  }, [from, to, personIds]);
  if (!counts) return null;
  return (
    <p className="notice" role="status">
      Since your session on {longDate(from)}: {counts.more ? 'more than ' : ''}
      {plural(counts.flagged, 'entry', 'entries')} flagged to talk about, and {plural(counts.checkins, 'check-in')}.
    </p>
  );
}

// ---------------------------------------------------------------- people and pseudonyms
/** A pseudonym to suggest, by the kind of relationship: a role, never a name. */
const PSEUDONYM_EXAMPLES: Record<PersonKind, string> = { romantic: 'Partner', professional: 'Manager', family: 'Parent', social: 'Friend', other: 'Someone I know' };

function PeopleSection({ config, setConfig }: { config: ReportConfigParsed; setConfig: Update }) {
  const { people } = useJournalData();
  const shown = [...people].sort((a, b) => Number(a.archivedAt !== null) - Number(b.archivedAt !== null) || a.name.localeCompare(b.name));
  const chosen = new Set(config.personIds);
  return (
    <section className="builder-section" aria-labelledby="rb-people">
      <h2 id="rb-people">People</h2>
      <p className="hint">
        Tick the people the report is about (no one ticked: everyone). Under “Printed as” you can give a pseudonym, like “Partner” or “Manager”: it replaces the name
        everywhere in the report — also where the name appears in your own words. Left empty, the name is printed as it is.
      </p>
      {shown.length === 0 ? (
        <p className="hint">You have not added anyone yet.</p>
      ) : (
        <table className="people-table">
          <thead>
            <tr>
              <th scope="col">Include</th>
              <th scope="col">Person</th>
              <th scope="col">Printed as</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr key={p.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Include ${p.name}`}
                    checked={chosen.has(p.id)}
                    onChange={(e) =>
                      setConfig((c) => ({ ...c, personIds: e.target.checked ? [...c.personIds.filter((id) => id !== p.id), p.id] : c.personIds.filter((id) => id !== p.id) }))
                    }
                  />
                </td>
                <td>
                  {p.name} <span className="hint">· {PERSON_KIND_LABELS[p.kind].toLowerCase()}{p.archivedAt ? ', archived' : ''}</span>
                </td>
                <td>
                  <input
                    type="text"
                    aria-label={`Pseudonym for ${p.name}`}
                    placeholder={`e.g. ${PSEUDONYM_EXAMPLES[p.kind]}`}
                    maxLength={120}
                    value={config.pseudonyms[String(p.id)] ?? ''}
                    onChange={(e) => {
                      const v = e.target.value;
                      setConfig((c) => {
                        const next = { ...c.pseudonyms };
                        if (v.trim()) next[String(p.id)] = v;
                        else delete next[String(p.id)];
                        return { ...c, pseudonyms: next };
                      });
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

// ---------------------------------------------------------------- sections
function SectionsSection({ config, setConfig }: { config: ReportConfigParsed; setConfig: Update }) {
  return (
    <section className="builder-section">
      <fieldset>
        <legend>
          <h2>Sections</h2>
        </legend>
        <div className="options-column">
          {REPORT_SECTIONS.map((s) => (
            <label key={s} className="check">
              <input type="checkbox" checked={config.sections[s]} onChange={(e) => setConfig((c) => ({ ...c, sections: { ...c.sections, [s]: e.target.checked } }))} />
              {REPORT_SECTION_LABELS[s]}
            </label>
          ))}
        </div>
      </fieldset>
    </section>
  );
}

// ---------------------------------------------------------------- entries
function EntriesSection({ config, setConfig, range }: { config: ReportConfigParsed; setConfig: Update; range: { from: string; to: string } | null }) {
  const off = !config.sections.entries;
  const e = config.entries;
  return (
    <section className="builder-section" aria-labelledby="rb-entries">
      <h2 id="rb-entries">Entries</h2>
      {off && <p className="hint">The Entries section is off: no entries are included. Tick it under Sections to choose some.</p>}
      <fieldset disabled={off}>
        <legend>Which entries</legend>
        <div className="options-column">
          {ENTRY_SELECTIONS.map((s) => (
            <label key={s} className="check">
              <input type="radio" name="entry-select" checked={e.select === s} onChange={() => setConfig((c) => ({ ...c, entries: { ...c.entries, select: s } }))} />
              {ENTRY_SELECTION_LABELS[s]}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset disabled={off || e.select === 'none'}>
        <legend>How much of each</legend>
        <div className="options-column">
          {ENTRY_DETAILS.map((d) => (
            <label key={d} className="check">
              <input type="radio" name="entry-detail" checked={e.detail === d} onChange={() => setConfig((c) => ({ ...c, entries: { ...c.entries, detail: d } }))} />
              {DETAIL_LABELS[d]}
            </label>
          ))}
        </div>
      </fieldset>
      {!off && e.select === 'picked' && <EntryPicker config={config} setConfig={setConfig} range={range} />}
    </section>
  );
}

const PICK_PAGE = 100;

function EntryPicker({ config, setConfig, range }: { config: ReportConfigParsed; setConfig: Update; range: { from: string; to: string } | null }) {
  const { personById } = useJournalData();
  const [items, setItems] = useState<EntrySummary[]>([]);
  const [cursor, setCursor] = useState<Cursor | null>(null);
  const [state, setState] = useState<'loading' | 'idle' | 'error'>('loading');
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  const personIds = config.personIds;
  const from = range?.from;
  const to = range?.to;

  const load = useCallback(
    async (after: Cursor | null) => {
      if (!from || !to) return;
      setState('loading');
      try {
        const page = await call('entries.search', {
          filter: { from, to, ...(personIds.length ? { personIds } : {}) },
          cursor: after,
          limit: PICK_PAGE,
        });
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setState('idle');
      } catch (err) {
        setError(messageOf(err));
        setState('error');
      }
    },
    [from, to, personIds],
  );
  useEffect(() => void load(null), [load]);

  const picked = new Set(config.entries.pickedIds);
  const toggle = (id: number, on: boolean) =>
    setConfig((c) => ({ ...c, entries: { ...c.entries, pickedIds: on ? [...c.entries.pickedIds.filter((x) => x !== id), id] : c.entries.pickedIds.filter((x) => x !== id) } }));

  if (!range) return <p className="hint">Choose a period first; its entries are listed here to pick from.</p>;
  return (
    <div className="picker">
      <h3 id={headingId}>
        Pick entries <span className="hint">· {plural(config.entries.pickedIds.length, 'entry', 'entries')} picked</span>
      </h3>
      <ErrorAlert>{error}</ErrorAlert>
      {state !== 'loading' && items.length === 0 ? (
        <p className="hint">No entries in this period{personIds.length ? ' for the people ticked' : ''}.</p>
      ) : (
        <ul className="pick-list" aria-labelledby={headingId}>
          {items.map((it) => {
            const who = it.personIds.map((id) => personById.get(id)?.name ?? '').filter(Boolean).join(', ');
            const what = it.title || it.excerpt.replace(/[\uE000\uE001]/g, '').slice(0, 90) || 'Untitled entry';
            return (
              <li key={it.id}>
                <label className="check">
                  <input type="checkbox" checked={picked.has(it.id)} onChange={(e) => toggle(it.id, e.target.checked)} />
                  <span>
                    <strong>{entryDate(it.day)}</strong> — {what}
                    {who && <span className="hint"> · {who}</span>}
                    {it.raiseWithTherapist && <span className="badge badge-therapist">For my therapist</span>}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {state === 'loading' && <p className="hint">Loading entries…</p>}
      {cursor && state === 'idle' && (
        <button type="button" className="button small" onClick={() => void load(cursor)}>
          Show more entries
        </button>
      )}
    </div>
  );
}

// ---------------------------------------------------------------- questions
function QuestionsSection({ config, setConfig }: { config: ReportConfigParsed; setConfig: Update }) {
  const hint = useId();
  return (
    <section className="builder-section" aria-labelledby="rb-questions">
      <h2 id="rb-questions">Questions for my next session</h2>
      <p id={hint} className="hint">
        What do you want to talk about? This goes on the first page.{config.sections.questions ? '' : ' (The Questions section is off, so it will not be printed.)'}
      </p>
      <textarea
        aria-labelledby="rb-questions"
        aria-describedby={hint}
        rows={5}
        maxLength={QUESTIONS_MAX}
        value={config.questions}
        onChange={(e) => setConfig((c) => ({ ...c, questions: e.target.value }))}
      />
    </section>
  );
}
