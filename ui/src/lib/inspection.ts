// Pure logic of the inspection screen (its labels are in labels.ts): the automatic judgement (the same rules as
// kiemtra-core/src/judgement.rs, so the screen can say what a typed figure means before the
// reply), the checks made before an answer is sent, figures typed with a decimal comma,
// progress, grouping and filtering, and the keyboard shortcuts. The backend stays the judge:
// whatever it answers is what the screen shows.

import type { Finding } from './bindings/Finding';
import type { InspectionItem } from './bindings/InspectionItem';
import type { InspectionStatus } from './bindings/InspectionStatus';
import type { ItemStatus } from './bindings/ItemStatus';
import type { Judgement } from './bindings/Judgement';
import type { Progress } from './bindings/Progress';
import type { Record as ItemRecord } from './bindings/Record';
import type { Role } from './bindings/Role';
import type { Target } from './bindings/Target';
import { formatDate, formatNumber } from './format';
import { INSPECTION_STATUS_LABEL, ISSUED_LABEL, ITEM_STATUS_LABEL, JUDGEMENT_LABEL } from './labels';

export const ITEM_STATUSES: readonly ItemStatus[] = ['met', 'partial', 'unmet', 'na'];

export function isPositive(j: Judgement): boolean {
  return j === 'met' || j === 'on_time';
}

export type Tone = 'ok' | 'draft' | 'info' | 'danger' | 'muted';

/** The inspection's state as its badge says it: issued (locked) wins over the review status. */
export function inspectionBadge(i: { status: InspectionStatus; locked: boolean }): { text: string; tone: Tone } {
  if (i.locked) return { text: ISSUED_LABEL, tone: 'ok' };
  const text = INSPECTION_STATUS_LABEL[i.status] ?? String(i.status);
  return { text, tone: STATUS_TONE[i.status] ?? 'muted' };
}

const STATUS_TONE: Record<InspectionStatus, Tone> = {
  in_progress: 'info',
  submitted: 'draft',
  returned: 'danger',
  accepted: 'ok',
};

/**
 * Why the current user cannot change the inspection now, or null when they can. The same
 * rules as the backend's `require_editable`.
 */
export function readOnlyReason(i: { status: InspectionStatus; locked: boolean }, role: Role | null): string | null {
  if (i.locked) return 'Đã ban hành thông báo kết luận: kết quả không sửa được nữa (mọi thay đổi phải qua một phiên bản đính chính).';
  if (i.status === 'accepted') return 'Trưởng đoàn đã duyệt kết quả: cuộc kiểm tra không sửa được nữa.';
  if (role === null) return 'Chưa chọn người dùng: hãy chọn tên bạn ở góc trên bên phải để ghi kết quả.';
  if (i.status === 'submitted' && role !== 'lead') {
    return 'Đã nộp, đang chờ Trưởng đoàn duyệt: bạn chỉ xem được. Trưởng đoàn có thể trả lại để sửa.';
  }
  return null;
}

/**
 * The automatic judgement of an answer: a figure against the target when both are there,
 * else a completion date against the due date; null when there is nothing to judge.
 */
export function judge(target: Target | null, due: string | null, value: number | null, doneOn: string | null): Judgement | null {
  if (target && value !== null && Number.isFinite(value)) return judgeValue(target, value);
  if (due && doneOn && /^\d{4}-\d{2}-\d{2}$/.test(due) && /^\d{4}-\d{2}-\d{2}$/.test(doneOn)) {
    // ISO dates compare as text.
    return doneOn <= due ? 'on_time' : 'late';
  }
  return null;
}

const EPSILON = 1e-9;

/** A figure against its target, to the plan's precision (as judgement.rs). */
export function judgeValue(target: Target, value: number): Judgement {
  const t = target.value;
  let ok: boolean;
  switch (target.op) {
    case '>':
      ok = value > t + EPSILON;
      break;
    case '>=':
      ok = value >= t - EPSILON;
      break;
    case '=':
      ok = Math.abs(value - t) <= EPSILON;
      break;
    case '<=':
      ok = value <= t + EPSILON;
      break;
    case '<':
      ok = value < t - EPSILON;
      break;
    default:
      ok = false;
  }
  return ok ? 'met' : 'unmet';
}

/** The inspector's status goes against the judgement (N/A carries its own reason). */
export function disagrees(status: ItemStatus | null, judgement: Judgement | null): boolean {
  if (status === null || status === 'na' || judgement === null) return false;
  return isPositive(judgement) ? status !== 'met' : status === 'met';
}

export type FigureParse = { ok: true; value: number | null } | { ok: false; message: string };

/**
 * A figure as typed: "93,5", "93.5", "1.250,5", "1 250", "95%", "-2"; empty is no figure.
 * A lone dot followed by exactly three digits ("1.250") is a thousands dot, as Vietnamese
 * writes it; otherwise a dot is a decimal point.
 */
