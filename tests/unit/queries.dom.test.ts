// @vitest-environment happy-dom
/**
 * The renderer's query layer (renderer/lib/queries.ts) over a fake bridge whose every answer the
 * test releases by hand: a newer input's answer wins over an older one that arrives later, a write
 * reloads what it changes (a settings change reloads everything), and a lock leaves no journal
 * datum in the cache — not even one whose answer was still on its way.
 */
import { createElement, type ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS, type AppEvent, type Channel } from '../../shared/api.js';
import type { Reply } from '../../shared/errors.js';
import { call } from '../../renderer/api.js';
import { changedBy, classified, connectQueryClient, createQueryClient, queryKey, usePagedEntries, useApi } from '../../renderer/lib/queries.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

interface Asked {
  channel: Channel;
  input: unknown;
  answer: (value: unknown) => Promise<void>;
  fail: (code: string) => Promise<void>;
}

/** A bridge that records every call and answers only when the test says so. */
function fakeBridge() {
  const asked: Asked[] = [];
  let listener: ((e: AppEvent) => void) | null = null;
  const bridge = new Proxy(
    {
      transport: 'browser',
      subscribe: (l: (e: AppEvent) => void) => {
        listener = l;
        return () => (listener = null);
      },
    } as Record<string, unknown>,
    {
      get(target, prop: string) {
        if (prop in target) return target[prop];
        return (input: unknown) =>
          new Promise<Reply<unknown>>((resolve) => {
            const settle = async (reply: Reply<unknown>) => {
              await act(async () => {
                resolve(reply);
                await new Promise((r) => setTimeout(r, 0));
              });
            };
            asked.push({
              channel: prop as Channel,
              input,
              answer: (value) => settle({ ok: true, value }),
              fail: (code) => settle({ ok: false, error: { code, message: code } } as Reply<unknown>),
            });
          });
      },
    },
  );
  (globalThis as { fulcrum?: unknown }).fulcrum = bridge;
  return {
    asked,
    /** The calls of one channel not yet answered, oldest first. */
    open: (channel: Channel) => asked.filter((a) => a.channel === channel),
    emit: (e: AppEvent) => act(() => listener?.(e)),
  };
}

let client: QueryClient;
let disconnect: () => void;
let bridge: ReturnType<typeof fakeBridge>;
const wrapper = ({ children }: { children: ReactNode }) => createElement(QueryClientProvider, { client }, children);

beforeEach(() => {
  bridge = fakeBridge();
  client = createQueryClient();
  disconnect = connectQueryClient(client);
});
afterEach(() => {
  cleanup();
  disconnect();
  client.clear();
  delete (globalThis as { fulcrum?: unknown }).fulcrum;
});

const entry = (id: number, title: string) => ({ id, title });
const page = (ids: number[]) => ({ items: ids.map((id) => ({ id, title: `#${id}` })), nextCursor: null, total: ids.length });

describe('queries: newest answer wins', () => {
  it('an older entry arriving after the newer one does not replace it', async () => {
    const { result, rerender } = renderHook(({ id }) => useApi('entries.get', { id }), { wrapper, initialProps: { id: 1 } });
    rerender({ id: 2 });
    await waitFor(() => expect(bridge.open('entries.get')).toHaveLength(2));
    const [first, second] = bridge.open('entries.get');
    expect([first!.input, second!.input]).toEqual([{ id: 1 }, { id: 2 }]);

    await second!.answer(entry(2, 'newer'));
    await waitFor(() => expect(result.current.data).toEqual(entry(2, 'newer')));
    await first!.answer(entry(1, 'older, late'));
    // The late answer has landed (under its own key), and the screen still shows the newer one.
    await waitFor(() => expect(client.getQueryData(queryKey('entries.get', { id: 1 }))).toEqual(entry(1, 'older, late')));
    expect(result.current.data).toEqual(entry(2, 'newer'));
  });

  it('a list filtered twice shows the second filter’s pages even when the first answers last', async () => {
    const { result, rerender } = renderHook(({ text }) => usePagedEntries('entries.search', { text }, 50), { wrapper, initialProps: { text: 'a' } });
    rerender({ text: 'ab' });
    await waitFor(() => expect(bridge.open('entries.search')).toHaveLength(2));
    const [older, newer] = bridge.open('entries.search');
    await newer!.answer(page([7, 8]));
    await waitFor(() => expect(result.current.items.map((e) => e.id)).toEqual([7, 8]));
    await older!.answer(page([1, 2, 3]));
    await waitFor(() => expect(client.getQueryCache().getAll().filter((q) => q.state.data !== undefined)).toHaveLength(2));
    expect(result.current.items.map((e) => e.id)).toEqual([7, 8]);
    expect(result.current.state).toBe('idle');
  });
});

