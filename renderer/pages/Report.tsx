/**
 * #/report: the report builder. The person decides exactly what leaves the journal — the
 * period (dates, the last N days, or since the last therapy session), the people and the name each is
 * printed under, the sections, which entries and how much of them, and their own questions — then
 * previews it exactly as it prints (#/report/print). Settings can be kept as templates.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { PersonKind } from '../../shared/catalogue.js';
import { LANGUAGES, Language } from '../../shared/locales.js';
import { addDays } from '../../shared/insights.js';
import {
  ENTRY_DETAILS,
  ENTRY_SELECTIONS,
  FULL_TEXT_ENTRIES,
  QUESTIONS_MAX,
  REPORT_SECTIONS,
  type EntrySelection,
  type ReportSection,
  SUGGEST_SUMMARY_PAGES,
  TEMPLATE_NAME_MAX,
  type ReportConfigParsed,
  type ReportEstimate,
  type ReportTemplate,
  type TherapySession,
} from '../../shared/report.js';
import { call, messageOf } from '../api.js';
import { ConfirmDialog } from '../components/Dialog.js';
import { ErrorAlert } from '../components/Feedback.js';
import { screenKey, useApi, usePagedEntries } from '../lib/queries.js';
import { navigate } from '../lib/router.js';
import { useJournalData, useToast } from '../lib/session.js';
import { entryDate, localToday, longDate } from '../report/format.js';
import { LANGUAGE_NAMES, useLanguage, useT, type MessageId } from '../i18n/index.js';
import { useVocabulary } from '../i18n/vocabulary.js';
import { useReportState } from '../report/state.js';
import '../report/builder.css';
import { ReportAttachmentPicker } from '../components/attachments/ReportAttachments.js';

const PRESETS = [7, 30, 90, 365] as const;
/** How long the settings stay unchanged before the printed length is worked out again. */
const ESTIMATE_SETTLE_MS = 400;
const DETAIL_LABELS = { full: 'report.detail.full', summary: 'report.detail.summary' } as const satisfies Record<string, MessageId>;
const SECTION_LABELS: Record<ReportSection, MessageId> = {
  summary: 'report.section.summary',
  charts: 'report.section.charts',
  patterns: 'report.section.patterns',
  checkins: 'report.section.checkins',
  entries: 'report.section.entries',
  questions: 'report.section.questions',
};
const SELECTION_LABELS: Record<EntrySelection, MessageId> = {
  all: 'report.select.all',
  flagged: 'report.select.flagged',
  picked: 'report.select.picked',
  none: 'report.select.none',
};

type Update = (f: (c: ReportConfigParsed) => ReportConfigParsed) => void;

/** The days a config covers, as the builder knows them (null: not yet known, or invalid). */
function rangeOf(c: ReportConfigParsed, today: string, lastSession: string | null): { from: string; to: string } | null {
  if (c.range.kind === 'dates') return c.range.from <= c.range.to ? { from: c.range.from, to: c.range.to } : null;
  if (c.range.kind === 'last') return { from: addDays(today, -(c.range.days - 1)), to: today };
  return lastSession ? { from: lastSession, to: today } : null;
}

