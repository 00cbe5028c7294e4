// Pure logic of the checklist screen: filtering items and grouping them under the plan's
// sections, objectives and tasks. No Svelte, no IPC, so it is unit-tested directly.

import type { ChecklistGroup } from './bindings/ChecklistGroup';
import type { ChecklistItem } from './bindings/ChecklistItem';
import type { TargetConflict } from './bindings/TargetConflict';
import { formatTarget } from './format';
import { searchKey } from './text';

export interface TaskBlock {
  ref: string;
  text: string;
  items: ChecklistItem[];
}

export interface ObjectiveBlock {
  ref: string;
  text: string;
  tasks: TaskBlock[];
  itemCount: number;
}

export interface SectionBlock {
  ref: string;
  text: string;
  parField: string | null;
  objectives: ObjectiveBlock[];
  itemCount: number;
}

export interface ChecklistView {
  sections: SectionBlock[];
  itemCount: number;
  objectiveCount: number;
}

/**
 * Groups items under their section → objective → task, in the order the template gives the
 * groups (the plan's order), items in the order they come. Only groups that hold at least one
 * of `items` appear. An item whose group is missing from `groups` is still shown, under a
 * heading made from its ref, so nothing disappears silently.
 */
export function groupChecklist(groups: ChecklistGroup[], items: ChecklistItem[]): ChecklistView {
  const groupText = new Map<string, ChecklistGroup>();
  const order = new Map<string, number>();
  groups.forEach((g, i) => {
    groupText.set(g.ref, g);
    order.set(g.ref, i);
  });
  const rank = (ref: string) => order.get(ref) ?? Number.MAX_SAFE_INTEGER;

  const sections = new Map<string, SectionBlock>();
  const objectives = new Map<string, ObjectiveBlock>();
  const tasks = new Map<string, TaskBlock>();

  for (const item of items) {
    let section = sections.get(item.section_ref);
    if (!section) {
      const g = groupText.get(item.section_ref);
      section = {
        ref: item.section_ref,
        text: g?.text ?? '',
        parField: g?.par_field ?? null,
        objectives: [],
        itemCount: 0,
      };
      sections.set(item.section_ref, section);
    }
    const objectiveKey = `${item.section_ref}\u0000${item.objective_ref}`;
    let objective = objectives.get(objectiveKey);
    if (!objective) {
      objective = {
        ref: item.objective_ref,
        text: groupText.get(item.objective_ref)?.text ?? '',
        tasks: [],
        itemCount: 0,
      };
      objectives.set(objectiveKey, objective);
      section.objectives.push(objective);
    }
    const taskKey = `${objectiveKey}\u0000${item.task_ref}`;
    let task = tasks.get(taskKey);
    if (!task) {
      task = { ref: item.task_ref, text: groupText.get(item.task_ref)?.text ?? '', items: [] };
      tasks.set(taskKey, task);
      objective.tasks.push(task);
    }
    task.items.push(item);
    objective.itemCount += 1;
    section.itemCount += 1;
  }

  // Stable sorts: groups known to the template in its order, unknown ones after, as met.
  const sorted = [...sections.values()].sort((a, b) => rank(a.ref) - rank(b.ref));
  for (const s of sorted) {
    s.objectives.sort((a, b) => rank(a.ref) - rank(b.ref));
    for (const o of s.objectives) o.tasks.sort((a, b) => rank(a.ref) - rank(b.ref));
  }
  return {
    sections: sorted,
    itemCount: items.length,
    objectiveCount: objectives.size,
  };
}

export interface ItemFilter {
  /** Typed text, matched against the item text without diacritics. */
  query: string;
  /** Only items with a measurable target. */
  withTarget: boolean;
  /** Only items with a due date. */
  withDue: boolean;
}

