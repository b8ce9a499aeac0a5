/**
 * The report as printed — the same component on screen (the preview) and on paper (print CSS in
 * report.css): a first page a therapist reads in two minutes (range, counts with their change, top
 * patterns, areas, the user's questions, flagged entries), then the detail (charts, patterns table,
 * check-in trends, entries). Every name in `model` is already the one to print (pseudonyms applied in
 * core); this component never looks up a person by id.
 */
import type { ReactNode } from 'react';
import { CATEGORY_DESCRIPTIONS, CATEGORY_LABELS, DOMAIN_LABELS, PERSON_KIND_LABELS, BALANCE_LABELS, type Category } from '../../shared/catalogue.js';
import { CHECKIN_MEASURES, type CheckInMeasure } from '../../shared/insights.js';
import { FIRST_PAGE_LISTED, type Compared, type ReportEntry, type ReportModel, type ReportPattern } from '../../shared/report.js';
import { POLARITY_SIGN, POLARITY_WORD } from '../components/Chips.js';
import { AreaBars, BalanceLine, PolarityBars, PolarityLegend, ScoreLegend, ScoreLines, Sparkline } from './charts.js';
import { change, decimal, entryDate, longDate, midSentence, percent, plural, type ChangeKind } from './format.js';

/** Flagged entries listed on the first page (the rest are in the Entries section): page one stays one page. */
const FIRST_PAGE_FLAGGED = FIRST_PAGE_LISTED;
/** Patterns named per flagged entry on the first page (all of them are under Entries). */
const FIRST_PAGE_PATTERNS = 2;

const CHECKIN_LABELS: Record<CheckInMeasure, string> = {
  heard: 'Heard',
  respected: 'Respected',
  involved: 'Involved',
  fairShare: 'Fair share',
  boundaries: 'Boundaries kept',
  safe: 'Safe',
};

function Change({ c, kind }: { c: Compared; kind: ChangeKind }) {
  const w = change(c, kind);
  if (!w) return null;
  return (
    <span className="rp-change">
      <span aria-hidden="true">
        <span className="rp-arrow">{w.arrow}</span> {w.delta} <span className="rp-was">({w.was})</span>
      </span>
      <span className="visually-hidden">{w.spoken}</span>
    </span>
  );
}

function Figure(props: { label: string; value: string; c?: Compared; kind?: ChangeKind; note?: string }) {
  return (
    <div className="rp-figure">
      <dt>{props.label}</dt>
      <dd>
        <span className="rp-figure-value">{props.value}</span>
        {props.c && props.kind && <Change c={props.c} kind={props.kind} />}
        {props.note && <span className="rp-figure-note">{props.note}</span>}
      </dd>
    </div>
  );
}

function Polarity({ polarity }: { polarity: ReportPattern['polarity'] }) {
  return (
    <span className={`rp-pol rp-pol-${polarity}`}>
      <span aria-hidden="true">{POLARITY_SIGN[polarity]}</span> {POLARITY_WORD[polarity].toLowerCase()}
    </span>
  );
}

function PatternChange({ p }: { p: ReportPattern }) {
  return <Change c={{ value: p.count, previous: p.previousCount }} kind="count" />;
}

const balanceText = (b: number) => `${b > 0 ? '+' : b < 0 ? '−' : ''}${Math.abs(b)} (${midSentence(BALANCE_LABELS[b] ?? '')})`;

function EntryFacts({ e }: { e: ReportEntry }) {
  const scores = (
    [
      ['Intensity', e.intensity],
      ['Heard', e.heard],
      ['Respected', e.respected],
      ['Valued', e.valued],
      ['Involved', e.involved],
    ] as const
  ).filter(([, v]) => v !== null);
  return (
    <dl className="rp-facts">
      {e.people.length > 0 && (
        <div>
          <dt>People</dt>
          <dd>{e.people.join(', ')}</dd>
        </div>
      )}
      {e.patterns.length > 0 && (
        <div>
          <dt>Patterns</dt>
          <dd>
            {e.patterns.map((p, i) => (
              <span key={i} className={`rp-pattern rp-pol-${p.polarity}`}>
                <span aria-hidden="true">{POLARITY_SIGN[p.polarity]}</span>
                <span className="visually-hidden">({p.polarity})</span> {p.label}
                {i < e.patterns.length - 1 ? '; ' : ''}
              </span>
            ))}
          </dd>
        </div>
      )}
      {e.domains.length > 0 && (
        <div>
          <dt>Areas</dt>
          <dd>{e.domains.map((d) => DOMAIN_LABELS[d]).join(', ')}</dd>
        </div>
      )}
      {e.balance !== null && (
        <div>
          <dt>Balance</dt>
          <dd>{balanceText(e.balance)}</dd>
        </div>
      )}
      {scores.length > 0 && (
        <div>
          <dt>Scores</dt>
          <dd>{scores.map(([k, v]) => `${k} ${v}/5`).join(' · ')}</dd>
        </div>
      )}
    </dl>
  );
}

