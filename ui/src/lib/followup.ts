// Pure logic of the follow-up screen (theo dõi khắc phục): the list's filters, what an entry's
// lateness reads as, and the remediation report a lead records — checked here with the
// backend's rules (`kiemtra_core::followup::record`) so a refusal is explained before sending.
// The backend stays the judge.

import type { FollowupEntry } from './bindings/FollowupEntry';
import type { FollowupStatus } from './bindings/FollowupStatus';
import type { NewFollowupReport } from './bindings/NewFollowupReport';
import { formatDate, formatNumber } from './format';
import { FOLLOWUP_STATUS_LABEL } from './labels';
import { isIsoDate } from './documents';
import { matchesQuery, searchKey } from './text';

/** The statuses a report can record: an entry is `open` only until its first report. */
export const RECORDABLE: readonly FollowupStatus[] = ['in_progress', 'done', 'not_done'];

/** The status filter's choices, in the order of the select ('' = all). */
export const STATUS_CHOICES: readonly ('' | FollowupStatus)[] = ['', 'open', 'in_progress', 'done', 'not_done'];

export function statusLabel(status: FollowupStatus): string {
  return FOLLOWUP_STATUS_LABEL[status] ?? status;
}

/** The tone of a status badge: done is ok, not done is danger, the rest wait. */
export function statusTone(status: FollowupStatus): 'ok' | 'info' | 'warn' | 'danger' {
  switch (status) {
    case 'done':
      return 'ok';
    case 'in_progress':
      return 'info';
    case 'not_done':
      return 'danger';
    default:
      return 'warn';
  }
}

/** What the list shows. `agency` is a register code (from the dashboard), null for any. */
export interface FollowupView {
  status: '' | FollowupStatus;
  overdue: boolean;
  /** The search box, matched against the agency's name and code without diacritics. */
  query: string;
  agency: string | null;
}

export const ALL_FOLLOWUPS: FollowupView = { status: '', overdue: false, query: '', agency: null };

/** The entries the view lets through, in the backend's order (by due date). */
export function filterFollowups(entries: readonly FollowupEntry[], view: FollowupView): FollowupEntry[] {
  return entries.filter(
    (e) =>
      (view.status === '' || e.status === view.status) &&
      (!view.overdue || e.days_overdue > 0) &&
      (view.agency === null || e.agency === view.agency) &&
      matchesQuery(searchKey(`${e.agency_name} ${e.agency}`), view.query),
  );
}

/** "Quá hạn 3 ngày làm việc"; "" for an entry that is not late. */
export function overdueText(days: number): string {
  return days > 0 ? `Quá hạn ${formatNumber(days, 0)} ngày làm việc` : '';
}

/** "Hạn 30/06/2026 · quá hạn 3 ngày làm việc", for a screen reader or a tooltip. */
export function dueText(e: Pick<FollowupEntry, 'due' | 'days_overdue'>): string {
  const due = `Hạn ${formatDate(e.due)}`;
  return e.days_overdue > 0 ? `${due} · quá hạn ${formatNumber(e.days_overdue, 0)} ngày làm việc` : due;
}

/** How the count line reads: "3 kiến nghị (trên 5)" when filtered. */
export function countText(shown: number, total: number): string {
  const n = `${formatNumber(shown, 0)} kiến nghị`;
  return shown === total ? n : `${n} (trên ${formatNumber(total, 0)})`;
}

/** What the lead types in "Ghi báo cáo khắc phục". */
export interface ReportDraft {
  /** "YYYY-MM-DD" from the date field ("" when empty). */
  received: string;
  status: FollowupStatus | null;
  note: string;
  /** Paths of the files the agency sent. */
  files: readonly string[];
}

export type ReportField = 'received' | 'status' | 'note' | 'files';

export interface ReportProblem {
  field: ReportField;
  message: string;
}

/**
 * Why the backend would refuse this report, in Vietnamese, with the field it is about; null
 * when it can be sent. The same rules as `followup::record`: a real date, not after today, not
 * before the notice nor before the last report; a status other than open; not done twice; and
 * a reason in the note to reopen an entry closed with files.
 */
export function reportProblem(draft: ReportDraft, entry: FollowupEntry, today: string): ReportProblem | null {
  if (!isIsoDate(draft.received)) return { field: 'received', message: 'Hãy chọn ngày nhận báo cáo.' };
  if (draft.received > today) {
    return { field: 'received', message: `Ngày nhận báo cáo ${formatDate(draft.received)} ở sau hôm nay.` };
  }
  if (draft.received < entry.notice_date) {
    return {
      field: 'received',
      message: `Ngày nhận ${formatDate(draft.received)} trước ngày ban hành thông báo kết luận (${formatDate(entry.notice_date)}).`,
    };
  }
  if (entry.received_on && draft.received < entry.received_on) {
    return {
      field: 'received',
      message: `Ngày nhận ${formatDate(draft.received)} trước báo cáo đã ghi ngày ${formatDate(entry.received_on)}: báo cáo được ghi theo thứ tự nhận.`,
    };
  }
  if (draft.status === null || !RECORDABLE.includes(draft.status)) {
    return { field: 'status', message: 'Hãy chọn kết quả khắc phục.' };
  }
  if (entry.status === 'done' && draft.status === 'done') {
    return { field: 'status', message: 'Kiến nghị này đã được ghi “Đã khắc phục”; không ghi lại lần nữa.' };
  }
  if (reopensWithFiles(entry) && draft.note.trim() === '') {
    return { field: 'note', message: 'Kiến nghị đã đóng kèm tài liệu chứng minh: mở lại phải ghi lý do vào ô ghi chú.' };
  }
  return null;
}

/** Whether a new report reopens an entry closed with files (the note is then required). */
export function reopensWithFiles(entry: Pick<FollowupEntry, 'status' | 'files'>): boolean {
  return entry.status === 'done' && entry.files > 0;
}

/** The report as `record_followup` takes it (call only once `reportProblem` is null). */
export function newReport(draft: ReportDraft): NewFollowupReport {
  const note = draft.note.trim();
  return { status: draft.status ?? 'in_progress', received: draft.received, note: note === '' ? null : note };
}

/**
 * The dialog field a refusal is about: the backend's `field` when it names one of them, else
 * the field its code is about; null for a refusal of the whole report.
 */
export function refusalField(code: string, field: string | null, reopening: boolean): ReportField | null {
  if (field === 'received' || field === 'note' || field === 'status') return field;
  switch (code) {
    case 'followup_before_notice':
      return 'received';
    case 'followup_status':
      return reopening ? 'note' : 'status';
    case 'evidence_refused':
      return 'files';
    default:
      return null;
  }
}
