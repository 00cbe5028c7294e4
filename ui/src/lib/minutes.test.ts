import { describe, expect, it } from 'vitest';

import { checkMinutesForm, minutesForm, parseTime } from './minutes';

describe('the minutes form', () => {
  it('reads times as people type them', () => {
    expect(parseTime('8:30')).toBe('08:30');
    expect(parseTime('08:05')).toBe('08:05');
    expect(parseTime('14h')).toBe('14:00');
    expect(parseTime('8h30')).toBe('08:30');
    for (const bad of ['25:00', '8:61', 'sáng', '', '8:30:10']) expect(parseTime(bad)).toBeNull();
  });

  it('sends empty fields as nothing and drops blank rows', () => {
    const form = {
      ...minutesForm({ start: null, end: null, place: null, representatives: [], secretary: null }),
      start: '8h',
      representatives: [
        { name: ' Lê Văn Hải ', title: 'Chủ tịch UBND xã' },
        { name: '', title: '' },
      ],
    };
    expect(checkMinutesForm(form)).toEqual({
      ok: true,
      details: { start: '08:00', end: null, place: null, representatives: [{ name: 'Lê Văn Hải', title: 'Chủ tịch UBND xã' }], secretary: null },
    });
  });

  it('refuses a bad time and a title without a name, saying which', () => {
    const r = checkMinutesForm({ start: 'sáng', end: '', place: '', representatives: [{ name: '', title: 'Phó Chủ tịch' }], secretary: '' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.start).toContain('08:30');
      expect(r.errors.representatives).toContain('thứ 1');
    }
  });
});