function Flags({ e }: { e: ReportEntry }) {
  if (!e.flagged && !e.safety) return null;
  return (
    <span className="rp-flags">
      {e.flagged && <span className="rp-flag">To talk about</span>}
      {e.safety && <span className="rp-flag rp-flag-safety">Safety concern</span>}
    </span>
  );
}

/** " — title", the title isolated by its own direction (the writer may write right to left). */
function DashTitle({ title }: { title: string | null }) {
  if (!title) return null;
  return (
    <>
      {' — '}
      <bdi>{title}</bdi>
    </>
  );
}

function EntryBlock({ e }: { e: ReportEntry }) {
  return (
    <article className="rp-entry">
      <h4>
        <span className="rp-entry-when">
          {entryDate(e.day)}, {e.time}
        </span>
        {e.title ? (
          <span className="rp-entry-title">
            <DashTitle title={e.title} />
          </span>
        ) : null}
        <Flags e={e} />
      </h4>
      <EntryFacts e={e} />
      {e.body ? (
        <div className="rp-body" dir="auto">
          {e.body}
        </div>
      ) : null}
      {e.outcome ? (
        <p className="rp-outcome">
          <strong>Outcome:</strong> <bdi>{e.outcome}</bdi>
        </p>
      ) : null}
    </article>
  );
}

/** Safety concerns listed on the first page; more are under Entries. */
const FIRST_PAGE_SAFETY = FIRST_PAGE_LISTED;

/**
 * Safety concerns in the period, near the top of page one and set apart by a heavy border and a
 * heading (not by colour alone, so it survives a black-and-white printer). Only entries the user chose
 * to include are listed; the others are counted.
 */
function SafetyBox({ model }: { model: ReportModel }) {
  const { total, items } = model.safety;
  // Nothing to say, or the user left out both the numbers and these entries.
  if (total === 0 || (!model.summary && items.length === 0)) return null;
  const left = total - items.length;
  return (
    <section className="rp-safety" aria-labelledby="rp-safety">
      <h3 id="rp-safety">Safety concerns in this period</h3>
      <p>
        {plural(total, 'entry', 'entries')} in this period {total === 1 ? 'is' : 'are'} marked as a safety concern.
      </p>
      {items.length > 0 && (
        <ul className="rp-safety-list">
          {items.slice(0, FIRST_PAGE_SAFETY).map((e) => (
            <li key={e.id}>
              <strong>{entryDate(e.day)}</strong>
              <DashTitle title={e.title} />
              {e.people.length > 0 ? ` · ${e.people.join(', ')}` : ''}
            </li>
          ))}
        </ul>
      )}
      {items.length > FIRST_PAGE_SAFETY && <p>…and {plural(items.length - FIRST_PAGE_SAFETY, 'more', 'more')}, under Entries.</p>}
      {left > 0 && (
        <p>
          {items.length > 0 ? `${left} more ${left === 1 ? 'is' : 'are'}` : `${left === 1 ? 'It is' : 'They are'}`} not included in this report.
        </p>
      )}
    </section>
  );
}

