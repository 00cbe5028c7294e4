// The work list's filters: the block and the state of each planned inspection, so the
// dashboard's figures open the list behind them ("3 đã nộp chờ duyệt" → those three).

import type { Block } from './bindings/Block';
import type { InspectionStatus } from './bindings/InspectionStatus';
import { INSPECTION_STATUS_LABEL, ISSUED_LABEL } from './labels';

/**
 * Where a planned inspection stands, as the year's figures count it (`AgencyFigures.state`):
 * not started, its review status, or concluded once its notice is issued.
 */
export type WorkState = 'not_started' | InspectionStatus | 'concluded';

/** A state filter: one state, or every started inspection ("đã kiểm tra"). */
export type WorkStateFilter = '' | WorkState | 'started';

export const WORK_STATE_LABEL: Record<WorkState, string> = {
  not_started: 'Chưa bắt đầu',
  ...INSPECTION_STATUS_LABEL,
  concluded: ISSUED_LABEL,
};

/** The state filter's choices, in the order of the select. */
export const WORK_STATE_CHOICES: readonly { value: WorkStateFilter; label: string }[] = [
  { value: '', label: 'Tất cả' },
  { value: 'not_started', label: WORK_STATE_LABEL.not_started },
  { value: 'started', label: 'Đã bắt đầu kiểm tra' },
  { value: 'in_progress', label: WORK_STATE_LABEL.in_progress },
  { value: 'submitted', label: WORK_STATE_LABEL.submitted },
  { value: 'returned', label: WORK_STATE_LABEL.returned },
  { value: 'accepted', label: WORK_STATE_LABEL.accepted },
  { value: 'concluded', label: WORK_STATE_LABEL.concluded },
];

/** The state of a planned agency from its inspection, if started (locked = notice issued). */
export function workState(started: { status: InspectionStatus; locked: boolean } | undefined): WorkState {
  if (!started) return 'not_started';
  return started.locked ? 'concluded' : started.status;
}

export interface WorkFilter {
  block: '' | Block;
  state: WorkStateFilter;
}

export const NO_WORK_FILTER: WorkFilter = { block: '', state: '' };

/** Whether a planned agency of `block` in `state` passes the filter. */
export function workMatches(block: Block, state: WorkState, f: WorkFilter): boolean {
  if (f.block !== '' && block !== f.block) return false;
  if (f.state === '') return true;
  if (f.state === 'started') return state !== 'not_started';
  return state === f.state;
}
