import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/api.js';
import { AutoLock, GRACE_MS, type AutoLockReason } from '../../main/core/safety/index.js';
import { TestClock, manualPowerEvents } from '../helpers/ports.js';

const MIN = 60_000;

function rig(opts: { timeoutMin?: number; idleMs?: () => number; focused?: () => boolean } = {}) {
  const clock = new TestClock({ real: false, start: Date.UTC(2025, 0, 1) });
  const events: AppEvent[] = [];
  const locks: AutoLockReason[] = [];
  let unlocked = true;
  let timeoutMin = opts.timeoutMin ?? 5;
  const power = Object.assign(manualPowerEvents(), opts.idleMs ? { idleMs: opts.idleMs } : {});
  const auto = new AutoLock({
    clock,
    isUnlocked: () => unlocked,
    timeoutMs: () => timeoutMin * MIN,
    lock: async (reason) => {
      locks.push(reason);
      unlocked = false;
    },
    emit: (e) => events.push(e),
    power,
    window: { isFocused: opts.focused ?? (() => true) },
  });
  return {
    clock,
    events,
    locks,
    power,
    auto,
    setTimeout: (m: number) => (timeoutMin = m),
    setUnlocked: (u: boolean) => (unlocked = u),
  };
}

describe('auto-lock after idle', () => {
  it('announces the lock after the idle time, then locks after the grace period', () => {
    const r = rig();
    r.auto.start();
    r.clock.advance(5 * MIN - 1);
    expect(r.events).toEqual([]);
    r.clock.advance(1);
    expect(r.events).toEqual([{ type: 'lock-pending', reason: 'idle', graceMs: GRACE_MS.idle }]);
    expect(r.locks).toEqual([]);
    r.clock.advance(GRACE_MS.idle);
    expect(r.locks).toEqual(['idle']);
  });

  it('measures idle time from the last activity', () => {
    const r = rig();
    r.auto.start();
    r.clock.advance(4 * MIN);
    r.auto.activity();
    r.clock.advance(4 * MIN);
    r.auto.activity();
    r.clock.advance(4 * MIN + 59_000);
    expect(r.locks).toEqual([]);
    r.clock.advance(1000 + GRACE_MS.idle);
    expect(r.locks).toEqual(['idle']);
  });

  it('applies a changed timeout at once, measured from the last activity', () => {
    const r = rig({ timeoutMin: 30 });
    r.auto.start();
    r.clock.advance(10 * MIN);
    expect(r.events).toEqual([]);
    r.setTimeout(5);
    r.auto.reschedule();
    expect(r.events).toMatchObject([{ type: 'lock-pending', reason: 'idle' }]);
    r.clock.advance(GRACE_MS.idle);
    expect(r.locks).toEqual(['idle']);
  });

  it('counts input the OS saw while Fulcrum had the focus, but not input in other windows', () => {
    let idle = 0;
    let focused = true;
    const r = rig({ idleMs: () => idle, focused: () => focused });
    r.auto.start();
    // The person types in Fulcrum the whole time (pings throttled away): the OS says idle 10 s.
    idle = 10_000;
    r.clock.advance(6 * MIN);
    expect(r.events).toEqual([]);
    // They switch to another window and keep typing there: Fulcrum has not been used since.
    focused = false;
    idle = 0;
    const from = r.clock.now() - 10_000;
    r.clock.advance(5 * MIN);
    expect(r.events).toMatchObject([{ type: 'lock-pending', reason: 'idle' }]);
    expect(r.clock.now() - from).toBeGreaterThanOrEqual(5 * MIN);
  });

  it('does nothing while locked, and stops when locked some other way', () => {
    const r = rig();
    r.auto.start();
    r.setUnlocked(false);
    r.clock.advance(60 * MIN);
    r.auto.activity();
    r.power.fire('suspend');
    expect(r.events).toEqual([]);
    expect(r.locks).toEqual([]);
  });

  it('does not lock if the journal was locked during the grace period (the renderer locked first)', () => {
    const r = rig();
    r.auto.start();
    r.clock.advance(5 * MIN);
    expect(r.auto.pending).toBe('idle');
    r.setUnlocked(false);
    r.clock.advance(GRACE_MS.idle);
    expect(r.locks).toEqual([]);
  });

  it('starts from zero after each unlock', () => {
    const r = rig();
    r.auto.start();
    r.clock.advance(5 * MIN + GRACE_MS.idle);
    expect(r.locks).toEqual(['idle']);
    r.setUnlocked(true);
    r.auto.start();
    r.clock.advance(5 * MIN - 1);
    expect(r.locks).toEqual(['idle']);
    r.clock.advance(1 + GRACE_MS.idle);
    expect(r.locks).toEqual(['idle', 'idle']);
  });
});

describe('auto-lock on suspend and screen lock', () => {
  it('locks shortly after the computer goes to sleep', () => {
    const r = rig();
    r.auto.start();
    r.power.fire('suspend');
    expect(r.events).toEqual([{ type: 'lock-pending', reason: 'suspend', graceMs: GRACE_MS.suspend }]);
    r.clock.advance(GRACE_MS.suspend);
    expect(r.locks).toEqual(['suspend']);
    expect(GRACE_MS.suspend).toBeLessThanOrEqual(500);
  });

  it('locks when the screen is locked', () => {
    const r = rig();
    r.auto.start();
    r.power.fire('lock-screen');
    r.clock.advance(GRACE_MS['screen-lock']);
    expect(r.locks).toEqual(['screen-lock']);
  });

  it('a sleep during an idle grace period locks on the shorter grace', () => {
    const r = rig();
    r.auto.start();
    r.clock.advance(5 * MIN);
    r.power.fire('suspend');
    r.clock.advance(GRACE_MS.suspend);
    expect(r.locks).toEqual(['suspend']);
    r.clock.advance(GRACE_MS.idle);
    expect(r.locks).toEqual(['suspend']);
  });

  it('unsubscribes from power events when disposed', () => {
    const r = rig();
    r.auto.start();
    r.auto.dispose();
    r.power.fire('suspend');
    r.clock.advance(10 * MIN);
    expect(r.events).toEqual([]);
    expect(r.clock.waiting).toBe(0);
  });
});

describe('the test clock', () => {
  it('runs due timers in order when advanced, and never early', () => {
    const clock = new TestClock({ real: false, start: 1000 });
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b'), 200);
    clock.setTimeout(() => fired.push('a'), 100);
    const c = clock.setTimeout(() => fired.push('cancelled'), 150);
    clock.clearTimeout(c);
    clock.advance(99);
    expect(fired).toEqual([]);
    clock.advance(200);
    expect(fired).toEqual(['a', 'b']);
    expect(clock.now()).toBe(1299);
  });
});
