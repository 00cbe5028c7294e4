// The pure logic of the documents screen: names of the documents, the notice number as it is
// printed, version labels, who may issue when, the settings form and its checks (the decree's
// ranges, as the backend checks them), and which preview page is in view.

import type { DocKind } from './bindings/DocKind';
import type { DocumentRef } from './bindings/DocumentRef';
import type { DocumentSettings } from './bindings/DocumentSettings';
import type { InspectionStatus } from './bindings/InspectionStatus';
import type { Margins } from './bindings/Margins';
import type { Notice } from './bindings/Notice';
import type { Role } from './bindings/Role';
import { formatDate, formatNumber } from './format';
import { INSPECTION_STATUS_LABEL, ISSUED_LABEL } from './labels';

export const DOC_KINDS: readonly DocKind[] = ['notice', 'minutes', 'plan', 'decision', 'schedule_letter', 'year_report', 'reminder'];

export const DOC_KIND_LABEL: Record<DocKind, string> = {
  notice: 'Thông báo kết luận',
  minutes: 'Biên bản kiểm tra',
  plan: 'Kế hoạch kiểm tra',
  decision: 'Quyết định thành lập đoàn',
  schedule_letter: 'Công văn thông báo lịch kiểm tra',
  year_report: 'Báo cáo kết quả kiểm tra năm',
  reminder: 'Công văn đôn đốc khắc phục',
};

/** Documents given their registered number on this screen (blank: a draft). */
export function takesNumber(kind: DocKind): boolean {
  return kind === 'schedule_letter' || kind === 'year_report' || kind === 'reminder';
}

/** Documents of a planned agency (made before its inspection starts), not of an inspection. */
export function ofPlannedAgency(kind: DocKind): boolean {
  return kind === 'decision' || kind === 'schedule_letter';
}

/** What a document is made from: the year, the inspection chosen, the planned agency chosen, the letter's number. */
export interface DocumentChoice {
  year: number;
  inspectionId: number | null;
  agency: string | null;
  /** The registered number as typed (schedule letter, report, reminder); blank makes a draft. */
  letterNumber: string;
  /** The agency the reminder is sent to (one with overdue recommendations). */
  remindAgency?: string | null;
}

/**
 * The backend's name for a document of `kind`, or null while what it needs is not chosen (an
 * inspection for the notice and minutes, a planned agency for the decision and the letter).
 */
export function documentRef(kind: DocKind, c: DocumentChoice): DocumentRef | null {
  switch (kind) {
    case 'plan':
      return { kind, year: c.year };
    case 'notice':
    case 'minutes':
      return c.inspectionId === null ? null : { kind, inspection_id: c.inspectionId };
    case 'decision':
      return c.agency === null ? null : { kind, year: c.year, agency: c.agency };
    case 'schedule_letter': {
      if (c.agency === null) return null;
      const number = c.letterNumber.trim();
      return { kind, year: c.year, agency: c.agency, number: number === '' ? null : number };
    }
    case 'year_report': {
      const number = c.letterNumber.trim();
      return { kind, year: c.year, number: number === '' ? null : number };
    }
    case 'reminder': {
      const agency = c.remindAgency ?? null;
      if (agency === null) return null;
      const number = c.letterNumber.trim();
      return { kind, agency, number: number === '' ? null : number };
    }
  }
}

/** A key that changes whenever the document asked for does (what the preview is of). */
export function documentKey(ref: DocumentRef | null): string {
  return ref === null ? '' : JSON.stringify(ref);
}

/** Preview zoom steps, in percent of the width that fits the preview. */
export const ZOOM_STEPS: readonly number[] = [75, 100, 125];

/** The A4 page's width over its height (210 × 297 mm). */
export const A4_RATIO = 210 / 297;

/** Today in local time as "YYYY-MM-DD" (what a date input holds). */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** True for a real calendar date written "YYYY-MM-DD". */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The number as printed with its ký hiệu: ("12", "TB-SNV") → "12/TB-SNV". */
export function formatNoticeNumber(number: string, suffix: string): string {
  const n = number.trim();
  const s = suffix.trim();
  if (n === '') return s === '' ? '' : `…/${s}`;
  return s === '' ? n : `${n}/${s}`;
}

