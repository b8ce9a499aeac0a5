/** Areas of life filled in from the chosen patterns, and the one date style, as pure functions. */
import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_PATTERNS, domainsForPatterns } from '../../shared/catalogue.js';
import type { Entry, Tag } from '../../shared/schemas.js';
import { blankState, draftContent, parseDraft, sameState, stateFromEntry, withDomains, withPatterns } from '../../renderer/lib/editorState.js';
import { dayHeading, formatDate, formatDateTime, formatTime, setDateLocale, shortDateTime, dateTimeOf, timeOf } from '../../renderer/lib/format.js';

const TAGS: Tag[] = BUILTIN_PATTERNS.map((p, i) => ({ id: i + 1, slug: p.slug, label: p.label, polarity: p.polarity, category: p.category, color: null, builtin: true, archivedAt: null }));
const id = (label: string) => TAGS.find((t) => t.label === label)!.id;

describe('areas of life from patterns', () => {
  it('suggests the areas the chosen patterns speak of', () => {
    expect(domainsForPatterns([])).toEqual([]);
    const s = withPatterns(blankState(), [id('Spending decided without me'), id('Belittled or mocked')], TAGS);
    expect(s.domains).toEqual(['finances', 'decisions', 'emotional']);
    // A pattern taken away takes its suggestion with it.
    expect(withPatterns(s, [id('Belittled or mocked')], TAGS).domains).toEqual(['emotional']);
  });

  it('keeps the writer’s own unticking and ticking, whatever patterns come next', () => {
    let s = withPatterns(blankState(), [id('Spending decided without me')], TAGS);
    s = withDomains(s, ['finances'], TAGS); // unticked Decisions
    s = withPatterns(s, [...s.tagIds, id('Decided without me')], TAGS);
    expect(s.domains).toEqual(['finances']);
    s = withDomains(s, ['finances', 'health'], TAGS);
    s = withPatterns(s, [], TAGS);
    expect(s.domains).toEqual(['health']);
  });

  it('uses a custom pattern’s category, never a built-in slug it happens to share', () => {
    const custom: Tag = { id: 999, slug: 'spending-without-me', label: 'Mine', polarity: 'imbalance', category: 'social', color: null, builtin: false, archivedAt: null };
    expect(withPatterns(blankState(), [999], [...TAGS, custom]).domains).toEqual(['social']);
  });

  it('opens a saved entry without changing its areas, and an old draft keeps what it had ticked', () => {
    const entry: Entry = {
      ...{ id: 1, occurredAt: Date.UTC(2026, 0, 5, 10), timeZone: 'UTC', day: '2026-01-05', title: 'Rent', body: 'b', personIds: [], powerSources: [], outcome: '' },
      ...{ domains: ['health'], tagIds: [id('Spending decided without me')], balance: null, intensity: null, heard: null, respected: null, valued: null, involved: null },
      ...{ raiseWithTherapist: false, safetyConcern: false, source: 'app', createdAt: 1, updatedAt: 1, deletedAt: null },
    };
    const s = stateFromEntry(entry, TAGS);
    expect(s.domains).toEqual(['health']);
    expect(withPatterns(s, s.tagIds, TAGS).domains).toEqual(['health']);
    const old = JSON.parse(draftContent(withPatterns(blankState(0), [], TAGS))) as { v: 1; state: Record<string, unknown> };
    delete old.state.domainsOn;
    delete old.state.domainsOff;
    old.state.domains = ['work'];
    const restored = parseDraft(JSON.stringify(old))!;
    expect(withPatterns(restored, [id('Belittled or mocked')], TAGS).domains).toEqual(['emotional', 'work']);
    expect(sameState(parseDraft(draftContent(s))!, s)).toBe(true);
  });
});

describe('one date style', () => {
  afterEach(() => setDateLocale(undefined));

  it('writes every date as a long date and every time as the locale’s short time, in each locale', () => {
    const at = Date.UTC(2026, 10, 20, 19, 30);
    setDateLocale('en-GB');
    expect(formatDate(at, 'UTC')).toBe('20 November 2026');
    expect(formatTime(at, 'UTC')).toBe('19:30');
    expect(formatDateTime(at, 'UTC')).toBe('20 November 2026 at 19:30');
    expect(dateTimeOf(at, 'UTC')).toBe('Friday, 20 November 2026 at 19:30');
    expect(timeOf(at, 'UTC')).toBe(formatTime(at, 'UTC'));
    setDateLocale('en-US');
    expect(formatDateTime(at, 'UTC')).toBe('November 20, 2026 at 7:30 PM');
    expect(dateTimeOf(at, 'UTC')).toBe('Friday, November 20, 2026 at 7:30 PM');
    // What was saved when, and when it happened, no longer come in two styles.
    const saved = shortDateTime(Date.UTC(2026, 11, 6, 23, 25));
    expect(saved).toMatch(/^December \d{1,2}, 2026 at \d{1,2}:25 (AM|PM)$/);
    expect(dayHeading('2025-03-04', new Date(2026, 0, 1))).toBe('Tuesday, March 4, 2025');
    expect(dayHeading('2026-03-04', new Date(2026, 5, 1))).toBe('Wednesday, March 4');
  });

  it('falls back to the browser’s zone for a zone it does not know', () => {
    expect(() => formatDateTime(0, 'Not/AZone')).not.toThrow();
  });
});
