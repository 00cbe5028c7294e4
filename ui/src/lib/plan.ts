// The annual inspection plan as the screens show it: coverage lines, labels, the register merged
// with the plan, filters, and the checks made before sending a change. Pure; the rules
// themselves (threshold, draw, amendments) live in the backend (kiemtra-core/src/plan.rs).

import type { Agency } from './bindings/Agency';
import type { Block } from './bindings/Block';
import type { BlockCoverage } from './bindings/BlockCoverage';
import type { DrawMethod } from './bindings/DrawMethod';
import type { NoticeDeadline } from './bindings/NoticeDeadline';
import type { Plan } from './bindings/Plan';
import type { PlanChange } from './bindings/PlanChange';
import type { RotationRow } from './bindings/RotationRow';
import type { SelectionMode } from './bindings/SelectionMode';
import type { Team } from './bindings/Team';
import type { TeamDecision } from './bindings/TeamDecision';
import type { Window } from './bindings/Window';
import { formatDate, formatNumber } from './format';
import { searchKey } from './text';

export const MODE_LABEL: Record<SelectionMode, string> = {
  manual: 'Chọn tay',
  random: 'Bốc thăm',
  rotation: 'Luân phiên',
};

export const DRAW_METHOD_LABEL: Record<DrawMethod, string> = {
  random: 'Ngẫu nhiên',
  rotation: 'Luân phiên',
};

/** The plan's coverage of each block and of the whole province. */
export interface PlanCoverage {
  provincial: BlockCoverage;
  commune: BlockCoverage;
  all: BlockCoverage;
}

/**
 * The plan's coverage, typed. Read it through here, not as `plan.coverage`: two Rust types are
 * exported as `bindings/Coverage.ts` (plan::Coverage, this shape, and evidence::Coverage, an
 * enum), and whichever ts-rs writes last wins. The JSON sent by show_plan is always this shape.
 */
export function planCoverage(plan: Pick<Plan, 'coverage'>): PlanCoverage {
  return plan.coverage as unknown as PlanCoverage;
}

/** A complete PlanChange (the command wants every key) with only `part` set. */
export function planChange(part: Partial<PlanChange> = {}): PlanChange {
  return {
    threshold: null,
    include: [],
    exclude: [],
    spot_checks: [],
    unmark_spot_checks: [],
    draw: null,
    reason: null,
    ...part,
  };
}

/** A threshold as written: 20 → "20%", 12.5 → "12,5%". */
export function formatPercent(value: number): string {
  return `${formatNumber(value)}%`;
}

/** How many more agencies a block needs (0 when it has enough). */
export function missing(b: BlockCoverage): number {
  return Math.max(0, b.required - b.selected);
}

/** "3/15 — cần 3 (20%)". */
export function coverageText(b: BlockCoverage, threshold: number): string {
  return `${b.selected}/${b.total} — cần ${b.required} (${formatPercent(threshold)})`;
}

/** "Đạt", or "Còn thiếu 2". */
export function coverageStatus(b: BlockCoverage): { met: boolean; text: string } {
  const m = missing(b);
  return m === 0 ? { met: true, text: 'Đạt' } : { met: false, text: `Còn thiếu ${m}` };
}

/** "Dự thảo", "Đã phê duyệt", "Đã phê duyệt (điều chỉnh lần 2)". */
export function planStatusText(plan: Pick<Plan, 'status' | 'revision'>): string {
  if (plan.status === 'draft') return 'Dự thảo';
  return plan.revision > 0 ? `Đã phê duyệt (điều chỉnh lần ${plan.revision})` : 'Đã phê duyệt';
}

/**
 * The years the year picker offers: every year that has a plan, this year and the next, and
 * the year being shown; newest first, each once.
 */
export function yearChoices(planYears: number[], currentYear: number, shown: number | null = null): number[] {
  const years = new Set<number>([...planYears, currentYear, currentYear + 1]);
  if (shown !== null) years.add(shown);
  return [...years].sort((a, b) => b - a);
}

/** "03/03 – 05/03/2026" within one year, "03/03/2026" for one day, "Chưa xếp lịch" without. */
export function windowText(w: Window | null): string {
  if (!w) return 'Chưa xếp lịch';
  if (w.from === w.to) return formatDate(w.from);
  const from = formatDate(w.from);
  const to = formatDate(w.to);
  if (w.from.slice(0, 4) === w.to.slice(0, 4) && /^\d\d\/\d\d\/\d{4}$/.test(from)) {
    return `${from.slice(0, 5)} – ${to}`;
  }
  return `${from} – ${to}`;
}

/**
 * Why a due date may be wrong: it was counted through years with no holiday data (only weekends
 * skipped there), or null when every day counted is known.
 */
export function holidayWarning(years: readonly number[]): string | null {
  if (years.length === 0) return null;
  return `Chưa có dữ liệu ngày nghỉ lễ năm ${years.join(', ')}: hạn chỉ bỏ qua thứ Bảy, Chủ nhật và có thể rơi vào ngày nghỉ. Hãy nhập ngày nghỉ của năm đó (kiemtra calendar import).`;
}

/**
 * The conclusion notice's deadline as the work list shows it: "Hạn 26/06/2026", "Quá hạn
 * 26/06/2026" (warned), "Đã ban hành", or "—" while the visit's days are unknown. A date
 * counted through a year without holiday data is marked "(chưa có ngày nghỉ lễ)" and warned.
 */