export function parseFigure(text: string): FigureParse {
  let t = text.trim().replace(/%$/, '').replace(/[\s\u00a0]/g, '');
  if (t === '') return { ok: true, value: null };
  const bad: FigureParse = { ok: false, message: `«${text.trim()}» không phải là số (ví dụ 93,5)` };
  if (!/^[+-]?[\d.,]+$/.test(t)) return bad;
  const thousands = /^[+-]?[1-9]\d{0,2}(\.\d{3})+$/;
  if (t.includes(',')) {
    // Comma decimal: dots are thousands separators.
    if ((t.match(/,/g) ?? []).length > 1) return bad;
    const [whole, frac] = t.split(',');
    if (whole.includes('.') && !thousands.test(whole)) return bad;
    t = `${whole.replace(/\./g, '')}.${frac}`;
  } else if (thousands.test(t)) {
    t = t.replace(/\./g, '');
  } else if ((t.match(/\./g) ?? []).length > 1) {
    return bad;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return bad;
  const value = Number(t);
  return Number.isFinite(value) ? { ok: true, value } : bad;
}

/** A figure as the field shows it: 93.5 → "93,5" (up to 6 decimals, no thousands dot). */
export function formatFigure(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '';
  return formatNumber(value, 6).replace(/\./g, '');
}

export type DateParse = { ok: true; iso: string | null } | { ok: false; message: string };

/**
 * A date as typed: "05/03/2026", "5/3/2026", "05-03-2026", "05.03.2026" (day first, as
 * Vietnamese writes it) or "2026-03-05"; empty is no date.
 */
export function parseDateText(text: string): DateParse {
  const t = text.trim();
  if (t === '') return { ok: true, iso: null };
  let y: number;
  let m: number;
  let d: number;
  const vn = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (vn) [d, m, y] = [Number(vn[1]), Number(vn[3]), Number(vn[4])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return { ok: false, message: `«${t}» không phải ngày (ngày/tháng/năm, ví dụ 05/03/2026)` };
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, message: `«${t}» không có trong lịch` };
  }
  const two = (n: number) => String(n).padStart(2, '0');
  return { ok: true, iso: `${y}-${two(m)}-${two(d)}` };
}

/** What the inspector has typed for an item, before it is sent. */
export interface Draft {
  status: ItemStatus | null;
  valueText: string;
  doneOn: string;
  note: string;
}

export function draftOf(item: InspectionItem): Draft {
  return {
    status: item.status,
    valueText: formatFigure(item.value),
    doneOn: item.done_on ? formatDate(item.done_on) : '',
    note: item.note ?? '',
  };
}

/** Which field a problem is about, so the screen can point at it. */
export type DraftField = 'status' | 'value' | 'done_on' | 'note';

export type DraftCheck = { ok: true; record: ItemRecord } | { ok: false; field: DraftField; message: string };

/**
 * The record to send for a draft, or why it would be refused — the backend's rules, checked
 * first so a known refusal is explained at once and nothing typed is lost.
 */
export function checkDraft(item: Pick<InspectionItem, 'target' | 'due'>, draft: Draft): DraftCheck {
  const figure = parseFigure(draft.valueText);
  if (!figure.ok) return { ok: false, field: 'value', message: `Số liệu ${figure.message}.` };
  if (figure.value !== null && !item.target) {
    return { ok: false, field: 'value', message: 'Mục này không có chỉ tiêu đo được: ghi số liệu vào ghi chú.' };
  }
  const date = parseDateText(draft.doneOn);
  if (!date.ok) return { ok: false, field: 'done_on', message: `Ngày hoàn thành ${date.message}.` };
  const doneOn = date.iso;
  const note = draft.note.trim();
  if (draft.status === 'na' && note === '') {
    return { ok: false, field: 'note', message: 'Chọn «Không áp dụng» phải ghi lý do vào ô Ghi chú.' };
  }
  const judgement = judge(item.target, item.due, figure.value, doneOn);
  if (disagrees(draft.status, judgement) && note === '') {
    return {
      ok: false,
      field: 'note',
      message: `Kết quả «${ITEM_STATUS_LABEL[draft.status as ItemStatus]}» khác đánh giá tự động «${JUDGEMENT_LABEL[judgement as Judgement]}»: cần ghi chú lý do.`,
    };
  }
  return {
    ok: true,
    record: { status: draft.status, value: figure.value, done_on: doneOn, note: note === '' ? null : note },
  };
}

/** A record as one comparable string (what is stored vs what would be sent). */
export function recordKey(r: ItemRecord): string {
  return JSON.stringify([r.status, r.value, r.done_on, r.note]);
}

export function storedRecord(item: InspectionItem): ItemRecord {
  return { status: item.status, value: item.value, done_on: item.done_on, note: item.note };
}

