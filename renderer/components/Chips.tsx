import type { Polarity } from '../../shared/catalogue.js';
import type { Person, Tag } from '../../shared/schemas.js';
import { CATEGORY_COLORS } from '../../shared/catalogue.js';

/** Imbalance and healthy are told apart by a sign and a word, never by colour alone. */
export const POLARITY_SIGN: Record<Polarity, string> = { imbalance: '≠', healthy: '=', neutral: '·' };
export const POLARITY_WORD: Record<Polarity, string> = { imbalance: 'Imbalance', healthy: 'Healthy', neutral: 'Neutral' };

export function PolarityMark({ polarity, withWord = false }: { polarity: Polarity; withWord?: boolean }) {
  return (
    <span className={`polarity polarity-${polarity}`}>
      <span className="polarity-sign" aria-hidden="true">
        {POLARITY_SIGN[polarity]}
      </span>
      {withWord ? <span className="polarity-word">{POLARITY_WORD[polarity]}</span> : <span className="visually-hidden">({POLARITY_WORD[polarity].toLowerCase()})</span>}
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

export function TagChip({ tag }: { tag: Pick<Tag, 'label' | 'polarity' | 'color' | 'category'> }) {
  return (
    <span className={`chip chip-tag chip-${tag.polarity}`}>
      <Swatch color={tagColor(tag)} />
      <PolarityMark polarity={tag.polarity} />
      <bdi dir="auto">{tag.label}</bdi>
    </span>
  );
}
