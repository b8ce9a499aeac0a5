/**
 * The report as printed — the same component on screen (the preview) and on paper (print CSS in
 * report.css): a first page a therapist reads in two minutes (range, counts with their change, top
 * patterns, areas, the user's questions, flagged entries), then the detail (charts, patterns table,
 * check-in trends, entries). Every name in `model` is already the one to print (pseudonyms applied in
 * core); this component never looks up a person by id.
 */
import { Fragment, memo, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { IntlContext, IntlProvider, useIntl } from 'react-intl';
import { RTL_LANGUAGES, type Language } from '../../shared/locales.js';
import type { Category } from '../../shared/catalogue.js';
import { CHECKIN_MEASURES, type BalanceTrend, type CheckInMeasure } from '../../shared/insights.js';
import { FIRST_PAGE_LISTED, FULL_TEXT_ENTRIES, pageOneListed, printAreaMm, type Compared, type ReportEntry, type ReportModel, type ReportPattern } from '../../shared/report.js';
import { POLARITY_SIGN } from '../components/Chips.js';
import { useT, type MessageId } from '../i18n/index.js';
import { intlFor } from '../i18n/translate.js';
import { formatLocale } from '../lib/format.js';
import { useVocabulary } from '../i18n/vocabulary.js';
import { midSentence, useReportFormat, type ChangeKind } from './format.js';
import { CHECKIN_SHORT_IDS, PRINT_WIDTH, SERIES_COLOR } from '../charts/theme.js';
import { BalanceChart, type Who } from '../charts/BalanceChart.js';
import { DomainsChart } from '../charts/DomainsChart.js';
import { PatternFrequencyChart } from '../charts/PatternFrequencyChart.js';
import { ScoresChart } from '../charts/ScoresChart.js';
import { Sparkline } from '../charts/Sparkline.js';
import { ChartWordsContext, type ChartWords } from '../charts/words.js';

/** Patterns named per flagged entry on the first page (all of them are under Entries). */
const FIRST_PAGE_PATTERNS = 2;

/** The check-in questions' names: the same catalogue keys as the app's check-in charts. */
const CHECKIN_LABELS: Record<CheckInMeasure, MessageId> = CHECKIN_SHORT_IDS;

/** A pattern as the report prints it: a built-in one in the report's language, unless the person renamed it. */
function usePatternName(): (p: { label: string; slug: string | null }) => string {
  const v = useVocabulary();
  return (p) => (p.slug === null ? p.label : v.pattern({ label: p.label, slug: p.slug, builtin: true }));
}

function Change({ c, kind }: { c: Compared; kind: ChangeKind }) {
  const f = useReportFormat();
  const w = f.change(c, kind);
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
  const v = useVocabulary();
  const f = useReportFormat();
  return (
    <span className={`rp-pol rp-pol-${polarity}`}>
      <span aria-hidden="true">{POLARITY_SIGN[polarity]}</span> {f.lower(v.polarity(polarity))}
    </span>
  );
}

function PatternChange({ p }: { p: ReportPattern }) {
  return <Change c={{ value: p.count, previous: p.previousCount }} kind="count" />;
}

function EntryFacts({ e }: { e: ReportEntry }) {
  const t = useT();
  const v = useVocabulary();
  const f = useReportFormat();
  const patternName = usePatternName();
  const balanceText = (b: number) => `${b > 0 ? '+' : b < 0 ? '−' : ''}${f.integer(Math.abs(b))} (${midSentence(v.balance(b))})`;
  const scores = (
    [
      ['score.intensity', e.intensity],
      ['score.heard', e.heard],
      ['score.respected', e.respected],
      ['score.valued', e.valued],
      ['score.involved', e.involved],
    ] as const
  ).filter(([, n]) => n !== null);
  return (
    <dl className="rp-facts">
      {e.people.length > 0 && (
        <div>
          <dt>{t('report.doc.entry.people')}</dt>
          <dd>{e.people.join(', ')}</dd>
        </div>
      )}
      {e.patterns.length > 0 && (
        <div>
          <dt>{t('report.doc.entry.patterns')}</dt>
          <dd>
            {e.patterns.map((p, i) => (
              <span key={i} className={`rp-pattern rp-pol-${p.polarity}`}>
                <span aria-hidden="true">{POLARITY_SIGN[p.polarity]}</span>
                <span className="visually-hidden">({f.lower(v.polarity(p.polarity))})</span> {patternName(p)}
                {i < e.patterns.length - 1 ? '; ' : ''}
              </span>
            ))}
          </dd>
        </div>
      )}
      {e.domains.length > 0 && (
        <div>
          <dt>{t('report.doc.entry.areas')}</dt>
          <dd>{e.domains.map((d) => v.domain(d)).join(', ')}</dd>
        </div>
      )}
      {e.balance !== null && (
        <div>
          <dt>{t('report.doc.entry.balance')}</dt>
          <dd>{balanceText(e.balance)}</dd>
        </div>
      )}
      {scores.length > 0 && (
        <div>
          <dt>{t('report.doc.entry.scores')}</dt>
          <dd>{scores.map(([k, n]) => t('report.doc.entry.score', { measure: t(k), value: f.integer(n!) })).join(' · ')}</dd>
        </div>
      )}
    </dl>
  );
}

function Flags({ e }: { e: ReportEntry }) {
  const t = useT();
  if (!e.flagged && !e.safety) return null;
  return (
    <span className="rp-flags">
      {e.flagged && <span className="rp-flag">{t('report.doc.entry.toTalk')}</span>}
      {e.safety && <span className="rp-flag rp-flag-safety">{t('report.doc.entry.safety')}</span>}
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
  const t = useT();
  const f = useReportFormat();
  return (
    <article className="rp-entry">
      <h4>
        <span className="rp-entry-when">{t('report.doc.entry.when', { date: f.entryDate(e.day), time: e.time })}</span>
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
          <strong>{t('report.doc.entry.outcome')}</strong> <bdi>{e.outcome}</bdi>
        </p>
      ) : null}
    </article>
  );
}

