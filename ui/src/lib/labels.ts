// Vietnamese names for the codes the backend uses. One place, so every screen says the same.

import type { Block } from './bindings/Block';
import type { FindingKind } from './bindings/FindingKind';
import type { FollowupStatus } from './bindings/FollowupStatus';
import type { InspectionStatus } from './bindings/InspectionStatus';
import type { ItemStatus } from './bindings/ItemStatus';
import type { Judgement } from './bindings/Judgement';
import type { Level } from './bindings/Level';
import type { Role } from './bindings/Role';
import type { Severity } from './bindings/Severity';
import type { ItemView } from './inspection';

export const BLOCK_LABEL: Record<Block, string> = {
  provincial: 'Sở, ban, ngành',
  commune: 'UBND cấp xã',
};

/** The block filter's wording, where the commune block reads as the units it contains. */
export const BLOCK_FILTER_LABEL: Record<Block, string> = {
  provincial: 'Sở, ban, ngành',
  commune: 'Xã, phường',
};

export function blockLabel(block: Block): string {
  return BLOCK_LABEL[block] ?? block;
}

/** "xa" → "Xã", "phuong" → "Phường"; departments have no kind: "—". */
export function kindLabel(kind: string | null): string {
  switch (kind) {
    case 'xa':
      return 'Xã';
    case 'phuong':
      return 'Phường';
    case null:
    case '':
      return '—';
    default:
      return kind;
  }
}

export const LEVEL_LABEL: Record<Level, string> = {
  field: 'Lĩnh vực',
  criterion: 'Tiêu chí',
  sub_criterion: 'Tiêu chí thành phần',
};

export const ROLE_LABEL: Record<Role, string> = {
  inspector: 'Thành viên đoàn',
  lead: 'Trưởng đoàn',
};

// ── Inspections ────────────────────────────────────────────────────────────────────────────

/** An inspection's review status, as its badge says it. */
export const INSPECTION_STATUS_LABEL: Record<InspectionStatus, string> = {
  in_progress: 'Đang kiểm tra',
  submitted: 'Đã nộp chờ duyệt',
  returned: 'Được trả lại',
  accepted: 'Đã duyệt',
};

/** An inspection whose conclusion notice is issued (locked), whatever its review status. */
export const ISSUED_LABEL = 'Đã ban hành';

export const ITEM_STATUS_LABEL: Record<ItemStatus, string> = {
  met: 'Đạt',
  partial: 'Đạt một phần',
  unmet: 'Chưa đạt',
  na: 'Không áp dụng',
};

export const JUDGEMENT_LABEL: Record<Judgement, string> = {
  met: 'Đạt chỉ tiêu',
  unmet: 'Không đạt chỉ tiêu',
  on_time: 'Đúng hạn',
  late: 'Trễ hạn',
};

export const FINDING_KIND_LABEL: Record<FindingKind, string> = {
  strength: 'Ưu điểm',
  shortcoming: 'Hạn chế',
};

export const SEVERITY_LABEL: Record<Severity, string> = {
  low: 'Thấp',
  medium: 'Trung bình',
  high: 'Cao',
};

/** The item list's views (the order is the filter's). */
export const ITEM_VIEW_LABEL: Record<ItemView, string> = {
  remaining: 'Còn lại',
  disagreements: 'Khác đánh giá tự động',
  all: 'Tất cả',
};

// ── Follow-up of recommendations ──────────────────────────────────────────────────────────

/** Where a recommendation stands (the backend's `FollowupStatus::label`). */
export const FOLLOWUP_STATUS_LABEL: Record<FollowupStatus, string> = {
  open: 'Chưa báo cáo',
  in_progress: 'Đang khắc phục',
  done: 'Đã khắc phục',
  not_done: 'Không khắc phục được',
};
