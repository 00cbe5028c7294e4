// Pure logic of the dashboard (Tổng quan): what each chart draws from the year's figures
// (`year_figures`, the same numbers as the report PDF and the XLSX export) — bar lengths as
// fractions of the chart's width, stacked segments, the threshold mark — and the words a
// screen reader reads instead. The components only draw what this returns.

import type { AgencyFigures } from './bindings/AgencyFigures';
import type { BlockFigures } from './bindings/BlockFigures';
import type { FieldFigures } from './bindings/FieldFigures';
import type { FollowupFigures } from './bindings/FollowupFigures';
import type { FollowupStatus } from './bindings/FollowupStatus';
import type { StateFigures } from './bindings/StateFigures';
import { formatNumber } from './format';
import { FOLLOWUP_STATUS_LABEL, ITEM_STATUS_LABEL } from './labels';
import { WORK_STATE_LABEL, type WorkState } from './worklist';

/** A count the Vietnamese way: 1250 → "1.250". */
export function n(value: number): string {
  return formatNumber(value, 0);
}

/** A share as a percent with a decimal comma: (1, 3) → "33,3%"; "0%" of nothing. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${formatNumber((part / whole) * 100, 1)}%` : '0%';
}

/** `value / scale` kept within [0, 1]; 0 when the scale is empty. */
export function fraction(value: number, scale: number): number {
  if (!(scale > 0) || !(value > 0)) return 0;
  return Math.min(1, value / scale);
}

// ── Coverage ───────────────────────────────────────────────────────────────────────────────

export type CoverageKind = 'planned' | 'inspected' | 'concluded';

export const COVERAGE_KIND_LABEL: Record<CoverageKind, string> = {
  planned: 'Trong kế hoạch',
  inspected: 'Đã kiểm tra',
  concluded: 'Đã ban hành kết luận',
};

/** The blocks' names on the dashboard (the backend calls the whole province "Tất cả"). */
export const COVERAGE_BLOCK_LABEL: Record<string, string> = {
  provincial: 'Sở, ban, ngành',
  commune: 'UBND cấp xã',
  all: 'Toàn tỉnh',
};

export interface CoverageBar {
  kind: CoverageKind;
  label: string;
  value: number;
  /** Length as a fraction of the chart's width. */
  fraction: number;
}

export interface CoverageChart {
  block: string;
  label: string;
  bars: CoverageBar[];
  /** Where the required count falls, as a fraction of the width; null when nothing is required. */
  mark: number | null;
  required: number;
  agencies: number;
  met: boolean;
  /** "Đạt ngưỡng" or "Còn thiếu 3 cuộc". */
  status: string;
  /** The whole chart in words, for its aria-label. */
  summary: string;
}

/**
 * One block's coverage: planned, inspected and concluded against the count the threshold
 * requires. The scale is the larger of what is required and what is planned (so the mark and
 * every bar fit, and a block of 99 communes with 20 required does not draw hairlines).
 */
export function coverageChart(b: BlockFigures, threshold: number): CoverageChart {
  const scale = Math.max(b.required, b.planned, b.inspected, b.concluded, 1);
  const kinds: CoverageKind[] = ['planned', 'inspected', 'concluded'];
  const bars = kinds.map((kind) => ({ kind, label: COVERAGE_KIND_LABEL[kind], value: b[kind], fraction: fraction(b[kind], scale) }));
  const short = Math.max(0, b.required - b.concluded);
  const status = b.threshold_met ? 'Đạt ngưỡng' : `Còn thiếu ${n(short)} cuộc`;
  const label = COVERAGE_BLOCK_LABEL[b.block] ?? b.label;
  const summary =
    `${label}: ngưỡng ${thresholdText(threshold)} của ${n(b.agencies)} cơ quan là ${n(b.required)}; ` +
    bars.map((bar) => `${bar.label.toLowerCase()} ${n(bar.value)}`).join(', ') +
    `. ${status}.`;
  return {
    block: b.block,
    label,
    bars,
    mark: b.required > 0 ? fraction(b.required, scale) : null,
    required: b.required,
    agencies: b.agencies,
    met: b.threshold_met,
    status,
    summary,
  };
}

/** The plan's threshold (a percent, as the plan stores it: 20) as "20%". */
export function thresholdText(threshold: number): string {
  return `${formatNumber(threshold, 1)}%`;
}

// ── Inspections by state ───────────────────────────────────────────────────────────────────

export interface StateBar {
  state: WorkState;
  label: string;
  value: number;
  fraction: number;
}

const STATE_ORDER: WorkState[] = ['not_started', 'in_progress', 'submitted', 'returned', 'accepted', 'concluded'];

/** One bar per state, as a share of the planned inspections (the states add up to the plan). */
export function stateBars(s: StateFigures): StateBar[] {
  return STATE_ORDER.map((state) => ({ state, label: WORK_STATE_LABEL[state], value: s[state], fraction: fraction(s[state], s.planned) }));
}

