import { describe, expect, it } from 'vitest';

import type { DocumentSettings } from './bindings/DocumentSettings';
import type { Notice } from './bindings/Notice';
import {
  checkSettings,
  defaultInspection,
  documentKey,
  documentRef,
  DOC_KINDS,
  ofPlannedAgency,
  inspectionStateText,
  formatNoticeNumber,
  isIsoDate,
  issueState,
  takesNumber,
  lockWarning,
  pageInView,
  pageText,
  parseDecimal,
  parseNoticeNumber,
  parseRecipients,
  rangeText,
  MARGIN_RANGE,
  replacedBy,
  replaces,
  settingsErrorField,
  settingsForm,
  shortSha,
  signerLines,
  todayIso,
  versionLabel,
  versionState,
} from './documents';

const SETTINGS: DocumentSettings = {
  parent_body: 'UBND TỈNH BẮC NINH',
  issuing_body: 'SỞ NỘI VỤ',
  issuing_body_name: 'Sở Nội vụ',
  place: 'Bắc Ninh',
  signer_authority: 'KT. GIÁM ĐỐC',
  signer_title: 'PHÓ GIÁM ĐỐC',
  signer_name: 'Trần Thị Bình',
  number_suffix: 'TB-SNV',
  plan_number_suffix: 'KH-UBND',
  minutes_number_suffix: 'BB-SNV',
  decision_number_suffix: 'QĐ-SNV',
  letter_number_suffix: 'SNV-CCHC',
  recipients: ['UBND tỉnh (để báo cáo)', 'Giám đốc Sở (để báo cáo)'],
  archive: 'VT, CCHC',
  province_plan: 'Kế hoạch số 167/KH-UBND',
  plan_issuing_body: 'ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH',
  plan_issuer_name: 'Chủ tịch UBND tỉnh',
  plan_title: 'Kiểm tra công tác cải cách hành chính và thực thi nhiệm vụ, công vụ',
  province_plan_requirement: 'ít nhất 20% số cơ quan, địa phương',
  plan_signer_authority: null,
  plan_signer_title: '',
  plan_signer_name: '',
  margins: { top: 20, bottom: 20, left: 30, right: 15 },
  body_size: 14,
  seal_placeholder: '(Chữ ký, dấu)',
};

function notice(over: Partial<Notice>): Notice {
  return {
    id: 1,
    inspection_id: 7,
    version: 1,
    number: '12',
    issued_on: '2026-05-20',
    signer: 'Trần Thị Bình',
    sha256: 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e9f0e',
    size: 1000,
    replaces: null,
    reason: null,
    issued_at: '2026-05-20T09:00:00+07:00',
    issued_by: 'Trần Thị Bình',
    ...over,
  };
}

describe('the notice number', () => {
  it('is printed with its ký hiệu', () => {
    expect(formatNoticeNumber('12', 'TB-SNV')).toBe('12/TB-SNV');
    expect(formatNoticeNumber(' 12 ', ' TB-SNV ')).toBe('12/TB-SNV');
    expect(formatNoticeNumber('', 'TB-SNV')).toBe('…/TB-SNV');
    expect(formatNoticeNumber('12', '')).toBe('12');
  });

  it('is kept without the suffix, even when the user types it', () => {
    expect(parseNoticeNumber('12', 'TB-SNV')).toEqual({ ok: true, number: '12' });
    expect(parseNoticeNumber(' 12/TB-SNV ', 'TB-SNV')).toEqual({ ok: true, number: '12' });
    expect(parseNoticeNumber('12/tb-snv', 'TB-SNV')).toEqual({ ok: true, number: '12' });
  });

  it('refuses an empty number, another ký hiệu, a backslash and a long text', () => {
    expect(parseNoticeNumber('  ', 'TB-SNV').ok).toBe(false);
    const other = parseNoticeNumber('12/TB-UBND', 'TB-SNV');
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.message).toContain('/TB-SNV');
    expect(parseNoticeNumber('12\\3', 'TB-SNV').ok).toBe(false);
    expect(parseNoticeNumber('1'.repeat(41), 'TB-SNV').ok).toBe(false);
    expect(parseNoticeNumber('1'.repeat(40), 'TB-SNV').ok).toBe(true);
  });
});

