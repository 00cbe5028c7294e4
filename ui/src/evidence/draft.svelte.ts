// The evidence being added: the files waiting, what they are mapped to, the copy's progress and
// the last refusal. Owned by the evidence screen (files dropped anywhere on it land here, and a
// switch to the matrix tab keeps them); AddEvidence shows and sends it.

import type { CopyProgress } from '../lib/api';
import type { InspectionItem } from '../lib/bindings/InspectionItem';
import type { Described } from '../lib/errors';
import { criteriaOfItems, parsePaths } from '../lib/evidence';

export class EvidenceDraft {
  /** Files chosen or dropped. */
  pending = $state<string[]>([]);
  /** Paths typed or pasted, one a line. */
  pathText = $state('');
  criteria = $state<string[]>([]);
  refs = $state<string[]>([]);
  adding = $state(false);
  copy = $state.raw<CopyProgress | null>(null);
  error = $state<Described | null>(null);

  /** Every file to add: the pending ones, then the typed ones not already there. */
  readonly toAdd = $derived.by(() => {
    const typed = parsePaths(this.pathText);
    return [...this.pending, ...typed.filter((p) => !this.pending.includes(p))];
  });

  /** Adds files and what they prove (items bring their criteria along). */
  prefill(items: readonly InspectionItem[], paths: string[], itemRefs: string[], codes: string[]) {
    this.pending = [...this.pending, ...paths.filter((p) => !this.pending.includes(p))];
    if (itemRefs.length > 0) this.refs = [...new Set([...this.refs, ...itemRefs])];
    const add = [...codes, ...criteriaOfItems(items, itemRefs)].filter((c, i, all) => all.indexOf(c) === i && !this.criteria.includes(c));
    if (add.length > 0) this.criteria = [...this.criteria, ...add];
    this.error = null;
  }

  /** A new choice of items: the criteria of the newly chosen ones are ticked too. */
  chooseItems(items: readonly InspectionItem[], next: string[]) {
    const added = next.filter((r) => !this.refs.includes(r));
    this.refs = next;
    const extra = criteriaOfItems(items, added).filter((c) => !this.criteria.includes(c));
    if (extra.length > 0) this.criteria = [...this.criteria, ...extra];
  }

  /** After the files were added: an empty form. */
  clear() {
    this.pending = [];
    this.pathText = '';
    this.refs = [];
    this.criteria = [];
  }
}
