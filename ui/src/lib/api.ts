// The one module that talks to the Rust backend. Components import these functions, never
// `invoke`. Every rejection becomes an `ApiError` with the backend's `code`, Vietnamese
// `message` and the `field` it is about. To add a command: a typed wrapper here, named after it.

import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { getCurrentWebview } from '@tauri-apps/api/webview';
import { open as openDialog } from '@tauri-apps/plugin-dialog';

import type { Agency } from './bindings/Agency';
import type { AgencyFilter } from './bindings/AgencyFilter';
import type { Checklist } from './bindings/Checklist';
import type { DecisionChange } from './bindings/DecisionChange';
import type { ErrorCode } from './bindings/ErrorCode';
import type { ErrorPayload } from './bindings/ErrorPayload';
import type { Evidence } from './bindings/Evidence';
import type { Finding } from './bindings/Finding';
import type { FrameworkTree } from './bindings/FrameworkTree';
import type { FrameworkVersion } from './bindings/FrameworkVersion';
import type { Inspection } from './bindings/Inspection';
import type { InspectionItem } from './bindings/InspectionItem';
import type { InspectionSummary } from './bindings/InspectionSummary';
import type { Mapping } from './bindings/Mapping';
import type { Matrix } from './bindings/Matrix';
import type { NewFinding } from './bindings/NewFinding';
import type { Plan } from './bindings/Plan';
import type { PlanChange } from './bindings/PlanChange';
import type { PlanReference } from './bindings/PlanReference';
import type { Profile } from './bindings/Profile';
// Named ItemRecord here: `Record` would hide TypeScript's own Record<K, V>.
import type { Record as ItemRecord } from './bindings/Record';
import type { Role } from './bindings/Role';
import type { RotationRow } from './bindings/RotationRow';
import type { ScheduleChange } from './bindings/ScheduleChange';
import type { Status } from './bindings/Status';
import type { VerifyReport } from './bindings/VerifyReport';
import type { WorkItem } from './bindings/WorkItem';

/**
 * Every code an ApiError can carry: the backend's, plus the UI's own — `unsaved` (an answer the
 * inspection screen could not store) and `ipc` (no backend to talk to).
 */
export type UiErrorCode = ErrorCode | 'unsaved' | 'ipc';

export class ApiError extends Error {
  readonly code: UiErrorCode;
  /** The input an `invalid` error is about, as the backend names it ("note", "value", …). */
  readonly field: string | null;

