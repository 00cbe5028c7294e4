// The first run: a store with no user profile opens on a short welcome (what the seeds loaded,
// the first profile, the year and who issues and signs the documents). Nothing else in the app
// asks for set-up; everything set here can be changed later where it lives.

import type { Role } from './bindings/Role';
import type { Status } from './bindings/Status';
import type { StoreSummary } from './bindings/StoreSummary';

/** The first run: the store opened and nobody has a profile on it yet. */
export function isFirstRun(status: Status | null): boolean {
  return status !== null && status.startup_error === null && status.summary.profiles === 0;
}

export type WelcomeStep = 'seeds' | 'profile' | 'documents' | 'done';

/** The steps in order: an inspector does not set the documents (only a lead may). */
export function welcomeSteps(role: Role | null): WelcomeStep[] {
  return role === 'inspector' ? ['seeds', 'profile', 'done'] : ['seeds', 'profile', 'documents', 'done'];
}

export interface SeedLine {
  label: string;
  value: string;
  /** Something the user should know before relying on it. */
  warning?: string;
}

/** What the seeds loaded, one line each, as the welcome lists it. */
export function seedLines(s: StoreSummary): SeedLine[] {
  const r = s.register;
  const lines: SeedLine[] = [
    {
      label: 'Cơ quan thuộc diện kiểm tra',
      value: `${r.provincial_active} sở, ban, ngành và ${r.communes} xã, phường (${r.xa} xã, ${r.phuong} phường)`,
    },
    s.framework_version
      ? {
          label: 'Khung Chỉ số CCHC',
          value: `${s.framework_version}: ${s.par_fields} lĩnh vực, ${s.par_criteria} tiêu chí và tiêu chí thành phần`,
        }
      : { label: 'Khung Chỉ số CCHC', value: 'chưa có', warning: 'Chưa nạp khung chỉ số: tài liệu kiểm chứng chưa gắn được với tiêu chí.' },
    s.checklist
      ? {
          label: 'Danh mục kiểm tra',
          value: `${s.checklist}: ${s.objectives} mục tiêu, ${s.items} nội dung kiểm tra`,
          warning:
            s.objectives_without_items > 0
              ? `${s.objectives_without_items} mục tiêu chưa có nội dung kiểm tra nào.`
              : undefined,
        }
      : { label: 'Danh mục kiểm tra', value: 'chưa có', warning: 'Chưa nạp danh mục: chưa bắt đầu được cuộc kiểm tra nào.' },
    holidayLine(s),
  ];
  return lines;
}

function holidayLine(s: StoreSummary): SeedLine {
  const years = s.holiday_years;
  const value = years.length === 0 ? 'chưa có' : `ngày nghỉ lễ, ngày làm bù năm ${years.join(', ')}`;
  const year = s.checklist_year;
  const warning =
    year !== null && !years.includes(year)
      ? `Chưa có ngày nghỉ lễ năm ${year}: hạn báo cáo chỉ trừ thứ Bảy, Chủ nhật cho đến khi nạp lịch (kiemtra calendar import).`
      : undefined;
  return { label: 'Lịch làm việc', value, warning };
}

/** The year the app works on, as the welcome states it: the year of the checklist in force. */
export function yearText(s: StoreSummary): string {
  if (s.checklist_year === null) return 'Chưa xác định (chưa có danh mục kiểm tra).';
  return `Năm ${s.checklist_year}, theo danh mục ${s.checklist ?? ''}`.trim();
}
