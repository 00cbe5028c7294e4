// The window's own rules, kept apart (no imports but types) so the session can use them
// without importing the navigation: the screen it opens on, and the Alt+digit shortcuts.

import type { Role } from './bindings/Role';

/** The dashboard for a lead (what the year looks like), the register for anyone else. */
export function landingScreen(role: Role | null | undefined): string {
  return role === 'lead' ? 'dashboard' : 'register';
}

/**
 * The digit of the screen at `index` (0-based) in navigation order: Alt+1 … Alt+9, then Alt+0
 * for the tenth; null beyond (no key left).
 */
export function shortcutDigit(index: number): string | null {
  if (!Number.isInteger(index) || index < 0 || index > 9) return null;
  return index === 9 ? '0' : String(index + 1);
}

/** The index of the screen a digit key opens, or null: the inverse of `shortcutDigit`. */
export function screenIndexOfKey(key: string, screens: number): number | null {
  if (!/^[0-9]$/.test(key)) return null;
  const index = key === '0' ? 9 : Number(key) - 1;
  return index < screens ? index : null;
}
