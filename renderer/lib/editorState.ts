/**
 * The entry editor's state, its draft form (JSON saved through 'drafts.save', encrypted in the
 * journal) and its conversion to the API's EntryInput / EntryPatch.
 */
import { z } from 'zod';
import { DOMAINS, domainsForPatterns, POWER_SOURCES, type Domain, type PowerSource } from '../../shared/catalogue.js';
import type { Entry, EntryInput, EntryPatch, Tag } from '../../shared/schemas.js';
import { browserTimeZone, fromLocalInput, toLocalInput } from './format.js';

export const SCORE_FIELDS = ['heard', 'respected', 'valued', 'involved'] as const;
export type ScoreField = (typeof SCORE_FIELDS)[number];

export interface EditorState {
  /** <input type="datetime-local"> value, in the browser's zone. */
  when: string;
  personIds: number[];
  /** What is saved: the areas the chosen patterns suggest, plus those ticked, minus those unticked. */
  domains: Domain[];
  /** Areas the writer ticked themselves: they stay whatever the patterns. */
  domainsOn: Domain[];
  /** Areas the writer unticked themselves: a pattern never ticks them again. */
  domainsOff: Domain[];
  title: string;
  body: string;
  tagIds: number[];
  balance: number | null;
  intensity: number | null;
  heard: number | null;
  respected: number | null;
  valued: number | null;
  involved: number | null;
  outcome: string;
  powerSources: PowerSource[];
  raiseWithTherapist: boolean;
  safetyConcern: boolean;
  /** The entry's attachments in order (uploaded already; linked when the entry is saved). */
  attachmentIds: number[];
}

export function blankState(now = Date.now()): EditorState {
  return {
    when: toLocalInput(now),
    personIds: [],
    domains: [],
    domainsOn: [],
    domainsOff: [],
    title: '',
    body: '',
    tagIds: [],
    balance: null,
    intensity: null,
    heard: null,
    respected: null,
    valued: null,
    involved: null,
    outcome: '',
    powerSources: [],
    raiseWithTherapist: false,
    safetyConcern: false,
    attachmentIds: [],
  };
}

/** Areas the given patterns suggest. */
function suggested(tagIds: readonly number[], tags: readonly Tag[]): Domain[] {
  return domainsForPatterns(tagIds.map((id) => tags.find((t) => t.id === id)).filter((t): t is Tag => Boolean(t)));
}

/**
 * A saved entry's areas are kept exactly: those it has count as ticked, and those its patterns would
 * suggest but it lacks count as unticked, so opening it to edit changes nothing by itself.
 */
export function stateFromEntry(e: Entry, tags: readonly Tag[] = [], attachmentIds: readonly number[] = []): EditorState {
  return {
    when: toLocalInput(e.occurredAt),
    personIds: [...e.personIds],
    domains: [...e.domains],
    domainsOn: [...e.domains],
    domainsOff: suggested(e.tagIds, tags).filter((d) => !e.domains.includes(d)),
    title: e.title,
    body: e.body,
    tagIds: [...e.tagIds],
    balance: e.balance,
    intensity: e.intensity,
    heard: e.heard,
    respected: e.respected,
    valued: e.valued,
    involved: e.involved,
    outcome: e.outcome,
    powerSources: [...e.powerSources],
    raiseWithTherapist: e.raiseWithTherapist,
    safetyConcern: e.safetyConcern,
    attachmentIds: [...attachmentIds],
  };
}

// A draft may come from an older version or be half-edited: every field falls back on its own.
const score = z.number().int().min(1).max(5).nullable().catch(null);
const ids = z.array(z.number().int().positive()).catch([]);
const DraftState = z.object({
  when: z.string().catch(''),
  personIds: ids,
  domains: z.array(z.enum(DOMAINS)).catch([]),
  domainsOn: z.array(z.enum(DOMAINS)).optional().catch(undefined),
  domainsOff: z.array(z.enum(DOMAINS)).catch([]),
  title: z.string().catch(''),
  body: z.string().catch(''),
  tagIds: ids,
  balance: z.number().int().min(-3).max(3).nullable().catch(null),
  intensity: score,
  heard: score,
  respected: score,
  valued: score,
  involved: score,
  outcome: z.string().catch(''),
  powerSources: z.array(z.enum(POWER_SOURCES)).catch([]),
  raiseWithTherapist: z.boolean().catch(false),
  safetyConcern: z.boolean().catch(false),
  // A draft from before attachments: absent, so the entry's own are kept (never "none").
  attachmentIds: z.array(z.number().int().positive()).max(50).optional().catch(undefined),
});
const DraftDoc = z.object({ v: z.literal(1), state: DraftState });