export type NumberCheck = { ok: true; number: string } | { ok: false; message: string };

/**
 * The number the user typed, as the backend stores it: only the number, the ký hiệu is added
 * when printed. "12/TB-SNV" (the suffix typed too) is taken as "12"; any other "/" is refused,
 * since the document would read "12/ABC/TB-SNV".
 */
export function parseNoticeNumber(text: string, suffix: string): NumberCheck {
  let n = text.normalize('NFC').trim();
  const s = suffix.normalize('NFC').trim();
  if (s !== '' && n.toLocaleUpperCase('vi').endsWith(`/${s.toLocaleUpperCase('vi')}`)) {
    n = n.slice(0, n.length - s.length - 1).trim();
  }
  if (n === '') return { ok: false, message: 'Hãy ghi số của thông báo, ví dụ 12.' };
  if (n.includes('/')) {
    return { ok: false, message: `Chỉ ghi số (ví dụ 12): ký hiệu “/${s}” được thêm tự động.` };
  }
  if (/[\\\u0000-\u001f\u007f]/.test(n)) return { ok: false, message: 'Số văn bản có ký tự không hợp lệ.' };
  if ([...n].length > 40) return { ok: false, message: 'Số văn bản quá dài (tối đa 40 ký tự).' };
  return { ok: true, number: n };
}

/** "a1b2c3d4e5f6…" → "a1b2c3d4…9f0e": enough to compare with a printed or listed hash. */
export function shortSha(sha: string): string {
  return sha.length <= 14 ? sha : `${sha.slice(0, 8)}…${sha.slice(-4)}`;
}

/** "v1 số 12 ngày 04/05/2026". */
export function versionLabel(n: Pick<Notice, 'version' | 'number' | 'issued_on'>): string {
  return `v${n.version} số ${n.number} ngày ${formatDate(n.issued_on)}`;
}

/** The version that replaced `n`, if any. */
export function replacedBy(n: Notice, all: readonly Notice[]): Notice | null {
  return all.find((m) => m.replaces === n.id) ?? null;
}

/** The version `n` replaced, if any. */
export function replaces(n: Notice, all: readonly Notice[]): Notice | null {
  return n.replaces === null ? null : (all.find((m) => m.id === n.replaces) ?? null);
}

/** What a version row says about its place in the history. */
export function versionState(n: Notice, all: readonly Notice[], locked: boolean): { text: string; tone: 'ok' | 'muted' | 'draft' } {
  const next = replacedBy(n, all);
  if (next) return { text: `Đã được thay bằng v${next.version}`, tone: 'muted' };
  if (locked) return { text: 'Đang có hiệu lực', tone: 'ok' };
  return { text: 'Đang mở lại để đính chính', tone: 'draft' };
}

export interface IssueState {
  /** The "Ban hành" button is enabled. */
  canIssue: boolean;
  /** The notice is issued and the inspection locked. */
  issued: boolean;
  /** A lead may reopen it for a correction. */
  canReopen: boolean;
  /** A previous version exists: the next issue is a correction and needs a reason. */
  correction: boolean;
  /** Why "Ban hành" is disabled, or what the state is; null when nothing needs saying. */
  note: string | null;
}

/** Who may issue or reopen now, by the same rules as the backend (`notice::prepare`). */
export function issueState(
  insp: { status: InspectionStatus; locked: boolean } | null,
  role: Role | null,
  versions: number,
): IssueState {
  const correction = versions > 0;
  if (!insp) return { canIssue: false, issued: false, canReopen: false, correction, note: null };
  const lead = role === 'lead';
  if (insp.locked) {
    return {
      canIssue: false,
      issued: true,
      canReopen: lead,
      correction,
      note: lead
        ? 'Đã ban hành: cuộc kiểm tra đã khoá. Muốn sửa, hãy mở lại để đính chính rồi ban hành bản thay thế.'
        : 'Đã ban hành: cuộc kiểm tra đã khoá. Chỉ Trưởng đoàn mở lại được để đính chính.',
    };
  }
  if (insp.status === 'in_progress' || insp.status === 'returned') {
    return {
      canIssue: false,
      issued: false,
      canReopen: false,
      correction,
      note: 'Chưa ban hành được: thành viên đoàn phải nộp kết quả kiểm tra trước.',
    };
  }
  if (!lead) {
    return {
      canIssue: false,
      issued: false,
      canReopen: false,
      correction,
      note: role === null ? 'Chưa chọn người dùng: chỉ Trưởng đoàn ban hành được thông báo.' : 'Chỉ Trưởng đoàn ban hành được thông báo kết luận.',
    };
  }
  return {
    canIssue: true,
    issued: false,
    canReopen: false,
    correction,
    note: correction ? 'Đang đính chính: ban hành bản thay thế kèm lý do.' : null,
  };
}

