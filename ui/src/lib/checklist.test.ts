import { describe, expect, it } from 'vitest';

import type { ChecklistGroup } from './bindings/ChecklistGroup';
import type { ChecklistItem } from './bindings/ChecklistItem';
import {
  appliesToLabel,
  appliesToParts,
  filterItems,
  groupChecklist,
  conflictNote,
  itemKeys,
  parLabel,
  refsLabel,
  sectionHeading,
  splitByKind,
} from './checklist';

let nextId = 1;
function item(ref: string, over: Partial<ChecklistItem> = {}): ChecklistItem {
  const parts = ref.split('.');
  return {
    id: nextId++,
    source_ref: ref,
    section_ref: parts[0],
    objective_ref: parts.slice(0, 2).join('.'),
    task_ref: parts.slice(0, 3).join('.'),
    text: `Nội dung ${ref}`,
    evidence: null,
    lead: null,
    cooperating: null,
    deadline: null,
    due: null,
    target: null,
    par_fields: [],
    par_criteria: [],
    applies_to: ['provincial'],
    cooperates: [],
    kind: 'lead',
    also_refs: [],
    measure: null,
    target_conflicts: [],
    ...over,
  };
}

function group(ref: string, level: ChecklistGroup['level'], parent: string | null, text: string): ChecklistGroup {
  return { ref, level, parent_ref: parent, text, par_field: level === 'section' ? '3' : null };
}

// The template's order: II before VI, and II.10 after II.9 (not sorted as text).
const groups: ChecklistGroup[] = [
  group('II', 'section', null, 'Cải cách thủ tục hành chính'),
  group('II.6', 'objective', 'II', 'Nâng cao chất lượng giải quyết TTHC'),
  group('II.6.1', 'task', 'II.6', 'Nhiệm vụ một'),
  group('II.6.CT', 'task', 'II.6', 'Chỉ tiêu của mục tiêu'),
  group('II.9', 'objective', 'II', 'Mục tiêu chín'),
  group('II.9.1', 'task', 'II.9', 'Nhiệm vụ chín một'),
  group('II.10', 'objective', 'II', 'Mục tiêu mười'),
  group('II.10.1', 'task', 'II.10', 'Nhiệm vụ mười một'),
  group('VI', 'section', null, 'Chuyển đổi số trong các cơ quan nhà nước'),
  group('VI.3', 'objective', 'VI', 'Chỉ số chuyển đổi số'),
  group('VI.3.CT', 'task', 'VI.3', 'Chỉ tiêu của mục tiêu'),
];

describe('groupChecklist', () => {
  it('puts items under their section, objective and task in the template order', () => {
    const items = [
      item('VI.3.CT.1'),
      item('II.10.1.1'),
      item('II.6.CT.1'),
      item('II.6.1.1'),
      item('II.6.1.2'),
      item('II.9.1.1'),
    ];
    const view = groupChecklist(groups, items);

    expect(view.sections.map((s) => s.ref)).toEqual(['II', 'VI']);
    expect(view.sections[0].text).toBe('Cải cách thủ tục hành chính');
    expect(view.sections[0].parField).toBe('3');
    expect(view.sections[0].objectives.map((o) => o.ref)).toEqual(['II.6', 'II.9', 'II.10']);
    const ii6 = view.sections[0].objectives[0];
    expect(ii6.text).toBe('Nâng cao chất lượng giải quyết TTHC');
    expect(ii6.tasks.map((t) => t.ref)).toEqual(['II.6.1', 'II.6.CT']);
    // Items keep the order they came in within a task.
    expect(ii6.tasks[0].items.map((i) => i.source_ref)).toEqual(['II.6.1.1', 'II.6.1.2']);
    expect(ii6.itemCount).toBe(3);
    expect(view.sections[0].itemCount).toBe(5);
    expect(view.sections[1].itemCount).toBe(1);
  });

  it('counts items and the objectives that hold them', () => {
    const view = groupChecklist(groups, [item('II.6.1.1'), item('II.6.1.2'), item('VI.3.CT.1')]);
    expect(view.itemCount).toBe(3);
    expect(view.objectiveCount).toBe(2);
  });

  it('leaves out groups with no items', () => {
    const view = groupChecklist(groups, [item('II.9.1.1')]);
    expect(view.sections).toHaveLength(1);
    expect(view.sections[0].objectives.map((o) => o.ref)).toEqual(['II.9']);
  });

  it('gives an empty view for no items', () => {
    const view = groupChecklist(groups, []);
    expect(view).toEqual({ sections: [], itemCount: 0, objectiveCount: 0 });
  });

  it('still shows an item whose groups the template does not list, after the known ones', () => {
    const view = groupChecklist(groups, [item('IX.1.1.1'), item('II.6.1.1')]);
    expect(view.sections.map((s) => s.ref)).toEqual(['II', 'IX']);
    expect(view.sections[1].text).toBe('');
    expect(view.sections[1].objectives[0].tasks[0].items[0].source_ref).toBe('IX.1.1.1');
  });
});

