// The exchange commands (the "Trao đổi" screen): this laptop's identity, bundles written to and
// read from a folder the user chose, and the conflicts the lead settles. Kept apart from api.ts
// like api-documents.ts; every call goes through its `call`, so rejections are `ApiError`s.

import { listen } from '@tauri-apps/api/event';
import { open as openDialog } from '@tauri-apps/plugin-dialog';

import { call, toApiError, type CopyProgress } from './api';
import type { Conflict } from './bindings/Conflict';
import type { DeviceInfo } from './bindings/DeviceInfo';
import type { ExportSummary } from './bindings/ExportSummary';
import type { ImportReport } from './bindings/ImportReport';
import type { Keep } from './bindings/Keep';
import type { TrustedDevice } from './bindings/TrustedDevice';

/** This laptop's device id, fingerprint (to read aloud) and current profile. */
export function deviceInfo(): Promise<DeviceInfo> {
  return call<DeviceInfo>('device_info');
}

/** The devices whose bundles this laptop accepts. */
export function trustedDevices(): Promise<TrustedDevice[]> {
  return call<TrustedDevice[]>('trusted_devices');
}

/**
 * Writes `kiemtra-<year>-<who>-<yyyymmdd-hhmm>.kiemtra` into `dir` (an existing folder; `invalid`
 * with field "dir" otherwise). Emits `exchange-progress` while writing.
 */
export function exportBundle(year: number, agencies: string[], dir: string): Promise<ExportSummary> {
  return call<ExportSummary>('export_bundle', { year, agencies, dir });
}

/** Verifies a bundle and says what importing it would do; nothing is changed. */
export function previewBundle(path: string): Promise<ImportReport> {
  return call<ImportReport>('preview_bundle', { path });
}

/** Imports a bundle; an unknown sender is refused (`untrusted_device`) unless `trust`. */
export function importBundle(path: string, trust: boolean): Promise<ImportReport> {
  return call<ImportReport>('import_bundle', { path, trust });
}

/** Conflicts left by exchanges, of `year` (every year with null). */
export function listConflicts(year: number | null): Promise<Conflict[]> {
  return call<Conflict[]>('list_conflicts', { year });
}

/** Keeps one side of a conflict (`lead_only` for anyone else). */
export function resolveConflict(id: string, keep: Keep): Promise<void> {
  return call<void>('resolve_conflict', { id, keep });
}

/** Progress of an export or of reading a bundle; resolves to the function that stops listening. */
export async function onExchangeProgress(handler: (p: CopyProgress) => void): Promise<() => void> {
  try {
    return await listen<CopyProgress>('exchange-progress', (e) => handler(e.payload));
  } catch (reason) {
    throw toApiError(reason);
  }
}

/** The system's folder chooser; null when cancelled. */
export async function chooseFolder(title: string): Promise<string | null> {
  try {
    const chosen = await openDialog({ multiple: false, directory: true, title });
    return typeof chosen === 'string' ? chosen : null;
  } catch (reason) {
    throw toApiError(reason);
  }
}

/** The system's file chooser for one bundle; null when cancelled. */
export async function chooseBundle(title: string): Promise<string | null> {
  try {
    const chosen = await openDialog({
      multiple: false,
      directory: false,
      title,
      filters: [{ name: 'Tệp trao đổi', extensions: ['kiemtra'] }],
    });
    return typeof chosen === 'string' ? chosen : null;
  } catch (reason) {
    throw toApiError(reason);
  }
}
