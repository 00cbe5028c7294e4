// What the "Trao đổi" screen shows, worked out apart from the markup so it can be tested: the
// fingerprint grouped for reading aloud, the counts of an import, and a conflict's two values
// as rows side by side.

import type { Conflict } from './bindings/Conflict';
import type { ImportReport } from './bindings/ImportReport';
import type { Side } from './bindings/Side';
import { formatBytes } from './evidence';
import { formatDate, formatDateTime, formatNumber } from './format';
import { FINDING_KIND_LABEL, INSPECTION_STATUS_LABEL, ITEM_STATUS_LABEL, SEVERITY_LABEL } from './labels';

/** "3f2a-91bc-…" as upper-case groups of four, to be read aloud digit by digit. */
export function fingerprintGroups(fingerprint: string): string[] {
  const digits = fingerprint.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  const out: string[] = [];
  for (let i = 0; i < digits.length; i += 4) out.push(digits.slice(i, i + 4));
  return out;
}

/** What each kind of unit is called in a conflict or a refusal. */
export const UNIT_KIND_LABEL: Record<string, string> = {
  profile: 'Người dùng',
  plan: 'Kế hoạch',
  plan_entry: 'Cơ quan trong kế hoạch',
  inspection: 'Cuộc kiểm tra',
  checklist: 'Danh mục của cuộc kiểm tra',
  answer: 'Kết quả mục kiểm tra',
  finding: 'Phát hiện',
  score: 'Điểm tiêu chí',
  minutes: 'Thông tin buổi kiểm tra (biên bản)',
  evidence: 'Tài liệu kiểm chứng',
  notice: 'Thông báo kết luận',
};

export function unitKindLabel(kind: string): string {
  return UNIT_KIND_LABEL[kind] ?? kind;
}

export interface CountRow {
  key: 'applied' | 'unchanged' | 'conflicts' | 'refused';
  label: string;
  value: number;
  /** Worth the user's attention (conflicts or refusals). */
  warn: boolean;
}

/** The four counts of an import (or of its preview, `preview` = true: "would"). */
export function importCounts(r: ImportReport, preview: boolean): CountRow[] {
  return [
    { key: 'applied', label: preview ? 'Thay đổi mới sẽ nhận' : 'Thay đổi mới đã nhận', value: r.applied, warn: false },
    { key: 'unchanged', label: 'Đã có trên máy này', value: r.unchanged, warn: false },
    { key: 'conflicts', label: 'Xung đột', value: r.conflicts, warn: r.conflicts > 0 },
    { key: 'refused', label: 'Bị từ chối', value: r.refused, warn: r.refused > 0 },
  ];
}

/** Who sent a bundle: "Nguyễn Văn An (máy dev-3f2a91bc07de)". */
export function senderText(r: ImportReport): string {
  const who = r.from.profile ?? 'Không rõ người gửi';
  return `${who} (máy ${r.from.device_id})`;
}

/** One line after an import. */
export function importResultText(r: ImportReport): string {
  const parts = [`${r.applied} thay đổi mới`, `${r.unchanged} đã có`];
  if (r.conflicts > 0) parts.push(`${r.conflicts} xung đột cần Trưởng đoàn giải quyết`);
  if (r.refused > 0) parts.push(`${r.refused} bị từ chối`);
  return `Đã nhập tệp của ${senderText(r)}: ${parts.join(', ')}.`;
}

export function exportResultText(s: { file: string; changes: number; files: number; bytes: number }): string {
  return `Đã xuất ${s.changes} thay đổi và ${s.files} tệp kiểm chứng (${formatBytes(s.bytes)}) vào ${s.file}.`;
}

/** The file name at the end of a path (either separator). */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/** A value of a unit's field as text: '—' for nothing, 'Có'/'Không', lists joined. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'Có' : 'Không';
  if (typeof v === 'number') return formatNumber(v);
  if (Array.isArray(v)) return v.length === 0 ? '—' : v.map(valueText).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

type Field = [key: string, label: string, show?: (v: unknown) => string];

const label =
  (table: Record<string, string>) =>
  (v: unknown): string =>
    typeof v === 'string' ? (table[v] ?? v) : valueText(v);
const date = (v: unknown): string => (typeof v === 'string' ? formatDate(v) : valueText(v));

/** The minutes' representatives as stored (a JSON list of {name, title}): "Lê Văn Hải (Chủ tịch UBND xã); …". */
function representatives(v: unknown): string {
  if (typeof v !== 'string') return valueText(v);
  try {
    const list = JSON.parse(v) as { name: string; title: string }[];
    return list.length === 0 ? '—' : list.map((r) => (r.title ? `${r.name} (${r.title})` : r.name)).join('; ');
  } catch {
    return v;
  }
}

