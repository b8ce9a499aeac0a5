/**
 * A small, believable, entirely synthetic journal — four people, 25 entries over two months, built-in
 * patterns and one of the writer's own — seeded through the API. Used for the README screenshots and
 * for scanning screens that have something on them. Dates are relative to `now`, so the timeline
 * always reads "Today", "Yesterday", …
 */
import type { EntryInput, PersonInput } from '../../shared/schemas.js';
import type { ApiCall } from './api.js';
import { tagIdsByLabel } from './api.js';

type Score = 1 | 2 | 3 | 4 | 5;

interface SampleEntry {
  daysAgo: number;
  /** Wall-clock time in the journal's zone, `HH:MM`. */
  at: string;
  people: string[];
  title: string;
  body: string;
  patterns: string[];
  balance: number | null;
  scores?: Partial<Record<'intensity' | 'heard' | 'respected' | 'valued' | 'involved', Score>>;
  domains?: EntryInput['domains'];
  powerSources?: EntryInput['powerSources'];
  outcome?: string;
  therapist?: boolean;
}

export const SAMPLE_PEOPLE: PersonInput[] = [
  { name: 'Jordan', kind: 'romantic', color: '#E69F00', notes: 'Partner. Living together since last spring.' },
  { name: 'Priya', kind: 'professional', color: '#56B4E9', notes: 'My manager at work.' },
  { name: 'Mum', kind: 'family', color: '#009E73', notes: '' },
  { name: 'Sam', kind: 'social', color: '#CC79A7', notes: 'Climbing friend.' },
];

/** One pattern of the writer's own, next to the built-in catalogue. */
export const SAMPLE_CUSTOM_PATTERN = { label: 'Plans announced in the group chat', polarity: 'imbalance', category: 'social' } as const;

