/**
 * The built-in pattern catalogue, in Fulcrum's own words.
 *
 * The categories follow the areas where power in a relationship tends to concentrate, cross-walked to
 * two frameworks many therapists already use: the Duluth model's "Power and Control" and "Equality"
 * wheels (Domestic Abuse Intervention Programs) and, for the healthy side, Gottman-style repair and
 * turning-toward behaviours. No wording is taken from their published materials; labels are short,
 * first-person and plain, so a user can tag quickly and a therapist can read them at a glance.
 */

export const CATEGORIES = [
  'money',
  'decisions',
  'emotional',
  'communication',
  'boundaries',
  'responsibilities',
  'social',
  'control',
  'connection',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  money: 'Money',
  decisions: 'Decisions',
  emotional: 'Emotional',
  communication: 'Communication',
  boundaries: 'Boundaries',
  responsibilities: 'Responsibilities',
  social: 'Social influence',
  control: 'Control',
  connection: 'Connection',
  other: 'Other',
};

/**
 * What each area is about, in plain and neutral words: the caption shown under an area on the
 * Patterns page and in the report's legend. Nobody's gender is assumed and no framework is named on
 * screen; the cross-walk to the published frameworks is in docs/pattern-areas.md.
 */
export const CATEGORY_DESCRIPTIONS: Record<Category, string> = {
  money: 'Who earns, spends and decides about money, and whether it is open to both.',
  decisions: 'Who decides what affects you both, and whether your view counts.',
  emotional: 'How feelings are treated: taken seriously, or brushed aside, mocked or blamed.',
  communication: 'Whether you can speak openly, without fear, and are listened to.',
  boundaries: 'Whether a no, your time, your energy and your space are respected.',
  responsibilities: 'How the work at home, the emotional work and the costs are shared.',
  social: 'Friends, family and standing: your relationships supported, or kept from you.',
  control: 'Being watched, threatened or pressured, or trusted to make your own choices.',
  connection: 'Moments of warmth and repair: check-ins, appreciation, calming things down.',
  other: 'Your own patterns.',
};

export const POLARITIES = ['imbalance', 'healthy', 'neutral'] as const;
export type Polarity = (typeof POLARITIES)[number];

export interface BuiltinPattern {
  readonly slug: string;
  readonly label: string;
  readonly polarity: Exclude<Polarity, 'neutral'>;
  readonly category: Category;
}

const imbalance = (category: Category, slug: string, label: string): BuiltinPattern => ({
  slug,
  label,
  polarity: 'imbalance',
  category,
});
const healthy = (category: Category, slug: string, label: string): BuiltinPattern => ({
  slug,
  label,
  polarity: 'healthy',
  category,
});

export const BUILTIN_PATTERNS: readonly BuiltinPattern[] = [
  imbalance('money', 'money-controlled-alone', 'Shared money controlled by them alone'),
  imbalance('money', 'spending-without-me', 'Spending decided without me'),
  imbalance('money', 'money-as-leverage', 'Money or dependence used as leverage'),
  healthy('money', 'money-decided-together', 'Money decided together'),
  healthy('money', 'finances-transparent', 'Finances open to both of us'),

  imbalance('decisions', 'decided-without-me', 'Decided without me'),
  imbalance('decisions', 'input-dismissed', 'My input was dismissed'),
  imbalance('decisions', 'excluded-from-decision', 'Left out of a decision that affects me'),
  healthy('decisions', 'decided-together', 'We decided together'),
  healthy('decisions', 'my-view-counted', 'My view changed the outcome'),

  imbalance('emotional', 'feelings-dismissed', 'My feelings were brushed aside'),
  imbalance('emotional', 'belittled', 'Belittled or mocked'),
  imbalance('emotional', 'guilt-tripped', 'Made to feel guilty'),
  imbalance('emotional', 'silent-treatment', 'Silent treatment'),
  imbalance('emotional', 'blamed-for-their-reaction', 'Blamed for their reaction'),
  imbalance('emotional', 'intimidated', 'Felt intimidated'),
  healthy('emotional', 'feelings-validated', 'My feelings were taken seriously'),
  healthy('emotional', 'empathy-shown', 'Empathy shown'),
  healthy('emotional', 'apology-and-repair', 'Apology and repair'),

  imbalance('communication', 'talked-over', 'Talked over'),
  imbalance('communication', 'not-heard', 'Not heard'),
  imbalance('communication', 'afraid-to-speak', 'Afraid to speak up'),
  healthy('communication', 'spoke-openly', 'Spoke openly without fear'),
  healthy('communication', 'listened-to', 'Really listened to'),

  imbalance('boundaries', 'time-boundary-crossed', 'My time boundary was crossed'),
  imbalance('boundaries', 'energy-demanded', 'Emotional energy demanded of me'),
  imbalance('boundaries', 'space-crossed', 'Personal space crossed'),
  imbalance('boundaries', 'pressured-after-no', 'Pressured after I said no'),
  healthy('boundaries', 'boundary-stated', 'I stated a boundary'),
  healthy('boundaries', 'boundary-respected', 'My boundary was respected'),

  imbalance('responsibilities', 'unequal-household', 'Unequal household work'),
  imbalance('responsibilities', 'unequal-emotional-labour', 'Unequal emotional labour'),
  imbalance('responsibilities', 'unequal-financial-burden', 'Unequal financial burden'),
  healthy('responsibilities', 'fair-share', 'Fair share of the work'),
  healthy('responsibilities', 'help-unasked', 'Help offered without asking'),

  imbalance('social', 'isolated', 'Kept from friends or family'),
  imbalance('social', 'status-as-leverage', 'Status or connections used as leverage'),
  imbalance('social', 'roles-imposed', 'Role or cultural expectations imposed'),
  healthy('social', 'relationships-supported', 'My relationships were supported'),
  healthy('social', 'roles-negotiated', 'Roles talked through together'),

  imbalance('control', 'monitored', 'Monitored (phone, location, messages)'),
  imbalance('control', 'threatened', 'Threatened'),
  imbalance('control', 'coerced', 'Coerced or pressured'),
  healthy('control', 'autonomy-respected', 'Trust and autonomy respected'),

  healthy('connection', 'check-in-held', 'We held a check-in'),
  healthy('connection', 'strengths-celebrated', 'Strengths celebrated'),
  healthy('connection', 'de-escalated', 'De-escalated with humour, empathy or redirection'),
];

