/**
 * Markdown export, for reading (a therapist, or the user in any editor). The user's own text keeps its
 * Markdown, quoted under each entry so that a heading inside an entry cannot pose as a new entry.
 * Raw HTML and images are neutralised: opening the file in a viewer must not run markup or fetch a
 * remote image (which would tell a server that the file was opened).
 */
import { CATEGORY_LABELS, PERSON_KIND_LABELS } from '../../../../shared/catalogue.js';
import type { ExportData, ExportEntryRow } from './collect.js';
import { balanceWords, domainsOf, flagsOf, localTime, longDay, lookup, peopleOf, powerSourcesOf, signed, tagsOf, type Lookup } from './fields.js';

/** Text on one line, with Markdown's inline syntax escaped (names, labels, titles). */
export function mdInline(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .trim();
}

/** The user's Markdown kept, minus raw HTML and images. */
export function mdBlock(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(/</g, '\\<').replace(/!\[/g, '!\\[');
}

const quote = (s: string) =>
  mdBlock(s)
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');

const score = (label: string, v: number | null) => (v === null ? null : `${label} ${v}/5`);

export function toMarkdown(data: ExportData, meta: { now: number }): string {
  const l = lookup(data);
  const out = markdownHead(data, { now: meta.now, count: data.entries.length, first: data.entries[0]?.day, last: data.entries.at(-1)?.day });
  for (const e of data.entries) out.push(...markdownEntry(e, l));
  out.push(...markdownTail(data, l));
  return out.join('\n');
}

/**
 * The lines before the first entry. The entries are written one by one after it (a streamed export
 * holds one page of them at a time), so the count and the first and last day are given separately.
 */
export function markdownHead(
  data: Pick<ExportData, 'scope' | 'people'>,
  meta: { now: number; count: number; first: string | undefined; last: string | undefined },
): string[] {
  const s = data.scope;
  const out: string[] = [];
  const { first, last, count } = meta;
  out.push('# Journal export', '');
  out.push(`Exported ${new Date(meta.now).toISOString().slice(0, 10)} from Fulcrum.`);
  const range = s.from || s.to ? `${s.from ?? 'the first entry'} to ${s.to ?? 'the last entry'}` : first ? `${first} to ${last}` : 'no entries';
  out.push(`Range: ${range} · ${count} ${count === 1 ? 'entry' : 'entries'}`);
  if (!s.includeText) out.push('Entry text, titles, outcomes and notes are left out of this export.');
  out.push('');

  if (data.people.length) {
    out.push('## People', '');
    for (const p of data.people) {
      out.push(`- **${mdInline(p.name)}** (${PERSON_KIND_LABELS[p.kind].toLowerCase()})${p.notes ? ` — ${mdInline(p.notes)}` : ''}`);
    }
    out.push('');
  }

  out.push('## Entries', '');
  if (count === 0) out.push('No entries in this range.', '');
  return out;
}

/** The lines of one entry. */
export function markdownEntry(e: ExportEntryRow, l: Lookup): string[] {
  const out: string[] = [];
  const when = `${longDay(e.day)}, ${localTime(e.occurredAt, e.timeZone)}`;
  out.push(`### ${mdInline(when)}${e.title ? ` — ${mdInline(e.title)}` : ''}`, '');
  const lines: string[] = [];
  const people = peopleOf(e, l);
  if (people.length) lines.push(`**People:** ${people.map(mdInline).join(', ')}`);
  const domains = domainsOf(e);
  if (domains.length) lines.push(`**Areas:** ${domains.join(', ')}`);
  const tags = tagsOf(e, l);
  if (tags.length) {
    lines.push(`**Patterns:** ${tags.map((t) => `${mdInline(t.label)} (${t.polarity}, ${CATEGORY_LABELS[t.category].toLowerCase()})`).join('; ')}`);
  }
  const sources = powerSourcesOf(e);
  if (sources.length) lines.push(`**Power came from:** ${sources.join(', ')}`);
  if (e.balance !== null) lines.push(`**Balance:** ${signed(e.balance)} (${balanceWords(e.balance)})`);
  const scores = [score('Intensity', e.intensity), score('Heard', e.heard), score('Respected', e.respected), score('Valued', e.valued), score('Involved', e.involved)].filter(Boolean);
  if (scores.length) lines.push(`**Scores:** ${scores.join(' · ')}`);
  if (e.outcome) lines.push(`**Outcome:** ${mdInline(e.outcome)}`);
  const flags = flagsOf(e);
  if (flags.length) lines.push(`**Flags:** ${flags.join(', ')}`);
  // Two trailing spaces: a line break inside the paragraph.
  if (lines.length) out.push(lines.join('  \n'), '');
  if (e.body) out.push(quote(e.body), '');
  return out;
}

/** The lines after the last entry: check-ins, strengths and therapy sessions. */
export function markdownTail(data: ExportData, l: Lookup): string[] {
  const out: string[] = [];
  if (data.checkins.length) {
    out.push('## Weekly check-ins', '');
    out.push('| Week of | Person | Heard | Respected | Involved | Fair share | Boundaries | Safe | For therapist | Note |');
    out.push('|---|---|---|---|---|---|---|---|---|---|');
    const n = (v: number | null) => (v === null ? '–' : String(v));
    for (const c of data.checkins) {
      const who = mdInline(l.person(c.personId)?.name ?? '?');
      out.push(
        `| ${c.week} | ${who} | ${n(c.heard)} | ${n(c.respected)} | ${n(c.involved)} | ${n(c.fairShare)} | ${n(c.boundaries)} | ${n(c.safe)} | ${c.forTherapist ? 'yes' : ''} | ${mdInline(c.note)} |`,
      );
    }
    out.push('');
  }

  if (data.strengths.length) {
    out.push('## Strengths', '');
    for (const st of data.strengths) {
      const who = st.personId === null ? 'Me' : (l.person(st.personId)?.name ?? '?');
      out.push(`- **${mdInline(who)}:** ${mdInline(st.text)}`);
    }
    out.push('');
  }

  if (data.sessions.length) {
    out.push('## Therapy sessions', '');
    for (const ses of data.sessions) out.push(`- ${ses.day}${ses.note ? ` — ${mdInline(ses.note)}` : ''}`);
    out.push('');
  }
  return out;
}
