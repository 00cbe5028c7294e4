import { describe, expect, it } from 'vitest';

import type { AgencyFigures } from './bindings/AgencyFigures';
import type { BlockFigures } from './bindings/BlockFigures';
import type { FieldFigures } from './bindings/FieldFigures';
import {
  agenciesToRemind,
  coverageChart,
  fieldName,
  fieldRows,
  followupBars,
  fraction,
  hasResults,
  n,
  overdueSummary,
  percent,
  stack,
  stateBars,
  thresholdText,
} from './dashboard';

const block = (over: Partial<BlockFigures> = {}): BlockFigures => ({
  block: 'commune',
  label: 'UBND cấp xã',
  agencies: 99,
  required: 20,
  planned: 20,
  inspected: 10,
  concluded: 5,
  threshold_met: false,
  ...over,
});

const field = (f: string, b: string, met: number, partial: number, unmet: number, na: number, name = ''): FieldFigures => ({
  field: f,
  name,
  block: b,
  met,
  partial,
  unmet,
  na,
});

const agency = (code: string, name: string, overdue: number): AgencyFigures => ({
  code,
  name,
  block: 'commune',
  state: 'concluded',
  inspection: 1,
  visit_date: null,
  notice_number: null,
  notice_date: null,
  met: 0,
  partial: 0,
  unmet: 0,
  na: 0,
  shortcomings: 0,
  recommendations: overdue,
  done: 0,
  overdue,
});

describe('numbers', () => {
  it('writes counts and shares the Vietnamese way', () => {
    expect(n(1250)).toBe('1.250');
    expect(n(0)).toBe('0');
    expect(percent(1, 3)).toBe('33,3%');
    expect(percent(5, 0)).toBe('0%');
    expect(thresholdText(20)).toBe('20%');
    expect(thresholdText(12.5)).toBe('12,5%');
  });

  it('keeps a bar within its track', () => {
    expect(fraction(5, 10)).toBe(0.5);
    expect(fraction(15, 10)).toBe(1);
    expect(fraction(3, 0)).toBe(0);
    expect(fraction(-1, 10)).toBe(0);
  });
});

describe('coverageChart', () => {
  it('draws planned, inspected and concluded on the scale of what is required or planned', () => {
    const c = coverageChart(block(), 20);
    expect(c.bars.map((b) => [b.kind, b.value, b.fraction])).toEqual([
      ['planned', 20, 1],
      ['inspected', 10, 0.5],
      ['concluded', 5, 0.25],
    ]);
    expect(c.mark).toBe(1);
    expect(c.status).toBe('Còn thiếu 15 cuộc');
    expect(c.label).toBe('UBND cấp xã');
    expect(c.summary).toContain('ngưỡng 20% của 99 cơ quan là 20');
    expect(c.summary).toContain('đã ban hành kết luận 5');
  });

  it('puts the mark inside the scale when more is planned than required', () => {
    const c = coverageChart(block({ block: 'provincial', agencies: 30, required: 6, planned: 12, inspected: 0, concluded: 6, threshold_met: true }), 20);
    expect(c.mark).toBe(0.5);
    expect(c.bars[2].fraction).toBe(0.5);
    expect(c.status).toBe('Đạt ngưỡng');
    expect(c.met).toBe(true);
    expect(c.label).toBe('Sở, ban, ngành');
  });

  it('calls the whole province Toàn tỉnh and draws no mark when nothing is required', () => {
    const c = coverageChart(block({ block: 'all', label: 'Tất cả', required: 0, planned: 0, inspected: 0, concluded: 0, threshold_met: true }), 20);
    expect(c.label).toBe('Toàn tỉnh');
    expect(c.mark).toBeNull();
    expect(c.bars.every((b) => b.fraction === 0)).toBe(true);
  });
});

describe('stateBars', () => {
  it('gives each state its label and share of the plan, in the work order', () => {
    const bars = stateBars({ planned: 4, not_started: 1, in_progress: 1, submitted: 0, returned: 0, accepted: 0, concluded: 2 });
    expect(bars.map((b) => b.state)).toEqual(['not_started', 'in_progress', 'submitted', 'returned', 'accepted', 'concluded']);
    expect(bars[0]).toMatchObject({ label: 'Chưa bắt đầu', value: 1, fraction: 0.25 });
    expect(bars[5]).toMatchObject({ label: 'Đã ban hành', value: 2, fraction: 0.5 });
    expect(stateBars({ planned: 0, not_started: 0, in_progress: 0, submitted: 0, returned: 0, accepted: 0, concluded: 0 }).every((b) => b.fraction === 0)).toBe(true);
  });
});