// ── Stacked bars ───────────────────────────────────────────────────────────────────────────

export interface Segment<K extends string = string> {
  key: K;
  value: number;
  /** Start and length, in units of `width`. */
  x: number;
  width: number;
}

/**
 * Stacked segments for `parts` across `width` units, proportional to their values: empty parts
 * are left out, and the lengths are rounded to 0.01 so they add up to exactly `width` (the last
 * segment takes what rounding left). Nothing at all gives no segment.
 */
export function stack<K extends string>(parts: readonly { key: K; value: number }[], width = 100): Segment<K>[] {
  const shown = parts.filter((p) => p.value > 0);
  const total = shown.reduce((sum, p) => sum + p.value, 0);
  if (total <= 0) return [];
  const out: Segment<K>[] = [];
  let x = 0;
  shown.forEach((p, i) => {
    const w = i === shown.length - 1 ? width - x : Math.round(((p.value / total) * width) * 100) / 100;
    out.push({ key: p.key, value: p.value, x: Math.round(x * 100) / 100, width: Math.round(w * 100) / 100 });
    x += w;
  });
  return out;
}

// ── Results per PAR field ──────────────────────────────────────────────────────────────────

export type ResultKey = 'met' | 'partial' | 'unmet' | 'na';
export const RESULT_KEYS: readonly ResultKey[] = ['met', 'partial', 'unmet', 'na'];

export const RESULT_LABEL: Record<ResultKey, string> = {
  met: ITEM_STATUS_LABEL.met,
  partial: ITEM_STATUS_LABEL.partial,
  unmet: ITEM_STATUS_LABEL.unmet,
  na: 'Không áp dụng',
};

export type FieldBlock = 'provincial' | 'commune' | 'all';

export interface FieldRow {
  field: string;
  /** "I. Công tác chỉ đạo, điều hành" — or just the code when the framework lacks it. */
  name: string;
  total: number;
  counts: Record<ResultKey, number>;
  /** Bar length of the whole row: its total against the largest row's. */
  fraction: number;
  /** Segments across 100 units of the row's own bar. */
  segments: Segment<ResultKey>[];
  summary: string;
}

/** The rows of one block, in the framework's order; each bar as long as its share of the largest. */
export function fieldRows(fields: readonly FieldFigures[], block: FieldBlock): FieldRow[] {
  const of = fields.filter((f) => f.block === block);
  const max = Math.max(1, ...of.map((f) => f.met + f.partial + f.unmet + f.na));
  return of.map((f) => {
    const counts = { met: f.met, partial: f.partial, unmet: f.unmet, na: f.na };
    const total = f.met + f.partial + f.unmet + f.na;
    const name = fieldName(f);
    return {
      field: f.field,
      name,
      total,
      counts,
      fraction: fraction(total, max),
      segments: stack(RESULT_KEYS.map((key) => ({ key, value: counts[key] }))),
      summary: total === 0 ? `${name}: chưa có kết quả` : `${name}: ` + RESULT_KEYS.map((k) => `${RESULT_LABEL[k]} ${n(counts[k])}`).join(', '),
    };
  });
}

/** A field's name with its code ("I. Công tác …"), or the code alone. */
export function fieldName(f: Pick<FieldFigures, 'field' | 'name'>): string {
  const name = f.name.trim();
  if (name === '') return f.field;
  return name.startsWith(f.field) ? name : `${f.field}. ${name}`;
}

/** Whether any concluded inspection answered an item of some field. */
export function hasResults(fields: readonly FieldFigures[]): boolean {
  return fields.some((f) => f.block === 'all' && f.met + f.partial + f.unmet + f.na > 0);
}

// ── Follow-up ──────────────────────────────────────────────────────────────────────────────

export interface FollowupBar {
  status: FollowupStatus;
  label: string;
  value: number;
  fraction: number;
}

const FOLLOWUP_ORDER: FollowupStatus[] = ['open', 'in_progress', 'not_done', 'done'];

/** One bar per status, as a share of every recommendation of the year. */
export function followupBars(f: FollowupFigures): FollowupBar[] {
  return FOLLOWUP_ORDER.map((status) => ({
    status,
    label: FOLLOWUP_STATUS_LABEL[status],
    value: f[status],
    fraction: fraction(f[status], f.total),
  }));
}

/** The agencies with an overdue recommendation, the most overdue first, then by name. */
export function agenciesToRemind(agencies: readonly AgencyFigures[]): AgencyFigures[] {
  return agencies.filter((a) => a.overdue > 0).sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name, 'vi'));
}

/** "2 kiến nghị quá hạn tại 1 cơ quan" — or that none is overdue. */
export function overdueSummary(f: FollowupFigures): string {
  if (f.total === 0) return 'Chưa có kiến nghị nào cần theo dõi.';
  if (f.overdue === 0) return 'Không có kiến nghị nào quá hạn.';
  return `${n(f.overdue)} kiến nghị quá hạn tại ${n(f.agencies_to_remind)} cơ quan cần nhắc.`;
}