export function ReportPage() {
  const { config, setConfig } = useReportState();
  const t = useT();
  // Marking or removing a session is a write to the sessions area: the list loads again after it.
  const sessionsQuery = useApi('sessions.list', {});
  const sessions: TherapySession[] | null = sessionsQuery.data ?? null;
  const error = sessionsQuery.error ? messageOf(sessionsQuery.error) : null;
  const today = useMemo(() => localToday(), []);

  const lastSession = sessions?.find((s) => s.day <= today)?.day ?? null;
  const range = rangeOf(config, today, lastSession);
  const problem =
    config.range.kind === 'dates' && config.range.from > config.range.to
      ? t('report.problem.dates')
      : config.range.kind === 'sinceLastSession' && sessions && !lastSession
        ? t('report.problem.noSession')
        : config.sections.entries && config.entries.select === 'picked' && config.entries.pickedIds.length === 0
          ? t('report.problem.noPicked')
          : null;

  return (
    <div className="page report-builder">
      <header className="page-head">
        <div>
          <h1>{t('report.title')}</h1>
          <p className="hint">{t('report.hint')}</p>
        </div>
      </header>
      <ErrorAlert>{error}</ErrorAlert>
      <PeriodSection config={config} setConfig={setConfig} sessions={sessions} lastSession={lastSession} today={today} />
      <PeopleSection config={config} setConfig={setConfig} />
      <SectionsSection config={config} setConfig={setConfig} />
      <EntriesSection config={config} setConfig={setConfig} range={range} />
      {!problem && <ReportAttachmentPicker config={config} setConfig={setConfig} />}
      <QuestionsSection config={config} setConfig={setConfig} />
      <section className="builder-section" aria-labelledby="rb-paper">
        <h2 id="rb-paper">{t('report.paper')}</h2>
        <div className="row" role="radiogroup" aria-labelledby="rb-paper">
          {(['a4', 'letter'] as const).map((size) => (
            <label key={size} className="check">
              <input type="radio" name="paper" checked={config.pageSize === size} onChange={() => setConfig((c) => ({ ...c, pageSize: size }))} />
              {t(size === 'a4' ? 'report.paper.a4' : 'report.paper.letter')}
            </label>
          ))}
        </div>
      </section>
      <LanguageSection />
      {/* After the choices: a template is a way to keep them, not the first thing to decide. */}
      <Templates config={config} setConfig={setConfig} />
      {/* Always in reach, however long the page: the preview button and how long the report will be. */}
      <div className="builder-foot" role="region" aria-label={t('report.foot')}>
        {problem && (
          <p className="problem" role="alert">
            {problem}
          </p>
        )}
        <div className="builder-foot-row">
          <button type="button" className="button primary" disabled={!!problem} onClick={() => navigate('/report/print')}>
            {t('report.preview')}
          </button>
          <span className="hint">{t('report.previewHint')}</span>
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
  const t = useT();
  const key = useMemo(() => JSON.stringify(config), [config]);
  // Settle first: typing a question should not rebuild the report on every key. This effect only
  // waits; the query below asks about the settings once they have settled.
  const [asked, setAsked] = useState<{ config: ReportConfigParsed; today: string } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const timer = setTimeout(() => setAsked({ config, today: localToday() }), ESTIMATE_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [config, enabled]);
  // One key per settled settings, so a late answer for older ones never replaces a newer one. Each
  // answer carries the settings it was for: while the next is on its way the previous one stays,
  // shown as "updating", never as the length of the report now chosen. A write that changes what
  // the report shows (the report area) asks again.
  const query = useQuery({
    queryKey: screenKey('report', 'estimate', asked),
    queryFn: async () => {
      const input = asked!;
      const estimate: ReportEstimate | null = await call('report.estimate', input);
      return { key: JSON.stringify(input.config), estimate, config: input.config };
    },
    enabled: enabled && asked !== null,
    placeholderData: keepPreviousData,
  });
  // A failed estimate says so, for the settings it was asked for.
  const result = query.isError && asked ? { key: JSON.stringify(asked.config), estimate: null, config: asked.config } : (query.data ?? null);

  if (!enabled) return null;
  const busy = result?.key !== key || query.isFetching;
  const estimate = result?.estimate ?? null;
  const detail = result?.config.entries.detail;
  const fullText = result?.config.entries.fullText;
  const paper = t(result?.config.pageSize === 'a4' ? 'report.paper.a4' : 'report.paper.letter');
  const long = estimate !== null && estimate.pages > SUGGEST_SUMMARY_PAGES;
  return (
    <div className="estimate" role="status" aria-busy={busy}>
      {result === null ? (
        <p className="hint">{t('report.estimate.working')}</p>
      ) : estimate === null ? (
        <p className="hint">{t('report.estimate.failed')}</p>
      ) : (
        <>
          <p>
            <strong>{t('report.estimate.pages', { pages: estimate.pages })}</strong>{' '}
            {estimate.rows > 0
              ? t('reportx.estimate.paperRows', { paper, full: estimate.entries - estimate.rows, rows: estimate.rows })
              : estimate.entries > 0
                ? t(detail === 'summary' ? 'report.estimate.paperSummaries' : 'report.estimate.paperFull', { paper, entries: estimate.entries })
                : t('report.estimate.paper', { paper })}
            {busy ? <span className="hint"> {t('report.estimate.updating')}</span> : null}
          </p>
          {long && estimate.summaryPages !== null && (
            <div className="estimate-suggest">
              <p>{t('report.estimate.long', { pages: estimate.summaryPages })}</p>
              <button type="button" className="button" disabled={busy} onClick={() => setConfig((c) => ({ ...c, entries: { ...c.entries, detail: 'summary' } }))}>
                {t('report.estimate.useSummaries')}
              </button>
            </div>
          )}
          {long && estimate.summaryPages === null && (
            <p className="estimate-suggest">{t('report.estimate.longPicked')}</p>
          )}
          {estimate.rows > 0 && estimate.fullPages !== null && (
            <div className="estimate-suggest">
              <p>{t('reportx.estimate.rows', { full: estimate.entries - estimate.rows, rows: estimate.rows })}</p>
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => setConfig((c) => ({ ...c, entries: { ...c.entries, fullText: 'all' } }))}
              >
                {t('reportx.estimate.allFull', { entries: estimate.entries, pages: estimate.fullPages })}
              </button>
            </div>
          )}
          {fullText === 'all' && detail === 'full' && estimate.entries > FULL_TEXT_ENTRIES && (
            <div className="estimate-suggest">
              <p>{t('reportx.estimate.isAll', { entries: estimate.entries })}</p>
              <button type="button" className="button" disabled={busy} onClick={() => setConfig((c) => ({ ...c, entries: { ...c.entries, fullText: 'first' } }))}>
                {t('reportx.estimate.short', { full: FULL_TEXT_ENTRIES })}
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}

// ---------------------------------------------------------------- templates
function Templates({ config, setConfig }: { config: ReportConfigParsed; setConfig: Update }) {
  // Saving or deleting a template is a write to the templates area: the list loads again after it.
  const listQuery = useApi('templates.list', {});
  const list: ReportTemplate[] = listQuery.data ?? [];
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState('');
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? (listQuery.error ? messageOf(listQuery.error) : null);
  const [deleting, setDeleting] = useState<ReportTemplate | null>(null);
  const toast = useToast();
  const t = useT();
  const current = list.find((x) => String(x.id) === chosen) ?? null;

  return (
    <section className="builder-section" aria-labelledby="rb-templates">
      <h2 id="rb-templates">{t('report.templates.title')}</h2>
      <p className="hint">{t('report.templates.hint')}</p>
      {list.length > 0 && (
        <div className="row">
          <label className="field inline-field">
            <span>{t('report.templates.start')}</span>
            <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
              <option value="">{t('report.templates.choose')}</option>
              {list.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
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
              toast.show(t('report.templates.applied', { name: current.name }));
            }}
          >
            {t('report.templates.use')}
          </button>
          <button type="button" className="button subtle" disabled={!current} onClick={() => setDeleting(current)}>
            {t('report.templates.delete')}
          </button>
        </div>
      )}
      <form
        className="row"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          if (!name.trim()) {
            setError(t('report.templates.nameNeeded'));
            return;
          }
          try {
            const saved = await call('templates.save', { name, config });
            setChosen(String(saved.id));
            toast.show(t('report.templates.saved', { name: saved.name }));
          } catch (err) {
            setError(messageOf(err));
          }
        }}
      >
        <label className="field inline-field">
          <span>{t('report.templates.name')}</span>
          <input type="text" value={name} maxLength={TEMPLATE_NAME_MAX} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" className="button">
          {t('report.templates.save')}
        </button>
      </form>
      <ErrorAlert>{error}</ErrorAlert>
      {deleting && (
        <ConfirmDialog
          title={t('report.templates.confirmTitle')}
          message={<p>{t('report.templates.confirmText', { name: deleting.name })}</p>}
          confirmLabel={t('report.templates.delete')}
          danger
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await call('templates.delete', { id: deleting.id });
            setChosen('');
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
}) {
  const { config, setConfig, lastSession, today } = props;
  const r = config.range;
  const presets: number[] = [...PRESETS];
  if (r.kind === 'last' && !presets.includes(r.days)) presets.push(r.days);
  const [newDay, setNewDay] = useState(today);
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  const t = useT();
  const datesFrom = r.kind === 'dates' ? r.from : addDays(today, -29);
  const datesTo = r.kind === 'dates' ? r.to : today;

  return (
    <section className="builder-section" aria-labelledby="rb-period">
      <h2 id="rb-period">{t('report.period')}</h2>
      <div className="options-column" role="radiogroup" aria-labelledby="rb-period">
        <label className="check">
          <input
            type="radio"
            name="period"
            checked={r.kind === 'sinceLastSession'}
            disabled={!lastSession}
            onChange={() => setConfig((c) => ({ ...c, range: { kind: 'sinceLastSession' } }))}
          />
          {lastSession ? t('report.period.sinceSession', { date: longDate(lastSession) }) : t('report.period.sinceSessionNone')}
        </label>
        {presets.map((days) => (
          <label key={days} className="check">
            <input type="radio" name="period" checked={r.kind === 'last' && r.days === days} onChange={() => setConfig((c) => ({ ...c, range: { kind: 'last', days } }))} />
            {days === 365 ? t('report.period.year') : t('report.period.days', { days })}
          </label>
        ))}
        <label className="check">
          <input type="radio" name="period" checked={r.kind === 'dates'} onChange={() => setConfig((c) => ({ ...c, range: { kind: 'dates', from: datesFrom, to: datesTo } }))} />
          {t('report.period.dates')}
        </label>
      </div>
      {r.kind === 'sinceLastSession' && lastSession && <SinceSession from={lastSession} to={today} personIds={config.personIds} />}
      {r.kind === 'dates' && (
        <div className="row">
          <label className="field inline-field">
            <span>{t('report.period.from')}</span>
            <input type="date" value={r.from} max={r.to} required onChange={(e) => e.target.value && setConfig((c) => ({ ...c, range: { kind: 'dates', from: e.target.value, to: r.to } }))} />
          </label>
          <label className="field inline-field">
            <span>{t('report.period.to')}</span>
            <input type="date" value={r.to} min={r.from} required onChange={(e) => e.target.value && setConfig((c) => ({ ...c, range: { kind: 'dates', from: r.from, to: e.target.value } }))} />
          </label>
        </div>
      )}
      <div className="sessions">
        <h3 id="rb-sessions">{t('report.sessions.title')}</h3>
        <p className="hint">{t('report.sessions.hint')}</p>
        <form
          className="row"
          onSubmit={async (e) => {
            e.preventDefault();
            setError(null);
            try {
              await call('sessions.add', { day: newDay });
              toast.show(t('report.sessions.marked', { date: longDate(newDay) }));
            } catch (err) {
              setError(messageOf(err));
            }
          }}
        >
          <label className="field inline-field">
            <span>{t('report.sessions.day')}</span>
            <input type="date" value={newDay} required onChange={(e) => setNewDay(e.target.value)} />
          </label>
          <button type="submit" className="button">
            {t('report.sessions.mark')}
          </button>
        </form>
        <ErrorAlert>{error}</ErrorAlert>
        {props.sessions && props.sessions.length > 0 && (
          <ul className="session-list" aria-labelledby="rb-sessions">
            {props.sessions.slice(0, 6).map((s) => (
              <li key={s.id}>
                {s.day > today ? t('report.sessions.upcoming', { date: longDate(s.day) }) : longDate(s.day)}
                <button
                  type="button"
                  className="button small subtle"
                  onClick={async () => {
                    setError(null);
                    try {
                      await call('sessions.delete', { id: s.id });
                    } catch (err) {
                      setError(messageOf(err));
                    }
                  }}
                >
                  {t('report.sessions.remove')}
                  <span className="visually-hidden"> {t('report.sessions.removeWhich', { date: longDate(s.day) })}</span>
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
  const t = useT();
  const people = personIds.length ? { personIds } : {};
  // Each period and choice of people its own key; the last counts stay until the new ones arrive.
  // Nothing is said when either fails.
  const flaggedQuery = useApi('entries.search', { filter: { from, to, raiseWithTherapist: true, ...people }, limit: 500 }, { placeholderData: keepPreviousData });
  const checkinsQuery = useApi('checkins.list', { from, to }, { placeholderData: keepPreviousData });
  const flagged = flaggedQuery.data;
  const checkins = checkinsQuery.data;
  if (!flagged || !checkins) return null;
  const counts = {
    flagged: flagged.items.length,
    more: flagged.nextCursor !== null,
    checkins: checkins.filter((c) => personIds.length === 0 || personIds.includes(c.personId)).length,
  };
  return (
    <p className="notice" role="status">
      {t('report.since', { date: longDate(from), more: counts.more ? 'yes' : 'no', flagged: counts.flagged, checkins: counts.checkins })}
    </p>
  );
}

// ---------------------------------------------------------------- people and pseudonyms
/** A pseudonym to suggest, by the kind of relationship: a role, never a name. */
const PSEUDONYM_EXAMPLES: Record<PersonKind, MessageId> = {
  romantic: 'report.pseudonym.romantic',
  professional: 'report.pseudonym.professional',
  family: 'report.pseudonym.family',
  social: 'report.pseudonym.social',
  other: 'report.pseudonym.other',
};

function PeopleSection({ config, setConfig }: { config: ReportConfigParsed; setConfig: Update }) {
  const { people } = useJournalData();
  const t = useT();
  const v = useVocabulary();
  const { language } = useLanguage();
  // Set in a sentence, lower case — except German nouns, which keep their capital.
  const lower = (word: string) => (language === 'de' ? word : word.toLocaleLowerCase(language));
  const shown = [...people].sort((a, b) => Number(a.archivedAt !== null) - Number(b.archivedAt !== null) || a.name.localeCompare(b.name));
  const chosen = new Set(config.personIds);
  return (
    <section className="builder-section" aria-labelledby="rb-people">
      <h2 id="rb-people">{t('report.people')}</h2>
      <p className="hint">{t('report.people.hint')}</p>
      {shown.length === 0 ? (
        <p className="hint">{t('report.people.none')}</p>
      ) : (
        <table className="people-table">
          <thead>
            <tr>
              <th scope="col">{t('report.people.include')}</th>
              <th scope="col">{t('report.people.person')}</th>
              <th scope="col">{t('report.people.printedAs')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr key={p.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('report.people.includeName', { name: p.name })}
                    checked={chosen.has(p.id)}
                    onChange={(e) =>
                      setConfig((c) => ({ ...c, personIds: e.target.checked ? [...c.personIds.filter((id) => id !== p.id), p.id] : c.personIds.filter((id) => id !== p.id) }))
                    }
                  />
                </td>
                <td>
                  {p.name} <span className="hint">{t(p.archivedAt ? 'report.people.kindArchived' : 'report.people.kind', { kind: lower(v.personKind(p.kind)) })}</span>
                </td>
                <td>
                  <input
                    type="text"
                    aria-label={t('report.people.pseudonymFor', { name: p.name })}
                    placeholder={t('report.people.example', { example: t(PSEUDONYM_EXAMPLES[p.kind]) })}
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
  const t = useT();
  return (
    <section className="builder-section">
      <fieldset>
        <legend>
          <h2>{t('report.sections')}</h2>
        </legend>
        <div className="options-column">
          {REPORT_SECTIONS.map((s) => (
            <label key={s} className="check">
              <input type="checkbox" checked={config.sections[s]} onChange={(e) => setConfig((c) => ({ ...c, sections: { ...c.sections, [s]: e.target.checked } }))} />
              {t(SECTION_LABELS[s])}
            </label>
          ))}
        </div>
      </fieldset>
    </section>
  );
}

// ---------------------------------------------------------------- entries
function EntriesSection({ config, setConfig, range }: { config: ReportConfigParsed; setConfig: Update; range: { from: string; to: string } | null }) {
  const t = useT();
  const off = !config.sections.entries;
  const e = config.entries;
  return (
    <section className="builder-section" aria-labelledby="rb-entries">
      <h2 id="rb-entries">{t('report.entries')}</h2>
      {off && <p className="hint">{t('report.entries.off')}</p>}
      <fieldset disabled={off}>
        <legend>{t('report.entries.which')}</legend>
        <div className="options-column">
          {ENTRY_SELECTIONS.map((s) => (
            <label key={s} className="check">
              <input type="radio" name="entry-select" checked={e.select === s} onChange={() => setConfig((c) => ({ ...c, entries: { ...c.entries, select: s } }))} />
              {t(SELECTION_LABELS[s])}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset disabled={off || e.select === 'none'}>
        <legend>{t('report.entries.howMuch')}</legend>
        <div className="options-column">
          {ENTRY_DETAILS.map((d) => (
            <label key={d} className="check">
              <input type="radio" name="entry-detail" checked={e.detail === d} onChange={() => setConfig((c) => ({ ...c, entries: { ...c.entries, detail: d } }))} />
              {t(DETAIL_LABELS[d])}
            </label>
          ))}
          {/* A long print is the person's explicit choice: by default only the first entries are whole. */}
          <label className="check">
            <input
              type="checkbox"
              checked={e.fullText === 'all'}
              disabled={e.detail !== 'full'}
              onChange={(ev) => {
                const fullText = ev.target.checked ? 'all' : 'first';
                setConfig((c) => ({ ...c, entries: { ...c.entries, fullText } }));
              }}
            />
            {t('reportx.fullText.all', { full: FULL_TEXT_ENTRIES })}
          </label>
        </div>
      </fieldset>
      {!off && e.select === 'picked' && <EntryPicker config={config} setConfig={setConfig} range={range} />}
    </section>
  );
}

const PICK_PAGE = 100;

function EntryPicker({ config, setConfig, range }: { config: ReportConfigParsed; setConfig: Update; range: { from: string; to: string } | null }) {
  const t = useT();
  if (!range) return <p className="hint">{t('report.pick.periodFirst')}</p>;
  return <EntryPickerList config={config} setConfig={setConfig} range={range} />;
}

/**
 * The entries of the period (and people) to pick from, a page at a time: one query per period and
 * choice of people, so the list shown is always the newest choice's, never a late older answer.
 */
function EntryPickerList({ config, setConfig, range }: { config: ReportConfigParsed; setConfig: Update; range: { from: string; to: string } }) {
  const { personById } = useJournalData();
  const t = useT();
  const headingId = useId();
  const personIds = config.personIds;
  const { items, state, error, hasMore, loadMore } = usePagedEntries(
    'entries.search',
    { from: range.from, to: range.to, ...(personIds.length ? { personIds } : {}) },
    PICK_PAGE,
  );

  const picked = new Set(config.entries.pickedIds);
  const toggle = (id: number, on: boolean) =>
    setConfig((c) => ({ ...c, entries: { ...c.entries, pickedIds: on ? [...c.entries.pickedIds.filter((x) => x !== id), id] : c.entries.pickedIds.filter((x) => x !== id) } }));

  return (
    <div className="picker">
      <h3 id={headingId}>
        {t('report.pick.title')} <span className="hint">{t('report.pick.count', { count: config.entries.pickedIds.length })}</span>
      </h3>
      <ErrorAlert>{error ? messageOf(error) : null}</ErrorAlert>
      {state !== 'loading' && items.length === 0 ? (
        <p className="hint">{t(personIds.length ? 'report.pick.noneForPeople' : 'report.pick.none')}</p>
      ) : (
        <ul className="pick-list" aria-labelledby={headingId}>
          {items.map((it) => {
            const who = it.personIds.map((id) => personById.get(id)?.name ?? '').filter(Boolean).join(', ');
            const what = it.title || it.excerpt.replace(/[\uE000\uE001]/g, '').slice(0, 90) || t('report.pick.untitled');
            return (
              <li key={it.id}>
                <label className="check">
                  <input type="checkbox" checked={picked.has(it.id)} onChange={(e) => toggle(it.id, e.target.checked)} />
                  <span>
                    <strong>{entryDate(it.day)}</strong> — {what}
                    {who && <span className="hint"> · {who}</span>}
                    {it.raiseWithTherapist && <span className="badge badge-therapist">{t('report.pick.forTherapist')}</span>}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {state === 'loading' && <p className="hint">{t('report.pick.loading')}</p>}
      {hasMore && state === 'idle' && (
        <button type="button" className="button small" onClick={loadMore}>
          {t('report.pick.more')}
        </button>
      )}
    </div>
  );
}

// ---------------------------------------------------------------- questions
function QuestionsSection({ config, setConfig }: { config: ReportConfigParsed; setConfig: Update }) {
  const t = useT();
  const hint = useId();
  return (
    <section className="builder-section" aria-labelledby="rb-questions">
      <h2 id="rb-questions">{t('report.questions')}</h2>
      <p id={hint} className="hint">
        {t(config.sections.questions ? 'report.questions.hint' : 'report.questions.hintOff')}
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

// ---------------------------------------------------------------- the report's language
/** The language the report is printed in: the app's own unless chosen, for a therapist who reads another. */
function LanguageSection() {
  const t = useT();
  const { language, setLanguage } = useReportState();
  const app = useLanguage();
  const hint = useId();
  return (
    <section className="builder-section" aria-labelledby="rb-language">
      <h2 id="rb-language">{t('report.language')}</h2>
      <p id={hint} className="hint">
        {t('report.language.hint')}
      </p>
      <select
        aria-labelledby="rb-language"
        aria-describedby={hint}
        value={language ?? app.language}
        onChange={(e) => {
          const chosen = Language.parse(e.target.value);
          setLanguage(chosen === app.language ? null : chosen);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </section>
  );
}