/** The items that pass the filter, in their original order. */
export function filterItems(items: ChecklistItem[], filter: ItemFilter, keys?: Map<number, string>): ChecklistItem[] {
  const q = searchKey(filter.query);
  return items.filter((item) => {
    if (filter.withTarget && item.target == null) return false;
    if (filter.withDue && (item.due == null || item.due === '')) return false;
    if (q === '') return true;
    const key = keys?.get(item.id) ?? searchKey(item.text);
    return key.includes(q);
  });
}

/** Search keys of the items' text, computed once per loaded checklist. */
export function itemKeys(items: ChecklistItem[]): Map<number, string> {
  return new Map(items.map((i) => [i.id, searchKey(i.text)]));
}

const ROMAN = /^[IVXLC]+$/;

/** "II" + "Cải cách thủ tục hành chính" → "II. Cải cách thủ tục hành chính". */
export function sectionHeading(ref: string, text: string): string {
  if (text === '') return ref;
  return ROMAN.test(ref) ? `${ref}. ${text}` : text;
}

export interface AppliesToPart {
  token: string;
  label: string;
  /** "block" for the two whole blocks, "agency" for one named agency. */
  kind: 'block' | 'agency';
}

const BLOCK_TOKENS = new Map<string, string>([
  ['provincial', 'Các sở, ban, ngành'],
  ['commune', 'UBND cấp xã'],
]);

/**
 * Each applies_to token as the user reads it: the blocks first, always provincial before
 * commune, then agency codes in the order given.
 */
export function appliesToParts(tokens: string[]): AppliesToPart[] {
  const blocks = [...BLOCK_TOKENS]
    .filter(([b]) => tokens.includes(b))
    .map(([token, label]): AppliesToPart => ({ token, label, kind: 'block' }));
  const agencies = tokens
    .filter((t) => !BLOCK_TOKENS.has(t))
    .map((token): AppliesToPart => ({ token, label: token, kind: 'agency' }));
  return [...blocks, ...agencies];
}

/**
 * Who an item applies to: ["provincial", "STP"] → "Các sở, ban, ngành; STP". Blocks first, then
 * agency codes as given. An empty list reads "Chưa xác định".
 */
export function appliesToLabel(tokens: string[]): string {
  if (tokens.length === 0) return 'Chưa xác định';
  return appliesToParts(tokens)
    .map((p) => p.label)
    .join('; ');
}

/** PAR fields and criteria of an item: "Lĩnh vực 3, 8 · Tiêu chí 3.6, 8.1". */
export function parLabel(fields: string[], criteria: string[]): string {
  const parts: string[] = [];
  if (fields.length > 0) parts.push(`Lĩnh vực ${fields.join(', ')}`);
  if (criteria.length > 0) parts.push(`Tiêu chí ${criteria.join(', ')}`);
  return parts.length > 0 ? parts.join(' · ') : '—';
}

/**
 * The flag beside an item whose figure another item judges against a different target
 * ("Cùng số liệu, kế hoạch ghi chỉ tiêu khác: VI.1.CT.6 (≥ 80%)"), or null when there is none.
 */
export function conflictNote(conflicts: TargetConflict[]): string | null {
  if (conflicts.length === 0) return null;
  const list = conflicts.map((c) => `${c.source_ref} (${formatTarget(c.target)})`).join('; ');
  return `Cùng số liệu, kế hoạch ghi chỉ tiêu khác: ${list}`;
}

/** An item's references: its own, then the others the plan states it under ("VII.2.2.1 = TC.1.1.1"). */
export function refsLabel(item: { source_ref: string; also_refs: string[] }): string {
  return [item.source_ref, ...item.also_refs].join(' = ');
}

/** Items split into the agency's own (lead) duties and those it co-operates on, each in order. */
export function splitByKind<T extends { kind: 'lead' | 'cooperation' }>(items: T[]): { lead: T[]; cooperation: T[] } {
  return {
    lead: items.filter((i) => i.kind === 'lead'),
    cooperation: items.filter((i) => i.kind === 'cooperation'),
  };
}
