// Moving between screens. Kept apart from the screen list so screens can import it without
// importing each other.

import { tick } from 'svelte';

import { session } from './session.svelte';

/**
 * Opens a screen. With `focusHeading`, keyboard focus moves to the new screen's heading (used
 * when the control that was pressed disappears with the old screen).
 */
export async function openScreen(id: string, focusHeading = false): Promise<void> {
  session.screen = id;
  if (focusHeading) {
    await tick();
    document.querySelector<HTMLElement>('#content h1')?.focus();
  }
}

/** Opens inspection `id` on the inspection screen (or `screen`, e.g. its evidence). */
export async function openInspection(id: number, screen = 'inspection', focusHeading = true): Promise<void> {
  session.inspectionId = id;
  await openScreen(screen, focusHeading);
}