describe('dates', () => {
  it('today is written as a date input holds it', () => {
    expect(todayIso(new Date(2026, 4, 4, 23, 59))).toBe('2026-05-04');
  });

  it('only real dates pass', () => {
    expect(isIsoDate('2026-05-20')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('20/05/2026')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });
});

describe('versions', () => {
  const v1 = notice({});
  const v2 = notice({ id: 2, version: 2, number: '15', issued_on: '2026-06-01', replaces: 1, reason: 'Sai tỷ lệ' });

  it('are labelled with number and date', () => {
    expect(versionLabel(v1)).toBe('v1 số 12 ngày 20/05/2026');
    expect(versionLabel(v2)).toBe('v2 số 15 ngày 01/06/2026');
  });

  it('know what they replaced and what replaced them', () => {
    expect(replacedBy(v1, [v1, v2])).toBe(v2);
    expect(replacedBy(v2, [v1, v2])).toBeNull();
    expect(replaces(v2, [v1, v2])).toBe(v1);
    expect(replaces(v1, [v1, v2])).toBeNull();
  });

  it('say which one is in force', () => {
    expect(versionState(v1, [v1, v2], true).text).toBe('Đã được thay bằng v2');
    expect(versionState(v2, [v1, v2], true)).toEqual({ text: 'Đang có hiệu lực', tone: 'ok' });
    expect(versionState(v1, [v1], false).tone).toBe('draft');
  });

  it('show a short SHA-256', () => {
    expect(shortSha(v1.sha256)).toBe('a1b2c3d4…9f0e');
    expect(shortSha('abc')).toBe('abc');
  });
});

describe('who may issue', () => {
  it('a lead, once the inspection is submitted or accepted and not locked', () => {
    expect(issueState({ status: 'submitted', locked: false }, 'lead', 0)).toMatchObject({ canIssue: true, correction: false, note: null });
    expect(issueState({ status: 'accepted', locked: false }, 'lead', 0).canIssue).toBe(true);
  });

  it('not before the inspection is submitted, nor an inspector', () => {
    expect(issueState({ status: 'in_progress', locked: false }, 'lead', 0).canIssue).toBe(false);
    expect(issueState({ status: 'returned', locked: false }, 'lead', 0).canIssue).toBe(false);
    const inspector = issueState({ status: 'submitted', locked: false }, 'inspector', 0);
    expect(inspector.canIssue).toBe(false);
    expect(inspector.note).toContain('Trưởng đoàn');
    expect(issueState({ status: 'submitted', locked: false }, null, 0).canIssue).toBe(false);
  });

  it('an issued one is reopened by a lead only; the next issue is a correction', () => {
    expect(issueState({ status: 'accepted', locked: true }, 'lead', 1)).toMatchObject({ canIssue: false, issued: true, canReopen: true });
    expect(issueState({ status: 'accepted', locked: true }, 'inspector', 1).canReopen).toBe(false);
    expect(issueState({ status: 'submitted', locked: false }, 'lead', 1)).toMatchObject({ canIssue: true, correction: true });
    expect(issueState(null, 'lead', 0).canIssue).toBe(false);
  });

  it('the warning names the agency', () => {
    expect(lockWarning('Xã Tam Tiến')).toMatch(/^Sau khi ban hành, cuộc kiểm tra tại Xã Tam Tiến sẽ bị khoá: không ai sửa được/);
    expect(lockWarning('X')).toContain('mở lại để đính chính và ban hành bản thay thế.');
  });

  it('the signer reads as printed, without an empty authority', () => {
    expect(signerLines(SETTINGS)).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Trần Thị Bình']);
    expect(signerLines({ ...SETTINGS, signer_authority: null })).toEqual(['PHÓ GIÁM ĐỐC', 'Trần Thị Bình']);
  });
});

describe('the settings form', () => {
  it('round-trips the settings', () => {
    const form = settingsForm(SETTINGS);
    expect(form.recipients).toBe('UBND tỉnh (để báo cáo)\nGiám đốc Sở (để báo cáo)');
    expect(form.margin_left).toBe('30');
    expect(checkSettings(form)).toEqual({ ok: true, settings: SETTINGS });
  });

  it('takes decimal commas, blank optional fields as none, one recipient a line', () => {
    const form = { ...settingsForm(SETTINGS), margin_top: '22,5', signer_authority: ' ', seal_placeholder: '', recipients: '- A;\n\n  B  \n' };
    const r = checkSettings(form);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.settings.margins.top).toBe(22.5);
      expect(r.settings.signer_authority).toBeNull();
      expect(r.settings.seal_placeholder).toBeNull();
      expect(r.settings.recipients).toEqual(['A', 'B']);
    }
  });

  it('refuses margins and sizes outside the decree, and empty names, field by field', () => {
    const r = checkSettings({ ...settingsForm(SETTINGS), margin_left: '25', margin_right: 'abc', body_size: '12', issuing_body: ' ' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(Object.keys(r.errors).sort()).toEqual(['body_size', 'issuing_body', 'margin_left', 'margin_right']);
      expect(r.errors.margin_left).toContain('30–35 mm');
    }
  });

  it('finds the field a backend message is about', () => {
    expect(settingsErrorField('dữ liệu văn bản không hợp lệ (margins.top): lề 18 mm ngoài khoảng')).toBe('margin_top');
    expect(settingsErrorField('Giá trị không hợp lệ cho «body_size»: …')).toBe('body_size');
    expect(settingsErrorField('Chỉ Trưởng đoàn được đổi thiết lập')).toBeNull();
  });

  it('parses numbers and recipients', () => {
    expect(parseDecimal('13,5')).toBe(13.5);
    expect(parseDecimal('x')).toBeNull();
    expect(parseDecimal('')).toBeNull();
    expect(parseRecipients('• UBND tỉnh.\r\nSở Tư pháp')).toEqual(['UBND tỉnh', 'Sở Tư pháp']);
    expect(rangeText(MARGIN_RANGE.right)).toBe('15–20 mm');
  });
});

