// @vitest-environment happy-dom
/**
 * useAutosave (renderer/lib/autosave.ts), driven through React with a fake clock: the store is a
 * fake whose saves the test resolves or fails one by one, so "a save on its way" is a state the
 * test holds, not a timing accident.
 */
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAutosave, type AutosaveOptions } from '../../renderer/lib/autosave.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

interface Pending {
  content: string | null;
  resolve: () => void;
  reject: (e: Error) => void;
}

/** A draft store whose every save/remove waits for the test (or answers at once when `auto`). */
class FakeStore {
  stored: string | null = null;
  pending: Pending[] = [];
  calls: (string | null)[] = [];
  auto = true;
  failNext = 0;
  lockHooks = new Set<() => Promise<void>>();

  private op(content: string | null): Promise<void> {
    this.calls.push(content);
    if (this.failNext > 0) {
      this.failNext--;
      return Promise.reject(new Error('disk full'));
    }
    if (this.auto) {
      this.stored = content;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) =>
      this.pending.push({
        content,
        resolve: () => {
          this.stored = content;
          resolve();
        },
        reject,
      }),
    );
  }
  save = (content: string) => this.op(content);
  remove = () => this.op(null);
  beforeLock = (fn: () => Promise<void>) => {
    this.lockHooks.add(fn);
    return () => void this.lockHooks.delete(fn);
  };
  async settleOne(): Promise<void> {
    const p = this.pending.shift();
    if (!p) throw new Error('no save on its way');
    await act(async () => p.resolve());
  }
}

const START = 'start';

function setup(store: FakeStore, first: string | null = START) {
  return renderHook(
    ({ value }: { value: string | null }) =>
      useAutosave({
        value,
        serialize: (v) => `draft:${v}`,
        isPristine: (v) => v === START,
        save: store.save,
        remove: store.remove,
        beforeLock: store.beforeLock,
        delayMs: 2000,
        retryMs: 5000,
      } satisfies AutosaveOptions<string>),
    { initialProps: { value: first } },
  );
}