describe('filterItems', () => {
  const items = [
    item('II.6.1.1', { text: 'Giải quyết hồ sơ đúng hạn' }),
    item('II.6.CT.1', { text: 'Trên 95% hồ sơ giải quyết trước và đúng hạn', target: { op: '>', value: 95, unit: '%' }, due: '2026-12-31' }),
    item('VI.3.CT.1', { text: 'Chỉ số chuyển đổi số đạt 0,71', target: { op: '>=', value: 0.71, unit: 'điểm' } }),
    item('II.9.1.1', { text: 'Số hóa kết quả', due: '2026-06-30' }),
  ];
  const none = { query: '', withTarget: false, withDue: false };

  it('keeps everything with no condition', () => {
    expect(filterItems(items, none)).toHaveLength(4);
  });

  it('matches text without diacritics and case', () => {
    const refs = filterItems(items, { ...none, query: 'HO SO' }).map((i) => i.source_ref);
    expect(refs).toEqual(['II.6.1.1', 'II.6.CT.1']);
    expect(filterItems(items, { ...none, query: 'chuyển đổi' }).map((i) => i.source_ref)).toEqual(['VI.3.CT.1']);
    expect(filterItems(items, { ...none, query: 'so hoa' }).map((i) => i.source_ref)).toEqual(['II.9.1.1']);
  });

  it('keeps only items with a target, or with a due date, or both', () => {
    expect(filterItems(items, { ...none, withTarget: true }).map((i) => i.source_ref)).toEqual(['II.6.CT.1', 'VI.3.CT.1']);
    expect(filterItems(items, { ...none, withDue: true }).map((i) => i.source_ref)).toEqual(['II.6.CT.1', 'II.9.1.1']);
    expect(filterItems(items, { query: '', withTarget: true, withDue: true }).map((i) => i.source_ref)).toEqual(['II.6.CT.1']);
  });

  it('uses precomputed keys when given', () => {
    const keys = itemKeys(items);
    expect(keys.get(items[2].id)).toBe('chi so chuyen doi so dat 0,71');
    expect(filterItems(items, { ...none, query: 'dat 0,71' }, keys)).toHaveLength(1);
  });
});

describe('appliesToLabel', () => {
  it('names the two blocks', () => {
    expect(appliesToLabel(['provincial'])).toBe('Các sở, ban, ngành');
    expect(appliesToLabel(['commune'])).toBe('UBND cấp xã');
  });

  it('shows agency codes as they are, after the blocks', () => {
    expect(appliesToLabel(['STP'])).toBe('STP');
    expect(appliesToLabel(['STP', 'provincial'])).toBe('Các sở, ban, ngành; STP');
    expect(appliesToLabel(['provincial', 'commune', 'SNV'])).toBe('Các sở, ban, ngành; UBND cấp xã; SNV');
  });

  it('puts the provincial block before the commune block, whatever the order given', () => {
    expect(appliesToLabel(['commune', 'provincial'])).toBe('Các sở, ban, ngành; UBND cấp xã');
  });

  it('says so when an item applies to nobody', () => {
    expect(appliesToLabel([])).toBe('Chưa xác định');
  });

  it('marks blocks and agencies apart', () => {
    expect(appliesToParts(['VPUBND', 'commune'])).toEqual([
      { token: 'commune', label: 'UBND cấp xã', kind: 'block' },
      { token: 'VPUBND', label: 'VPUBND', kind: 'agency' },
    ]);
  });
});

describe('sectionHeading and parLabel', () => {
  it('prefixes a Roman-numbered section with its number', () => {
    expect(sectionHeading('II', 'Cải cách thủ tục hành chính')).toBe('II. Cải cách thủ tục hành chính');
    expect(sectionHeading('VII', 'Công tác chỉ đạo, điều hành')).toBe('VII. Công tác chỉ đạo, điều hành');
  });

  it('shows other sections by their text alone, and by ref when there is no text', () => {
    expect(sectionHeading('IV.1-TCTH', 'Nhiệm vụ chung')).toBe('Nhiệm vụ chung');
    expect(sectionHeading('IX', '')).toBe('IX');
  });

  it('lists PAR fields and criteria', () => {
    expect(parLabel(['3', '8'], ['3.6', '8.1'])).toBe('Lĩnh vực 3, 8 · Tiêu chí 3.6, 8.1');
    expect(parLabel(['2'], [])).toBe('Lĩnh vực 2');
    expect(parLabel([], [])).toBe('—');
  });
});

describe('co-operation, repeated references and conflicting targets', () => {
  it('splits lead duties from co-operation duties, each in order', () => {
    const items = [item('I.1.1.1'), item('IV.1.1.1', { kind: 'cooperation' }), item('I.1.1.2'), item('IV.2.1.1', { kind: 'cooperation' })];
    const { lead, cooperation } = splitByKind(items);
    expect(lead.map((i) => i.source_ref)).toEqual(['I.1.1.1', 'I.1.1.2']);
    expect(cooperation.map((i) => i.source_ref)).toEqual(['IV.1.1.1', 'IV.2.1.1']);
  });

  it('names every reference of an item the plan states twice', () => {
    expect(refsLabel(item('VII.2.2.1', { also_refs: ['TC.1.1.1'] }))).toBe('VII.2.2.1 = TC.1.1.1');
    expect(refsLabel(item('II.6.CT.1'))).toBe('II.6.CT.1');
  });

  it('flags the other targets of the same figure, with their refs', () => {
    expect(conflictNote([])).toBeNull();
    expect(conflictNote([{ source_ref: 'VI.1.CT.6', target: { op: '>=', value: 80, unit: '%' } }])).toBe(
      'Cùng số liệu, kế hoạch ghi chỉ tiêu khác: VI.1.CT.6 (≥ 80%)',
    );
  });
});
