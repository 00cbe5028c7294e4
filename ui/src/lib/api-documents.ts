// The documents commands (conclusion notice, inspection minutes, plan): preview, PDF, issue,
// versions, reopening for a correction and the document settings. Kept apart from api.ts so
// the documents screen can grow without touching the shared module; every call goes through
// its `call`, so rejections are `ApiError { code, message }` here too.

import { call } from './api';
import type { DocumentRef } from './bindings/DocumentRef';
import type { DocumentSettings } from './bindings/DocumentSettings';
import type { Minutes } from './bindings/Minutes';
import type { MinutesDetails } from './bindings/MinutesDetails';
import type { Notice } from './bindings/Notice';
import type { Plan } from './bindings/Plan';
import type { WorkingDate } from './bindings/WorkingDate';

/**
 * The pages of a document as standalone SVG strings (A4 in points), made by our own backend
 * (see `documentRef`); `date` is the date on the document ("YYYY-MM-DD"; today when null; an
 * issued notice keeps its issue date). A draft carries the grey "DỰ THẢO" watermark.
 */
export function previewDocument(document: DocumentRef, date: string | null): Promise<string[]> {
  return call<string[]>('preview_document', { document, date });
}

/** Writes the PDF under the data directory's exports/ and opens it in the system's PDF viewer; the path written. */
export function openDocument(document: DocumentRef, date: string | null): Promise<string> {
  return call<string>('open_document', { document, date });
}

/**
 * The remediation report's due date a notice of inspection `id` dated `date` would print
 * (today when null), with the years counted through that have no holiday data.
 */
export function noticeDueDate(id: number, date: string | null): Promise<WorkingDate> {
  return call<WorkingDate>('notice_due_date', { id, date });
}

/**
 * Issues the conclusion notice of inspection `id` (lead only): fixes number and date, keeps the
 * final PDF with its SHA-256 and locks the inspection. A correction (a previous version exists)
 * needs a reason. Errors: `lead_only`, `inspection_locked`, `invalid`, `notice_number_taken`.
 */
export function issueNotice(id: number, number: string, date: string, reason: string | null): Promise<Notice> {
  return call<Notice>('issue_notice', { id, number, date, reason });
}

/** Every issued version of the notice of inspection `id`, oldest first (`replaces` names the replaced one). */
export function listNotices(id: number): Promise<Notice[]> {
  return call<Notice[]>('list_notices', { id });
}

/** Reopens an issued inspection for a correction (lead only, with a reason); the issued versions stay. */
export function reopenInspection(id: number, reason: string): Promise<void> {
  return call<void>('reopen_inspection', { id, reason });
}

/** The settings every document is made with (the defaults until a lead saves them). */
export function documentSettings(): Promise<DocumentSettings> {
  return call<DocumentSettings>('document_settings');
}

/** Saves the settings (lead only; margins and body size are checked against the decree); the settings as stored. */
export function saveDocumentSettings(settings: DocumentSettings): Promise<DocumentSettings> {
  return call<DocumentSettings>('save_document_settings', { settings });
}

/** What the team entered about the visit of inspection `id` for its minutes (hours, place, representatives, secretary). */
export function minutesDetails(id: number): Promise<Minutes> {
  return call<Minutes>('minutes_details', { id });
}

/**
 * Saves the minutes' details of inspection `id` whole (empty fields are cleared). Errors:
 * `invalid` (a time not HH:MM, an end before the start, a representative without a name),
 * `inspection_locked` once the notice is issued.
 */
export function saveMinutesDetails(id: number, details: MinutesDetails): Promise<Minutes> {
  return call<Minutes>('save_minutes_details', { id, details });
}

/** Sets the plan's working-day deadlines: the remediation report after the notice, the notice after the visit (lead only). */
export function setPlanDeadlines(year: number, remediationDays: number, noticeDays: number): Promise<Plan> {
  return call<Plan>('set_plan_deadlines', { year, remediationDays, noticeDays });
}
