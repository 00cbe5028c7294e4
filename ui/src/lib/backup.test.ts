import { describe, expect, it } from 'vitest';

import { backupReminder, daysSince } from './backup';

const now = new Date('2026-12-10T09:00:00+07:00');
const last = (at: string) => ({ at, file: '/media/usb/kiemtra-sao-luu.kbak', sha256: 'a'.repeat(64) });

describe('backupReminder', () => {
  it('reminds a store in use that was never backed up, not an empty one', () => {
    expect(backupReminder(null, 1, now).due).toBe(true);
    expect(backupReminder(null, 0, now).due).toBe(false);
    expect(backupReminder(null, 1, now).text).toContain('chưa được sao lưu');
  });

  it('reminds after a week, not within it', () => {
    expect(backupReminder(last('2026-12-03T08:00:00+07:00'), 1, now)).toEqual({
      due: false,
      text: 'Lần sao lưu gần nhất: ngày 03/12/2026 (7 ngày trước).',
    });
    const old = backupReminder(last('2026-12-02T08:00:00+07:00'), 1, now);
    expect(old.due).toBe(true);
    expect(old.text).toBe('Lần sao lưu gần nhất là ngày 02/12/2026 (8 ngày trước), đã quá một tuần. Hãy sao lưu lại.');
    expect(backupReminder(last('2026-12-10T08:00:00+07:00'), 1, now).text).toContain('(hôm nay)');
  });

  it('treats a date it cannot read as overdue', () => {
    expect(backupReminder(last('không rõ'), 2, now).due).toBe(true);
    expect(daysSince('không rõ', now)).toBeNull();
  });
});
