// What the whole window shares: the store status, the current user, year and agency, which
// screen is open, and the alert and notice regions. Screens read and set these; nothing else
// holds app-wide state.

import type { Agency } from './bindings/Agency';
import type { ErrorPayload } from './bindings/ErrorPayload';
import type { Status } from './bindings/Status';
import { ApiError, appInfo, listAgencies, toApiError } from './api';
import { nextStep } from './errors';
import { landingScreen } from './shell';
import { isFirstRun } from './welcome';
import type { Handoff } from './navigation';

export interface ShownError {
  /** Which part of the app raised it, so a later success there can clear it. */
  source: string;
  /** What the user was doing: "Không tải được danh sách cơ quan". */
  title: string;
  code: string;
  /** The backend's own message. */
  message: string;
  /** What to do next. */
  next: string;
  retry?: () => void;
}

export interface EvidenceDrop {
  paths: string[];
  items: string[];
  criteria: string[];
}

class Session {
  status = $state.raw<Status | null>(null);
  /** True once the first app_info has answered. */
  ready = $state(false);
  /** True once the first app_info has answered or failed: the window can show the app. */
  checked = $state(false);
  /**
   * Why the store could not be opened at start (newer schema, locked or corrupt file, missing
   * folder); while set, the window shows only that, and nothing else asks the backend.
   */
  startupError = $state.raw<ErrorPayload | null>(null);
  /** The year of the checklist template in force. */
  year = $state<number | null>(null);
  /** The agency being worked on; null means all agencies. */
  agency = $state.raw<Agency | null>(null);
  screen = $state('register');
  /** The first run's welcome is open (decided by the first app_info: nobody has a profile). */
  welcome = $state(false);
  /** The help panel (F1) of the current screen is open. */
  help = $state(false);
  /** The backup and restore dialog is open. */
  backupDialog = $state(false);
  /** The inspection open in "Kiểm tra" and "Tài liệu kiểm chứng"; null until one is chosen. */
  inspectionId = $state<number | null>(null);
  /** Files dropped on an item elsewhere, waiting for the evidence screen to map and add them. */
  evidenceDrop = $state.raw<EvidenceDrop | null>(null);
  /** The filter a figure opened the current screen with, until that screen reads it. */
  handoff = $state.raw<Handoff | null>(null);
  error = $state.raw<ShownError | null>(null);
  notice = $state<string | null>(null);

  #noticeTimer: ReturnType<typeof setTimeout> | undefined;
  #activeAgencies: Promise<Agency[]> | null = null;

  /** Shows an error in the alert region. */
  fail(source: string, title: string, reason: unknown, retry?: () => void): ApiError {
    const err = toApiError(reason);
    console.error(`[${source}] ${title}:`, err.code, err.message);
    this.error = { source, title, code: err.code, message: err.message, next: nextStep(err.code), retry };
    return err;
  }

  /** Clears the alert if it came from `source` (the thing that failed now worked). */
  clear(source?: string): void {
    if (this.error && (source === undefined || this.error.source === source)) this.error = null;
  }

  /** A short confirmation in the status region ("Đã chuyển sang …"), gone after a while. */
  notify(text: string): void {
    this.notice = text;
    clearTimeout(this.#noticeTimer);
    this.#noticeTimer = setTimeout(() => (this.notice = null), 6000);
  }

  /** Reloads the status (counts, current user) from the backend. */
  async refreshStatus(): Promise<void> {
    try {
      const status = await appInfo();
      this.status = status;
      this.startupError = status.startup_error ?? null;
      // The first answer chooses the screen the window opens on (before anything is shown).
      if (!this.checked) {
        this.screen = landingScreen(status.profile?.role);
        this.welcome = isFirstRun(status);
      }
      this.ready = true;
      this.clear('status');
    } catch (reason) {
      this.fail('status', 'Không đọc được thông tin của ứng dụng', reason, () => void this.refreshStatus());
    } finally {
      this.checked = true;
    }
  }

  /** Leaves the welcome for the screen the (new) user's role lands on. */
  finishWelcome(): void {
    this.welcome = false;
    this.screen = landingScreen(this.status?.profile?.role);
  }

  /** Every agency subject to inspection, in the backend's order; fetched once. */
  activeAgencies(): Promise<Agency[]> {
    if (!this.#activeAgencies) {
      this.#activeAgencies = listAgencies({ block: null, search: null, include_inactive: false });
      // A failed load must not stick: the next call tries again.
      this.#activeAgencies.catch(() => (this.#activeAgencies = null));
    }
    return this.#activeAgencies;
  }
}

export const session = new Session();
