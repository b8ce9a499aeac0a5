import { describe, expect, it } from 'vitest';
import { DEFAULT_QUICK_EXIT, QuickExitShortcut, SafetyPreferencesPatch, describeShortcut, quickExitMatcher, type KeyPress } from '../../shared/safety.js';

const key = (k: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key: k, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods });

describe('the quick-exit shortcut', () => {
  it('fires on the third Escape within 1.5 s by default', () => {
    const m = quickExitMatcher(() => DEFAULT_QUICK_EXIT);
    expect(m.press(key('Escape'), 0)).toBe(false);
    expect(m.press(key('Escape'), 400)).toBe(false);
    expect(m.press(key('Escape'), 900)).toBe(true);
    // And starts counting again afterwards.
    expect(m.press(key('Escape'), 1000)).toBe(false);
  });

  it('does not fire when the presses are too far apart', () => {
    const m = quickExitMatcher(() => DEFAULT_QUICK_EXIT);
    m.press(key('Escape'), 0);
    m.press(key('Escape'), 1000);
    expect(m.press(key('Escape'), 1600)).toBe(false);
    // …but the last two still count towards a new run.
    expect(m.press(key('Escape'), 1900)).toBe(true);
  });

  it('another key in between starts over; a held key (auto-repeat) does not count', () => {
    const m = quickExitMatcher(() => DEFAULT_QUICK_EXIT);
    m.press(key('Escape'), 0);
    m.press(key('a'), 100);
    m.press(key('Escape'), 200);
    expect(m.press(key('Escape'), 300)).toBe(false);
    const held = quickExitMatcher(() => DEFAULT_QUICK_EXIT);
    held.press(key('Escape'), 0);
    held.press(key('Escape', { repeat: true }), 30);
    expect(held.press(key('Escape', { repeat: true }), 60)).toBe(false);
  });

  it('matches modifiers exactly, ignores a lone modifier press, and compares letters case-insensitively', () => {
    const s = QuickExitShortcut.parse({ enabled: true, key: 'x', ctrl: true, shift: true, presses: 1 });
    const m = quickExitMatcher(() => s);
    expect(m.press(key('X', { ctrlKey: true }), 0)).toBe(false);
    expect(m.press(key('Control', { ctrlKey: true }), 10)).toBe(false);
    expect(m.press(key('X', { ctrlKey: true, shiftKey: true }), 20)).toBe(true);
    expect(describeShortcut(s)).toBe('Ctrl+Shift+X');
    expect(describeShortcut(DEFAULT_QUICK_EXIT)).toBe('Esc ×3');
  });

  it('does nothing when turned off', () => {
    const m = quickExitMatcher(() => ({ ...DEFAULT_QUICK_EXIT, enabled: false }));
    for (let i = 0; i < 5; i++) expect(m.press(key('Escape'), i * 10)).toBe(false);
    expect(describeShortcut({ ...DEFAULT_QUICK_EXIT, enabled: false })).toBe('Off');
  });

  it('refuses shortcuts that would be hit by accident or cannot be pressed', () => {
    expect(QuickExitShortcut.safeParse(DEFAULT_QUICK_EXIT).success).toBe(true);
    expect(QuickExitShortcut.safeParse({ enabled: true, key: 'a', presses: 1 }).success).toBe(false);
    expect(QuickExitShortcut.safeParse({ enabled: true, key: 'a', presses: 3 }).success).toBe(false);
    expect(QuickExitShortcut.safeParse({ enabled: true, key: 'A', shift: true, presses: 3 }).success).toBe(false);
    expect(QuickExitShortcut.safeParse({ enabled: true, key: 'q', alt: true, presses: 2 }).success).toBe(true);
    expect(QuickExitShortcut.safeParse({ enabled: true, key: 'Escape', presses: 1 }).success).toBe(false);
    expect(QuickExitShortcut.safeParse({ enabled: true, key: 'F12', presses: 1 }).success).toBe(true);
    expect(QuickExitShortcut.safeParse({ enabled: true, key: 'Shift', ctrl: true, presses: 1 }).success).toBe(false);
    expect(QuickExitShortcut.safeParse({ enabled: true, key: 'Escape', presses: 4 }).success).toBe(false);
    expect(QuickExitShortcut.safeParse({ enabled: true, key: 'x'.repeat(40), ctrl: true, presses: 1 }).success).toBe(false);
    expect(SafetyPreferencesPatch.safeParse({}).success).toBe(false);
    expect(SafetyPreferencesPatch.safeParse({ lockTimeoutMinutes: 0 }).success).toBe(false);
    expect(SafetyPreferencesPatch.safeParse({ lockTimeoutMinutes: 15 }).success).toBe(true);
  });
});
