/**
 * The catalogue's words in the interface's language: pattern areas and what they are about, areas of
 * life, power sources, kinds of people, the balance of power, and the built-in patterns. A built-in
 * pattern the person renamed keeps their own name; their own patterns are always their own words.
 */
import { useMemo } from 'react';
import { BUILTIN_PATTERNS, type Category, type Domain, type PersonKind, type Polarity, type PowerSource } from '../../shared/catalogue.js';
import { useT } from './index.js';
import { translate, type MessageId } from './translate.js';

const CATEGORY: Record<Category, MessageId> = {
  money: 'category.money',
  decisions: 'category.decisions',
  emotional: 'category.emotional',
  communication: 'category.communication',
  boundaries: 'category.boundaries',
  responsibilities: 'category.responsibilities',
  social: 'category.social',
  control: 'category.control',
  connection: 'category.connection',
  other: 'category.other',
};
const CATEGORY_ABOUT: Record<Category, MessageId> = {
  money: 'category.money.about',
  decisions: 'category.decisions.about',
  emotional: 'category.emotional.about',
  communication: 'category.communication.about',
  boundaries: 'category.boundaries.about',
  responsibilities: 'category.responsibilities.about',
  social: 'category.social.about',
  control: 'category.control.about',
  connection: 'category.connection.about',
  other: 'category.other.about',
};
const DOMAIN: Record<Domain, MessageId> = {
  finances: 'domain.finances',
  decisions: 'domain.decisions',
  household: 'domain.household',
  emotional: 'domain.emotional',
  work: 'domain.work',
  social: 'domain.social',
  intimacy: 'domain.intimacy',
  parenting: 'domain.parenting',
  health: 'domain.health',
  other: 'domain.other',
};
const POWER_SOURCE: Record<PowerSource, MessageId> = {
  money: 'powerSource.money',
  personality: 'powerSource.personality',
  social: 'powerSource.social',
  role: 'powerSource.role',
  work: 'powerSource.work',
  other: 'powerSource.other',
};
const PERSON_KIND: Record<PersonKind, MessageId> = {
  romantic: 'personKind.romantic',
  professional: 'personKind.professional',
  family: 'personKind.family',
  social: 'personKind.social',
  other: 'personKind.other',
};
const BALANCE: Record<number, MessageId> = {
  [-3]: 'balance.theyFar',
  [-2]: 'balance.theyMore',
  [-1]: 'balance.theyLittle',
  0: 'balance.balanced',
  1: 'balance.iLittle',
  2: 'balance.iMore',
  3: 'balance.iFar',
};
const POLARITY: Record<Polarity, MessageId> = { imbalance: 'polarity.imbalance', healthy: 'polarity.healthy', neutral: 'polarity.neutral' };
const PATTERN: Readonly<Record<string, MessageId>> = {
  'money-controlled-alone': 'pattern.money-controlled-alone',
  'spending-without-me': 'pattern.spending-without-me',
  'money-as-leverage': 'pattern.money-as-leverage',
  'money-decided-together': 'pattern.money-decided-together',
  'finances-transparent': 'pattern.finances-transparent',
  'decided-without-me': 'pattern.decided-without-me',
  'input-dismissed': 'pattern.input-dismissed',
  'excluded-from-decision': 'pattern.excluded-from-decision',
  'decided-together': 'pattern.decided-together',
  'my-view-counted': 'pattern.my-view-counted',
  'feelings-dismissed': 'pattern.feelings-dismissed',
  'belittled': 'pattern.belittled',
  'guilt-tripped': 'pattern.guilt-tripped',
  'silent-treatment': 'pattern.silent-treatment',
  'blamed-for-their-reaction': 'pattern.blamed-for-their-reaction',
  'intimidated': 'pattern.intimidated',
  'feelings-validated': 'pattern.feelings-validated',
  'empathy-shown': 'pattern.empathy-shown',
  'apology-and-repair': 'pattern.apology-and-repair',
  'talked-over': 'pattern.talked-over',
  'not-heard': 'pattern.not-heard',
  'afraid-to-speak': 'pattern.afraid-to-speak',
  'spoke-openly': 'pattern.spoke-openly',
  'listened-to': 'pattern.listened-to',
  'time-boundary-crossed': 'pattern.time-boundary-crossed',
  'energy-demanded': 'pattern.energy-demanded',
  'space-crossed': 'pattern.space-crossed',
  'pressured-after-no': 'pattern.pressured-after-no',
  'boundary-stated': 'pattern.boundary-stated',
  'boundary-respected': 'pattern.boundary-respected',
  'unequal-household': 'pattern.unequal-household',
  'unequal-emotional-labour': 'pattern.unequal-emotional-labour',
  'unequal-financial-burden': 'pattern.unequal-financial-burden',
  'fair-share': 'pattern.fair-share',
  'help-unasked': 'pattern.help-unasked',
  'isolated': 'pattern.isolated',
  'status-as-leverage': 'pattern.status-as-leverage',
  'roles-imposed': 'pattern.roles-imposed',
  'relationships-supported': 'pattern.relationships-supported',
  'roles-negotiated': 'pattern.roles-negotiated',
  'monitored': 'pattern.monitored',
  'threatened': 'pattern.threatened',
  'coerced': 'pattern.coerced',
  'autonomy-respected': 'pattern.autonomy-respected',
  'check-in-held': 'pattern.check-in-held',
  'strengths-celebrated': 'pattern.strengths-celebrated',
  'de-escalated': 'pattern.de-escalated',
};
const BUILTIN_LABEL = new Map(BUILTIN_PATTERNS.map((p) => [p.slug, p.label]));

export type PatternLike = { label: string; slug?: string; builtin?: boolean };

/** What a pattern is called on screen: a built-in one in the interface's language unless renamed. */
export function patternLabel(tag: PatternLike, t: (id: MessageId) => string = translate): string {
  const id = tag.builtin && tag.slug && Object.hasOwn(PATTERN, tag.slug) ? PATTERN[tag.slug] : undefined;
  return id && BUILTIN_LABEL.get(tag.slug!) === tag.label ? t(id) : tag.label;
}

export interface Vocabulary {
  category: (c: Category) => string;
  categoryAbout: (c: Category) => string;
  domain: (d: Domain) => string;
  powerSource: (p: PowerSource) => string;
  personKind: (k: PersonKind) => string;
  balance: (n: number) => string;
  polarity: (p: Polarity) => string;
  pattern: (tag: PatternLike) => string;
}

export function vocabulary(t: (id: MessageId) => string): Vocabulary {
  return {
    category: (c) => t(CATEGORY[c]),
    categoryAbout: (c) => t(CATEGORY_ABOUT[c]),
    domain: (d) => t(DOMAIN[d]),
    powerSource: (p) => t(POWER_SOURCE[p]),
    personKind: (k) => t(PERSON_KIND[k]),
    balance: (n) => (BALANCE[n] ? t(BALANCE[n]) : String(n)),
    polarity: (p) => t(POLARITY[p]),
    pattern: (tag) => patternLabel(tag, t),
  };
}

/** The catalogue's words, re-rendered when the language changes. */
export function useVocabulary(): Vocabulary {
  const t = useT();
  return useMemo(() => vocabulary(t), [t]);
}
