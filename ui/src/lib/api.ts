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
import type { Profile } from './bindings/Profile';
import type { Role } from './bindings/Role';
import type { Status } from './bindings/Status';

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