export const SAMPLE_ENTRIES: SampleEntry[] = [
  {
    daysAgo: 59, at: '19:40', people: ['Jordan'], title: 'Weekend away, already booked',
    body: 'Jordan had booked a weekend at their friends’ place without asking. I found out from the group chat. I said it hurt to hear it that way; Jordan said I always say yes anyway.',
    patterns: ['Decided without me', 'Left out of a decision that affects me', SAMPLE_CUSTOM_PATTERN.label], balance: -2,
    scores: { intensity: 3, heard: 2, respected: 2, valued: 2, involved: 1 }, domains: ['social', 'decisions'],
    outcome: 'I went, but said I want to be asked next time.', therapist: true,
  },
  {
    daysAgo: 57, at: '08:50', people: ['Priya'], title: 'Stand-up ran over',
    body: 'Priya talked over me twice when I tried to raise the delivery risk. Later a colleague repeated my point and it was taken up.',
    patterns: ['Talked over', 'Not heard'], balance: -2, scores: { intensity: 2, heard: 1, respected: 2 }, domains: ['work'], powerSources: ['work'],
    outcome: 'I will send the risk in writing before the next stand-up.',
  },
  {
    daysAgo: 55, at: '18:15', people: ['Mum'], title: 'Sunday call',
    body: 'Mum asked again when I am coming home and said the house feels empty. I felt the familiar guilt, but told her calmly that I can’t this month.',
    patterns: ['Made to feel guilty', 'I stated a boundary'], balance: -1, scores: { intensity: 2, heard: 3 }, domains: ['emotional'],
    outcome: 'She sounded disappointed but accepted it.',
  },
  {
    daysAgo: 53, at: '21:05', people: ['Jordan'], title: 'Dishes again',
    body: 'The kitchen was left for me after I had cooked. When I mentioned it, Jordan said I was keeping score.',
    patterns: ['Unequal household work', 'My feelings were brushed aside'], balance: -1, scores: { intensity: 2, heard: 2 }, domains: ['household'],
  },
  {
    daysAgo: 51, at: '13:00', people: ['Sam'], title: 'Lunch with Sam',
    body: 'Told Sam about the weekend plans. Sam listened without jumping to advice and asked what I actually wanted.',
    patterns: ['Really listened to', 'Empathy shown'], balance: 0, scores: { heard: 5, respected: 5, valued: 5 }, domains: ['social', 'emotional'],
  },
  {
    daysAgo: 48, at: '20:30', people: ['Jordan'], title: 'Joint account',
    body: 'I noticed a large transfer from the joint account. Jordan said it was for the car and that I don’t need to check everything.',
    patterns: ['Spending decided without me'], balance: -2, scores: { intensity: 4, heard: 2, respected: 2, valued: 2, involved: 1 },
    domains: ['finances'], powerSources: ['money'], outcome: 'We agreed to look at the account together on Sunday.', therapist: true,
  },
  {
    daysAgo: 46, at: '10:30', people: ['Jordan'], title: 'Looking at the budget together',
    body: 'We went through the account over coffee. Jordan explained the transfer and suggested a limit for bigger purchases without a chat first.',
    patterns: ['Money decided together', 'Finances open to both of us'], balance: 0, scores: { heard: 4, respected: 4, valued: 4, involved: 5 },
    domains: ['finances'], outcome: 'Anything over £200, we talk first.',
  },
  {
    daysAgo: 44, at: '09:15', people: ['Priya'], title: 'Sent the risk note',
    body: 'I sent the delivery risk in writing. Priya replied that it was useful and put it on the agenda.',
    patterns: ['My view changed the outcome'], balance: 0, scores: { heard: 4, respected: 4 }, domains: ['work'],
  },
  {
    daysAgo: 41, at: '19:00', people: ['Mum'], title: 'Mum’s birthday plans',
    body: 'Mum wanted everyone at hers for the whole weekend. I offered Saturday lunch instead and she agreed, a bit stiffly.',
    patterns: ['I stated a boundary', 'My boundary was respected'], balance: 0, scores: { heard: 3, respected: 4 }, domains: ['emotional'],
  },
  {
    daysAgo: 38, at: '22:10', people: ['Jordan'], title: 'Phone on the table',
    body: 'Jordan picked up my phone when a message came in and asked who I was texting. It was Sam. I said it felt like being checked up on.',
    patterns: ['Monitored (phone, location, messages)', 'My feelings were brushed aside'], balance: -2,
    scores: { intensity: 4, heard: 2, respected: 1 }, domains: ['social'],
    outcome: 'Jordan said it was just curiosity. I want to talk this through in therapy.', therapist: true,
  },
  {
    daysAgo: 36, at: '18:40', people: ['Sam'], title: 'Climbing',
    body: 'Sam noticed I was quiet and asked if I wanted to talk or just climb. We just climbed, which was exactly right.',
    patterns: ['Empathy shown'], balance: 0, scores: { valued: 5 }, domains: ['social'],
  },
  {
    daysAgo: 33, at: '19:30', people: ['Jordan'], title: 'First weekly check-in',
    body: 'We tried the weekly check-in my therapist suggested: ten minutes each, no interrupting. Jordan said they hadn’t realised the phone thing upset me so much.',
    patterns: ['We held a check-in', 'Apology and repair'], balance: 0, scores: { heard: 4, respected: 4, valued: 4, involved: 4 },
    domains: ['emotional'], outcome: 'Same time next week.',
  },
  {
    daysAgo: 31, at: '11:20', people: ['Priya'], title: 'One-to-one',
    body: 'Priya asked what I would like to grow into this year and took notes. She suggested I lead the next client demo.',
    patterns: ['Really listened to', 'Strengths celebrated'], balance: -1, scores: { heard: 5, valued: 5 }, domains: ['work'], powerSources: ['work'],
  },
  {
    daysAgo: 28, at: '20:05', people: ['Jordan'], title: 'Friends over on Friday',
    body: 'Jordan invited friends for Friday without checking. I had planned a quiet night after a long week. We talked and moved it to Saturday.',
    patterns: ['Decided without me', 'We decided together'], balance: 0, scores: { heard: 3, involved: 3 }, domains: ['social', 'decisions'],
  },
  {
    daysAgo: 26, at: '17:45', people: ['Mum'], title: 'Mum offered to help',
    body: 'Mum offered to help with the move and asked what would actually be useful, instead of just turning up.',
    patterns: ['Help offered without asking', 'My boundary was respected'], balance: 0, scores: { valued: 5 }, domains: ['household'],
  },
  {
    daysAgo: 24, at: '08:30', people: ['Priya'], title: 'Deadline moved',
    body: 'The client deadline moved forward and Priya agreed it with them before asking the team. Weekend work was expected.',
    patterns: ['Left out of a decision that affects me', 'My time boundary was crossed'], balance: -2,
    scores: { intensity: 3, involved: 1 }, domains: ['work'], powerSources: ['work'], outcome: 'I said I could do Saturday morning only. She accepted.',
  },
  {
    daysAgo: 21, at: '19:15', people: ['Jordan'], title: 'Check-in, week three',
    body: 'Shorter check-in tonight. We split the chores list; Jordan took the bins and the laundry.',
    patterns: ['We held a check-in', 'Fair share of the work'], balance: 0, scores: { heard: 4, involved: 5 }, domains: ['household'],
  },
  {
    daysAgo: 19, at: '21:30', people: ['Jordan'], title: 'Raised voices',
    body: 'An argument about the holiday dates. Jordan slammed a cupboard door and I went quiet. Later Jordan apologised, and we agreed to pause next time things get loud.',
    patterns: ['Felt intimidated', 'Apology and repair'], balance: -2, scores: { intensity: 4, heard: 2, respected: 2 },
    domains: ['emotional'], outcome: 'We chose a pause word.', therapist: true,
  },
  {
    daysAgo: 16, at: '12:45', people: ['Sam'], title: 'Coffee with Sam',
    body: 'Sam asked how the check-ins were going and was genuinely glad we are still doing them.',
    patterns: ['Strengths celebrated', 'Really listened to'], balance: 0, scores: { heard: 5, valued: 5 }, domains: ['social'],
  },
  {
    daysAgo: 13, at: '18:00', people: ['Jordan'], title: 'Holiday booked together',
    body: 'We sat down with both calendars and booked the holiday together. Jordan asked which dates suited my work first.',
    patterns: ['We decided together', 'Money decided together', 'My view changed the outcome'], balance: 0,
    scores: { heard: 5, valued: 4, involved: 5 }, domains: ['decisions', 'finances'],
  },
  {
    daysAgo: 10, at: '09:40', people: ['Priya'], title: 'Client demo',
    body: 'I led the client demo. Priya stepped back and let me answer the questions, then thanked me in front of the team.',
    patterns: ['Strengths celebrated', 'Spoke openly without fear'], balance: 1, scores: { valued: 5 }, domains: ['work'],
  },
  {
    daysAgo: 7, at: '19:50', people: ['Mum'], title: 'Call about the holidays',
    body: 'Mum started on the usual about Christmas. I said we would decide as a couple and let her know. She said fair enough.',
    patterns: ['I stated a boundary', 'My boundary was respected'], balance: 0, scores: { heard: 4 }, domains: ['emotional'],
  },
  {
    daysAgo: 4, at: '20:20', people: ['Jordan'], title: 'We used the pause word',
    body: 'Things got heated about Jordan’s sister staying with us. Jordan said the pause word before I did. We came back to it an hour later and found a plan.',
    patterns: ['De-escalated with humour, empathy or redirection', 'We decided together'], balance: 0,
    scores: { intensity: 2, heard: 4, respected: 5 }, domains: ['household'], outcome: 'She stays three nights, not a week.', therapist: true,
  },
  {
    daysAgo: 1, at: '18:30', people: ['Sam'], title: 'Run with Sam',
    body: 'An easy 5k with Sam. We talked about how much calmer home feels lately.',
    patterns: ['Spoke openly without fear'], balance: 0, domains: ['social'],
  },
  {
    daysAgo: 0, at: '08:10', people: ['Jordan'], title: 'Morning coffee',
    body: 'Jordan made coffee and asked about my day before checking their own phone. A small thing, and it felt nice.',
    patterns: ['Really listened to'], balance: 0, scores: { valued: 4 }, domains: ['household'],
  },
];

