import type { Polarity } from '../../shared/catalogue.js';
import type { Person, Tag } from '../../shared/schemas.js';
import { CATEGORY_COLORS } from '../../shared/catalogue.js';
import { useVocabulary } from '../i18n/vocabulary.js';

/** Imbalance and healthy are told apart by a sign and a word, never by colour alone. */
export const POLARITY_SIGN: Record<Polarity, string> = { imbalance: '≠', healthy: '=', neutral: '·' };
/** English words for the report and pages not yet in the catalogues; screens use `useVocabulary().polarity`. */
export const POLARITY_WORD: Record<Polarity, string> = { imbalance: 'Imbalance', healthy: 'Healthy', neutral: 'Neutral' };

export function PolarityMark({ polarity, withWord = false }: { polarity: Polarity; withWord?: boolean }) {
  const v = useVocabulary();
  return (
    <span className={`polarity polarity-${polarity}`}>
      <span className="polarity-sign" aria-hidden="true">
        {POLARITY_SIGN[polarity]}
      </span>
      {withWord ? <span className="polarity-word">{v.polarity(polarity)}</span> : <span className="visually-hidden">({v.polarity(polarity).toLocaleLowerCase()})</span>}
    </span>
  );
}

export function Swatch({ color, label }: { color: string; label?: string }) {
  return <span className="swatch" style={{ backgroundColor: color }} role={label ? 'img' : undefined} aria-label={label} aria-hidden={label ? undefined : true} />;
}

export function PersonChip({ person }: { person: Pick<Person, 'name' | 'color'> }) {
  return (
    <span className="chip chip-person">
      <Swatch color={person.color} />
      <bdi dir="auto">{person.name}</bdi>
    </span>
  );
}

export const tagColor = (tag: Pick<Tag, 'color' | 'category'>): string => tag.color ?? CATEGORY_COLORS[tag.category];

export function TagChip({ tag }: { tag: Pick<Tag, 'label' | 'polarity' | 'color' | 'category'> & Partial<Pick<Tag, 'slug' | 'builtin'>> }) {
  const v = useVocabulary();
  return (
    <span className={`chip chip-tag chip-${tag.polarity}`}>
      <Swatch color={tagColor(tag)} />
      <PolarityMark polarity={tag.polarity} />
      <bdi dir="auto">{v.pattern(tag)}</bdi>
    </span>
  );
}