/** The confirmation asked before issuing. */
export function lockWarning(agency: string): string {
  return (
    `Sau khi ban hành, cuộc kiểm tra tại ${agency} sẽ bị khoá: không ai sửa được kết quả, phát hiện hay ` +
    'tài liệu kiểm chứng. Muốn sửa phải mở lại để đính chính và ban hành bản thay thế.'
  );
}

/** The signer block as printed: "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC / Nguyễn Văn A", one part a line. */
export function signerLines(s: Pick<DocumentSettings, 'signer_authority' | 'signer_title' | 'signer_name'>): string[] {
  return [s.signer_authority ?? '', s.signer_title, s.signer_name].map((x) => x.trim()).filter((x) => x !== '');
}

// ── Settings ───────────────────────────────────────────────────────────────────────────────

export type MarginSide = keyof Margins;

/** Nghị định 30/2020/NĐ-CP: the margin ranges in millimetres. */
export const MARGIN_RANGE: Record<MarginSide, { min: number; max: number; label: string }> = {
  top: { min: 20, max: 25, label: 'Trên' },
  bottom: { min: 20, max: 25, label: 'Dưới' },
  left: { min: 30, max: 35, label: 'Trái' },
  right: { min: 15, max: 20, label: 'Phải' },
};
export const MARGIN_SIDES: readonly MarginSide[] = ['top', 'bottom', 'left', 'right'];

export const BODY_SIZE_RANGE = { min: 13, max: 14 };

/** "20–25 mm". */
export function rangeText(r: { min: number; max: number }, unit = 'mm'): string {
  return `${formatNumber(r.min)}–${formatNumber(r.max)} ${unit}`;
}

/** The settings as the form edits them: every field as text. */
export interface SettingsForm {
  parent_body: string;
  issuing_body: string;
  issuing_body_name: string;
  place: string;
  signer_authority: string;
  signer_title: string;
  signer_name: string;
  number_suffix: string;
  plan_number_suffix: string;
  minutes_number_suffix: string;
  decision_number_suffix: string;
  letter_number_suffix: string;
  recipients: string;
  archive: string;
  province_plan: string;
  province_plan_requirement: string;
  plan_issuing_body: string;
  plan_issuer_name: string;
  plan_title: string;
  plan_signer_authority: string;
  plan_signer_title: string;
  plan_signer_name: string;
  margin_top: string;
  margin_bottom: string;
  margin_left: string;
  margin_right: string;
  body_size: string;
  seal_placeholder: string;
}

export type SettingsField = keyof SettingsForm;

export function settingsForm(s: DocumentSettings): SettingsForm {
  return {
    parent_body: s.parent_body,
    issuing_body: s.issuing_body,
    issuing_body_name: s.issuing_body_name,
    place: s.place,
    signer_authority: s.signer_authority ?? '',
    signer_title: s.signer_title,
    signer_name: s.signer_name,
    number_suffix: s.number_suffix,
    plan_number_suffix: s.plan_number_suffix,
    minutes_number_suffix: s.minutes_number_suffix,
    decision_number_suffix: s.decision_number_suffix,
    letter_number_suffix: s.letter_number_suffix,
    recipients: s.recipients.join('\n'),
    archive: s.archive,
    province_plan: s.province_plan,
    province_plan_requirement: s.province_plan_requirement,
    plan_issuing_body: s.plan_issuing_body,
    plan_issuer_name: s.plan_issuer_name,
    plan_title: s.plan_title,
    plan_signer_authority: s.plan_signer_authority ?? '',
    plan_signer_title: s.plan_signer_title,
    plan_signer_name: s.plan_signer_name,
    margin_top: formatNumber(s.margins.top),
    margin_bottom: formatNumber(s.margins.bottom),
    margin_left: formatNumber(s.margins.left),
    margin_right: formatNumber(s.margins.right),
    body_size: formatNumber(s.body_size),
    seal_placeholder: s.seal_placeholder ?? '',
  };
}

