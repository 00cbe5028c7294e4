// The minutes' details as the documents screen edits them: hours typed as people type them
// ("8:30", "8h30"), the place, the agency's representatives, the secretary. The backend checks
// again (`kiemtra_core::minutes`); this catches what it can before the round trip.

import type { MinutesDetails } from './bindings/MinutesDetails';

export interface MinutesForm {
  start: string;
  end: string;
  place: string;
  representatives: { name: string; title: string }[];
  secretary: string;
}

export function minutesForm(d: MinutesDetails): MinutesForm {
  return {
    start: d.start ?? '',
    end: d.end ?? '',
    place: d.place ?? '',
    representatives: d.representatives.map((r) => ({ name: r.name, title: r.title })),
    secretary: d.secretary ?? '',
  };
}

/** "8:30", "08:30", "8h30", "14h" → "08:30"…; null when it is not a time of day. */
export function parseTime(text: string): string | null {
  const m = /^\s*(\d{1,2})\s*(?:[:h]\s*(\d{1,2})?)?\s*$/i.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

export type MinutesCheck = { ok: true; details: MinutesDetails } | { ok: false; errors: Record<string, string> };

/** The form back as details (empty text as nothing, blank rows dropped), or each field's error. */
export function checkMinutesForm(f: MinutesForm): MinutesCheck {
  const t = (s: string) => s.normalize('NFC').trim();
  const errors: Record<string, string> = {};
  const time = (field: 'start' | 'end') => {
    if (t(f[field]) === '') return null;
    const v = parseTime(f[field]);
    if (v === null) errors[field] = `Giờ «${t(f[field])}» không hợp lệ: nhập dạng 08:30.`;
    return v;
  };
  const start = time('start');
  const end = time('end');
  const representatives = f.representatives
    .map((r) => ({ name: t(r.name), title: t(r.title) }))
    .filter((r) => r.name !== '' || r.title !== '');
  const nameless = representatives.findIndex((r) => r.name === '');
  if (nameless >= 0) errors.representatives = `Người đại diện thứ ${nameless + 1} chưa có họ tên.`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const orNull = (s: string) => (t(s) === '' ? null : t(s));
  return {
    ok: true,
    details: { start, end, place: orNull(f.place), representatives, secretary: orNull(f.secretary) },
  };
}