export const DOMAINS = [
  'finances',
  'decisions',
  'household',
  'emotional',
  'work',
  'social',
  'intimacy',
  'parenting',
  'health',
  'other',
] as const;
export type Domain = (typeof DOMAINS)[number];
export const DOMAIN_LABELS: Record<Domain, string> = {
  finances: 'Finances',
  decisions: 'Decisions',
  household: 'Household',
  emotional: 'Emotional',
  work: 'Work / career',
  social: 'Social life',
  intimacy: 'Intimacy',
  parenting: 'Parenting',
  health: 'Health',
  other: 'Other',
};

export const POWER_SOURCES = ['money', 'personality', 'social', 'role', 'work', 'other'] as const;
export type PowerSource = (typeof POWER_SOURCES)[number];
export const POWER_SOURCE_LABELS: Record<PowerSource, string> = {
  money: 'Money',
  personality: 'Personality',
  social: 'Social influence',
  role: 'Cultural or role expectations',
  work: 'Work hierarchy',
  other: 'Other',
};

export const PERSON_KINDS = ['romantic', 'professional', 'family', 'social', 'other'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];
export const PERSON_KIND_LABELS: Record<PersonKind, string> = {
  romantic: 'Romantic',
  professional: 'Professional',
  family: 'Family',
  social: 'Social',
  other: 'Other',
};

/** Balance of power, −3 … +3, in words (the slider's labels). */
export const BALANCE_LABELS: Record<number, string> = {
  [-3]: 'They held far more power',
  [-2]: 'They held more power',
  [-1]: 'They held a little more power',
  0: 'Balanced',
  1: 'I held a little more power',
  2: 'I held more power',
  3: 'I held far more power',
};

/**
 * People's colours: a colour-blind-safe palette (Okabe–Ito, plus two neutrals). Pattern areas have
 * their own palette (AREA_PALETTE, below) with no colour in common, so a person and an area are never
 * drawn alike.
 */
export const PALETTE = [
  '#E69F00',
  '#56B4E9',
  '#009E73',
  '#F0E442',
  '#0072B2',
  '#D55E00',
  '#CC79A7',
  '#000000',
  '#999999',
  '#6A3D9A',
] as const;

/** An alias that says what PALETTE is for. */
export const PEOPLE_PALETTE = PALETTE;

/**
 * Pattern areas' colours (and the choices for a custom pattern's colour): muted mid-tones, each at
 * least 3:1 against both the light and the dark background, and far (CIELAB ΔE ≥ 20) from every
 * person colour above, so an area's bars never look like a person's line.
 */
export const AREA_PALETTE = [
  '#AD7B32',
  '#6687AB',
  '#CC4389',
  '#2A948A',
  '#CA4C3E',
  '#668547',
  '#9A6AAF',
  '#B839C6',
  '#2B942B',
  '#AF6A71',
] as const;

export const CATEGORY_COLORS: Record<Category, string> = {
  money: '#AD7B32',
  decisions: '#6687AB',
  emotional: '#CC4389',
  communication: '#2A948A',
  boundaries: '#CA4C3E',
  responsibilities: '#668547',
  social: '#9A6AAF',
  control: '#B839C6',
  connection: '#2B942B',
  other: '#AF6A71',
};

/**
 * The areas of life a pattern speaks of, so the editor can fill "Areas of life" in from the chosen
 * patterns (the writer can still change them). By category; a few built-in patterns name an area of
 * their own. Categories that happen in every area (boundaries, control…) suggest none.
 */
export const CATEGORY_DOMAINS: Record<Category, readonly Domain[]> = {
  money: ['finances'],
  decisions: ['decisions'],
  emotional: ['emotional'],
  communication: [],
  boundaries: [],
  responsibilities: ['household'],
  social: ['social'],
  control: [],
  connection: [],
  other: [],
};
const PATTERN_DOMAINS: Readonly<Record<string, readonly Domain[]>> = {
  'spending-without-me': ['finances', 'decisions'],
  'money-decided-together': ['finances', 'decisions'],
  'energy-demanded': ['emotional'],
  'unequal-emotional-labour': ['household', 'emotional'],
  'unequal-financial-burden': ['household', 'finances'],
};

/** The areas of life suggested by some patterns, in the catalogue's order. */
export function domainsForPatterns(patterns: readonly { slug: string; category: Category; builtin: boolean }[]): Domain[] {
  const found = new Set<Domain>();
  for (const p of patterns) for (const d of (p.builtin ? PATTERN_DOMAINS[p.slug] : undefined) ?? CATEGORY_DOMAINS[p.category]) found.add(d);
  return DOMAINS.filter((d) => found.has(d));
}
