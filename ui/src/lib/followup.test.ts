import { describe, expect, it } from 'vitest';

import type { FollowupEntry } from './bindings/FollowupEntry';
import {
  ALL_FOLLOWUPS,
  RECORDABLE,
  STATUS_CHOICES,
  countText,
  dueText,
  filterFollowups,
  newReport,
  overdueText,
  refusalField,
  reopensWithFiles,
  reportProblem,
  statusLabel,
  statusTone,
  type ReportDraft,
} from './followup';

const entry = (over: Partial<FollowupEntry> = {}): FollowupEntry => ({
  id: 1,
  inspection: 7,
  year: 2026,
  agency: '07264',
  agency_name: 'Xã Tam Tiến',
  finding: 'Tỷ lệ hồ sơ đúng hạn đạt 93,5%, chưa đạt chỉ tiêu',
  recommendation: 'Bố trí đủ công chức tại Bộ phận Một cửa',
  due: '2026-06-30',
  status: 'open',
  days_overdue: 0,
  notice_number: '12/TB-SNV',
  notice_date: '2026-05-20',
  received_on: null,
  note: null,
  reports: 0,
  files: 0,
  ...over,
});

const entries = [
  entry({ id: 1, days_overdue: 4 }),
  entry({ id: 2, agency: 'STP', agency_name: 'Sở Tư pháp', status: 'done' }),
  entry({ id: 3, agency: '07261', agency_name: 'Phường Thuận Thành', status: 'in_progress', days_overdue: 1 }),
  entry({ id: 4, agency: 'STP', agency_name: 'Sở Tư pháp', status: 'not_done', days_overdue: 2 }),
];

const ids = (list: FollowupEntry[]) => list.map((e) => e.id);

describe('labels', () => {
  it('names every status as the backend does, with a tone', () => {
    expect(statusLabel('open')).toBe('Chưa báo cáo');
    expect(statusLabel('in_progress')).toBe('Đang khắc phục');
    expect(statusLabel('done')).toBe('Đã khắc phục');
    expect(statusLabel('not_done')).toBe('Không khắc phục được');
    expect(statusTone('done')).toBe('ok');
    expect(statusTone('not_done')).toBe('danger');
    expect(statusTone('open')).toBe('warn');
    expect(RECORDABLE).toEqual(['in_progress', 'done', 'not_done']);
    expect(STATUS_CHOICES[0]).toBe('');
  });

  it('writes lateness and due dates day first', () => {
    expect(overdueText(0)).toBe('');
    expect(overdueText(3)).toBe('Quá hạn 3 ngày làm việc');
    expect(dueText({ due: '2026-06-30', days_overdue: 0 })).toBe('Hạn 30/06/2026');
    expect(dueText({ due: '2026-06-30', days_overdue: 12 })).toBe('Hạn 30/06/2026 · quá hạn 12 ngày làm việc');
    expect(countText(4, 4)).toBe('4 kiến nghị');
    expect(countText(1, 1250)).toBe('1 kiến nghị (trên 1.250)');
  });
});

describe('filterFollowups', () => {
  it('lets everything through by default, in order', () => {
    expect(ids(filterFollowups(entries, ALL_FOLLOWUPS))).toEqual([1, 2, 3, 4]);
  });

  it('filters by status, overdue and agency code', () => {
    expect(ids(filterFollowups(entries, { ...ALL_FOLLOWUPS, status: 'done' }))).toEqual([2]);
    expect(ids(filterFollowups(entries, { ...ALL_FOLLOWUPS, overdue: true }))).toEqual([1, 3, 4]);
    expect(ids(filterFollowups(entries, { ...ALL_FOLLOWUPS, overdue: true, agency: 'STP' }))).toEqual([4]);
  });

  it('finds an agency typed without diacritics, or by its code', () => {
    expect(ids(filterFollowups(entries, { ...ALL_FOLLOWUPS, query: 'thuan thanh' }))).toEqual([3]);
    expect(ids(filterFollowups(entries, { ...ALL_FOLLOWUPS, query: '  SỞ   tư ' }))).toEqual([2, 4]);
    expect(ids(filterFollowups(entries, { ...ALL_FOLLOWUPS, query: '07264' }))).toEqual([1]);
    expect(ids(filterFollowups(entries, { ...ALL_FOLLOWUPS, query: 'Phu\u031bo\u031b\u0300ng' }))).toEqual([3]); // NFD
  });
});

