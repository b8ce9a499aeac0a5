/**
 * The report model: from the builder's choices to everything the print view draws — summary numbers
 * with the previous period, top patterns, areas, charts, check-in trends, the user's questions and the
 * included entries. Numbers come from SQL (main/core/analytics, and a few counts here); pseudonyms are
 * applied here, in core, so the real name of a pseudonymised person never leaves this module.
 */
import { POLARITIES } from '../../../shared/catalogue.js';
import { CHECKIN_MEASURES, weekStartOf, type Bucket, type CheckInMeasure, type TopPatterns } from '../../../shared/insights.js';
import type {
  ReportCheckIns,
  ReportConfigParsed,
  ReportEntry,
  ReportModel,
  ReportPattern,
  ReportPerson,
  ReportSummary,
} from '../../../shared/report.js';
import { entryShownAs } from '../../../shared/report.js';
import type { Entry, Person, Tag } from '../../../shared/schemas.js';
import type { DB } from '../db/index.js';
import { attachmentsOfEntries, listCheckIns, listPeople, listTags } from '../db/repos/index.js';
import {
  balanceTrend,
  checkInTrends,
  domainBreakdown,
  healthyShare,
  patternCounts,
  peopleComparison,
  resolveScope,
  scoreTrends,
  topPatterns,
} from '../db/analytics/index.js';
import { localTime } from '../portability/export/fields.js';
import { Pseudonymiser } from '../portability/export/pseudonyms.js';
import { loadEntries, selectedEntryIds } from './entries.js';
import { entryCounts, historyLength, journalStartDay, loadEntryRows, type EntryRowFacts } from '../db/analytics/report.js';

export { journalStartDay };
import { resolveRange } from './range.js';
import { lastSessionDay } from '../db/repos/sessions.js';

export interface ReportContext {
  /** Today in the user's zone. */
  today: string;
  /** When the report is made (ms). */
  now: number;
  weekStart: number;
  /** Measure the words of the entries shown as rows (for the estimate of "every entry in full"). */
  rowSizes?: boolean;
}

/** Characters of a row's first words, at most. */
export const EXCERPT_CHARS = 90;
/** Where a word ends: the last character that is not a letter, a number or a combining mark. */
const WORD_BREAK = /[^\p{L}\p{N}\p{M}]/gu;

/** Whole words only, up to `max` characters (a name cut in half would escape its pseudonym). */
function wholeWords(s: string, max: number): { text: string; cut: boolean } {
  if (s.length <= max) return { text: s, cut: false };
  let end = 0;
  for (const m of s.slice(0, max + 1).matchAll(WORD_BREAK)) end = m.index;
  // A script written without spaces has no word's end to cut at: cut there (a name inside such a run
  // is not a whole word, so the pseudonyms treat it the same cut or not).
  return { text: s.slice(0, end > 0 ? end : max).trimEnd(), cut: true };
}

/**
 * A row's first words, pseudonyms applied: the start of the title or text is first cut back to whole
 * words (so no name is cut in half before the pseudonyms are applied), then shortened, again at a
 * word's end.
 */
export function rowExcerpt(lead: string, leadCut: boolean, alias: Pseudonymiser): string | null {
  const whole = leadCut ? wholeWords(lead, lead.length - 1).text : lead;
  const flat = alias.text(whole).replace(/\s+/g, ' ').trim();
  if (flat === '') return null;
  const short = wholeWords(flat, EXCERPT_CHARS);
  return short.cut || leadCut ? `${short.text}…` : short.text;
}

/** Patterns on the first page. */
export const TOP_PATTERNS = 5;
/** The patterns table lists at most this many (most frequent first). */
export const TABLE_PATTERNS = 100;

/**
 * Bars on paper: a day each for up to two weeks, a week each up to about six months, then a month —
 * coarser than on screen, because a few entries a week drawn per day are mostly gaps.
 */
export function reportBucket(days: number): Bucket {
  if (days <= 14) return 'day';
  if (days <= 190) return 'week';
  return 'month';
}

/** Everything the print view needs for `config`, names already replaced by pseudonyms. */
export function buildReport(db: DB, config: ReportConfigParsed, c: ReportContext): ReportModel {
  // One read transaction: every number in the report comes from the same snapshot.
  return db.transaction(() => build(db, config, c))();
}