/**
 * Safety concerns in the period, near the top of page one and set apart by a heavy border and a
 * heading (not by colour alone, so it survives a black-and-white printer). Only entries the user chose
 * to include are listed; the others are counted.
 */
function SafetyBox({ model, listed }: { model: ReportModel; listed: number }) {
  const t = useT();
  const f = useReportFormat();
  const { total, items } = model.safety;
  // Nothing to say, or the user left out both the numbers and these entries.
  if (total === 0 || (!model.summary && items.length === 0)) return null;
  const left = total - items.length;
  return (
    <section className="rp-safety" aria-labelledby="rp-safety">
      <h3 id="rp-safety">{t('report.doc.safety.title')}</h3>
      <p>{t('report.doc.safety.count', { count: total })}</p>
      {items.length > 0 && (
        <ul className="rp-safety-list">
          {items.slice(0, listed).map((e) => (
            <li key={e.id}>
              <strong>{f.entryDate(e.day)}</strong>
              <DashTitle title={e.title} />
              {e.people.length > 0 ? ` · ${e.people.join(', ')}` : ''}
            </li>
          ))}
        </ul>
      )}
      {items.length > listed && <p>{t('report.doc.safety.more', { count: f.integer(items.length - listed) })}</p>}
      {left > 0 && <p>{t(items.length > 0 ? 'report.doc.safety.leftMore' : 'report.doc.safety.leftAll', { count: left })}</p>}
    </section>
  );
}

