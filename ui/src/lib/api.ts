// The one module that talks to the Rust backend. Components import these functions, never
// `invoke`. Every rejection becomes an `ApiError` with the backend's `code` and Vietnamese
// `message`. To add a command: a typed wrapper here, named after it.

import { invoke } from '@tauri-apps/api/core';

import type { Agency } from './bindings/Agency';
import type { AgencyFilter } from './bindings/AgencyFilter';
import type { Checklist } from './bindings/Checklist';
import type { ErrorPayload } from './bindings/ErrorPayload';
import type { FrameworkTree } from './bindings/FrameworkTree';
import type { FrameworkVersion } from './bindings/FrameworkVersion';
import type { Plan } from './bindings/Plan';
import type { PlanChange } from './bindings/PlanChange';
import type { Profile } from './bindings/Profile';
import type { Role } from './bindings/Role';
import type { RotationRow } from './bindings/RotationRow';
import type { ScheduleChange } from './bindings/ScheduleChange';
import type { Status } from './bindings/Status';
import type { WorkItem } from './bindings/WorkItem';

export class ApiError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

function isErrorPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorPayload).code === 'string' &&
    typeof (value as ErrorPayload).message === 'string'
  );
}

/**
 * Any rejection as an ApiError: the backend's `{ code, message }` as is; a bare string (Tauri's
 * own errors, e.g. a command not allowed) as code "internal"; a thrown Error (no backend, as in
 * a plain browser) as code "ipc".
 */
export function toApiError(reason: unknown): ApiError {
  if (reason instanceof ApiError) return reason;
  if (isErrorPayload(reason)) return new ApiError(reason.code, reason.message);
  if (typeof reason === 'string') return new ApiError('internal', reason);
  if (reason instanceof Error) {
    return new ApiError('ipc', `Không liên lạc được với phần xử lý của ứng dụng (${reason.message}).`);
  }
  return new ApiError('internal', 'Lỗi không xác định từ phần xử lý của ứng dụng.');
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}

/** The store's contents and the current user, for the header. */
export function appInfo(): Promise<Status> {
  return call<Status>('app_info');
}

/** Agencies in Vietnamese order; `search` ignores case and diacritics on the backend. */
export function listAgencies(filter: AgencyFilter): Promise<Agency[]> {
  return call<Agency[]>('list_agencies', { filter });
}

/** The PAR framework tree of `version`, or of the current version when null. */
export function showFramework(version: string | null): Promise<FrameworkTree> {
  return call<FrameworkTree>('show_framework', { version });
}

export function listFrameworkVersions(): Promise<FrameworkVersion[]> {
  return call<FrameworkVersion[]>('list_framework_versions');
}

/** The current checklist; with an agency code, only the items that apply to that agency. */
export function showChecklist(agency: string | null): Promise<Checklist> {
  return call<Checklist>('show_checklist', { agency });
}

export function listProfiles(): Promise<Profile[]> {
  return call<Profile[]>('list_profiles');
}

export function addProfile(name: string, role: Role, title: string | null): Promise<Profile> {
  return call<Profile>('add_profile', { name, role, title });
}

/** Makes `name` the current user; every later change is recorded under it. */
export function useProfile(name: string): Promise<Profile> {
  return call<Profile>('use_profile', { name });
}

// ── The annual inspection plan ──────────────────────────────────────────────────────────────
// Every change is reserved to a team lead (`lead_only`); a final plan refuses a change without
// a reason (`plan_final`): ask for the reason of the amendment and send again with it.

/** Years that have a plan, newest first. */
export function listPlanYears(): Promise<number[]> {
  return call<number[]>('list_plan_years');
}

/** The plan of `year`; rejects with `plan_not_found` when there is none yet. */
export function showPlan(year: number): Promise<Plan> {
  return call<Plan>('show_plan', { year });
}

/** The plan of `year`, or null when there is none yet (any other error still rejects). */
export async function findPlan(year: number): Promise<Plan | null> {
  try {
    return await showPlan(year);
  } catch (reason) {
    const err = toApiError(reason);
    if (err.code === 'plan_not_found') return null;
    throw err;
  }
}

/** Applies one change (creating the draft when there is no plan yet); the plan as it now is. */
export function changePlan(year: number, change: PlanChange): Promise<Plan> {
  return call<Plan>('change_plan', { year, change });
}

/** Ticks (includes) or unticks (excludes from later draws too) one agency. */
export function selectPlanAgency(year: number, code: string, selected: boolean, reason: string | null): Promise<Plan> {
  return call<Plan>('select_plan_agency', { year, code, selected, reason });
}

/** Approves the plan; `coverage_below_threshold` names each block's shortfall. */
export function finalizePlan(year: number): Promise<Plan> {
  return call<Plan>('finalize_plan', { year });
}

/** Sets the date window and team of one planned inspection (`schedule_conflict` on overlaps). */
export function scheduleInspection(year: number, schedule: ScheduleChange): Promise<Plan> {
  return call<Plan>('schedule_inspection', { year, schedule });
}

/** Every active agency with the last year it was inspected before `year`, oldest first. */
export function planRotation(year: number): Promise<RotationRow[]> {
  return call<RotationRow[]>('plan_rotation', { year });
}

/** The planned inspections of `year`, the current user's teams first. */
export function workList(year: number): Promise<WorkItem[]> {
  return call<WorkItem[]>('work_list', { year });
}