/** Fields in one fixed order, so the same state always gives the same text (drafts compare as text). */
const FIELDS = Object.keys(blankState(0)) as (keyof EditorState)[];

export function draftContent(state: EditorState): string {
  return JSON.stringify({ v: 1, state: Object.fromEntries(FIELDS.map((k) => [k, state[k]])) });
}

/** `base`: the entry as saved, whose attachments a draft without any list keeps. */
export function parseDraft(content: string, base?: Pick<EditorState, 'attachmentIds'>): EditorState | null {
  try {
    const r = DraftDoc.safeParse(JSON.parse(content));
    if (!r.success) return null;
    // A draft from before areas were suggested: what it had ticked stays ticked.
    const { domainsOn, attachmentIds, ...rest } = r.data.state;
    return { ...rest, domainsOn: domainsOn ?? rest.domains, attachmentIds: attachmentIds ?? [...(base?.attachmentIds ?? [])] };
  } catch {
    return null;
  }
}

/** New patterns chosen: the areas they suggest are ticked, except those the writer unticked. */
export function withPatterns(s: EditorState, tagIds: number[], tags: readonly Tag[]): EditorState {
  const from = new Set([...suggested(tagIds, tags), ...s.domainsOn]);
  return { ...s, tagIds, domains: DOMAINS.filter((d) => from.has(d) && !s.domainsOff.includes(d)) };
}

/** The writer ticked or unticked areas: each change is remembered as theirs. */
export function withDomains(s: EditorState, domains: Domain[], tags: readonly Tag[]): EditorState {
  const on = new Set(s.domainsOn);
  const off = new Set(s.domainsOff);
  for (const d of DOMAINS) {
    const was = s.domains.includes(d);
    const now = domains.includes(d);
    if (was === now) continue;
    if (now) {
      on.add(d);
      off.delete(d);
    } else {
      off.add(d);
      on.delete(d);
    }
  }
  return withPatterns({ ...s, domainsOn: DOMAINS.filter((d) => on.has(d)), domainsOff: DOMAINS.filter((d) => off.has(d)) }, s.tagIds, tags);
}

export const draftKeyFor = (entryId?: number): string => (entryId ? `entry-${entryId}` : 'new');

export function sameState(a: EditorState, b: EditorState): boolean {
  return draftContent(a) === draftContent(b);
}

export function hasContent(s: EditorState): boolean {
  return Boolean(s.body.trim() || s.title.trim() || s.tagIds.length > 0 || s.outcome.trim() || s.attachmentIds.length > 0);
}

/** The fields shared by create and update; null when the date is not a valid moment. */
export function toEntryInput(s: EditorState): EntryInput | null {
  const occurredAt = fromLocalInput(s.when);
  if (occurredAt === null) return null;
  return {
    occurredAt,
    timeZone: browserTimeZone(),
    title: s.title.trim(),
    body: s.body,
    personIds: s.personIds,
    tagIds: s.tagIds,
    domains: s.domains,
    powerSources: s.powerSources,
    balance: s.balance,
    intensity: s.intensity,
    heard: s.heard,
    respected: s.respected,
    valued: s.valued,
    involved: s.involved,
    outcome: s.outcome,
    raiseWithTherapist: s.raiseWithTherapist,
    safetyConcern: s.safetyConcern,
    attachments: s.attachmentIds,
  };
}

/** For an edit: the entry's own time zone is kept unless the time itself was changed. */
export function toEntryPatch(s: EditorState, original: Entry): EntryPatch | null {
  const input = toEntryInput(s);
  if (!input) return null;
  const { timeZone, ...rest } = input;
  return toLocalInput(original.occurredAt) === s.when ? { ...rest, occurredAt: original.occurredAt } : { ...rest, timeZone };
}