/** The instant when the clock in `timeZone` shows `hh:mm` on the calendar day `daysAgo` before `now`. */
export function wallClock(now: number, daysAgo: number, at: string, timeZone: string): number {
  const parts = (ms: number) =>
    Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        .formatToParts(ms)
        .map((p) => [p.type, Number(p.value)]),
    ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute', number>;
  const today = parts(now);
  const [h, m] = at.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(today.year, today.month - 1, today.day - daysAgo, h, m);
  // Shift by the zone's offset at that moment (twice, in case the guess crossed a clock change).
  let t = asUtc;
  for (let i = 0; i < 2; i++) {
    const p = parts(t);
    t += asUtc - Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  }
  return t;
}

export interface SeededJournal {
  personIds: Map<string, number>;
  entryIds: Map<string, number>;
}

/** Seeds the sample journal into an unlocked journal. Entries dated in the future of `now` are skipped. */
export async function seedSampleJournal(call: ApiCall, opts: { now?: number; timeZone?: string } = {}): Promise<SeededJournal> {
  const now = opts.now ?? Date.now();
  const timeZone = opts.timeZone ?? 'Europe/London';
  const personIds = new Map<string, number>();
  for (const p of SAMPLE_PEOPLE) personIds.set(p.name, (await call('people.create', p)).id);
  await call('tags.create', { ...SAMPLE_CUSTOM_PATTERN });
  const tagIds = await tagIdsByLabel(call);
  const idOf = <T>(map: Map<string, T>, key: string): T => {
    const v = map.get(key);
    if (v === undefined) throw new Error(`the sample journal names "${key}", which does not exist`);
    return v;
  };
  const entryIds = new Map<string, number>();
  for (const e of SAMPLE_ENTRIES) {
    const occurredAt = wallClock(now, e.daysAgo, e.at, timeZone);
    if (occurredAt > now) continue;
    const created = await call('entries.create', {
      occurredAt,
      timeZone,
      title: e.title,
      body: e.body,
      personIds: e.people.map((n) => idOf(personIds, n)),
      tagIds: e.patterns.map((l) => idOf(tagIds, l)),
      domains: e.domains ?? [],
      powerSources: e.powerSources ?? [],
      balance: e.balance,
      ...e.scores,
      outcome: e.outcome ?? '',
      raiseWithTherapist: e.therapist ?? false,
    });
    entryIds.set(e.title, created.id);
  }
  return { personIds, entryIds };
}