/** A number typed the Vietnamese way ("20", "22,5", "22.5"); null when it is not one. */
export function parseDecimal(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/** One recipient a line; blank lines dropped, a typed "- " or trailing ";" too (they are printed). */
export function parseRecipients(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^[-–•]\s*/, '').replace(/[;.]\s*$/, '').trim())
    .filter((l) => l !== '');
}

export type SettingsCheck =
  | { ok: true; settings: DocumentSettings }
  | { ok: false; errors: Partial<Record<SettingsField, string>> };

const REQUIRED: { field: SettingsField; what: string }[] = [
  { field: 'parent_body', what: 'cơ quan chủ quản' },
  { field: 'issuing_body', what: 'cơ quan ban hành' },
  { field: 'issuing_body_name', what: 'tên cơ quan ban hành trong câu văn' },
  { field: 'place', what: 'địa danh' },
  { field: 'signer_title', what: 'chức vụ người ký' },
  { field: 'number_suffix', what: 'ký hiệu thông báo' },
  { field: 'plan_number_suffix', what: 'ký hiệu kế hoạch' },
  { field: 'minutes_number_suffix', what: 'ký hiệu biên bản' },
  { field: 'plan_issuing_body', what: 'cơ quan ban hành kế hoạch' },
  { field: 'plan_issuer_name', what: 'người ban hành kế hoạch trong câu văn' },
  { field: 'plan_title', what: 'trích yếu kế hoạch' },
  { field: 'province_plan_requirement', what: 'yêu cầu của kế hoạch CCHC của tỉnh' },
  { field: 'decision_number_suffix', what: 'ký hiệu quyết định thành lập Đoàn kiểm tra' },
  { field: 'letter_number_suffix', what: 'ký hiệu công văn' },
];

/** The form back as settings, or the message of each field that is wrong. */
export function checkSettings(f: SettingsForm): SettingsCheck {
  const errors: Partial<Record<SettingsField, string>> = {};
  for (const { field, what } of REQUIRED) {
    if (f[field].trim() === '') errors[field] = `Hãy ghi ${what}.`;
  }
  const margins: Margins = { top: 0, bottom: 0, left: 0, right: 0 };
  for (const side of MARGIN_SIDES) {
    const field = `margin_${side}` as SettingsField;
    const r = MARGIN_RANGE[side];
    const v = parseDecimal(f[field]);
    if (v === null) errors[field] = `Lề là một số mi-li-mét, ví dụ ${r.min}.`;
    else if (v < r.min || v > r.max) errors[field] = `Lề ${r.label.toLowerCase()} phải từ ${rangeText(r)} (Nghị định 30/2020/NĐ-CP).`;
    else margins[side] = v;
  }
  const size = parseDecimal(f.body_size);
  if (size === null || size < BODY_SIZE_RANGE.min || size > BODY_SIZE_RANGE.max) {
    errors.body_size = `Cỡ chữ nội dung phải từ ${BODY_SIZE_RANGE.min} đến ${BODY_SIZE_RANGE.max}.`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const t = (s: string) => s.normalize('NFC').trim();
  const orNull = (s: string) => (t(s) === '' ? null : t(s));
  return {
    ok: true,
    settings: {
      parent_body: t(f.parent_body),
      issuing_body: t(f.issuing_body),
      issuing_body_name: t(f.issuing_body_name),
      place: t(f.place),
      signer_authority: orNull(f.signer_authority),
      signer_title: t(f.signer_title),
      signer_name: t(f.signer_name),
      number_suffix: t(f.number_suffix),
      plan_number_suffix: t(f.plan_number_suffix),
      minutes_number_suffix: t(f.minutes_number_suffix),
      decision_number_suffix: t(f.decision_number_suffix),
      letter_number_suffix: t(f.letter_number_suffix),
      recipients: parseRecipients(f.recipients.normalize('NFC')),
      archive: t(f.archive),
      province_plan: t(f.province_plan),
      province_plan_requirement: t(f.province_plan_requirement),
      // One line of the plan's header a line of the box.
      plan_issuing_body: f.plan_issuing_body
        .normalize('NFC')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '')
        .join('\n'),
      plan_issuer_name: t(f.plan_issuer_name),
      plan_title: t(f.plan_title),
      plan_signer_authority: orNull(f.plan_signer_authority),
      plan_signer_title: t(f.plan_signer_title),
      plan_signer_name: t(f.plan_signer_name),
      margins,
      body_size: size as number,
      seal_placeholder: orNull(f.seal_placeholder),
    },
  };
}