/** Moves the fake clock on and lets the saves it starts run. */
async function advance(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

let store: FakeStore;
beforeEach(() => {
  vi.useFakeTimers();
  store = new FakeStore();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('useAutosave', () => {
  it('saves nothing for an untouched value, and only the newest of a burst of changes once the delay has passed', async () => {
    const { rerender } = setup(store);
    await advance(10_000);
    expect(store.calls).toEqual([]);

    rerender({ value: 'a' });
    await advance(500);
    rerender({ value: 'ab' });
    await advance(500);
    rerender({ value: 'abc' });
    await advance(999);
    expect(store.calls).toEqual([]);
    await advance(1);
    expect(store.calls).toEqual(['draft:abc']);
    expect(store.stored).toBe('draft:abc');

    // The same text again is not saved twice.
    rerender({ value: 'abc' });
    await advance(5000);
    expect(store.calls).toEqual(['draft:abc']);
  });

  it('steady typing is still saved every delay at the latest', async () => {
    const { rerender } = setup(store);
    let text = '';
    for (let i = 0; i < 10; i++) {
      text += 'x';
      rerender({ value: text });
      await advance(500);
    }
    expect(store.calls).toEqual(['draft:xxxx', 'draft:xxxxxxxx']);
  });

  it('reports when it saved', async () => {
    vi.setSystemTime(new Date('2026-03-01T10:00:00Z'));
    const { result, rerender } = setup(store);
    expect(result.current.savedAt).toBeNull();
    rerender({ value: 'hello' });
    await advance(2000);
    expect(result.current.savedAt).toBe(Date.parse('2026-03-01T10:00:02Z'));
    expect(result.current.failed).toBe(false);
  });

  it('loses no keystroke typed while a save is on its way, and never lets the older save land last', async () => {
    store.auto = false;
    const { rerender } = setup(store);
    rerender({ value: 'first' });
    await advance(2000);
    expect(store.pending.map((p) => p.content)).toEqual(['draft:first']);

    // Typed while 'first' is still being written: a new timer, a second save queued behind it.
    rerender({ value: 'first and more' });
    await advance(2000);
    expect(store.pending.map((p) => p.content)).toEqual(['draft:first']);

    await store.settleOne();
    expect(store.stored).toBe('draft:first');
    expect(store.pending.map((p) => p.content)).toEqual(['draft:first and more']);
    await store.settleOne();
    expect(store.stored).toBe('draft:first and more');
    expect(store.calls).toEqual(['draft:first', 'draft:first and more']);
  });

  it('a failed save says so and is tried again with the newest text until it succeeds', async () => {
    store.failNext = 2;
    const { result, rerender } = setup(store);
    rerender({ value: 'one' });
    await advance(2000);
    expect(result.current.failed).toBe(true);
    expect(store.stored).toBeNull();

    rerender({ value: 'one two' });
    await advance(4999);
    expect(store.calls).toEqual(['draft:one']);
    await advance(1);
    // The retry takes what is newest by then, and fails once more.
    expect(store.calls).toEqual(['draft:one', 'draft:one two']);
    expect(result.current.failed).toBe(true);

    await advance(5000);
    expect(store.calls).toEqual(['draft:one', 'draft:one two', 'draft:one two']);
    expect(store.stored).toBe('draft:one two');
    expect(result.current.failed).toBe(false);
    // Once saved, no more retries.
    await advance(60_000);
    expect(store.calls).toHaveLength(3);
  });

  it.each([
    ['the window loses focus', () => window.dispatchEvent(new Event('blur'))],
    ['the page is closed', () => window.dispatchEvent(new Event('beforeunload'))],
    ['the page is hidden', () => window.dispatchEvent(new Event('pagehide'))],
  ])('saves at once when %s', async (_, happen) => {
    const { rerender } = setup(store);
    rerender({ value: 'private words' });
    await act(async () => {
      happen();
    });
    expect(store.stored).toBe('draft:private words');
    // The pending timer was replaced by that save: nothing more to do when it would have fired.
    await advance(2000);
    expect(store.calls).toEqual(['draft:private words']);
  });

  it('saves at once when the screen goes away', async () => {
    const { rerender, unmount } = setup(store);
    rerender({ value: 'left the editor' });
    unmount();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(store.stored).toBe('draft:left the editor');
  });

  it('saves before the journal locks, then saves nothing more', async () => {
    const { rerender } = setup(store);
    rerender({ value: 'before lock' });
    expect(store.lockHooks.size).toBe(1);
    await act(async () => {
      await Promise.all([...store.lockHooks].map((h) => h()));
    });
    expect(store.stored).toBe('draft:before lock');
    rerender({ value: 'after lock' });
    await advance(10_000);
    expect(store.calls).toEqual(['draft:before lock']);
  });

  it('a value back at its start removes the stored draft instead of saving it', async () => {
    const { rerender } = setup(store);
    rerender({ value: 'changed' });
    await advance(2000);
    expect(store.stored).toBe('draft:changed');
    rerender({ value: START });
    await advance(2000);
    expect(store.calls).toEqual(['draft:changed', null]);
    expect(store.stored).toBeNull();
  });

  it('a restored draft it adopted is not saved again, but is removed when the value is back at its start', async () => {
    store.stored = 'draft:restored';
    const { result, rerender } = setup(store, null);
    act(() => result.current.adopt('draft:restored'));
    rerender({ value: 'restored' });
    await advance(10_000);
    expect(store.calls).toEqual([]);
    rerender({ value: START });
    await advance(2000);
    expect(store.calls).toEqual([null]);
  });

  it('clears the draft after the entry is saved: it waits for a save on its way, and saves nothing after', async () => {
    store.auto = false;
    const { result, rerender } = setup(store);
    rerender({ value: 'the entry' });
    await advance(2000);
    expect(store.pending).toHaveLength(1);

    // The page saves the entry: pause (waits for the draft save on its way), then clear.
    let paused = false;
    let pausing!: Promise<void>;
    act(() => {
      pausing = result.current.pause().then(() => {
        paused = true;
      });
    });
    await act(async () => {
      await Promise.resolve();
    });
    expect(paused).toBe(false);
    await store.settleOne();
    await act(async () => pausing);
    expect(paused).toBe(true);

    let clearing!: Promise<void>;
    await act(async () => {
      clearing = result.current.clear();
    });
    await store.settleOne();
    await act(async () => clearing);
    expect(store.stored).toBeNull();

    // Typing after the entry was saved (the page is leaving) stores no new draft.
    rerender({ value: 'the entry!' });
    await advance(10_000);
    expect(store.calls).toEqual(['draft:the entry', null]);
  });

  it('after a failed entry save, resume saves the draft again', async () => {
    const { result, rerender } = setup(store);
    await act(async () => result.current.pause());
    rerender({ value: 'not yet saved' });
    await advance(5000);
    expect(store.calls).toEqual([]);
    act(() => result.current.resume());
    await advance(2000);
    expect(store.stored).toBe('draft:not yet saved');
  });
});