  constructor(code: UiErrorCode, message: string, field: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = field;
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

/** The payload's field, when it has one (a backend older than `field` sends none). */
function fieldOfPayload(p: ErrorPayload): string | null {
  return typeof p.field === 'string' ? p.field : null;
}

/**
 * Any rejection as an ApiError: the backend's `{ code, message, field }` as is; a bare string (Tauri's
 * own errors, e.g. a command not allowed) as code "internal"; a thrown Error (no backend, as in
 * a plain browser) as code "ipc".
 */
export function toApiError(reason: unknown): ApiError {
  if (reason instanceof ApiError) return reason;
  if (isErrorPayload(reason)) return new ApiError(reason.code, reason.message, fieldOfPayload(reason));
  if (typeof reason === 'string') return new ApiError('internal', reason);
  if (reason instanceof Error) {
    return new ApiError('ipc', `Không liên lạc được với phần xử lý của ứng dụng (${reason.message}).`);
  }
  return new ApiError('internal', 'Lỗi không xác định từ phần xử lý của ứng dụng.');
}

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
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

/** Opens the encrypted store with its passphrase (or, `recovery`, its recovery key). */
export function unlockStore(secret: string, recovery: boolean): Promise<Status> {
  return call<Status>('unlock_store', { secret, recovery });
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

/** Sets the plan's own number, date and issuer once issued (lead only); documents cite them. */
export function setPlanReference(year: number, reference: PlanReference): Promise<Plan> {
  return call<Plan>('set_plan_reference', { year, reference });
}

/** Whether inspections started from now on include co-operation duties (lead only). */
export function setPlanCooperation(year: number, inspected: boolean): Promise<Plan> {
  return call<Plan>('set_plan_cooperation', { year, inspected });
}

/** Sets the decision establishing one planned inspection's team (lead only). */
export function setTeamDecision(year: number, decision: DecisionChange): Promise<Plan> {
  return call<Plan>('set_team_decision', { year, decision });
}

/** Every active agency with the last year it was inspected before `year`, oldest first. */
export function planRotation(year: number): Promise<RotationRow[]> {
  return call<RotationRow[]>('plan_rotation', { year });
}

/** The planned inspections of `year`, the current user's teams first. */
export function workList(year: number): Promise<WorkItem[]> {
  return call<WorkItem[]>('work_list', { year });
}

// ── Inspections ────────────────────────────────────────────────────────────────────────────
// A submitted inspection refuses an inspector's changes, an accepted or issued one everyone's
// (`inspection_locked`). Each change is one transaction, committed before the reply.

/** Inspections of `year` (or of every year), newest first, with their progress. */
export function listInspections(year: number | null): Promise<InspectionSummary[]> {
  return call<InspectionSummary[]>('list_inspections', { year });
}

/** The id of the inspection of `agency` in `year`, or null when it has not been started. */
export function findInspection(year: number, agency: string): Promise<number | null> {
  return call<number | null>('find_inspection', { year, agency });
}

/** Starts the inspection of a planned agency, freezing its checklist (`not_in_plan`, `inspection_exists`). */
export function startInspection(year: number, agency: string, date: string | null): Promise<Inspection> {
  return call<Inspection>('start_inspection', { year, agency, date });
}

export function showInspection(id: number): Promise<Inspection> {
  return call<Inspection>('show_inspection', { id });
}

/**
 * Records the answer to one item. Resolves only once the change is committed to disk, with
 * the item as stored (and judged). `invalid` when N/A has no reason, when a status contradicts
 * the automatic judgement without a note, or for a figure on an item without target.
 */
export function recordItem(id: number, sourceRef: string, record: ItemRecord): Promise<InspectionItem> {
  return call<InspectionItem>('record_item', { id, sourceRef, record });
}

export function addFinding(id: number, finding: NewFinding): Promise<Finding> {
  return call<Finding>('add_finding', { id, finding });
}

export function removeFinding(id: number, findingId: number): Promise<void> {
  return call<void>('remove_finding', { id, findingId });
}

/** Submits the inspection for the lead's review. */
export function submitInspection(id: number): Promise<Inspection> {
  return call<Inspection>('submit_inspection', { id });
}

/** The lead accepts a submitted inspection, or returns it with a comment (required then). */
export function reviewInspection(id: number, accept: boolean, comment: string | null): Promise<Inspection> {
  return call<Inspection>('review_inspection', { id, accept, comment });
}

/** Self-assessed and appraised score of one criterion that has max points. */
export function setScore(
  id: number,
  criterion: string,
  selfScore: number | null,
  appraisedScore: number | null,
  justification: string | null,
): Promise<Inspection> {
  return call<Inspection>('set_score', { id, criterion, selfScore, appraisedScore, justification });
}

// ── Evidence (tài liệu kiểm chứng) ─────────────────────────────────────────────────────────

export function listEvidence(id: number): Promise<Evidence[]> {
  return call<Evidence[]>('list_evidence', { id });
}

/**
 * Copies files into the store, all or none (`evidence_refused` names the file and why). While
 * copying, the backend emits `evidence-progress` events: see `onEvidenceProgress`.
 */
export function addEvidence(id: number, paths: string[], mapping: Mapping): Promise<Evidence[]> {
  return call<Evidence[]>('add_evidence', { id, paths, mapping });
}

export function remapEvidence(evidenceId: number, mapping: Mapping): Promise<Evidence> {
  return call<Evidence>('remap_evidence', { evidenceId, mapping });
}

export function removeEvidence(evidenceId: number): Promise<void> {
  return call<void>('remove_evidence', { evidenceId });
}

/** Completeness: each item of the inspection against the evidence attached to it or its criteria. */
export function evidenceMatrix(id: number): Promise<Matrix> {
  return call<Matrix>('evidence_matrix', { id });
}

/** Recomputes the SHA-256 of every stored file of inspection `id` (all inspections with null). */
export function verifyEvidence(id: number | null): Promise<VerifyReport> {
  return call<VerifyReport>('verify_evidence', { id });
}

/** A `data:image/png` thumbnail for an image, or null for other files. */
export function evidenceThumbnail(evidenceId: number): Promise<string | null> {
  return call<string | null>('evidence_thumbnail', { evidenceId });
}

/** Opens a read-only copy of the file in the system's viewer. */
export function openEvidence(evidenceId: number): Promise<void> {
  return call<void>('open_evidence', { evidenceId });
}

export interface CopyProgress {
  done: number;
  total: number;
}

/** Listens to the copy progress of add_evidence; resolves to the function that stops listening. */
export async function onEvidenceProgress(handler: (p: CopyProgress) => void): Promise<() => void> {
  try {
    return await listen<CopyProgress>('evidence-progress', (e) => handler(e.payload));
  } catch (reason) {
    throw toApiError(reason);
  }
}

/** The system's file chooser (several files, no folders); an empty list when cancelled. */
export async function chooseFiles(title: string): Promise<string[]> {
  try {
    const chosen = await openDialog({ multiple: true, directory: false, title });
    if (chosen === null) return [];
    return Array.isArray(chosen) ? chosen : [chosen];
  } catch (reason) {
    throw toApiError(reason);
  }
}

export interface FileDrop {
  /** enter/over: files are dragged over the window; drop: they were let go; leave: cancelled. */
  type: 'enter' | 'over' | 'drop' | 'leave';
  paths: string[];
  /** Where, in CSS pixels of the page (null for leave). */
  x: number | null;
  y: number | null;
}

/**
 * Files dragged from the desktop onto the window. Resolves to the function that stops
 * listening; outside the app (a plain browser) nothing is ever reported.
 */
export async function onFileDrop(handler: (drop: FileDrop) => void): Promise<() => void> {
  let webview;
  try {
    webview = getCurrentWebview();
  } catch {
    return () => {};
  }
  try {
    return await webview.onDragDropEvent((e) => {
      const p = e.payload;
      const scale = window.devicePixelRatio || 1;
      const at = p.type === 'leave' ? null : p.position;
      handler({
        type: p.type,
        paths: p.type === 'enter' || p.type === 'drop' ? p.paths : [],
        x: at ? at.x / scale : null,
        y: at ? at.y / scale : null,
      });
    });
  } catch (reason) {
    throw toApiError(reason);
  }
}