function FlaggedList({ model, listed }: { model: ReportModel; listed: number }) {
  const t = useT();
  const f = useReportFormat();
  const patternName = usePatternName();
  const { total, items } = model.flagged;
  if (total === 0) return null;
  return (
    <section className="rp-section rp-flagged" aria-labelledby="rp-flagged">
      <h3 id="rp-flagged">{t('report.doc.flagged.title')}</h3>
      {items.length === 0 ? (
        <p>{t('report.doc.flagged.none', { count: total })}</p>
      ) : (
        <>
          {items.length < total && <p className="rp-muted">{t('report.doc.flagged.some', { included: items.length, count: total })}</p>}
          <ul className="rp-flag-list">
            {items.slice(0, listed).map((e) => (
              <li key={e.id}>
                <strong>{f.entryDate(e.day)}</strong>
                <DashTitle title={e.title} />
                <span className="rp-muted">
                  {' · '}
                  {[
                    e.people.join(', '),
                    e.patterns
                      .slice(0, FIRST_PAGE_PATTERNS)
                      .map((p) => patternName(p))
                      .join('; ') + (e.patterns.length > FIRST_PAGE_PATTERNS ? ` ${t('report.doc.flagged.morePatterns', { count: f.integer(e.patterns.length - FIRST_PAGE_PATTERNS) })}` : ''),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                  {e.safety ? ` · ${t('report.doc.flagged.safety')}` : ''}
                </span>
              </li>
            ))}
          </ul>
          {items.length > listed && <p className="rp-muted">{t('report.doc.flagged.more', { count: items.length - listed })}</p>}
        </>
      )}
    </section>
  );
}

/** The height of a page's printed area in CSS pixels (96 to the inch), inside the PDF's margins. */
const pageRoomPx = (size: ReportModel['pageSize']) => printAreaMm(size).h * (96 / 25.4);

/**
 * How many flagged entries and safety concerns page one lists: FIRST_PAGE_LISTED of each, fewer
 * when page one would run onto a second page — one flagged entry, then one safety concern, in turn,
 * never below one of each; the rest are counted and are under Entries. The document is laid out at
 * the paper's width on screen as on paper, so page one is measured as drawn (before it is shown).
 * Each measure lays out the whole document, so the first one also measures the lists' items and
 * leaves off at once as many as make up the excess; a second one corrects a rare short count.
 * Drawn without a layout (a test's markup), every list has its FIRST_PAGE_LISTED.
 */
function usePageOneLists(model: ReportModel) {
  const { locale } = useIntl();
  const ref = useRef<HTMLElement>(null);
  // What was left off is this report's in this language: another (rebuilt after a change, or in
  // another language) is measured again from its full lists.
  const [left, setLeft] = useState({ model, locale, cut: 0 });
  const cut = left.model === model && left.locale === locale ? left.cut : 0;
  const { flagged, safety } = pageOneListed(cut);
  const canCut = flagged > 1 || safety > 1;
  useLayoutEffect(() => {
    // This module is also compiled without the DOM's types (tests render the document under Node).
    const el = ref.current as unknown as Measured | null;
    if (!el || !canCut) return;
    const excess = el.getBoundingClientRect().height - pageRoomPx(model.pageSize);
    if (excess <= 0) return;
    // What each item takes up: from its top to the next one's (its margins included).
    const heights = (selector: string) => {
      const boxes = [...el.querySelectorAll(selector)].map((li) => li.getBoundingClientRect());
      const pitches = boxes.slice(1).map((b, i) => b.top - boxes[i]!.top);
      const gap = pitches.length ? pitches.reduce((a, p, i) => a + p - boxes[i]!.height, 0) / pitches.length : 0;
      return boxes.map((b, i) => pitches[i] ?? b.height + gap);
    };
    setLeft({ model, locale, cut: cut + cutFor(excess, cut, { flagged: heights('.rp-flag-list > li'), safety: heights('.rp-safety-list > li') }, model) });
  }, [cut, canCut, model, locale]);
  return { ref, flagged, safety };
}

interface Measured {
  getBoundingClientRect(): { height: number; top: number };
  querySelectorAll(selector: string): Iterable<Measured>;
}

/**
 * How many more items to leave off page one's lists to take `excess` px off it, given the heights
 * of the items listed now: at least one; a list that newly leaves some out gains a line saying so.
 */
function cutFor(excess: number, cut: number, items: { flagged: number[]; safety: number[] }, model: ReportModel): number {
  const line = Math.min(...items.flagged, ...items.safety, Infinity);
  const now = pageOneListed(cut);
  let more = 1;
  for (; more < 2 * FIRST_PAGE_LISTED; more++) {
    const next = pageOneListed(cut + more);
    let saved = 0;
    for (const list of ['flagged', 'safety'] as const) {
      const shown = Math.min(now[list], items[list].length);
      const left = Math.min(next[list], shown);
      saved += items[list].slice(left, shown).reduce((a, b) => a + b, 0);
      // "…and N more" appears when a list that showed all it had now leaves some out.
      const had = list === 'flagged' ? model.flagged.items.length : model.safety.items.length;
      if (left < shown && shown === had && Number.isFinite(line)) saved -= line;
    }
    if (saved >= excess) break;
  }
  return more;
}

function FirstPage({ model }: { model: ReportModel }) {
  const t = useT();
  const lists = usePageOneLists(model);
  const v = useVocabulary();
  const f = useReportFormat();
  const patternName = usePatternName();
  const s = model.summary;
  const r = model.range;
  const who = model.people.map((p) => t('report.doc.personKind', { name: p.name, kind: f.lower(v.personKind(p.kind)) })).join(', ');
  const count = (n: number | null) => f.integer(n ?? 0);
  return (
    <section className="rp-first" aria-label={t('report.doc.summary')} ref={lists.ref}>
      <header className="rp-head">
        <p className="rp-kicker">{t('report.doc.kicker')}</p>
        <h2 className="rp-title">
          {f.longDate(r.from)} – {f.longDate(r.to)}
        </h2>
        <p className="rp-sub">
          {t('report.doc.days', { days: r.days })}
          {model.sinceSession ? t('report.doc.sinceSession', { date: f.longDate(model.sinceSession) }) : ''}
          {model.compared ? t('report.doc.compared', { days: model.previous.days, from: f.longDate(model.previous.from), to: f.longDate(model.previous.to) }) : ''}
          {t('report.doc.made', { date: f.longDate(model.generatedOn) })}
        </p>
        {!model.compared && (
          <p className="rp-start">{model.journalStart ? t('report.doc.journalStart', { date: f.longDate(model.journalStart) }) : t('report.doc.noEntriesYet')}</p>
        )}
        <p className="rp-about">
          <strong>{model.everyone ? t('report.doc.aboutEveryone') : t('report.doc.about')}</strong> {who || t('report.doc.noOne')}
        </p>
      </header>

      <SafetyBox model={model} listed={lists.safety} />

      {s && (
        <section className="rp-section" aria-labelledby="rp-numbers">
          <h3 id="rp-numbers">{t('report.doc.numbers')}</h3>
          <dl className="rp-figures">
            <Figure label={t('report.doc.fig.entries')} value={count(s.entries.value)} c={s.entries} kind="count" note={t('report.doc.fig.onDays', { days: s.daysWithEntries })} />
            <Figure label={t('report.doc.fig.imbalance')} value={count(s.imbalance.value)} c={s.imbalance} kind="count" />
            <Figure label={t('report.doc.fig.healthy')} value={count(s.healthy.value)} c={s.healthy} kind="count" />
            <Figure label={t('report.doc.fig.healthyShare')} value={s.healthyShare.value === null ? '–' : f.percent(s.healthyShare.value)} c={s.healthyShare} kind="share" />
            <Figure
              label={t('report.doc.fig.balance')}
              value={s.balance.value === null ? '–' : f.decimal(s.balance.value)}
              c={s.balance}
              kind="mean"
              note={
                s.balance.value === null
                  ? undefined
                  : s.balance.value < -0.25
                    ? t('report.doc.fig.theyMore')
                    : s.balance.value > 0.25
                      ? t('report.doc.fig.iMore')
                      : t('report.doc.fig.balanced')
              }
            />
            <Figure label={t('report.doc.fig.intensity')} value={s.intensity.value === null ? '–' : f.decimal(s.intensity.value)} c={s.intensity} kind="mean" />
            <Figure label={t('report.doc.fig.flagged')} value={count(s.flagged)} />
            <Figure label={t('report.doc.fig.safety')} value={count(s.safety)} />
          </dl>
          <p className="rp-muted rp-scale">{t(model.compared ? 'report.doc.scaleCompared' : 'report.doc.scale')}</p>
        </section>
      )}

      {model.topPatterns.length > 0 && (
        <section className="rp-section" aria-labelledby="rp-top">
          <h3 id="rp-top">{t('report.doc.top')}</h3>
          <table className="rp-table rp-top">
            <thead>
              <tr>
                <th scope="col">{t('report.doc.col.pattern')}</th>
                <th scope="col">{t('report.doc.col.kind')}</th>
                <th scope="col" className="rp-num">
                  {t('report.doc.col.entries')}
                </th>
                {model.compared && <th scope="col">{t('report.doc.col.change')}</th>}
              </tr>
            </thead>
            <tbody>
              {model.topPatterns.map((p) => (
                <tr key={p.tagId}>
                  <th scope="row">{patternName(p)}</th>
                  <td>
                    <Polarity polarity={p.polarity} />
                  </td>
                  <td className="rp-num">{f.integer(p.count)}</td>
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
          <strong>{t('report.doc.areas')}</strong> {model.areas.map((a) => t('report.doc.area', { area: v.domain(a.domain), count: f.integer(a.entries) })).join(', ')}
        </p>
      )}

      {model.questions !== null && model.questions.trim() !== '' && (
        <section className="rp-section" aria-labelledby="rp-questions">
          <h3 id="rp-questions">{t('report.doc.questions')}</h3>
          <div className="rp-questions" dir="auto">
            {model.questions.trim()}
          </div>
        </section>
      )}

      <FlaggedList model={model} listed={lists.flagged} />
    </section>
  );
}

/** Overall balance only: the report names people by pseudonym and draws no one's own line. */
const overallOnly = (b: BalanceTrend): BalanceTrend => ({ ...b, people: [] });
const nobody = (): Who => ({ name: '', color: SERIES_COLOR });

/**
 * The charts the insights page shows, drawn for print (a fixed width, no animation, no tooltip): one
 * chart implementation for the app and the report, so colours, names and numbers cannot drift apart.
 */
function Charts({ model }: { model: ReportModel }) {
  const t = useT();
  const c = model.charts!;
  const any = (model.summary?.entries.value ?? c.domains.total) > 0 || c.domains.total > 0;
  const when = t('reportx.charts.when');
  const print = { width: PRINT_WIDTH };
  return (
    <section className="rp-section rp-charts" aria-labelledby="rp-charts">
      <h3 id="rp-charts">{t('report.doc.charts')}</h3>
      {!any ? (
        <p>{t('report.doc.charts.none')}</p>
      ) : (
        <>
          <PatternFrequencyChart data={c.patterns} when={when} level={4} print={print} />
          <BalanceChart data={overallOnly(c.balance)} personOf={nobody} when={when} level={4} print={print} />
          <ScoresChart data={c.scores} when={when} level={4} print={print} />
          {c.domains.items.length > 0 && (
            <DomainsChart data={c.domains} when={when} level={4} print={print} />
          )}
        </>
      )}
    </section>
  );
}

function PatternsTable({ patterns, compared }: { patterns: ReportPattern[]; compared: boolean }) {
  const t = useT();
  const v = useVocabulary();
  const f = useReportFormat();
  const patternName = usePatternName();
  const categories = [...new Set(patterns.map((p) => p.category))] as Category[];
  return (
    <section className="rp-section" aria-labelledby="rp-patterns">
      <h3 id="rp-patterns">{t('report.doc.patterns')}</h3>
      {patterns.length === 0 ? (
        <p>{t('report.doc.patterns.none')}</p>
      ) : (
        <>
          <table className="rp-table">
            <thead>
              <tr>
                <th scope="col">{t('report.doc.col.pattern')}</th>
                <th scope="col">{t('report.doc.col.kind')}</th>
                <th scope="col">{t('report.doc.col.area')}</th>
                <th scope="col" className="rp-num">
                  {t('report.doc.col.entries')}
                </th>
                {compared && (
                  <th scope="col" className="rp-num">
                    {t('report.doc.col.before')}
                  </th>
                )}
                {compared && <th scope="col">{t('report.doc.col.change')}</th>}
              </tr>
            </thead>
            <tbody>
              {patterns.map((p) => (
                <tr key={p.tagId}>
                  <th scope="row">{patternName(p)}</th>
                  <td>
                    <Polarity polarity={p.polarity} />
                  </td>
                  <td>{v.category(p.category)}</td>
                  <td className="rp-num">{f.integer(p.count)}</td>
                  {compared && <td className="rp-num">{p.previousCount === null ? '–' : f.integer(p.previousCount)}</td>}
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
                <dt>{v.category(c)}</dt>
                <dd>{v.categoryAbout(c)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}

function CheckIns({ model }: { model: ReportModel }) {
  const t = useT();
  const f = useReportFormat();
  const c = model.checkins!;
  return (
    <section className="rp-section" aria-labelledby="rp-checkins">
      <h3 id="rp-checkins">{t('report.doc.checkins')}</h3>
      {c.people.length === 0 ? (
        <p>{t('report.doc.checkins.none')}</p>
      ) : (
        c.people.map((p) => (
          <div key={p.personId} className="rp-checkin">
            <h4>
              {p.name} <span className="rp-muted">{t('report.doc.checkins.count', { count: p.count })}</span>
            </h4>
            <table className="rp-table">
              <thead>
                <tr>
                  <th scope="col">{t('report.doc.checkins.question')}</th>
                  <th scope="col" className="rp-num">
                    {t('report.doc.checkins.average')}
                  </th>
                  {model.compared && <th scope="col">{t('report.doc.col.change')}</th>}
                  <th scope="col">{t('report.doc.checkins.weekly')}</th>
                </tr>
              </thead>
              <tbody>
                {CHECKIN_MEASURES.filter((m) => p.mean[m] !== null).map((m) => (
                  <tr key={m}>
                    <th scope="row">{t(CHECKIN_LABELS[m])}</th>
                    <td className="rp-num">{f.decimal(p.mean[m]!)}</td>
                    {model.compared && (
                      <td>
                        <Change c={{ value: p.mean[m], previous: p.previousMean[m] }} kind="mean" />
                      </td>
                    )}
                    <td>
                      <Sparkline
                        values={p.values[m]}
                        label={t('report.doc.checkins.spark', {
                          measure: t(CHECKIN_LABELS[m]),
                          values: p.values[m].map((n) => (n === null ? t('report.doc.checkins.noValue') : f.decimal(n))).join(', '),
                        })}
                      />
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
          <h4>{t('report.doc.checkins.notes')}</h4>
          <ul className="rp-notes">
            {c.notes.map((n, i) => (
              <li key={i}>
                <strong>{t('report.doc.checkins.week', { date: f.longDate(n.week), name: n.name })}</strong>{' '}
                <bdi>{n.note}</bdi>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** What the Entries heading says was included, as it reads after the heading's dot. */
const ENTRIES_HEADING: Record<ReportModel['selection'], MessageId> = {
  all: 'report.doc.entries.all',
  flagged: 'report.doc.entries.flagged',
  picked: 'report.doc.entries.picked',
  none: 'report.doc.entries.none',
};

/** Entries drawn in the preview's first step of entries: the first part shows at once, the rest follows in steps. */
const DRAW_FIRST = 60;
/** Each later step draws twice as many as the one before, up to this many: a year of rows is a few steps. */
const DRAW_MOST = 480;

/**
 * How many of `total` entries to draw: all at once in a static rendering; in the preview (`onDrawn`
 * given) a step at a time, between which the page stays responsive, telling the preview how far it
 * has got (it prints only once all are drawn). Each step draws only what is new (the rows are drawn
 * in groups that are not drawn again), so the steps grow: none, 60, 120, 240, 480, 480…
 */
function useDrawn(total: number, onDrawn: ((drawn: number, total: number) => void) | undefined): number {
  // In the preview none at first: the rest of the document (its charts measure themselves once drawn)
  // is laid out before the entries make it long.
  const [drawn, setDrawn] = useState(() => (onDrawn ? 0 : total));
  useEffect(() => {
    onDrawn?.(Math.min(drawn, total), total);
    if (drawn >= total) return;
    const timer = setTimeout(() => setDrawn((n) => n + Math.max(DRAW_FIRST, Math.min(DRAW_MOST, n))), 0);
    return () => clearTimeout(timer);
  }, [drawn, total, onDrawn]);
  return Math.min(drawn, total);
}

/** Rows per group: a step draws whole groups, and a group once drawn is not drawn again. */
const ROW_GROUP = 60;

/**
 * An entry as one line: when, a safety concern, who, which patterns, and its first words (cut to the
 * line). A row is kept to a few elements: a year of flagged entries is a thousand rows, and every
 * element of each is styled, laid out and printed (a wrapper and a screen-reader word per pattern
 * made the rows a third slower to print). A pattern's sign is its own bold, coloured mark, read as
 * it is written; the key at the end of the rows' note says what the signs mean.
 */
function EntryRow({ e }: { e: ReportEntry }) {
  const t = useT();
  const f = useReportFormat();
  const patternName = usePatternName();
  return (
    <li className="rp-row">
      <span className="rp-row-when">{t('report.doc.entry.when', { date: f.entryDate(e.day), time: e.time })}</span>
      {/* Right after the time: the one thing on the line that is never cut short. */}
      {e.safety && <span className="rp-flag rp-flag-safety">{t('report.doc.entry.safety')}</span>}
      {e.people.length > 0 && <span className="rp-row-people">{e.people.join(', ')}</span>}
      {e.patterns.length > 0 && (
        <span className="rp-row-patterns">
          {e.patterns.map((p, i) => (
            <Fragment key={i}>
              {i > 0 && '; '}
              <b className={`rp-sign rp-pol-${p.polarity}`}>{POLARITY_SIGN[p.polarity]}</b> {patternName(p)}
            </Fragment>
          ))}
        </span>
      )}
      {e.excerpt && (
        <bdi className="rp-row-words" dir="auto">
          {e.excerpt}
        </bdi>
      )}
    </li>
  );
}

/** A group of one-line rows; its entries never change, so a later step leaves it as drawn. */
const RowGroup = memo(function RowGroup({ rows }: { rows: readonly ReportEntry[] }) {
  return (
    <>
      {rows.map((e) => (
        <EntryRow key={e.id} e={e} />
      ))}
    </>
  );
});

const WholeEntry = memo(EntryBlock);

function Entries({ model, onDrawn }: { model: ReportModel; onDrawn?: (drawn: number, total: number) => void }) {
  const t = useT();
  const f = useReportFormat();
  const v = useVocabulary();
  const all = model.entries!;
  const drawn = useDrawn(all.length, onDrawn);
  // The entries printed whole come first; the rest are rows, in groups of ROW_GROUP.
  const { whole, groups, rowCount, signs } = useMemo(() => {
    const wholeAll = all.filter((e) => e.shown !== 'row');
    const rows = all.filter((e) => e.shown === 'row');
    const grouped: ReportEntry[][] = [];
    for (let i = 0; i < rows.length; i += ROW_GROUP) grouped.push(rows.slice(i, i + ROW_GROUP));
    // The signs the rows use, in a fixed order: the key names only those.
    const signs = (['imbalance', 'healthy', 'neutral'] as const).filter((p) => rows.some((e) => e.patterns.some((x) => x.polarity === p)));
    return { whole: wholeAll, groups: grouped, rowCount: rows.length, signs };
  }, [all]);
  const wholeDrawn = Math.min(whole.length, drawn);
  // Groups drawn: whole groups only, the last one once everything is due.
  const groupsDrawn = drawn >= all.length ? groups.length : Math.floor(Math.max(0, drawn - whole.length) / ROW_GROUP);
  const what = t(ENTRIES_HEADING[model.selection]);
  return (
    <section className="rp-section" aria-labelledby="rp-entries">
      <h3 id="rp-entries">
        {t('report.doc.entries')} <span className="rp-muted">· {model.detail === 'summary' ? t('report.doc.entries.summaryOnly', { what }) : what}</span>
      </h3>
      {all.length === 0 ? (
        <p>{t(model.selection === 'none' ? 'report.doc.entries.noneIncluded' : 'report.doc.entries.noneMatch')}</p>
      ) : (
        whole.slice(0, wholeDrawn).map((e) => <WholeEntry key={e.id} e={e} />)
      )}
      {rowCount > 0 && (
        <>
          <p className="rp-rows-note">
            {t('reportx.doc.rowsNote', { full: f.integer(FULL_TEXT_ENTRIES), rows: rowCount, total: f.integer(all.length) })}
            {signs.length > 0 && (
              <>
                {' '}
                <span className="rp-rows-key">
                  {signs.map((p, i) => (
                    <Fragment key={p}>
                      {i > 0 && ' · '}
                      <b className={`rp-sign rp-pol-${p}`}>{POLARITY_SIGN[p]}</b> {v.polarity(p)}
                    </Fragment>
                  ))}
                </span>
              </>
            )}
          </p>
          <ol className="rp-rows" aria-label={t('reportx.doc.rowsLabel', { rows: rowCount })}>
            {groups.slice(0, groupsDrawn).map((g) => (
              <RowGroup key={g[0]!.id} rows={g} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** `children`: more of the document after the rest (the attached files the writer chose); `appendix`: drawn last (the report's verification). */
export function ReportDocument(props: { model: ReportModel; children?: ReactNode; appendix?: ReactNode; onEntriesDrawn?: (drawn: number, total: number) => void }) {
  // Drawn on its own (a test, a tool): English, in the formatting module's locale (else the system's).
  const outer = useContext(IntlContext);
  if (outer) return <Document {...props} />;
  const intl = intlFor('en', formatLocale() ?? new Intl.DateTimeFormat().resolvedOptions().locale);
  return (
    <IntlProvider locale={intl.locale} messages={intl.messages} defaultLocale="en" textComponent="span">
      <Document {...props} />
    </IntlProvider>
  );
}

/*
 * The document's parts, each drawn again only when its own data changes: the appendix comes later
 * than the rest (its proofs are built apart), and its arrival must not draw the charts, tables and
 * hundreds of rows again.
 */
const FirstPageOnce = memo(FirstPage);
const ChartsOnce = memo(Charts);
const PatternsTableOnce = memo(PatternsTable);
const CheckInsOnce = memo(CheckIns);
const EntriesOnce = memo(Entries);

function Document({ model, children, appendix, onEntriesDrawn }: { model: ReportModel; children?: ReactNode; appendix?: ReactNode; onEntriesDrawn?: (drawn: number, total: number) => void }) {
  const t = useT();
  // The document's own language and direction: it may be printed in another language than the app's.
  const intl = useIntl();
  const { locale } = intl;
  const language = locale.split('-')[0]!.toLowerCase() as Language;
  const dir = RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
  // The charts write in the report's language too.
  const chartWords = useMemo<ChartWords>(() => ({ t: (id, values) => intl.formatMessage({ id }, values), locale, language }), [intl, locale, language]);
  const detail = model.charts || model.patterns || model.checkins || model.entries;
  return (
    <ChartWordsContext.Provider value={chartWords}>
      {/* Days only in the data attributes: the PDF header and footer are built from them (never a name). */}
      <article className={`rp-doc rp-${model.pageSize}`} lang={locale} dir={dir} aria-label={t('report.doc.label')} data-from={model.range.from} data-to={model.range.to} data-generated={model.generatedOn} data-page-size={model.pageSize}>
        <FirstPageOnce model={model} />
        {detail && (
          <div className="rp-detail">
            <p className="rp-break" aria-hidden="true">
              <span>{t('report.doc.pageBreak')}</span>
            </p>
            {model.charts && <ChartsOnce model={model} />}
            {model.patterns && <PatternsTableOnce patterns={model.patterns} compared={model.compared} />}
            {model.checkins && <CheckInsOnce model={model} />}
            {model.entries && <EntriesOnce model={model} onDrawn={onEntriesDrawn} />}
          </div>
        )}
        {children}
        {appendix}
      </article>
    </ChartWordsContext.Provider>
  );
}