const BACKEND_FIELD: Record<string, SettingsField> = {
  'margins.top': 'margin_top',
  'margins.bottom': 'margin_bottom',
  'margins.left': 'margin_left',
  'margins.right': 'margin_right',
  body_size: 'body_size',
  issuing_body: 'issuing_body',
  signer_authority: 'signer_authority',
  minutes_number_suffix: 'minutes_number_suffix',
  plan_issuing_body: 'plan_issuing_body',
  plan_signer_authority: 'plan_signer_authority',
};

/**
 * The form field a refusal is about: the error's own `field` when the backend sends one, else
 * the name in its message — the PDF layer writes "(margins.top)", the store "«margins.top»".
 * Null when it names no field of the form.
 */
export function settingsErrorField(message: string, field: string | null = null): SettingsField | null {
  if (field !== null && BACKEND_FIELD[field]) return BACKEND_FIELD[field];
  const m = /\(([a-z_.]+)\)|«([a-z_.]+)»/.exec(message);
  const name = m ? (m[1] ?? m[2]) : null;
  return name ? (BACKEND_FIELD[name] ?? null) : null;
}

// ── Preview ────────────────────────────────────────────────────────────────────────────────

/**
 * The page in view (1-based): the last page whose top is above a third of the viewport. `tops`
 * are the pages' offsets from the top of the scrolled content, in order.
 */
export function pageInView(tops: readonly number[], scrollTop: number, viewportHeight: number): number {
  if (tops.length === 0) return 0;
  const line = scrollTop + viewportHeight / 3;
  let page = 1;
  for (let i = 0; i < tops.length; i++) if (tops[i] <= line) page = i + 1;
  return page;
}

/** "Trang 2/5" (or "Không có trang" when the document is empty). */
export function pageText(current: number, total: number): string {
  return total === 0 ? 'Không có trang' : `Trang ${Math.min(Math.max(current, 1), total)}/${total}`;
}

// ── Inspections in the chooser ────────────────────────────────────────────────────────────

/** The inspection's state in a few words: issued (locked) first, then the review status. */
export function inspectionStateText(i: { status: InspectionStatus; locked: boolean }): string {
  if (i.locked) return ISSUED_LABEL;
  // In the chooser's running text the submitted state reads with a comma.
  if (i.status === 'submitted') return 'Đã nộp, chờ duyệt';
  return INSPECTION_STATUS_LABEL[i.status] ?? String(i.status);
}

/**
 * The inspection to show first: the one already chosen if it is still in the list, else the
 * current agency's, else the one open elsewhere in the app, else the first.
 */
export function defaultInspection(
  list: readonly { id: number; agency: string }[],
  chosen: number | null,
  agency: string | null,
  open: number | null,
): number | null {
  if (chosen !== null && list.some((i) => i.id === chosen)) return chosen;
  const mine = agency === null ? undefined : list.find((i) => i.agency === agency);
  if (mine) return mine.id;
  if (open !== null && list.some((i) => i.id === open)) return open;
  return list[0]?.id ?? null;
}