describe('stack', () => {
  it('lays segments end to end, leaving out empty ones, adding up to the width', () => {
    const s = stack([
      { key: 'met', value: 1 },
      { key: 'partial', value: 0 },
      { key: 'unmet', value: 1 },
      { key: 'na', value: 1 },
    ]);
    expect(s.map((x) => x.key)).toEqual(['met', 'unmet', 'na']);
    expect(s[0]).toMatchObject({ x: 0, width: 33.33 });
    expect(s[1]).toMatchObject({ x: 33.33, width: 33.33 });
    expect(s[2].x).toBe(66.66);
    expect(s[2].x + s[2].width).toBeCloseTo(100, 6);
  });

  it('draws nothing for nothing, and one full segment for one part', () => {
    expect(stack([{ key: 'met', value: 0 }])).toEqual([]);
    expect(stack([{ key: 'met', value: 7 }], 200)).toEqual([{ key: 'met', value: 7, x: 0, width: 200 }]);
  });
});

describe('fieldRows', () => {
  const fields = [
    field('I', 'provincial', 3, 1, 0, 0, 'Công tác chỉ đạo, điều hành'),
    field('I', 'commune', 0, 0, 0, 0, 'Công tác chỉ đạo, điều hành'),
    field('I', 'all', 3, 1, 0, 0, 'Công tác chỉ đạo, điều hành'),
    field('II', 'provincial', 1, 0, 1, 0, 'II. Cải cách thể chế'),
    field('II', 'commune', 0, 0, 0, 0, 'II. Cải cách thể chế'),
    field('II', 'all', 1, 0, 1, 0, 'II. Cải cách thể chế'),
    field('IX', 'all', 0, 0, 0, 2),
  ];

  it('keeps one block, in order, each bar as long as its share of the largest row', () => {
    const rows = fieldRows(fields, 'all');
    expect(rows.map((r) => r.field)).toEqual(['I', 'II', 'IX']);
    expect(rows[0]).toMatchObject({ name: 'I. Công tác chỉ đạo, điều hành', total: 4, fraction: 1 });
    expect(rows[1]).toMatchObject({ name: 'II. Cải cách thể chế', total: 2, fraction: 0.5 });
    expect(rows[2].name).toBe('IX');
    expect(rows[0].segments.map((s) => [s.key, s.width])).toEqual([
      ['met', 75],
      ['partial', 25],
    ]);
    expect(rows[1].summary).toBe('II. Cải cách thể chế: Đạt 1, Đạt một phần 0, Chưa đạt 1, Không áp dụng 0');
  });

  it('says a block without answers has no result', () => {
    const rows = fieldRows(fields, 'commune');
    expect(rows.every((r) => r.total === 0 && r.segments.length === 0 && r.fraction === 0)).toBe(true);
    expect(rows[0].summary).toContain('chưa có kết quả');
    expect(hasResults(fields)).toBe(true);
    expect(hasResults(fields.filter((f) => f.block !== 'all'))).toBe(false);
    expect(hasResults([field('I', 'all', 0, 0, 0, 0)])).toBe(false);
  });

  it('names a field with its code once', () => {
    expect(fieldName({ field: 'III', name: 'Cải cách TTHC' })).toBe('III. Cải cách TTHC');
    expect(fieldName({ field: 'III', name: 'III. Cải cách TTHC' })).toBe('III. Cải cách TTHC');
    expect(fieldName({ field: 'III', name: '  ' })).toBe('III');
  });
});

describe('follow-up figures', () => {
  const f = { total: 5, done: 2, in_progress: 1, open: 2, not_done: 0, overdue: 3, agencies_to_remind: 2 };

  it('draws one bar per status as a share of every recommendation', () => {
    const bars = followupBars(f);
    expect(bars.map((b) => [b.status, b.label, b.value, b.fraction])).toEqual([
      ['open', 'Chưa báo cáo', 2, 0.4],
      ['in_progress', 'Đang khắc phục', 1, 0.2],
      ['not_done', 'Không khắc phục được', 0, 0],
      ['done', 'Đã khắc phục', 2, 0.4],
    ]);
  });

  it('lists the agencies to remind, the most overdue first', () => {
    const list = agenciesToRemind([agency('A', 'Xã Tam Tiến', 1), agency('B', 'Sở Tư pháp', 0), agency('C', 'Phường An Bình', 2), agency('D', 'Xã An Lạc', 1)]);
    expect(list.map((a) => a.code)).toEqual(['C', 'D', 'A']);
  });

  it('sums it up in words', () => {
    expect(overdueSummary(f)).toBe('3 kiến nghị quá hạn tại 2 cơ quan cần nhắc.');
    expect(overdueSummary({ ...f, overdue: 0, agencies_to_remind: 0 })).toBe('Không có kiến nghị nào quá hạn.');
    expect(overdueSummary({ ...f, total: 0 })).toBe('Chưa có kiến nghị nào cần theo dõi.');
  });
});