/** Progress over items as the backend counts it. */
export function progressOf(items: readonly Pick<InspectionItem, 'status' | 'disagreement'>[]): Progress {
  const p: Progress = { total: items.length, answered: 0, met: 0, partial: 0, unmet: 0, na: 0, disagreements: 0 };
  for (const i of items) {
    if (i.status === null) continue;
    p[i.status] += 1;
    p.answered += 1;
    if (i.disagreement) p.disagreements += 1;
  }
  return p;
}

/** "Đạt 5 · Đạt một phần 2 · Chưa đạt 1 · Không áp dụng 1" (only the statuses used). */
export function progressParts(p: Progress): { status: ItemStatus; count: number; label: string }[] {
  return ITEM_STATUSES.filter((s) => p[s] > 0).map((s) => ({ status: s, count: p[s], label: ITEM_STATUS_LABEL[s] }));
}

/** "12/51 mục đã có kết quả (24%)". */
export function progressText(p: Progress): string {
  const pct = p.total === 0 ? 0 : Math.round((p.answered / p.total) * 100);
  return `${p.answered}/${p.total} mục đã có kết quả (${pct}%)`;
}

export type ItemView = 'all' | 'remaining' | 'disagreements';

export function inView(item: Pick<InspectionItem, 'status' | 'disagreement'>, view: ItemView): boolean {
  if (view === 'remaining') return item.status === null;
  if (view === 'disagreements') return item.disagreement;
  return true;
}

export interface Section<T> {
  ref: string;
  objectives: { ref: string; entries: T[] }[];
}

/** Entries under their section and objective, in the order they come (the checklist's order). */
export function groupBySection<T>(entries: readonly T[], refs: (e: T) => { section: string; objective: string }): Section<T>[] {
  const sections: Section<T>[] = [];
  const bySection = new Map<string, Section<T>>();
  const byObjective = new Map<string, { ref: string; entries: T[] }>();
  for (const e of entries) {
    const { section, objective } = refs(e);
    let s = bySection.get(section);
    if (!s) {
      s = { ref: section, objectives: [] };
      bySection.set(section, s);
      sections.push(s);
    }
    const key = `${section}\u0000${objective}`;
    let o = byObjective.get(key);
    if (!o) {
      o = { ref: objective, entries: [] };
      byObjective.set(key, o);
      s.objectives.push(o);
    }
    o.entries.push(e);
  }
  return sections;
}

/** Findings by the item they are about (findings tied only to a criterion are left out). */
export function findingsByItem(findings: readonly Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!f.source_ref) continue;
    const list = map.get(f.source_ref);
    if (list) list.push(f);
    else map.set(f.source_ref, [f]);
  }
  return map;
}

export type Shortcut =
  | { kind: 'move'; by: 1 | -1 }
  | { kind: 'status'; status: ItemStatus }
  | { kind: 'focus'; field: 'note' | 'value' }
  | { kind: 'finding' };

const STATUS_KEYS: Record<string, ItemStatus> = { '1': 'met', '2': 'partial', '3': 'unmet', '4': 'na' };

/** The shortcut a key press means on the item list, or null (modifier keys are left alone). */
export function shortcutFor(e: { key: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean }): Shortcut | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  switch (e.key) {
    case 'j':
    case 'ArrowDown':
      return { kind: 'move', by: 1 };
    case 'k':
    case 'ArrowUp':
      return { kind: 'move', by: -1 };
    case 'n':
      return { kind: 'focus', field: 'note' };
    case 'v':
      return { kind: 'focus', field: 'value' };
    case 'f':
      return { kind: 'finding' };
    default:
      return e.key in STATUS_KEYS ? { kind: 'status', status: STATUS_KEYS[e.key] } : null;
  }
}

/** Whether a key press in `el` is typing (a field, a list box, an editable region), not a shortcut. */
export function isTypingTarget(el: EventTarget | null): boolean {
  if (!el || typeof (el as Element).tagName !== 'string') return false;
  const e = el as HTMLElement;
  const tag = e.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') {
    const type = ((e as HTMLInputElement).type || 'text').toLowerCase();
    return !['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file', 'image'].includes(type);
  }
  return e.isContentEditable === true;
}

/** "09:05:12", local time. */
export function timeOfDay(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** The most recent `updated_at` of the items, as a Date; null when nothing was recorded yet. */
export function lastUpdate(items: readonly Pick<InspectionItem, 'updated_at'>[]): Date | null {
  let best = Number.NEGATIVE_INFINITY;
  for (const i of items) {
    if (!i.updated_at) continue;
    const t = Date.parse(i.updated_at);
    if (Number.isFinite(t) && t > best) best = t;
  }
  return Number.isFinite(best) ? new Date(best) : null;
}

/** A score as typed ("0,5", "1"); empty is no score; null result with a message when not a number. */
export function parseScore(text: string): FigureParse {
  return parseFigure(text);
}
