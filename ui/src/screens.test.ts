// The screen list and what refers to it by id: the landing screens, the screens a dashboard
// figure opens filtered, and the shortcuts.

import { describe, expect, it } from 'vitest';

import { HELP, helpFor } from './lib/help';
import { landingScreen, shortcutDigit } from './lib/shell';
import type { Handoff } from './lib/navigation';
import { SCREENS } from './screens';

const ids = SCREENS.map((s) => s.id);

describe('SCREENS', () => {
  it('has unique ids, each with a label and a description', () => {
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of SCREENS) {
      expect(s.id).toMatch(/^[a-z]+$/);
      expect(s.label.trim()).not.toBe('');
      expect(s.description.trim()).not.toBe('');
    }
  });

  it('holds the landing screen of every role', () => {
    expect(ids).toContain(landingScreen('lead'));
    expect(ids).toContain(landingScreen('inspector'));
    expect(ids[0]).toBe('dashboard');
  });

  it('holds every screen a figure opens filtered', () => {
    const targets: Handoff['screen'][] = ['plan', 'worklist', 'followup'];
    for (const t of targets) expect(ids).toContain(t);
  });

  it('gives the first ten screens a distinct Alt+digit', () => {
    const keys = SCREENS.map((_, i) => shortcutDigit(i)).filter((k) => k !== null);
    expect(keys.length).toBe(Math.min(10, SCREENS.length));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives every screen a help panel (F1) with its purpose and what to do', () => {
    for (const s of SCREENS) {
      const h = helpFor(s.id);
      expect(h, `help of ${s.id}`).not.toBeNull();
      expect(h!.purpose.trim()).not.toBe('');
      expect(h!.steps.length).toBeGreaterThan(0);
      expect(h!.purpose.normalize('NFC')).toBe(h!.purpose);
    }
    // No help for a screen that does not exist.
    expect(Object.keys(HELP).sort()).toEqual([...ids].sort());
  });
});