function FlaggedList({ model }: { model: ReportModel }) {
  const { total, items } = model.flagged;
  if (total === 0) return null;
  return (
    <section className="rp-section rp-flagged" aria-labelledby="rp-flagged">
      <h3 id="rp-flagged">Flagged to talk about</h3>
      {items.length === 0 ? (
        <p>{plural(total, 'entry was', 'entries were')} flagged “raise with my therapist” in this period (not included in this report).</p>
      ) : (
        <>
          {items.length < total && (
            <p className="rp-muted">
              {items.length} of the {plural(total, 'flagged entry', 'flagged entries')} in this period {items.length === 1 ? 'is' : 'are'} included.
            </p>
          )}
          <ul className="rp-flag-list">
            {items.slice(0, FIRST_PAGE_FLAGGED).map((e) => (
              <li key={e.id}>
                <strong>{entryDate(e.day)}</strong>
                <DashTitle title={e.title} />
                <span className="rp-muted">
                  {' · '}
                  {[
                    e.people.join(', '),
                    e.patterns
                      .slice(0, FIRST_PAGE_PATTERNS)
                      .map((p) => p.label)
                      .join('; ') + (e.patterns.length > FIRST_PAGE_PATTERNS ? ` (+${e.patterns.length - FIRST_PAGE_PATTERNS} more)` : ''),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                  {e.safety ? ' · safety concern' : ''}
                </span>
              </li>
            ))}
          </ul>
          {items.length > FIRST_PAGE_FLAGGED && <p className="rp-muted">…and {plural(items.length - FIRST_PAGE_FLAGGED, 'more flagged entry', 'more flagged entries')}, under Entries.</p>}
        </>
      )}
    </section>
  );
}

function FirstPage({ model }: { model: ReportModel }) {
  const s = model.summary;
  const r = model.range;
  const who = model.people.map((p) => `${p.name} (${PERSON_KIND_LABELS[p.kind].toLowerCase()})`).join(', ');
  return (
    <section className="rp-first" aria-label="Summary">
      <header className="rp-head">
        <p className="rp-kicker">Fulcrum · a report from my journal</p>
        <h2 className="rp-title">
          {longDate(r.from)} – {longDate(r.to)}
        </h2>
        <p className="rp-sub">
          {plural(r.days, 'day')}
          {model.sinceSession ? ` · since my therapy session on ${longDate(model.sinceSession)}` : ''}
          {model.compared ? ` · compared with the ${plural(model.previous.days, 'day')} before (${longDate(model.previous.from)} – ${longDate(model.previous.to)})` : ''} · made{' '}
          {longDate(model.generatedOn)}
        </p>
        {!model.compared && (
          <p className="rp-start">
            {model.journalStart
              ? `Journal started on ${longDate(model.journalStart)}, so there is no earlier period of the same length to compare with.`
              : 'The journal has no entries yet, so there is nothing to compare with.'}
          </p>
        )}
        <p className="rp-about">
          <strong>{model.everyone ? 'About everyone I wrote about:' : 'About:'}</strong> {who || 'no one in particular (no entries name a person in this period)'}
        </p>
      </header>

      <SafetyBox model={model} />

      {s && (
        <section className="rp-section" aria-labelledby="rp-numbers">
          <h3 id="rp-numbers">In numbers</h3>
          <dl className="rp-figures">
            <Figure label="Entries" value={String(s.entries.value ?? 0)} c={s.entries} kind="count" note={`on ${plural(s.daysWithEntries, 'day')}`} />
            <Figure label="With imbalance patterns" value={String(s.imbalance.value ?? 0)} c={s.imbalance} kind="count" />
            <Figure label="With healthy patterns" value={String(s.healthy.value ?? 0)} c={s.healthy} kind="count" />
            <Figure label="Healthy share of patterns" value={s.healthyShare.value === null ? '–' : percent(s.healthyShare.value)} c={s.healthyShare} kind="share" />
            <Figure
              label="Average balance of power"
              value={s.balance.value === null ? '–' : decimal(s.balance.value)}
              c={s.balance}
              kind="mean"
              note={s.balance.value === null ? undefined : s.balance.value < -0.25 ? 'they held more' : s.balance.value > 0.25 ? 'I held more' : 'about balanced'}
            />
            <Figure label="Average intensity (1–5)" value={s.intensity.value === null ? '–' : decimal(s.intensity.value)} c={s.intensity} kind="mean" />
            <Figure label="Flagged for you" value={String(s.flagged)} />
            <Figure label="Safety concerns noted" value={String(s.safety)} />
          </dl>
          <p className="rp-muted rp-scale">Balance: −3 = they held far more power, 0 = balanced, +3 = I held far more.{model.compared ? ' Arrows compare with the previous period.' : ''}</p>
        </section>
      )}

      {model.topPatterns.length > 0 && (
        <section className="rp-section" aria-labelledby="rp-top">
          <h3 id="rp-top">Most frequent patterns</h3>
          <table className="rp-table rp-top">
            <thead>
              <tr>
                <th scope="col">Pattern</th>
                <th scope="col">Kind</th>
                <th scope="col" className="rp-num">
                  Entries
                </th>
                {model.compared && <th scope="col">Change</th>}
              </tr>
            </thead>
            <tbody>
              {model.topPatterns.map((p) => (
                <tr key={p.tagId}>
                  <th scope="row">{p.label}</th>
                  <td>
                    <Polarity polarity={p.polarity} />
                  </td>
                  <td className="rp-num">{p.count}</td>
                  {model.compared && (
                    <td>
                      <PatternChange p={p} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {model.areas.length > 0 && (
        <p className="rp-areas">
          <strong>Areas of life:</strong> {model.areas.map((a) => `${DOMAIN_LABELS[a.domain]} (${a.entries})`).join(', ')}
        </p>
      )}

      {model.questions !== null && model.questions.trim() !== '' && (
        <section className="rp-section" aria-labelledby="rp-questions">
          <h3 id="rp-questions">Questions for my next session</h3>
          <div className="rp-questions" dir="auto">
            {model.questions.trim()}
          </div>
        </section>
      )}

      <FlaggedList model={model} />
    </section>
  );
}

function Charts({ model }: { model: ReportModel }) {
  const c = model.charts!;
  const any = (model.summary?.entries.value ?? c.domains.total) > 0 || c.domains.total > 0;
  return (
    <section className="rp-section" aria-labelledby="rp-charts">
      <h3 id="rp-charts">Over time</h3>
      {!any ? (
        <p>No entries in this period, so there is nothing to chart.</p>
      ) : (
        <>
          <figure className="rp-fig">
            <figcaption>Entries with imbalance and with healthy patterns</figcaption>
            <PolarityBars patterns={c.patterns} />
            <PolarityLegend />
          </figure>
          <figure className="rp-fig">
            <figcaption>Balance of power (average per {c.balance.axis.bucket}; dashed: moving average)</figcaption>
            <BalanceLine balance={c.balance} />
          </figure>
          <figure className="rp-fig">
            <figcaption>How I felt: heard, respected, valued, involved (1–5)</figcaption>
            <ScoreLines scores={c.scores} />
            <ScoreLegend />
          </figure>
          {c.domains.items.length > 0 && (
            <figure className="rp-fig">
              <figcaption>Areas of life (entries{model.compared ? '; grey line: the period before' : ''})</figcaption>
              <AreaBars domains={c.domains} />
            </figure>
          )}
        </>
      )}
    </section>
  );
}

function PatternsTable({ patterns, compared }: { patterns: ReportPattern[]; compared: boolean }) {
  const categories = [...new Set(patterns.map((p) => p.category))] as Category[];
  return (
    <section className="rp-section" aria-labelledby="rp-patterns">
      <h3 id="rp-patterns">Patterns in this period</h3>
      {patterns.length === 0 ? (
        <p>No patterns were tagged in this period.</p>
      ) : (
        <>
          <table className="rp-table">
            <thead>
              <tr>
                <th scope="col">Pattern</th>
                <th scope="col">Kind</th>
                <th scope="col">Area</th>
                <th scope="col" className="rp-num">
                  Entries
                </th>
                {compared && (
                  <th scope="col" className="rp-num">
                    Before
                  </th>
                )}
                {compared && <th scope="col">Change</th>}
              </tr>
            </thead>
            <tbody>
              {patterns.map((p) => (
                <tr key={p.tagId}>
                  <th scope="row">{p.label}</th>
                  <td>
                    <Polarity polarity={p.polarity} />
                  </td>
                  <td>{CATEGORY_LABELS[p.category]}</td>
                  <td className="rp-num">{p.count}</td>
                  {compared && <td className="rp-num">{p.previousCount ?? '–'}</td>}
                  {compared && (
                    <td>
                      <PatternChange p={p} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="rp-framework">
            {categories.map((c) => (
              <div key={c}>
                <dt>{CATEGORY_LABELS[c]}</dt>
                <dd>{CATEGORY_DESCRIPTIONS[c]}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}

function CheckIns({ model }: { model: ReportModel }) {
  const c = model.checkins!;
  return (
    <section className="rp-section" aria-labelledby="rp-checkins">
      <h3 id="rp-checkins">Weekly check-ins</h3>
      {c.people.length === 0 ? (
        <p>No check-ins in this period.</p>
      ) : (
        c.people.map((p) => (
          <div key={p.personId} className="rp-checkin">
            <h4>
              {p.name} <span className="rp-muted">· {plural(p.count, 'check-in')}</span>
            </h4>
            <table className="rp-table">
              <thead>
                <tr>
                  <th scope="col">Question (1–5)</th>
                  <th scope="col" className="rp-num">
                    Average
                  </th>
                  {model.compared && <th scope="col">Change</th>}
                  <th scope="col">Week by week</th>
                </tr>
              </thead>
              <tbody>
                {CHECKIN_MEASURES.filter((m) => p.mean[m] !== null).map((m) => (
                  <tr key={m}>
                    <th scope="row">{CHECKIN_LABELS[m]}</th>
                    <td className="rp-num">{decimal(p.mean[m]!)}</td>
                    {model.compared && (
                      <td>
                        <Change c={{ value: p.mean[m], previous: p.previousMean[m] }} kind="mean" />
                      </td>
                    )}
                    <td>
                      <Sparkline values={p.values[m]} label={`${CHECKIN_LABELS[m]} week by week: ${p.values[m].map((v) => (v === null ? 'none' : decimal(v))).join(', ')}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))
      )}
      {c.notes.length > 0 && (
        <>
          <h4>Notes I marked for you</h4>
          <ul className="rp-notes">
            {c.notes.map((n, i) => (
              <li key={i}>
                <strong>
                  Week of {longDate(n.week)}, {n.name}:
                </strong>{' '}
                <bdi>{n.note}</bdi>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** What the Entries heading says was included (written as a heading; `midSentence` keeps "I" a capital). */
const ENTRIES_HEADING: Record<ReportModel['selection'], string> = {
  all: 'All entries in this period',
  flagged: 'Entries I flagged to talk about',
  picked: 'Entries I chose to share',
  none: 'No entries',
};

function Entries({ model }: { model: ReportModel }) {
  const entries = model.entries!;
  const what = ENTRIES_HEADING[model.selection];
  return (
    <section className="rp-section" aria-labelledby="rp-entries">
      <h3 id="rp-entries">
        Entries <span className="rp-muted">· {midSentence(what)}{model.detail === 'summary' ? ', summary only' : ''}</span>
      </h3>
      {entries.length === 0 ? <p>{model.selection === 'none' ? 'No entries are included in this report.' : 'No entries match in this period.'}</p> : entries.map((e) => <EntryBlock key={e.id} e={e} />)}
    </section>
  );
}

/** `children`: more of the document after the rest (the attached files the writer chose); `appendix`: drawn last (the report's verification). */
export function ReportDocument({ model, children, appendix }: { model: ReportModel; children?: ReactNode; appendix?: ReactNode }) {
  const detail = model.charts || model.patterns || model.checkins || model.entries;
  return (
    // Days only in the data attributes: the PDF header and footer are built from them (never a name).
    <article className={`rp-doc rp-${model.pageSize}`} aria-label="The report" data-from={model.range.from} data-to={model.range.to} data-generated={model.generatedOn} data-page-size={model.pageSize}>
      <FirstPage model={model} />
      {detail && (
        <div className="rp-detail">
          <p className="rp-break" aria-hidden="true">
            <span>page break</span>
          </p>
          {model.charts && <Charts model={model} />}
          {model.patterns && <PatternsTable patterns={model.patterns} compared={model.compared} />}
          {model.checkins && <CheckIns model={model} />}
          {model.entries && <Entries model={model} />}
        </div>
      )}
      {children}
      {appendix}
    </article>
  );
}