describe('queries: writes reload what they change', () => {
  it('every channel of the contract is listed once, as a read or as a write and what it changes', () => {
    expect(CHANNELS.filter((c) => !classified(c))).toEqual([]);
    expect(changedBy('entries.get')).toEqual([]);
    expect(changedBy('entries.update')).toContain('entries');
    expect(changedBy('settings.update')).toBe('everything');
  });

  it('creating a person reloads the people list; saving a draft does not', async () => {
    const { result } = renderHook(() => useApi('people.list', { includeArchived: true }), { wrapper });
    await waitFor(() => expect(bridge.open('people.list')).toHaveLength(1));
    await bridge.open('people.list')[0]!.answer([{ id: 1, name: 'Sam' }]);
    await waitFor(() => expect(result.current.data).toHaveLength(1));

    const saving = call('drafts.save', { key: 'new', content: 'x' });
    await bridge.open('drafts.save')[0]!.answer(undefined);
    await saving;
    expect(bridge.open('people.list')).toHaveLength(1);

    const creating = call('people.create', { name: 'Alex' } as never);
    await bridge.open('people.create')[0]!.answer({ id: 2, name: 'Alex' });
    await creating;
    await waitFor(() => expect(bridge.open('people.list')).toHaveLength(2));
    await bridge.open('people.list')[1]!.answer([
      { id: 1, name: 'Sam' },
      { id: 2, name: 'Alex' },
    ]);
    await waitFor(() => expect(result.current.data).toHaveLength(2));
  });

  it('a settings change (week start, language) reloads every screen’s data', async () => {
    renderHook(() => [useApi('people.list', { includeArchived: true }), useApi('insights.overview', {} as never), useApi('checkins.list', {} as never)], { wrapper });
    await waitFor(() => expect(bridge.asked).toHaveLength(3));
    for (const a of [...bridge.asked]) await a.answer([]);
    const updating = call('settings.update', { weekStart: 1 } as never);
    await bridge.open('settings.update')[0]!.answer({});
    await updating;
    await waitFor(() => expect(bridge.asked.map((a) => a.channel).sort()).toEqual(['checkins.list', 'checkins.list', 'insights.overview', 'insights.overview', 'people.list', 'people.list', 'settings.update']));
  });
});

describe('queries: a lock forgets everything at once', () => {
  async function fillCache() {
    const hook = renderHook(() => [useApi('entries.get', { id: 5 }), useApi('people.list', { includeArchived: true }), useApi('strengths.list', { personId: null })], { wrapper });
    await waitFor(() => expect(bridge.asked).toHaveLength(3));
    await bridge.open('entries.get')[0]!.answer(entry(5, 'private words'));
    await bridge.open('people.list')[0]!.answer([{ id: 1, name: 'Sam' }]);
    // strengths.list stays on its way.
    await waitFor(() => expect(client.getQueryCache().getAll().filter((q) => q.state.data !== undefined)).toHaveLength(2));
    return hook;
  }

  /** The queries holding an answer. */
  const holding = () => client.getQueryCache().getAll().filter((q) => q.state.data !== undefined);
  /** Every datum the cache holds, as text (whatever its key). */
  const cached = () => JSON.stringify(client.getQueryCache().getAll().map((q) => q.state.data ?? null));

  it("on main's 'locked' event, and an answer still on its way does not come back into the cache", async () => {
    const hook = await fillCache();
    expect(cached()).toContain('private words');
    await bridge.emit({ type: 'locked', reason: 'idle' } as AppEvent);
    expect(holding()).toEqual([]);
    expect(cached()).not.toContain('private words');
    hook.unmount();
    await bridge.open('strengths.list')[0]!.answer([{ id: 1, text: 'late and private' }]);
    expect(cached()).not.toContain('late and private');
    expect(cached()).not.toContain('private words');
  });

  it('on a LOCKED reply to any call', async () => {
    await fillCache();
    const asking = call('tags.list', { includeArchived: true }).catch((e: unknown) => e);
    await bridge.open('tags.list')[0]!.fail('LOCKED');
    await asking;
    expect(holding()).toEqual([]);
    expect(cached()).not.toContain('private words');
  });
});
