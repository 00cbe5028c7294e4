// Numbers, dates and targets written the Vietnamese way: decimal comma, thousands dot,
// dd/mm/yyyy.

import type { Op } from './bindings/Op';
import type { Target } from './bindings/Target';

/**
 * A number with a decimal comma and a thousands dot: 1250.5 → "1.250,5", 0.71 → "0,71".
 * At most `maxFractionDigits` decimals, trailing zeros dropped.
 */
export function formatNumber(value: number, maxFractionDigits = 2): string {
  if (!Number.isFinite(value)) return '—';
  const negative = value < 0;
  const fixed = Math.abs(value).toFixed(maxFractionDigits);
  let [whole, fraction = ''] = fixed.split('.');
  fraction = fraction.replace(/0+$/, '');
  whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const body = fraction ? `${whole},${fraction}` : whole;
  // "-0" after rounding a tiny negative number is just "0".
  return negative && body !== '0' ? `-${body}` : body;
}

const OP_SYMBOL: Record<Op, string> = {
  '>': '>',
  '>=': '≥',
  '=': '=',
  '<=': '≤',
  '<': '<',
};

/** The comparison as it is printed: ">=" → "≥", "<=" → "≤"; ">", "<" and "=" stay. */
export function opSymbol(op: Op): string {
  return OP_SYMBOL[op] ?? op;
}

/**
 * A measurable target as the plan writes it: { ">=", 85, "%" } → "≥ 85%",
 * { ">=", 0.71, "điểm" } → "≥ 0,71 điểm". A percent sign sticks to the number; other units
 * take a space.
 */
export function formatTarget(target: Target): string {
  const unit = target.unit.trim();
  const number = formatNumber(target.value);
  const withUnit = unit === '' ? number : unit === '%' ? `${number}%` : `${number} ${unit}`;
  return `${opSymbol(target.op)} ${withUnit}`;
}

/**
 * An ISO date ("2026-12-31", or a timestamp starting with one) as "31/12/2026". Anything that
 * is not such a date comes back unchanged, so nothing the backend sends is hidden.
 */
export function formatDate(iso: string | null | undefined): string {
  if (iso == null || iso === '') return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return iso;
  return `${d}/${mo}/${y}`;
}

/**
 * A timestamp as recorded ("2026-11-27T09:05:12+07:00") as "27/11/2026 09:05", in the time it
 * was written with. Anything else comes back unchanged.
 */
export function formatDateTime(iso: string | null | undefined): string {
  if (iso == null || iso === '') return '—';
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})/.exec(iso);
  if (!m) return formatDate(iso);
  return `${formatDate(m[1])} ${m[2]}:${m[3]}`;
}
