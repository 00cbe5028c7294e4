import { describe, expect, it } from 'vitest';

import type { Conflict } from './bindings/Conflict';
import type { ImportReport } from './bindings/ImportReport';
import {
  baseName,
  conflictRows,
  conflictTitle,
  fingerprintGroups,
  importCounts,
  importResultText,
  sideLabel,
  sideWho,
  valueText,
} from './exchange';

const report = (over: Partial<ImportReport> = {}): ImportReport => ({
  from: { device_id: 'dev-3f2a91bc07de', fingerprint: '3f2a-91bc', profile: 'Trần Thị Bình' },
  trusted: false,
  applied: 12,
  unchanged: 3,
  conflicts: 1,
  refused: 0,
  updated: {},
  refusals: [],
  ...over,
});

function conflict(kind: string, ours: Record<string, unknown>, theirs: Record<string, unknown>): Conflict {
  return {
    id: 'u1',
    inspection: 4,
    agency: '07264',
    kind,
    ref: '1.2.3',
    ours: { value: ours, device: 'dev-aaaaaaaaaaaa', profile: 'Lê Văn Cường', at: '2026-03-01T09:15:00+07:00', change: 'c1' },
    theirs: { value: theirs, device: 'dev-bbbbbbbbbbbb', profile: null, at: '2026-03-02T14:05:30+07:00', change: 'c2' },
    shown: 'ours',
    ours_is_local: true,
  };
}

describe('fingerprintGroups', () => {
  it('groups the hex digits by four, upper case, whatever the separators', () => {
    expect(fingerprintGroups('3f2a-91bc-07de-0000')).toEqual(['3F2A', '91BC', '07DE', '0000']);
    expect(fingerprintGroups('3f2a 91bc07')).toEqual(['3F2A', '91BC', '07']);
    expect(fingerprintGroups('')).toEqual([]);
  });
});

describe('importCounts', () => {
  it('says "would" in a preview and flags conflicts and refusals', () => {
    const rows = importCounts(report(), true);
    expect(rows.map((r) => [r.key, r.value, r.warn])).toEqual([
      ['applied', 12, false],
      ['unchanged', 3, false],
      ['conflicts', 1, true],
      ['refused', 0, false],
    ]);
    expect(rows[0].label).toContain('sẽ');
    expect(importCounts(report(), false)[0].label).toContain('đã');
  });
});

describe('importResultText', () => {
  it('names the sender and mentions conflicts only when there are some', () => {
    expect(importResultText(report())).toBe(
      'Đã nhập tệp của Trần Thị Bình (máy dev-3f2a91bc07de): 12 thay đổi mới, 3 đã có, 1 xung đột cần Trưởng đoàn giải quyết.',
    );
    const quiet = importResultText(report({ conflicts: 0, from: { device_id: 'dev-x', fingerprint: '', profile: null } }));
    expect(quiet).toBe('Đã nhập tệp của Không rõ người gửi (máy dev-x): 12 thay đổi mới, 3 đã có.');
  });
});

describe('conflictRows', () => {
  it('shows an answer as status, figure, date and note, the differing rows flagged', () => {
    const rows = conflictRows(
      conflict(
        'answer',
        { status: 'met', value: 95.5, done_on: '2026-02-10', note: 'Đủ hồ sơ', updated_by: 'x' },
        { status: 'unmet', value: 95.5, done_on: null, note: 'Thiếu 3 hồ sơ' },
      ),
    );
    expect(rows).toEqual([
      { key: 'status', label: 'Kết quả', ours: 'Đạt', theirs: 'Chưa đạt', differs: true },
      { key: 'value', label: 'Số liệu', ours: '95,5', theirs: '95,5', differs: false },
      { key: 'done_on', label: 'Ngày hoàn thành', ours: '10/02/2026', theirs: '—', differs: true },
      { key: 'note', label: 'Ghi chú', ours: 'Đủ hồ sơ', theirs: 'Thiếu 3 hồ sơ', differs: true },
    ]);
  });

  it('shows scores by their two points and justification', () => {
    const rows = conflictRows(conflict('score', { self_score: 2, appraised_score: 1.5 }, { self_score: 2, appraised_score: 1 }));
    expect(rows.map((r) => [r.label, r.ours, r.theirs, r.differs])).toEqual([
      ['Điểm tự chấm', '2', '2', false],
      ['Điểm thẩm định', '1,5', '1', true],
      ['Giải trình', '—', '—', false],
    ]);
  });

  it('shows the minutes details with the representatives by name and title', () => {
    const reps = JSON.stringify([{ name: 'Lê Văn Hải', title: 'Chủ tịch UBND xã' }]);
    const rows = conflictRows(conflict('minutes', { started_at: '08:00', representatives: reps }, { started_at: '08:30', representatives: '[]' }));
    const rep = rows.find((r) => r.key === 'representatives');
    expect(rep).toMatchObject({ label: 'Đại diện cơ quan', ours: 'Lê Văn Hải (Chủ tịch UBND xã)', theirs: '—', differs: true });
    expect(rows.find((r) => r.key === 'started_at')).toMatchObject({ ours: '08:00', theirs: '08:30', differs: true });
  });

  it('shows a kind it does not know by its fields, without the bookkeeping', () => {
    const rows = conflictRows(conflict('evidence', { name: 'a.pdf', created_by: 'x', items: ['1.1', '1.2'] }, { name: 'b.pdf', items: [] }));
    expect(rows.map((r) => [r.key, r.ours, r.theirs])).toEqual([
      ['name', 'a.pdf', 'b.pdf'],
      ['items', '1.1, 1.2', '—'],
    ]);
  });
});

describe('small texts', () => {
  it('says who and when, what the conflict is about, and file names', () => {
    const c = conflict('answer', {}, {});
    expect(sideWho(c.ours)).toBe('Lê Văn Cường · 01/03/2026 09:15');
    expect(sideWho(c.theirs)).toBe('máy dev-bbbbbbbbbbbb · 02/03/2026 14:05');
    expect(conflictTitle(c)).toBe('07264 · Kết quả mục kiểm tra 1.2.3');
    expect(baseName('/media/usb/kiemtra-2026-an.kiemtra')).toBe('kiemtra-2026-an.kiemtra');
    expect(baseName('E:\\trao-doi\\a.kiemtra')).toBe('a.kiemtra');
    expect(valueText(true)).toBe('Có');
    expect(valueText(null)).toBe('—');
  });
});

describe('sideLabel', () => {
  it('says "this laptop" only when one side was made here', () => {
    expect(sideLabel('ours', true)).toBe('Máy này');
    expect(sideLabel('theirs', true)).toBe('Máy khác');
    expect(sideLabel('ours', false)).toBe('Bản 1');
    expect(sideLabel('theirs', false)).toBe('Bản 2');
  });
});
