// Backup and restore: one verified file with the store, the evidence and the kept documents,
// written into a folder the user chooses; restored only into a new folder, never over the open
// store. Every call goes through `call`, so rejections are `ApiError { code, message, field }`.

import { open as openDialog } from '@tauri-apps/plugin-dialog';

import { call, toApiError } from './api';
import type { BackupSummary } from './bindings/BackupSummary';
import type { EncryptSummary } from './bindings/EncryptSummary';
import type { RestoreSummary } from './bindings/RestoreSummary';

/** Writes `kiemtra-sao-luu-<time>.kbak` into `dir` (outside the data directory). */
export function backupStore(dir: string): Promise<BackupSummary> {
  return call<BackupSummary>('backup_store', { dir });
}

/**
 * Verifies the backup `file` whole, then restores it into a new folder inside `dir`. The backup
 * of an encrypted store needs `secret`: the passphrase of the store it was taken from, or with
 * `recovery` its recovery key. Errors: `backup_damaged` (a changed or cut file: nothing is
 * written), `restore_target`, `backup_locked` (encrypted, no secret given: nothing is written),
 * `wrong_passphrase`.
 */
export function restoreBackup(
  file: string,
  dir: string,
  secret: string | null = null,
  recovery = false,
): Promise<RestoreSummary> {
  return call<RestoreSummary>('restore_backup', { file, dir, secret, recovery });
}

/** The system's file chooser for one backup file; null when cancelled. */
export async function chooseBackupFile(title: string): Promise<string | null> {
  try {
    const chosen = await openDialog({
      multiple: false,
      directory: false,
      title,
      filters: [{ name: 'Bản sao lưu Kiểm tra CCHC', extensions: ['kbak'] }],
    });
    return typeof chosen === 'string' ? chosen : null;
  } catch (reason) {
    throw toApiError(reason);
  }
}

/**
 * Encrypts the open (plain) store with `passphrase`: the app closes it, converts it (all or
 * nothing) and opens it again encrypted. Returns the recovery key, shown once.
 */
export function encryptStore(passphrase: string): Promise<EncryptSummary> {
  return call<EncryptSummary>('encrypt_store', { passphrase });
}

/** Writes the recovery key sheet (PDF) into the chosen folder; the path written. */
export function saveRecoverySheet(recoveryKey: string, dir: string): Promise<string> {
  return call<string>('save_recovery_sheet', { recoveryKey, dir });
}
