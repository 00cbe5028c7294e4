// The follow-up and year-figures commands: the recommendations of issued notices with their
// due dates and the agencies' remediation reports, and the figures of a year that the
// dashboard, the report PDF and the XLSX export all draw from. Every call goes through `call`,
// so rejections are `ApiError { code, message, field }`.

import { call } from './api';
import type { FollowupEntry } from './bindings/FollowupEntry';
import type { FollowupFilter } from './bindings/FollowupFilter';
import type { FollowupReport } from './bindings/FollowupReport';
import type { NewFollowupReport } from './bindings/NewFollowupReport';
import type { YearFigures } from './bindings/YearFigures';

/** The figures of `year`, overdue counts judged on `asOf` ("YYYY-MM-DD"; today when null). */
export function yearFigures(year: number, asOf: string | null = null): Promise<YearFigures> {
  return call<YearFigures>('year_figures', { year, asOf });
}

/**
 * Writes the year's workbook (XLSX) into the chosen folder `dir`; the path written. A year
 * without a plan is `plan_not_found`.
 */
export function exportYearXlsx(year: number, dir: string): Promise<string> {
  return call<string>('export_year_xlsx', { year, dir });
}

/** The recommendations to follow up, by due date, judged on `asOf` (today when null). */
export function listFollowups(filter: FollowupFilter, asOf: string | null = null): Promise<FollowupEntry[]> {
  return call<FollowupEntry[]>('list_followups', { filter, asOf });
}

/** The remediation reports recorded for entry `id`, oldest first, with their files. */
export function followupReports(id: number): Promise<FollowupReport[]> {
  return call<FollowupReport[]>('followup_reports', { id });
}

/**
 * Records the agency's remediation report for entry `id` (lead only) with the files it sent.
 * Errors: `followup_not_found`, `followup_before_notice`, `followup_status` (done twice, or a
 * reopening without a reason), `invalid` (a date), `lead_only`.
 */
export function recordFollowup(id: number, report: NewFollowupReport, files: string[] = []): Promise<FollowupEntry> {
  return call<FollowupEntry>('record_followup', { id, report, files });
}