export function noticeDueText(n: NoticeDeadline | null): { text: string; tone: 'ok' | 'warn' | 'muted' | 'plain'; title: string } {
  if (!n) return { text: '—', tone: 'muted', title: 'Chưa biết ngày kiểm tra' };
  if (n.issued) return { text: 'Đã ban hành', tone: 'ok', title: 'Đã ban hành thông báo kết luận' };
  const rule = `Ban hành thông báo kết luận trong ${n.working_days} ngày làm việc sau ngày kiểm tra cuối`;
  const unsure = holidayWarning(n.years_without_holidays);
  const title = unsure ? `${rule}. ${unsure}` : rule;
  const mark = unsure ? ' (chưa có ngày nghỉ lễ)' : '';
  if (n.overdue) return { text: `Quá hạn ${formatDate(n.due)}${mark}`, tone: 'warn', title };
  return { text: `Hạn ${formatDate(n.due)}${mark}`, tone: unsure ? 'warn' : 'plain', title };
}

/** "A (Trưởng đoàn), B, C"; "Chưa phân công" for an empty team. */
export function teamText(team: Team): string {
  const names = [
    ...(team.lead ? [`${team.lead} (Trưởng đoàn)`] : []),
    ...team.members.filter((m) => m !== team.lead),
  ];
  return names.length === 0 ? 'Chưa phân công' : names.join(', ');
}

/** A random seed the user can read out and write down: six digits. */
export function randomSeed(random: () => number = Math.random): number {
  return 100_000 + Math.floor(random() * 900_000);
}

/** A typed seed: a whole number ≥ 0 that JavaScript holds exactly; null otherwise. */
export function parseSeed(text: string): number | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : null;
}

/** A typed threshold: "20", "12,5" or "12.5" (a % sign is allowed); over 0 and at most 100. */
export function parseThreshold(text: string): number | null {
  const t = text.trim().replace(/%$/, '').trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const n = Number(t);
  return n > 0 && n <= 100 ? n : null;
}

/** One line of the plan screen's register: an agency and what the plan says of it. */
export interface PlanRow {
  code: string;
  name: string;
  block: Block;
  selected: boolean;
  /** How it was chosen; null when not in the plan. */
  mode: SelectionMode | null;
  spotCheck: boolean;
  window: Window | null;
  team: Team;
  /** The last year it was inspected before the plan's year; null when never. */
  lastInspected: number | null;
  /** Unticked by hand: later draws pass it over. */
  excluded: boolean;
  /** The inspecting body (flagged in the register): never planned to inspect itself. */
  inspectingBody: boolean;
  /** The decision establishing its team (number, date, signer), once the lead records it. */
  decision: TeamDecision | null;
  /** The folded name and code, for the search box. */
  key: string;
}

const NO_TEAM: Team = { lead: null, members: [] };

/**
 * The active register with each agency's place in the plan: provincial units first, then
 * communes, each in the register's order. Planned agencies no
 * longer in the register (made inactive since) come last, so nothing in the plan is hidden.
 */
export function planRows(agencies: Agency[], plan: Plan | null, rotation: RotationRow[]): PlanRow[] {
  const planned = new Map((plan?.agencies ?? []).map((a) => [a.code, a]));
  const excluded = new Set(plan?.excluded ?? []);
  const last = new Map(rotation.map((r) => [r.code, r.last_inspected]));
  const inspecting = new Set(agencies.filter((a) => a.inspecting_body).map((a) => a.code));
  const row = (code: string, name: string, block: Block): PlanRow => {
    const p = planned.get(code);
    return {
      code,
      name,
      block,
      selected: p !== undefined,
      mode: p?.mode ?? null,
      spotCheck: p?.spot_check ?? false,
      window: p?.window ?? null,
      team: p?.team ?? NO_TEAM,
      lastInspected: last.get(code) ?? null,
      excluded: excluded.has(code),
      inspectingBody: inspecting.has(code),
      decision: p?.decision ?? null,
      key: searchKey(`${name} ${code}`),
    };
  };
  const active = agencies.filter((a) => a.active);
  const rows = [
    ...active.filter((a) => a.block === 'provincial'),
    ...active.filter((a) => a.block !== 'provincial'),
  ].map((a) => row(a.code, a.name, a.block));
  const shown = new Set(rows.map((r) => r.code));
  for (const p of plan?.agencies ?? []) {
    if (!shown.has(p.code)) rows.push(row(p.code, p.name, p.block));
  }
  return rows;
}

export type SelectionFilter = '' | 'selected' | 'unselected';

/** The rows matching the search box (no diacritics needed), the block and the selection filter. */
export function filterRows(rows: PlanRow[], query: string, block: '' | Block, selection: SelectionFilter): PlanRow[] {
  const q = searchKey(query);
  return rows.filter(
    (r) =>
      (block === '' || r.block === block) &&
      (selection === '' || (selection === 'selected') === r.selected) &&
      (q === '' || r.key.includes(q)),
  );
}

/** What is wrong with a schedule before it is sent, in Vietnamese; null when it can be sent. */
export function scheduleProblem(from: string, to: string, year: number): string | null {
  if (from === '' || to === '') return 'Hãy chọn cả ngày bắt đầu và ngày kết thúc.';
  if (to < from) return 'Ngày kết thúc đang trước ngày bắt đầu.';
  if (!from.startsWith(`${year}-`) || !to.startsWith(`${year}-`)) return `Lịch kiểm tra phải nằm trong năm ${year}.`;
  return null;
}

/**
 * Runs async tasks one after another, in the order they were given, whatever happens to each.
 * Ticks sent quickly in a row reach the backend, and their answers the screen, in order.
 */
export function serial(): <T>(task: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const next = last.then(() => task());
    last = next.catch(() => undefined);
    return next;
  };
}

