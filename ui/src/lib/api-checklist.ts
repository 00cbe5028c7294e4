// The checklist template commands (the "Danh mục kiểm tra" screen, lead only): export the year's
// template into a folder the user chose, preview and import an edited file as a new version of
// a year. Kept apart from api.ts like api-exchange.ts; every call goes through its `call`.

import { open as openDialog } from '@tauri-apps/plugin-dialog';

import { call, toApiError } from './api';
import type { TemplatePreview } from './bindings/TemplatePreview';

/** The template file written: its path and how many rows (one per item reference). */
export interface TemplateExport {
  path: string;
  rows: number;
}

export type TemplateFormat = 'xlsx' | 'csv';

/**
 * Writes `danh-muc-kiem-tra-<code>-v<version>.<xlsx|csv>` into `dir` (an existing folder;
 * `invalid` with field "dir" otherwise): the current template of `year`.
 */
export function exportChecklistTemplate(year: number, dir: string, format: TemplateFormat): Promise<TemplateExport> {
  return call<TemplateExport>('export_checklist_template', { year, dir, format });
}

/** What importing the file for `year` would do, with every problem by line and column; nothing is changed. */
export function previewChecklistImport(path: string, year: number): Promise<TemplatePreview> {
  return call<TemplatePreview>('preview_checklist_import', { path, year });
}

/** Imports the file as a new version of `year`'s checklist (`template_invalid` with every problem when it cannot). */
export function importChecklist(path: string, year: number): Promise<TemplatePreview> {
  return call<TemplatePreview>('import_checklist', { path, year });
}

/** The system's file chooser for one template (.xlsx or .csv); null when cancelled. */
export async function chooseTemplateFile(title: string): Promise<string | null> {
  try {
    const chosen = await openDialog({
      multiple: false,
      directory: false,
      title,
      filters: [{ name: 'Danh mục kiểm tra', extensions: ['xlsx', 'csv'] }],
    });
    return typeof chosen === 'string' ? chosen : null;
  } catch (reason) {
    throw toApiError(reason);
  }
}