/** The fields shown for each kind, in order; other kinds show every field but the bookkeeping. */
const FIELDS: Record<string, Field[]> = {
  answer: [
    ['status', 'Kết quả', label(ITEM_STATUS_LABEL)],
    ['value', 'Số liệu'],
    ['done_on', 'Ngày hoàn thành', date],
    ['note', 'Ghi chú'],
  ],
  finding: [
    ['kind', 'Loại', label(FINDING_KIND_LABEL)],
    ['text', 'Nội dung'],
    ['source_ref', 'Mục kiểm tra'],
    ['criterion', 'Tiêu chí'],
    ['cause', 'Nguyên nhân'],
    ['recommendation', 'Kiến nghị'],
    ['severity', 'Mức độ', label(SEVERITY_LABEL)],
    ['responsible', 'Đơn vị thực hiện'],
    ['due', 'Thời hạn', date],
    ['deleted', 'Đã xoá'],
  ],
  score: [
    ['self_score', 'Điểm tự chấm'],
    ['appraised_score', 'Điểm thẩm định'],
    ['justification', 'Giải trình'],
  ],
  minutes: [
    ['started_at', 'Giờ bắt đầu'],
    ['ended_at', 'Giờ kết thúc'],
    ['place', 'Địa điểm'],
    ['representatives', 'Đại diện cơ quan', representatives],
    ['secretary', 'Thư ký'],
  ],
  inspection: [
    ['status', 'Trạng thái', label(INSPECTION_STATUS_LABEL)],
    ['visit_date', 'Ngày kiểm tra', date],
    ['review_comment', 'Ý kiến của Trưởng đoàn'],
    ['locked', 'Đã khoá'],
  ],
  plan_entry: [
    ['selected', 'Được chọn'],
    ['mode', 'Hình thức'],
    ['window_from', 'Từ ngày', date],
    ['window_to', 'Đến ngày', date],
    ['lead', 'Trưởng đoàn'],
    ['members', 'Thành viên'],
  ],
};

const BOOKKEEPING = new Set(['inspection', 'updated_at', 'updated_by', 'created_at', 'created_by']);

export interface ConflictRow {
  key: string;
  label: string;
  ours: string;
  theirs: string;
  differs: boolean;
}

/** A conflict's two values as rows side by side, the differing ones flagged. */
export function conflictRows(c: Conflict): ConflictRow[] {
  const ours = c.ours.value ?? {};
  const theirs = c.theirs.value ?? {};
  const fields: Field[] =
    FIELDS[c.kind] ??
    [...new Set([...Object.keys(ours), ...Object.keys(theirs)])].filter((k) => !BOOKKEEPING.has(k)).map((k): Field => [k, k]);
  return fields.map(([key, name, show = valueText]) => {
    const a = show(ours[key]);
    const b = show(theirs[key]);
    return { key, label: name, ours: a, theirs: b, differs: a !== b };
  });
}

/** Who made one side, and when: "Trần Thị Bình · 01/03/2026 09:15". */
/** The heading of one side: this laptop and the other, or two other laptops' versions. */
export function sideLabel(side: 'ours' | 'theirs', oursIsLocal: boolean): string {
  if (oursIsLocal) return side === 'ours' ? 'Máy này' : 'Máy khác';
  return side === 'ours' ? 'Bản 1' : 'Bản 2';
}

export function sideWho(s: Side): string {
  return `${s.profile ?? `máy ${s.device}`} · ${formatDateTime(s.at)}`;
}

/** What a conflict is about: "07264 · Kết quả mục kiểm tra 1.2.3". */
export function conflictTitle(c: Conflict): string {
  const what = `${unitKindLabel(c.kind)} ${c.ref}`;
  return c.agency ? `${c.agency} · ${what}` : what;
}
