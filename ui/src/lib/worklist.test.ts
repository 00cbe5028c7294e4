import { describe, expect, it } from 'vitest';

import { landingScreen, screenIndexOfKey, shortcutDigit } from './shell';
import { NO_WORK_FILTER, WORK_STATE_CHOICES, WORK_STATE_LABEL, workMatches, workState } from './worklist';

describe('workState', () => {
  it('reads a planned agency as the year figures count it', () => {
    expect(workState(undefined)).toBe('not_started');
    expect(workState({ status: 'submitted', locked: false })).toBe('submitted');
    expect(workState({ status: 'accepted', locked: true })).toBe('concluded');
    expect(WORK_STATE_LABEL.concluded).toBe('Đã ban hành');
    expect(WORK_STATE_LABEL.returned).toBe('Được trả lại');
    expect(WORK_STATE_CHOICES.map((c) => c.value)).toContain('started');
  });
});

describe('workMatches', () => {
  it('filters by block and by state, "started" being anything but not started', () => {
    expect(workMatches('commune', 'not_started', NO_WORK_FILTER)).toBe(true);
    expect(workMatches('commune', 'in_progress', { block: 'provincial', state: '' })).toBe(false);
    expect(workMatches('commune', 'in_progress', { block: 'commune', state: 'started' })).toBe(true);
    expect(workMatches('commune', 'concluded', { block: '', state: 'started' })).toBe(true);
    expect(workMatches('commune', 'not_started', { block: '', state: 'started' })).toBe(false);
    expect(workMatches('provincial', 'concluded', { block: '', state: 'concluded' })).toBe(true);
    expect(workMatches('provincial', 'accepted', { block: '', state: 'concluded' })).toBe(false);
  });
});

describe('landingScreen', () => {
  it('opens the dashboard for a lead and the register for anyone else', () => {
    expect(landingScreen('lead')).toBe('dashboard');
    expect(landingScreen('inspector')).toBe('register');
    expect(landingScreen(null)).toBe('register');
    expect(landingScreen(undefined)).toBe('register');
  });
});

describe('shortcuts', () => {
  it('gives the first ten screens Alt+1 … Alt+9 and Alt+0, and no more', () => {
    expect([0, 1, 8, 9, 10].map(shortcutDigit)).toEqual(['1', '2', '9', '0', null]);
    expect(screenIndexOfKey('1', 11)).toBe(0);
    expect(screenIndexOfKey('0', 11)).toBe(9);
    expect(screenIndexOfKey('0', 9)).toBeNull();
    expect(screenIndexOfKey('9', 9)).toBe(8);
    expect(screenIndexOfKey('a', 11)).toBeNull();
    for (let i = 0; i < 10; i++) expect(screenIndexOfKey(shortcutDigit(i)!, 11)).toBe(i);
  });
});