describe('the preview', () => {
  it('names the document as the backend reads it', () => {
    const c = { year: 2026, inspectionId: 7, agency: '07264', letterNumber: '' };
    expect(documentRef('notice', c)).toEqual({ kind: 'notice', inspection_id: 7 });
    expect(documentRef('minutes', c)).toEqual({ kind: 'minutes', inspection_id: 7 });
    expect(documentRef('plan', c)).toEqual({ kind: 'plan', year: 2026 });
    expect(documentRef('decision', c)).toEqual({ kind: 'decision', year: 2026, agency: '07264' });
    expect(documentRef('schedule_letter', c)).toEqual({ kind: 'schedule_letter', year: 2026, agency: '07264', number: null });
    expect(documentRef('schedule_letter', { ...c, letterNumber: ' 31 ' })).toMatchObject({ number: '31' });
    expect(documentRef('year_report', c)).toEqual({ kind: 'year_report', year: 2026, number: null });
    expect(documentRef('year_report', { ...c, letterNumber: '45' })).toEqual({ kind: 'year_report', year: 2026, number: '45' });
    // The reminder goes to the agency chosen among those with overdue recommendations, not the planned one.
    expect(documentRef('reminder', { ...c, remindAgency: '25201' })).toEqual({ kind: 'reminder', agency: '25201', number: null });
    expect(DOC_KINDS.filter(takesNumber)).toEqual(['schedule_letter', 'year_report', 'reminder']);
  });

  it('waits for what a document needs before naming it', () => {
    const none = { year: 2026, inspectionId: null, agency: null, letterNumber: '' };
    expect(documentRef('notice', none)).toBeNull();
    expect(documentRef('decision', none)).toBeNull();
    expect(documentRef('plan', none)).toEqual({ kind: 'plan', year: 2026 });
    expect(documentRef('reminder', none)).toBeNull();
    expect(documentKey(null)).toBe('');
    expect(documentKey(documentRef('decision', { ...none, agency: '07264' }))).not.toBe(
      documentKey(documentRef('schedule_letter', { ...none, agency: '07264' })),
    );
    expect(DOC_KINDS.filter(ofPlannedAgency)).toEqual(['decision', 'schedule_letter']);
  });

  it('knows the page in view', () => {
    const tops = [0, 1000, 2000];
    expect(pageInView(tops, 0, 900)).toBe(1);
    expect(pageInView(tops, 800, 900)).toBe(2);
    expect(pageInView(tops, 5000, 900)).toBe(3);
    expect(pageInView([], 0, 900)).toBe(0);
  });

  it('says "Trang N/M"', () => {
    expect(pageText(2, 5)).toBe('Trang 2/5');
    expect(pageText(0, 3)).toBe('Trang 1/3');
    expect(pageText(0, 0)).toBe('Không có trang');
  });
});

describe('the inspection chooser', () => {
  const list = [
    { id: 3, agency: 'STP' },
    { id: 5, agency: '07264' },
    { id: 8, agency: 'SNV' },
  ];

  it('keeps the choice, else the current agency, else the open inspection, else the first', () => {
    expect(defaultInspection(list, 8, '07264', 3)).toBe(8);
    expect(defaultInspection(list, 99, '07264', 3)).toBe(5);
    expect(defaultInspection(list, null, 'XXX', 8)).toBe(8);
    expect(defaultInspection(list, null, null, null)).toBe(3);
    expect(defaultInspection([], 3, '07264', 3)).toBeNull();
  });

  it('names the state, issued first', () => {
    expect(inspectionStateText({ status: 'accepted', locked: true })).toBe('Đã ban hành');
    expect(inspectionStateText({ status: 'submitted', locked: false })).toBe('Đã nộp, chờ duyệt');
    expect(inspectionStateText({ status: 'in_progress', locked: false })).toBe('Đang kiểm tra');
  });
});
