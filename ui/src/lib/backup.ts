// When to remind about a backup: a store in use (someone has a profile) whose last backup is
// older than a week, or that was never backed up.

import type { LastBackup } from './bindings/LastBackup';

export const REMIND_AFTER_DAYS = 7;

export interface BackupReminder {
  due: boolean;
  /** What the reminder says (also shown, not due, in the backup dialog). */
  text: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `at` (RFC 3339) to `now`; null when `at` does not parse. */
export function daysSince(at: string, now: Date): number | null {
  const t = Date.parse(at);
  if (Number.isNaN(t)) return null;
  return Math.floor((now.getTime() - t) / DAY_MS);
}

function dateText(at: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(at);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : at;
}

export function backupReminder(last: LastBackup | null, profiles: number, now: Date): BackupReminder {
  if (last === null) {
    return {
      due: profiles > 0,
      text: 'Dữ liệu trên máy này chưa được sao lưu lần nào. Hãy sao lưu ra USB hoặc ổ khác để không mất dữ liệu khi máy hỏng hoặc thất lạc.',
    };
  }
  const days = daysSince(last.at, now);
  const when = dateText(last.at);
  if (days === null || days > REMIND_AFTER_DAYS) {
    return {
      due: profiles > 0,
      text: `Lần sao lưu gần nhất là ngày ${when}${days === null ? '' : ` (${days} ngày trước)`}, đã quá một tuần. Hãy sao lưu lại.`,
    };
  }
  return { due: false, text: `Lần sao lưu gần nhất: ngày ${when}${days > 0 ? ` (${days} ngày trước)` : ' (hôm nay)'}.` };
}