describe('reportProblem', () => {
  const today = '2026-12-03';
  const draft = (over: Partial<ReportDraft> = {}): ReportDraft => ({ received: '2026-12-01', status: 'done', note: '', files: [], ...over });

  it('accepts a report received between the notice and today', () => {
    expect(reportProblem(draft(), entry(), today)).toBeNull();
    expect(reportProblem(draft({ received: '2026-05-20' }), entry(), today)).toBeNull();
    expect(reportProblem(draft({ received: today }), entry(), today)).toBeNull();
  });

  it('refuses a missing, future or early date, on the date field', () => {
    expect(reportProblem(draft({ received: '' }), entry(), today)).toEqual({ field: 'received', message: 'Hãy chọn ngày nhận báo cáo.' });
    expect(reportProblem(draft({ received: '2026-02-30' }), entry(), today)?.field).toBe('received');
    expect(reportProblem(draft({ received: '2026-12-04' }), entry(), today)?.message).toBe('Ngày nhận báo cáo 04/12/2026 ở sau hôm nay.');
    expect(reportProblem(draft({ received: '2026-05-19' }), entry(), today)?.message).toContain('trước ngày ban hành thông báo kết luận (20/05/2026)');
    const p = reportProblem(draft({ received: '2026-09-01' }), entry({ status: 'in_progress', received_on: '2026-10-01', reports: 1 }), today);
    expect(p?.field).toBe('received');
    expect(p?.message).toContain('01/10/2026');
  });

  it('wants a status other than open, and not done twice', () => {
    expect(reportProblem(draft({ status: null }), entry(), today)).toEqual({ field: 'status', message: 'Hãy chọn kết quả khắc phục.' });
    expect(reportProblem(draft({ status: 'open' }), entry(), today)?.field).toBe('status');
    expect(reportProblem(draft({ status: 'done' }), entry({ status: 'done', received_on: '2026-11-01', reports: 1 }), today)?.message).toContain('không ghi lại');
    expect(reportProblem(draft({ status: 'in_progress' }), entry({ status: 'done', received_on: '2026-11-01', reports: 1 }), today)).toBeNull();
  });

  it('wants a reason to reopen an entry closed with files', () => {
    const closed = entry({ status: 'done', received_on: '2026-11-01', reports: 1, files: 2 });
    expect(reopensWithFiles(closed)).toBe(true);
    expect(reopensWithFiles(entry({ status: 'done' }))).toBe(false);
    expect(reportProblem(draft({ status: 'in_progress', note: '  ' }), closed, today)?.field).toBe('note');
    expect(reportProblem(draft({ status: 'in_progress', note: 'Kiểm tra lại thấy chưa đủ' }), closed, today)).toBeNull();
  });
});

describe('newReport and refusals', () => {
  it('sends the note trimmed, or none', () => {
    expect(newReport({ received: '2026-12-01', status: 'done', note: '  Đã bố trí đủ ', files: [] })).toEqual({
      status: 'done',
      received: '2026-12-01',
      note: 'Đã bố trí đủ',
    });
    expect(newReport({ received: '2026-12-01', status: 'not_done', note: ' ', files: [] }).note).toBeNull();
  });

  it('marks the field a refusal is about', () => {
    expect(refusalField('invalid', 'received', false)).toBe('received');
    expect(refusalField('followup_before_notice', null, false)).toBe('received');
    expect(refusalField('followup_status', null, false)).toBe('status');
    expect(refusalField('followup_status', null, true)).toBe('note');
    expect(refusalField('evidence_refused', null, false)).toBe('files');
    expect(refusalField('lead_only', null, false)).toBeNull();
    expect(refusalField('followup_not_found', null, false)).toBeNull();
  });
});
