// Moving between screens. Kept apart from the screen list so screens can import it without
// importing each other.

import { tick } from 'svelte';

import type { Block } from './bindings/Block';
import type { DocKind } from './bindings/DocKind';
import type { FollowupView } from './followup';
import type { SelectionFilter } from './plan';
import { session } from './session.svelte';
import type { WorkFilter } from './worklist';

/**
 * What a screen opened from a figure elsewhere (the dashboard) starts filtered to: read once by
 * the screen when it opens (`takeHandoff`), and dropped by any other way of opening a screen.
 */
export type Handoff =
  | { screen: 'plan'; block: '' | Block; selection: SelectionFilter }
  | { screen: 'worklist'; filter: WorkFilter }
  | { screen: 'followup'; view: Partial<FollowupView> }
  | { screen: 'documents'; kind: DocKind; agency?: string | null };

/**
 * Opens a screen. With `focusHeading`, keyboard focus moves to the new screen's heading (used
 * when the control that was pressed disappears with the old screen).
 */
export async function openScreen(id: string, focusHeading = false): Promise<void> {
  session.handoff = null;
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

/** Opens the screen `h` names, filtered as `h` says (a figure opening the list behind it). */
export async function openFiltered(h: Handoff, focusHeading = true): Promise<void> {
  // Set together, before the new screen is made, so it finds its filter when it starts.
  session.handoff = h;
  session.screen = h.screen;
  if (focusHeading) {
    await tick();
    document.querySelector<HTMLElement>('#content h1')?.focus();
  }
}

/** The filter the screen `screen` was opened with, once; null when opened otherwise. */
export function takeHandoff<S extends Handoff['screen']>(screen: S): Extract<Handoff, { screen: S }> | null {
  const h = session.handoff;
  if (h === null || h.screen !== screen) return null;
  session.handoff = null;
  return h as Extract<Handoff, { screen: S }>;
}
