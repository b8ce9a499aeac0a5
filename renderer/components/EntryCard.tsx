import type { ReactNode } from 'react';
import { translate, useT } from '../i18n/index.js';
import { useVocabulary } from '../i18n/vocabulary.js';
import { HIGHLIGHT_START, type EntrySummary, type Person, type Tag } from '../../shared/schemas.js';
import { stripHighlights, timeOf } from '../lib/format.js';
import { PersonChip, TagChip } from './Chips.js';
import { Highlighted } from './Highlighted.js';
import { CardAttachments } from './attachments/EntryAttachments.js';
import type { AttachmentCounts } from '../../shared/attachments.js';

const HEADING_CHARS = 70;

/** Where an untitled entry's heading (its first words) stops, or -1 when it has a title. */
function headingCut(e: Pick<EntrySummary, 'title' | 'excerpt'>): number {
  if (e.title.trim()) return -1;
  const text = stripHighlights(e.excerpt).replace(/\s+/g, ' ').trim();
  if (text.length <= HEADING_CHARS) return text.length;
  const cut = text.slice(0, HEADING_CHARS).replace(/\s+\S*$/, '').length;
  return cut > 20 ? cut : HEADING_CHARS;
}

export function entryHeading(e: Pick<EntrySummary, 'title' | 'excerpt'>, untitled = translate('entry.untitled')): string {
  if (e.title.trim()) return e.title.trim();
  const text = stripHighlights(e.excerpt).replace(/\s+/g, ' ').trim();
  if (!text) return untitled;
  const cut = headingCut(e);
  return cut < text.length ? `${text.slice(0, cut)}…` : text;
}

/** The excerpt to show under the heading, without repeating an untitled entry's first words. */
function excerptFor(e: Pick<EntrySummary, 'title' | 'excerpt'>): string {
  const cut = headingCut(e);
  if (cut < 0 || e.excerpt.includes(HIGHLIGHT_START)) return e.excerpt;
  const text = stripHighlights(e.excerpt).replace(/\s+/g, ' ').trim();
  return cut < text.length ? `…${text.slice(cut)}` : '';
}

export function FlagBadges({ entry }: { entry: Pick<EntrySummary, 'raiseWithTherapist' | 'safetyConcern'> }) {
  const t = useT();
  return (
    <>
      {entry.raiseWithTherapist && <span className="badge badge-therapist">{t('entry.forTherapist')}</span>}
      {entry.safetyConcern && <span className="badge badge-safety">{t('entry.safetyConcern')}</span>}
    </>
  );
}

/** One entry in a list: an <article> named by its heading, so it can be found and read as a unit. */
export function EntryCard(props: {
  entry: EntrySummary;
  personById: ReadonlyMap<number, Person>;
  tagById: ReadonlyMap<number, Tag>;
  href?: string;
  showDate?: string;
  actions?: ReactNode;
  /** 3 under a day heading (timeline), 2 directly under the page title (trash). */
  headingLevel?: 2 | 3;
  /** How many files the entry has and its first image (timeline). */
  attachments?: AttachmentCounts[string];
}) {
  const t = useT();
  const v = useVocabulary();
  const e = props.entry;
  const headingId = `entry-${e.id}-heading`;
  const heading = entryHeading(e, t('entry.untitled'));
  const people = e.personIds.map((id) => props.personById.get(id)).filter((p): p is Person => Boolean(p));
  const tags = e.tagIds.map((id) => props.tagById.get(id)).filter((t): t is Tag => Boolean(t));
  const excerpt = excerptFor(e);
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className="entry-card" aria-labelledby={headingId}>
      <div className="entry-meta">
        <span className="entry-time">
          {props.showDate ? `${props.showDate}, ` : ''}
          {timeOf(e.occurredAt, e.timeZone)}
        </span>
        {people.map((p) => (
          <PersonChip key={p.id} person={p} />
        ))}
        <FlagBadges entry={e} />
      </div>
      <Heading id={headingId} className="entry-title" dir="auto">
        {props.href ? <a href={props.href}>{heading}</a> : heading}
      </Heading>
      {excerpt && (
        <p className="entry-excerpt" dir="auto">
          <Highlighted text={excerpt} />
        </p>
      )}
      {(tags.length > 0 || e.balance !== null) && (
        <div className="entry-tags">
          {e.balance !== null && <span className="balance-note">{v.balance(e.balance)}</span>}
          {tags.map((t) => (
            <TagChip key={t.id} tag={t} />
          ))}
        </div>
      )}
      <CardAttachments counts={props.attachments} />
      {props.actions && <div className="entry-actions">{props.actions}</div>}
    </article>
  );
}
