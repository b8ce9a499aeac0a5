import { describe, expect, it } from 'vitest';
import { EntryInput, EntryPatch, HIGHLIGHT_END, HIGHLIGHT_START, type Entry } from '../../shared/schemas.js';
import { fromLocalInput, splitHighlights, stripHighlights, toLocalInput } from '../../renderer/lib/format.js';
import { blankState, draftContent, hasContent, parseDraft, sameState, stateFromEntry, toEntryInput, toEntryPatch } from '../../renderer/lib/editorState.js';

const entry: Entry = {
  id: 7,
  occurredAt: Date.UTC(2025, 2, 4, 9, 30),
  timeZone: 'Europe/Berlin',
  day: '2025-03-04',
  title: 'Planning meeting',
  body: 'Synthetic body text.',
  personIds: [1, 2],
  tagIds: [3],
  domains: ['work'],
  powerSources: ['work'],
  balance: -1,
  intensity: 2,
  heard: 4,
  respected: null,
  valued: 3,
  involved: null,
  outcome: 'We agreed to talk again.',
  raiseWithTherapist: true,
  safetyConcern: false,
  source: 'app',
  createdAt: Date.UTC(2025, 2, 4, 10),
  updatedAt: Date.UTC(2025, 2, 4, 10),
  deletedAt: null,
};

describe('search excerpt highlights', () => {
  it('splits an excerpt at the markers into plain and marked parts', () => {
    const parts = splitHighlights(`the ${HIGHLIGHT_START}zucchini${HIGHLIGHT_END} soup and ${HIGHLIGHT_START}more${HIGHLIGHT_END}`);
    expect(parts).toEqual([
      { text: 'the ', mark: false },
      { text: 'zucchini', mark: true },
      { text: ' soup and ', mark: false },
      { text: 'more', mark: true },
    ]);
  });

  it('keeps markup-looking user text as plain text (it is never parsed as HTML)', () => {
    const parts = splitHighlights('<b>not bold</b> &amp;');
    expect(parts).toEqual([{ text: '<b>not bold</b> &amp;', mark: false }]);
    expect(stripHighlights(`a${HIGHLIGHT_START}b${HIGHLIGHT_END}c`)).toBe('abc');
  });
});

describe('the entry editor state', () => {
  it('round-trips a datetime-local value through a timestamp', () => {
    const ms = new Date(2025, 2, 4, 18, 45).getTime();
    expect(fromLocalInput(toLocalInput(ms))).toBe(ms);
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('2025-13-40T99:99')).toBeNull();
  });

  it('turns a filled-in form into an EntryInput the contract accepts', () => {
    const s = { ...stateFromEntry(entry), title: '  Planning meeting  ' };
    const input = toEntryInput(s)!;
    expect(EntryInput.safeParse(input).success).toBe(true);
    expect(input.title).toBe('Planning meeting');
    expect(input.personIds).toEqual([1, 2]);
    expect(input.balance).toBe(-1);
    expect(input.respected).toBeNull();
  });

  it('keeps the entry time and zone on edit unless the time was changed', () => {
    const unchanged = toEntryPatch({ ...stateFromEntry(entry), body: 'changed text' }, entry)!;
    expect(EntryPatch.safeParse(unchanged).success).toBe(true);
    expect(unchanged.occurredAt).toBe(entry.occurredAt);
    expect(unchanged).not.toHaveProperty('timeZone');

    const moved = toEntryPatch({ ...stateFromEntry(entry), when: '2025-03-01T08:00' }, entry)!;
    expect(moved.occurredAt).toBe(new Date(2025, 2, 1, 8, 0).getTime());
    expect(typeof moved.timeZone).toBe('string');
  });

  it('refuses to build an entry without a complete date', () => {
    expect(toEntryInput({ ...blankState(), when: '' })).toBeNull();
  });

  it('restores a draft exactly, and drops only the fields that are damaged', () => {
    const s = { ...stateFromEntry(entry), body: 'half-written' };
    expect(parseDraft(draftContent(s))).toEqual(s);

    const damaged = JSON.parse(draftContent(s)) as { state: Record<string, unknown> };
    damaged.state.balance = 9;
    damaged.state.tagIds = 'nonsense';
    const restored = parseDraft(JSON.stringify(damaged))!;
    expect(restored.balance).toBeNull();
    expect(restored.tagIds).toEqual([]);
    expect(restored.body).toBe('half-written');

    expect(parseDraft('not json')).toBeNull();
    expect(parseDraft(JSON.stringify({ v: 99, state: {} }))).toBeNull();
  });

  it('tells an untouched form from one with something worth saving', () => {
    const blank = blankState(0);
    expect(sameState(blank, blankState(0))).toBe(true);
    expect(hasContent(blank)).toBe(false);
    expect(hasContent({ ...blank, tagIds: [4] })).toBe(true);
    expect(hasContent({ ...blank, body: '   ' })).toBe(false);
  });
});
