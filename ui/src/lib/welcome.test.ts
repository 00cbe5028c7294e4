import { describe, expect, it } from 'vitest';

import type { Status } from './bindings/Status';
import type { StoreSummary } from './bindings/StoreSummary';
import { isFirstRun, seedLines, welcomeSteps, yearText } from './welcome';

function summary(over: Partial<StoreSummary> = {}): StoreSummary {
  return {
    data_dir: '/home/an/.local/share/kiemtra',
    register: { communes: 99, xa: 66, phuong: 33, provincial_active: 19, provincial_total: 21 },
    framework_version: 'PAR Index 2025',
    par_fields: 8,
    par_criteria: 40,
    checklist: 'KH167-2026 v2',
    objectives: 32,
    objectives_without_items: 0,
    items: 120,
    checklist_year: 2026,
    holiday_years: [2026],
    profiles: 0,
    ...over,
  };
}

function status(over: Partial<StoreSummary> = {}, withError = false): Status {
  return {
    summary: summary(over),
    profile: null,
    startup_error: withError ? { code: 'database_busy', message: 'bận', field: null } : null,
  } as Status;
}

describe('isFirstRun', () => {
  it('is the first run only when the store opened and has no profile', () => {
    expect(isFirstRun(status())).toBe(true);
    expect(isFirstRun(status({ profiles: 1 }))).toBe(false);
    expect(isFirstRun(status({}, true))).toBe(false);
    expect(isFirstRun(null)).toBe(false);
  });
});

describe('welcomeSteps', () => {
  it('asks a lead for the documents and spares an inspector', () => {
    expect(welcomeSteps('lead')).toEqual(['seeds', 'profile', 'documents', 'done']);
    expect(welcomeSteps('inspector')).toEqual(['seeds', 'profile', 'done']);
    expect(welcomeSteps(null)).toContain('documents');
  });
});

describe('seedLines', () => {
  it('says what the seeds loaded, with the communes split into xã and phường', () => {
    const lines = seedLines(summary());
    expect(lines.map((l) => l.label)).toEqual([
      'Cơ quan thuộc diện kiểm tra',
      'Khung Chỉ số CCHC',
      'Danh mục kiểm tra',
      'Lịch làm việc',
    ]);
    expect(lines[0].value).toBe('19 sở, ban, ngành và 99 xã, phường (66 xã, 33 phường)');
    expect(lines[2].value).toBe('KH167-2026 v2: 32 mục tiêu, 120 nội dung kiểm tra');
    expect(lines.every((l) => l.warning === undefined)).toBe(true);
  });

  it('warns when the checklist year has no holidays, and when something is missing', () => {
    const lines = seedLines(summary({ checklist_year: 2027, holiday_years: [2026] }));
    expect(lines[3].warning).toContain('Chưa có ngày nghỉ lễ năm 2027');
    const empty = seedLines(summary({ framework_version: null, checklist: null, checklist_year: null, holiday_years: [] }));
    expect(empty[1].warning).toContain('Chưa nạp khung chỉ số');
    expect(empty[2].warning).toContain('Chưa nạp danh mục');
    expect(empty[3].value).toBe('chưa có');
    expect(seedLines(summary({ objectives_without_items: 2 }))[2].warning).toBe('2 mục tiêu chưa có nội dung kiểm tra nào.');
  });
});

describe('yearText', () => {
  it('is the year of the checklist in force', () => {
    expect(yearText(summary())).toBe('Năm 2026, theo danh mục KH167-2026 v2');
    expect(yearText(summary({ checklist_year: null, checklist: null }))).toContain('Chưa xác định');
  });
});