function build(db: DB, config: ReportConfigParsed, c: ReportContext): ReportModel {
  const { range, previous, sinceSession } = resolveRange(db, config.range, c.today);
  const personIds = config.personIds;
  const allPeople = listPeople(db, { includeArchived: true });
  const personById = new Map(allPeople.map((p) => [p.id, p]));
  const tags = new Map(listTags(db, { includeArchived: true }).map((t) => [t.id, t]));
  // Built from everyone, not only the chosen people: a pseudonymised name is replaced wherever it appears.
  const alias = new Pseudonymiser(allPeople, config.pseudonyms);
  const nameOf = (id: number) => {
    const p = personById.get(id);
    return p ? alias.name(p) : 'Someone';
  };
  const label = (t: Pick<Tag, 'label'>) => alias.text(t.label);
  const slugOf = (id: number): string | null => {
    const t = tags.get(id);
    return t?.builtin ? t.slug : null;
  };

  const filter = personIds.length ? { personIds: [...personIds] } : {};
  const s = resolveScope(db, { from: range.from, to: range.to, bucket: reportBucket(range.days), filter }, { today: c.today, weekStart: c.weekStart });
  const sections = config.sections;

  // ---- numbers
  // A change is only worth printing against a period the journal fully covers: before the first entry
  // "0" means "not written yet", not "nothing happened". Otherwise every previous value is null.
  const journalStart = journalStartDay(db);
  const compared = journalStart !== null && previous.from >= journalStart;
  const was = <T>(v: T): T | null => (compared ? v : null);
  const now = entryCounts(db, range, personIds);
  // The previous period is read only when it is compared (and its check-ins only when they are printed).
  const before = compared ? entryCounts(db, previous, personIds) : null;
  const pc = patternCounts(db, s);
  const hs = healthyShare(db, s);
  const bt = balanceTrend(db, s);
  const polarity = (p: (typeof POLARITIES)[number]) => pc.byPolarity.find((x) => x.polarity === p)!;
  const checkins = checkInTrends(db, { from: range.from, to: range.to, personIds: personIds.length ? [...personIds] : undefined }, c.today, c.weekStart);
  const checkinsBefore =
    compared && sections.checkins ? checkInTrends(db, { from: previous.from, to: previous.to, personIds: personIds.length ? [...personIds] : undefined }, c.today, c.weekStart) : null;
  const summary: ReportSummary = {
    entries: { value: now.entries, previous: before ? before.entries : null },
    daysWithEntries: now.days,
    imbalance: { value: polarity('imbalance').total, previous: was(polarity('imbalance').previousTotal) },
    healthy: { value: polarity('healthy').total, previous: was(polarity('healthy').previousTotal) },
    healthyShare: { value: hs.share, previous: was(hs.previousShare) },
    balance: { value: bt.overall.mean, previous: was(bt.overall.previousMean) },
    intensity: { value: now.intensity, previous: before ? before.intensity : null },
    flagged: now.flagged,
    safety: now.safety,
    checkins: checkins.series.reduce((n, x) => n + x.count, 0),
  };

  // ---- people
  const perPerson = new Map(peopleComparison(db, s).items.map((i) => [i.personId, i.entries]));
  const shown: Person[] = personIds.length
    ? personIds.map((id) => personById.get(id)).filter((p): p is Person => p !== undefined)
    : allPeople.filter((p) => perPerson.has(p.id));
  const people: ReportPerson[] = shown
    .map((p) => ({ id: p.id, name: alias.name(p), kind: p.kind, pseudonym: config.pseudonyms[String(p.id)] !== undefined, entries: perPerson.get(p.id) ?? 0 }))
    .sort((a, b) => b.entries - a.entries || a.id - b.id);

  // ---- patterns and areas
  const asPatterns = (t: TopPatterns): ReportPattern[] =>
    t.items
      // Without a comparison, a pattern seen only in the previous period has no place in the table.
      .filter((i) => compared || i.count > 0)
      .map((i) => ({ tagId: i.tagId, label: label(i), slug: slugOf(i.tagId), category: i.category, polarity: i.polarity, count: i.count, previousCount: was(i.previousCount), change: was(i.change) }));
  const table = asPatterns(topPatterns(db, s, TABLE_PATTERNS));
  const breakdown = domainBreakdown(db, s);
  const domains = compared ? breakdown : { ...breakdown, items: breakdown.items.map((d) => ({ ...d, previousEntries: null })) };

  // ---- entries
  const includeEntries = sections.entries && config.entries.select !== 'none';
  const ids = includeEntries
    ? selectedEntryIds(db, { from: range.from, to: range.to, personIds, select: config.entries.select, pickedIds: config.entries.pickedIds })
    : [];
  const patternsOf = (tagIds: number[]) =>
    tagIds
      .map((id) => tags.get(id))
      .filter((t): t is Tag => t !== undefined)
      .map((t) => ({ label: label(t), slug: t.builtin ? t.slug : null, polarity: t.polarity }));
  // What every printed entry shows, whole or as a row: when, who, which patterns, the measures, the flags.
  const factsOf = (e: Omit<EntryRowFacts, 'lead' | 'cut' | 'size'>) => ({
    id: e.id,
    day: e.day,
    time: localTime(e.occurredAt, e.timeZone),
    people: e.personIds.map(nameOf),
    patterns: patternsOf(e.tagIds),
    domains: e.domains,
    balance: e.balance,
    intensity: e.intensity,
    heard: e.heard,
    respected: e.respected,
    valued: e.valued,
    involved: e.involved,
    flagged: e.raiseWithTherapist,
    safety: e.safetyConcern,
  });
  const toReportEntry = (e: Entry, shown: 'full' | 'summary'): ReportEntry => ({
    ...factsOf(e),
    shown,
    title: shown === 'full' ? alias.text(e.title) : null,
    body: shown === 'full' ? alias.text(e.body) : null,
    outcome: shown === 'full' ? alias.text(e.outcome) : null,
    excerpt: null,
  });
  const toRow = (e: EntryRowFacts): ReportEntry => ({
    ...factsOf(e),
    shown: 'row',
    title: null,
    body: null,
    outcome: null,
    excerpt: rowExcerpt(e.lead, e.cut, alias),
    ...(e.size ? { fullSize: e.size } : {}),
  });
  // Only the entries printed whole are read whole; the rest are read as rows (the start of their words).
  const wholeIds = ids.filter((_, i) => entryShownAs(config.entries, i) !== 'row');
  const rowIds = ids.slice(wholeIds.length);
  const shownWhole = config.entries.detail === 'full' ? 'full' : 'summary';
  const entries = [...loadEntries(db, wholeIds).map((e) => toReportEntry(e, shownWhole)), ...loadEntryRows(db, rowIds, { sizes: c.rowSizes }).map(toRow)];

  // ---- check-ins
  let checkinSection: ReportCheckIns | null = null;
  if (sections.checkins) {
    const beforeMeans = new Map((checkinsBefore?.series ?? []).map((x) => [x.personId, x.mean]));
    const emptyMeans = Object.fromEntries(CHECKIN_MEASURES.map((m) => [m, null])) as Record<CheckInMeasure, number | null>;
    const chosen = (id: number) => personIds.length === 0 || personIds.includes(id);
    checkinSection = {
      weeks: checkins.weeks,
      people: checkins.series.map((x) => ({
        personId: x.personId,
        name: nameOf(x.personId),
        count: x.count,
        values: x.values,
        mean: x.mean,
        previousMean: (compared ? beforeMeans.get(x.personId) : undefined) ?? emptyMeans,
      })),
      notes: listCheckIns(db, { from: weekStartOf(range.from, c.weekStart), to: range.to })
        .filter((ci) => ci.forTherapist && ci.note.trim() !== '' && chosen(ci.personId))
        .sort((a, b) => a.week.localeCompare(b.week) || a.personId - b.personId)
        .map((ci) => ({ week: ci.week, name: nameOf(ci.personId), note: alias.text(ci.note) })),
    };
  }

  const names: Record<string, string> = {};
  for (const p of bt.people) if (p.personId !== null) names[String(p.personId)] = nameOf(p.personId);

  return {
    generatedAt: c.now,
    generatedOn: c.today,
    pageSize: config.pageSize,
    range,
    previous,
    journalStart,
    compared,
    sinceSession,
    lastSession: lastSessionDay(db, c.today),
    people,
    everyone: personIds.length === 0,
    sections,
    detail: config.entries.detail,
    fullText: config.entries.fullText,
    selection: includeEntries ? config.entries.select : 'none',
    summary: sections.summary ? summary : null,
    topPatterns: sections.summary ? table.slice(0, TOP_PATTERNS) : [],
    areas: sections.summary ? domains.items.map((d) => ({ domain: d.domain, entries: d.entries, previousEntries: d.previousEntries })) : [],
    patterns: sections.patterns ? table : null,
    charts: sections.charts ? { patterns: pc, balance: bt, names, scores: scoreTrends(db, s), healthyShare: hs, domains } : null,
    checkins: checkinSection,
    questions: sections.questions ? alias.text(config.questions) : null,
    safety: { total: now.safety, items: entries.filter((e) => e.safety) },
    flagged: { total: now.flagged, items: entries.filter((e) => e.flagged) },
    entries: sections.entries ? entries : null,
    attachments: attachmentsOfEntries(db, config.attachmentIds, ids).map((a) => ({
      id: a.id,
      entryId: a.owner!.id,
      name: alias.text(a.name),
      caption: alias.text(a.caption),
      mime: a.mime,
      kind: a.kind,
      bytes: a.bytes,
      sha256: a.sha256,
      capturedAt: a.capturedAt,
      attachedAt: a.attachedAt,
      metadataRemoved: !a.keepSensitive && (a.sensitive.gps !== null || a.sensitive.device !== null || a.sensitive.xmp),
    })),
    ledgerRevisions: historyLength(db),
  };
}
