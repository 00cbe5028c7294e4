// The item list of the open inspection as the screen shows it: the entries, the view and
// search that filter them, and the current item. Owned by the screen, so the filter and the
// current item survive a switch to the findings or scores tab and back; the items panel reads
// and changes it.

import { tick } from 'svelte';

import type { ItemView } from '../lib/inspection';
import { inView } from '../lib/inspection';
import { session } from '../lib/session.svelte';
import { searchKey } from '../lib/text';
import type { ItemEntry } from './entries.svelte';

export type ItemField = 'note' | 'value' | 'done_on' | 'status';

/** The row of an item in the page (there is one item list at a time). */
export function rowEl(entry: ItemEntry): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-testid="inspection-item"][data-ref="${CSS.escape(entry.ref)}"]`);
}

export class ItemList {
  entries = $state.raw<ItemEntry[]>([]);
  byRef = new Map<string, ItemEntry>();
  view = $state<ItemView>('all');
  /** What is typed in the search box; `query` follows it once typing pauses. */
  searchText = $state('');
  query = $state('');
  /** The items in the list: recomputed when the filter changes, not when an answer is saved. */
  shown = $state.raw<ItemEntry[]>([]);
  current: ItemEntry | null = null;

  /** A newly loaded inspection: its entries, no current item yet (the filter stays). */
  reset(entries: ItemEntry[]) {
    this.byRef = new Map(entries.map((e) => [e.ref, e]));
    this.current = null;
    this.entries = entries;
  }

  applyFilter(list: ItemEntry[], v: ItemView, q: string) {
    this.shown = list.filter((e) => inView(e.item, v) && (q === '' || e.key.includes(q)));
    if (!this.current || !this.shown.includes(this.current)) this.setCurrent(this.shown[0] ?? null, false);
  }

  /** Applies the filter again: answered items leave the "Còn lại" view. */
  refresh() {
    this.applyFilter(this.entries, this.view, searchKey(this.query));
  }

  /** Shows every item again (no view, no search). */
  showAll() {
    this.view = 'all';
    this.searchText = '';
    this.query = '';
    this.applyFilter(this.entries, 'all', '');
  }

  setCurrent(entry: ItemEntry | null, focus: boolean) {
    if (this.current !== entry) {
      if (this.current) this.current.current = false;
      this.current = entry;
      if (entry) entry.current = true;
    }
    if (focus && entry) {
      void tick().then(() => {
        const el = rowEl(entry);
        el?.focus({ preventScroll: true });
        el?.scrollIntoView({ block: 'nearest' });
      });
    }
  }

  move(by: 1 | -1) {
    const shown = this.shown;
    if (shown.length === 0) return;
    const i = this.current ? shown.indexOf(this.current) : -1;
    const next = i < 0 ? shown[0] : shown[Math.max(0, Math.min(shown.length - 1, i + by))];
    this.setCurrent(next, true);
  }

  /** Puts the cursor in one field of the item (the figure selected, to type over it). */
  async focusField(entry: ItemEntry, field: ItemField) {
    if (field === 'value' && !entry.item.target) {
      session.notify(`Mục ${entry.ref} không có chỉ tiêu đo được: ghi số liệu vào ghi chú (phím n).`);
      return;
    }
    this.setCurrent(entry, false);
    await tick();
    const row = rowEl(entry);
    const testid = field === 'value' ? 'item-value' : field === 'done_on' ? 'item-done-on' : field === 'note' ? 'item-note' : 'status-met';
    const input = row?.querySelector<HTMLInputElement>(`[data-testid="${testid}"]`);
    if (!input) return;
    row?.scrollIntoView({ block: 'nearest' });
    input.focus({ preventScroll: true });
    if (field === 'value') input.select();
  }
}
