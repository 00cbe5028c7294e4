import { describe, expect, it } from 'vitest';

import { nextStep } from './errors';
import { BLOCK_FILTER_LABEL, LEVEL_LABEL, ROLE_LABEL, blockLabel, kindLabel } from './labels';

describe('labels', () => {
  it('names the blocks as the register table and the filter show them', () => {
    expect(blockLabel('provincial')).toBe('Sở, ban, ngành');
    expect(blockLabel('commune')).toBe('UBND cấp xã');
    expect(BLOCK_FILTER_LABEL.commune).toBe('Xã, phường');
  });

  it('names commune kinds and shows a dash for departments', () => {
    expect(kindLabel('xa')).toBe('Xã');
    expect(kindLabel('phuong')).toBe('Phường');
    expect(kindLabel(null)).toBe('—');
    expect(kindLabel('')).toBe('—');
    expect(kindLabel('thi_tran')).toBe('thi_tran'); // unknown kinds stay visible
  });

  it('names framework levels and roles', () => {
    expect(LEVEL_LABEL.sub_criterion).toBe('Tiêu chí thành phần');
    expect(ROLE_LABEL.lead).toBe('Trưởng đoàn');
    expect(ROLE_LABEL.inspector).toBe('Thành viên đoàn');
  });
});

describe('nextStep', () => {
  it('tells what to do for known error codes', () => {
    expect(nextStep('lead_only')).toContain('Trưởng đoàn');
    expect(nextStep('agency_not_found')).toContain('Danh sách cơ quan');
    expect(nextStep('plan_final')).toContain('lý do điều chỉnh');
    expect(nextStep('coverage_below_threshold')).toContain('Bốc thăm cho đủ ngưỡng');
    expect(nextStep('schedule_conflict')).toContain('trùng lịch');
    expect(nextStep('plan_not_found')).toContain('Lập kế hoạch');
  });

  it('always has advice, even for a code it does not know', () => {
    expect(nextStep('something_new')).toMatch(/thử lại/);
  });
});
