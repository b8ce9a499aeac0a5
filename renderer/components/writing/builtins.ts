/**
 * The built-in entry templates: an incident, and the six practices as reflection prompts. Only their
 * message ids live here; each heading is worded in the interface's language when the template is used.
 */
import type { MessageId } from '../../i18n/index.js';

export interface BuiltinTemplate {
  readonly id: string;
  readonly name: MessageId;
  readonly headings: readonly MessageId[];
}

export const BUILTIN_TEMPLATES: readonly BuiltinTemplate[] = [
  {
    id: 'incident',
    name: 'templates.incident.name',
    headings: [
      'templates.incident.what',
      'templates.incident.who',
      'templates.incident.where',
      'templates.incident.witnesses',
      'templates.incident.said',
      'templates.incident.affected',
      'templates.incident.need',
    ],
  },
  { id: 'open', name: 'templates.open.name', headings: ['templates.open.said', 'templates.open.unsaid', 'templates.open.next'] },
  { id: 'boundaries', name: 'templates.boundaries.name', headings: ['templates.boundaries.line', 'templates.boundaries.respected', 'templates.boundaries.support'] },
  { id: 'empathy', name: 'templates.empathy.name', headings: ['templates.empathy.felt', 'templates.empathy.heard', 'templates.empathy.other'] },
  { id: 'shared', name: 'templates.shared.name', headings: ['templates.shared.mine', 'templates.shared.theirs', 'templates.shared.fair'] },
  { id: 'checkins', name: 'templates.checkins.name', headings: ['templates.checkins.week', 'templates.checkins.went', 'templates.checkins.raise'] },
  { id: 'strengths', name: 'templates.strengths.name', headings: ['templates.strengths.mine', 'templates.strengths.theirs', 'templates.strengths.grateful'] },
];

/** Headings, each followed by an empty line to write on: the structure of an entry, none of its words. */
export function bodyFromHeadings(headings: readonly string[]): string {
  return headings.map((h) => `${h}\n\n`).join('\n');
}

/**
 * The body after using a template: the template alone on an empty body, or replacing it, or below
 * what is there (after one blank line).
 */
export function withTemplate(body: string, template: string, how: 'replace' | 'below'): string {
  if (how === 'replace' || body.trim() === '') return template;
  return `${body.replace(/\s+$/, '')}\n\n${template}`;
}
