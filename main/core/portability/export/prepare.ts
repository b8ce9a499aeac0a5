/**
 * The one place where an export's scope decisions are applied to the data: text left out when the
 * user chose "without text", and pseudonyms applied to every name and every free-text field. The
 * Markdown, CSV and JSON writers only ever see the prepared data, so no format can forget a field.
 */
import { slugify } from '../../db/repos/index.js';
import type { ExportData, ExportEntryRow } from './collect.js';
import { Pseudonymiser } from './pseudonyms.js';

export function prepareExport(data: ExportData): ExportData {
  const prep = exportPreparer(data.people, data.scope);
  return { ...prep.rest(data), entries: data.entries.map(prep.entry) };
}

/**
 * The same decisions, split so a streamed export can apply them to one page of entries at a time:
 * `entry` for each entry, `rest` for everything else (people, patterns, check-ins, strengths, sessions).
 */
export function exportPreparer(people: ExportData['people'], scope: ExportData['scope']) {
  const p = new Pseudonymiser(people, scope.pseudonyms);
  const keep = scope.includeText;
  const t = (s: string) => (keep ? p.text(s) : '');
  return {
    entry: (e: ExportEntryRow): ExportEntryRow => ({ ...e, title: t(e.title), body: t(e.body), outcome: t(e.outcome) }),
    rest: (data: ExportData): ExportData => ({
      ...data,
      people: data.people.map((person) => ({ ...person, name: p.name(person), notes: t(person.notes) })),
      tags: data.tags.map((tag) => {
        // A pattern of the user's own may carry a name ("Arguments with Alex"); its slug is made from the label.
        const label = p.text(tag.label);
        return label === tag.label ? tag : { ...tag, label, slug: tag.builtin ? tag.slug : slugify(label) };
      }),
      checkins: data.checkins.map((c) => ({ ...c, note: t(c.note) })),
      strengths: keep ? data.strengths.map((s) => ({ ...s, text: p.text(s.text) })) : [],
      sessions: data.sessions.map((s) => ({ ...s, note: t(s.note) })),
    }),
  };
}

export const isPseudonymised = (data: ExportData) => new Pseudonymiser(data.people, data.scope.pseudonyms).active;
