// The items of the open inspection as the screen edits them. Each item is an `ItemEntry` with
// its own reactive fields, so typing in one row re-renders that row only; the list itself is
// built once per loaded inspection. `Recorder` sends answers one after another, in order, and
// keeps the autosave indicator.

import { recordItem, toApiError } from '../lib/api';
import type { Finding } from '../lib/bindings/Finding';
import type { InspectionItem } from '../lib/bindings/InspectionItem';
import type { ItemStatus } from '../lib/bindings/ItemStatus';
import type { Record as ItemRecord } from '../lib/bindings/Record';
import { nextStep } from '../lib/errors';
import type { Draft, DraftField } from '../lib/inspection';
import { checkDraft, draftOf, recordKey, storedRecord } from '../lib/inspection';
import { serial } from '../lib/plan';
import { searchKey } from '../lib/text';

export interface EntryMessage {
  /** need: a rule asks for more before the answer can be sent; error: the backend refused it. */
  kind: 'need' | 'error';
  field: DraftField | null;
  text: string;
  next?: string;
}

export class ItemEntry {
  readonly ref: string;
  readonly section: string;
  readonly objective: string;
  /** Folded text, ref and expected evidence, for the search box. */
  readonly key: string;
  /** The item as last stored. */
  item = $state.raw<InspectionItem>() as InspectionItem;
  status = $state<ItemStatus | null>(null);
  valueText = $state('');
  doneOn = $state('');
  note = $state('');
  current = $state(false);
  saving = $state(false);
  message = $state.raw<EntryMessage | null>(null);
  findings = $state.raw<Finding[]>([]);
  /** Two laptops recorded this item differently; the lead keeps one in the "Xung đột" tab. */
  conflict = $state(false);
  /** Bumped on each save request; a queued save older than the latest is skipped. */
  edits = 0;

  constructor(item: InspectionItem) {
    this.ref = item.source_ref;
    this.section = item.section_ref;
    this.objective = item.objective_ref;
    this.key = searchKey(`${item.source_ref} ${item.text} ${item.evidence ?? ''} ${item.note ?? ''}`);
    this.item = item;
    const d = draftOf(item);
    this.status = d.status;
    this.valueText = d.valueText;
    this.doneOn = d.doneOn;
    this.note = d.note;
  }

  draft(): Draft {
    return { status: this.status, valueText: this.valueText, doneOn: this.doneOn, note: this.note };
  }
}

export type SaveState = 'saved' | 'saving' | 'error';

export class Recorder {
  state = $state<SaveState>('saved');
  /** When the last answer was stored ("Đã lưu lúc …"); null before any. */
  savedAt = $state<Date | null>(null);
  errorText = $state('');

  readonly #id: number;
  readonly #send: typeof recordItem;
  readonly #onSaved: (entry: ItemEntry) => void;
  readonly #queue = serial();
  #inFlight = 0;
  /** Entries whose answer is not stored, with why, oldest first. */
  readonly #unsaved = new Map<ItemEntry, string>();

  constructor(id: number, onSaved: (entry: ItemEntry) => void, savedAt: Date | null = null, send: typeof recordItem = recordItem) {
    this.#id = id;
    this.#onSaved = onSaved;
    this.#send = send;
    this.savedAt = savedAt;
  }

  /**
   * Sends the entry's draft, unless it is what is stored already. A draft a rule would refuse
   * is not sent: the entry says what is missing, and keeps everything typed. Resolves true
   * once stored (or nothing needed storing).
   */
  save(entry: ItemEntry): Promise<boolean> {
    const check = checkDraft(entry.item, entry.draft());
    if (!check.ok) {
      entry.message = { kind: 'need', field: check.field, text: check.message };
      this.#unsaved.set(entry, `${entry.ref}: ${check.message}`);
      entry.edits += 1; // a queued older save must not send what the user has changed since
      this.#refresh();
      return Promise.resolve(false);
    }
    if (recordKey(check.record) === recordKey(storedRecord(entry.item)) && !entry.saving) {
      if (entry.message) {
        entry.message = null;
        this.#unsaved.delete(entry);
        this.#refresh();
      }
      return Promise.resolve(true);
    }
    const seq = ++entry.edits;
    entry.saving = true;
    this.#inFlight += 1;
    this.#refresh();
    return this.#queue(async () => {
      try {
        // Superseded: the later request sends the newer draft.
        if (seq !== entry.edits) return false;
        const latest = checkDraft(entry.item, entry.draft());
        const record: ItemRecord = latest.ok ? latest.record : check.record;
        if (recordKey(record) === recordKey(storedRecord(entry.item))) {
          this.#stored(entry, null);
          return true;
        }
        const item = await this.#send(this.#id, entry.ref, record);
        entry.item = item;
        this.#stored(entry, new Date());
        this.#onSaved(entry);
        return true;
      } catch (reason) {
        const err = toApiError(reason);
        entry.message = { kind: 'error', field: draftFieldOf(err.field), text: err.message, next: nextStep(err.code) };
        this.#unsaved.set(entry, `${entry.ref}: ${err.message}`);
        return false;
      } finally {
        this.#inFlight -= 1;
        if (seq === entry.edits) entry.saving = false;
        this.#refresh();
      }
    });
  }

  /** Resolves once every answer asked so far has been sent and answered. */
  flush(): Promise<void> {
    return this.#queue(async () => {});
  }

  #stored(entry: ItemEntry, at: Date | null) {
    if (entry.message) entry.message = null;
    this.#unsaved.delete(entry);
    if (at) this.savedAt = at;
  }

  #refresh() {
    if (this.#inFlight > 0) {
      this.state = 'saving';
    } else if (this.#unsaved.size > 0) {
      this.state = 'error';
      const reasons = [...this.#unsaved.values()];
      this.errorText = reasons[reasons.length - 1] ?? '';
    } else {
      this.state = 'saved';
      this.errorText = '';
    }
  }
}

const DRAFT_FIELDS: readonly DraftField[] = ['status', 'value', 'done_on', 'note'];

/**
 * The answer's field a backend refusal is about. record_item names them as the draft does
 * ("note", "value", "done_on"); any other field (or none) points at nothing.
 */
export function draftFieldOf(field: string | null): DraftField | null {
  return DRAFT_FIELDS.find((f) => f === field) ?? null;
}
