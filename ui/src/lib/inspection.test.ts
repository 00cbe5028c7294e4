import { describe, expect, it } from 'vitest';

// The figure rules shared with the Rust parser (kiemtra_core::text::parse_figure): one case file.
import figureCases from '../../../crates/kiemtra-core/tests/figure-cases.json';
// …and the date rules shared with kiemtra_core::calendar::parse_date.
import dateCases from '../../../crates/kiemtra-core/tests/date-cases.json';
import type { InspectionItem } from './bindings/InspectionItem';
import {
  checkDraft,
  disagrees,
  draftOf,
  findingsByItem,
  formatFigure,
  groupBySection,
  inView,
  inspectionBadge,
  parseDateText,
  isTypingTarget,
  judge,
  lastUpdate,
  parseFigure,
  progressOf,
  progressText,
  readOnlyReason,
  recordKey,
  shortcutFor,
  storedRecord,
  timeOfDay,
} from './inspection';

function item(part: Partial<InspectionItem> = {}): InspectionItem {
  return {
    source_ref: 'II.6.CT.1',
    section_ref: 'II',
    objective_ref: 'II.6',
    text: 'Bảo đảm trên 95% hồ sơ TTHC được giải quyết trước và đúng hạn',
    evidence: null,
    deadline: null,
    due: null,
    target: null,
    par_fields: [],
    par_criteria: [],
    status: null,
    value: null,
    done_on: null,
    judgement: null,
    note: null,
    disagreement: false,
    updated_at: null,
    updated_by: null,
    kind: 'lead',
    also_refs: [],
    measure: null,
    target_conflicts: [],
    ...part,
  };
}

const OVER_95 = { op: '>' as const, value: 95, unit: '%' };

describe('parseFigure', () => {
  it('reads a decimal comma, a decimal point and thousands dots', () => {
    expect(parseFigure('93,5')).toEqual({ ok: true, value: 93.5 });
    expect(parseFigure(' 93.5 ')).toEqual({ ok: true, value: 93.5 });
    expect(parseFigure('1.250,5')).toEqual({ ok: true, value: 1250.5 });
    expect(parseFigure('1.250')).toEqual({ ok: true, value: 1250 });
    expect(parseFigure('1 250')).toEqual({ ok: true, value: 1250 });
    expect(parseFigure('0.710')).toEqual({ ok: true, value: 0.71 });
    expect(parseFigure('95%')).toEqual({ ok: true, value: 95 });
    expect(parseFigure('-2')).toEqual({ ok: true, value: -2 });
    expect(parseFigure('')).toEqual({ ok: true, value: null });
  });

  it('refuses what is not a number, saying what was typed', () => {
    for (const t of ['abc', '9,3,5', '1.2.3', ',', '12a']) {
      const r = parseFigure(t);
      expect(r.ok, t).toBe(false);
      if (!r.ok) expect(r.message).toContain(t);
    }
  });

  it('reads every shared case as the Rust parser does', () => {
    const cases: { input: string; value?: number | null; error?: boolean }[] = figureCases;
    expect(cases.length).toBeGreaterThan(10);
    for (const c of cases) {
      const r = parseFigure(c.input);
      if (c.error) {
        expect(r.ok, JSON.stringify(c.input)).toBe(false);
      } else {
        expect(r, JSON.stringify(c.input)).toEqual({ ok: true, value: c.value ?? null });
      }
    }
  });

  it('writes figures back with a decimal comma', () => {
    expect(formatFigure(93.5)).toBe('93,5');
    expect(formatFigure(1250.25)).toBe('1250,25');
    expect(formatFigure(null)).toBe('');
  });
});

describe('parseDateText', () => {
  it('reads day/month/year as Vietnamese writes it, and ISO dates', () => {
    expect(parseDateText('05/03/2026')).toEqual({ ok: true, iso: '2026-03-05' });
    expect(parseDateText('5/3/2026')).toEqual({ ok: true, iso: '2026-03-05' });
    expect(parseDateText('31.12.2026')).toEqual({ ok: true, iso: '2026-12-31' });
    expect(parseDateText('2026-01-10')).toEqual({ ok: true, iso: '2026-01-10' });
    expect(parseDateText(' ')).toEqual({ ok: true, iso: null });
  });

  it('reads every shared date case as the Rust parser does', () => {
    const cases: { input: string; iso?: string; error?: boolean }[] = dateCases;
    expect(cases.length).toBeGreaterThan(10);
    for (const c of cases) {
      const r = parseDateText(c.input);
      if (c.error) expect(r.ok, JSON.stringify(c.input)).toBe(false);
      else expect(r, JSON.stringify(c.input)).toEqual({ ok: true, iso: c.iso });
    }
  });

  it('refuses dates that are not in the calendar or not dates', () => {
    expect(parseDateText('31/02/2026').ok).toBe(false);
    expect(parseDateText('03/2026').ok).toBe(false);
    expect(parseDateText('hôm qua').ok).toBe(false);
  });
});

describe('judge', () => {
  it('judges a figure against its target as the backend does', () => {
    expect(judge(OVER_95, null, 93.5, null)).toBe('unmet');
    expect(judge(OVER_95, null, 95, null)).toBe('unmet');
    expect(judge(OVER_95, null, 95.01, null)).toBe('met');
    expect(judge({ op: '>=', value: 0.71, unit: 'điểm' }, null, 0.1 * 7.1, null)).toBe('met');
    expect(judge({ op: '<=', value: 5, unit: '%' }, null, 5, null)).toBe('met');
    expect(judge({ op: '<', value: 5, unit: '%' }, null, 5, null)).toBe('unmet');
    expect(judge({ op: '=', value: 100, unit: '%' }, null, 99.99, null)).toBe('unmet');
  });

  it('judges a completion date against the due date, the due day being on time', () => {
    expect(judge(null, '2026-01-10', null, '2026-01-10')).toBe('on_time');
    expect(judge(null, '2026-01-10', null, '2026-01-11')).toBe('late');
    expect(judge(null, '2026-01-10', null, null)).toBeNull();
    expect(judge(null, null, null, null)).toBeNull();
  });

  it('says when a status goes against the judgement', () => {
    expect(disagrees('met', 'on_time')).toBe(false);
    expect(disagrees('unmet', 'met')).toBe(true);
    expect(disagrees('partial', 'met')).toBe(true);
    expect(disagrees('met', 'late')).toBe(true);
    expect(disagrees('partial', 'unmet')).toBe(false);
    expect(disagrees('na', 'late')).toBe(false);
    expect(disagrees('met', null)).toBe(false);
    expect(disagrees(null, 'unmet')).toBe(false);
  });
});

describe('checkDraft', () => {
  const target = item({ target: OVER_95 });

  it('builds the record to send, with the figure read and the note trimmed', () => {
    const r = checkDraft(target, { status: 'unmet', valueText: '93,5', doneOn: '', note: '  thiếu số liệu tháng 3 ' });
    expect(r).toEqual({ ok: true, record: { status: 'unmet', value: 93.5, done_on: null, note: 'thiếu số liệu tháng 3' } });
  });

  it('asks for the reason of a N/A', () => {
    const r = checkDraft(item(), { status: 'na', valueText: '', doneOn: '', note: ' ' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.field).toBe('note');
      expect(r.message).toContain('lý do');
    }
  });

  it('asks for a note when the status contradicts the judgement', () => {
    const r = checkDraft(target, { status: 'met', valueText: '93,5', doneOn: '', note: '' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.field).toBe('note');
      expect(r.message).toContain('Không đạt chỉ tiêu');
    }
    expect(checkDraft(target, { status: 'met', valueText: '93,5', doneOn: '', note: 'Số liệu hệ thống sai' }).ok).toBe(true);
    expect(checkDraft(target, { status: 'partial', valueText: '93,5', doneOn: '', note: '' }).ok).toBe(true);
  });

  it('refuses a figure the item has no target for, and one that is not a number', () => {
    const r = checkDraft(item(), { status: null, valueText: '12', doneOn: '', note: '' });
    expect(r.ok === false && r.field).toBe('value');
    const bad = checkDraft(target, { status: null, valueText: 'chín mươi', doneOn: '', note: '' });
    expect(bad.ok === false && bad.field).toBe('value');
  });

  it('judges a completion date typed day first against the due date', () => {
    const due = item({ due: '2026-01-10' });
    const late = checkDraft(due, { status: 'met', valueText: '', doneOn: '11/01/2026', note: '' });
    expect(late.ok === false && late.message).toContain('Trễ hạn');
    const onTime = checkDraft(due, { status: 'met', valueText: '', doneOn: '10/01/2026', note: '' });
    expect(onTime).toEqual({ ok: true, record: { status: 'met', value: null, done_on: '2026-01-10', note: null } });
    const bad = checkDraft(due, { status: null, valueText: '', doneOn: '32/01/2026', note: '' });
    expect(bad.ok === false && bad.field).toBe('done_on');
  });

  it('compares what would be sent with what is stored', () => {
    const stored = item({ target: OVER_95, status: 'unmet', value: 93.5, note: 'x', due: '2026-12-31', done_on: '2026-11-02' });
    expect(draftOf(stored).doneOn).toBe('02/11/2026');
    const again = checkDraft(stored, draftOf(stored));
    expect(again.ok).toBe(true);
    if (again.ok) expect(recordKey(again.record)).toBe(recordKey(storedRecord(stored)));
  });
});

describe('progress, views and groups', () => {
  const items = [
    item({ source_ref: 'a', status: 'met' }),
    item({ source_ref: 'b', status: 'unmet', disagreement: true }),
    item({ source_ref: 'c', section_ref: 'III', objective_ref: 'III.1' }),
    item({ source_ref: 'd', status: 'na' }),
  ];

  it('counts answers by status, and disagreements', () => {
    const p = progressOf(items);
    expect(p).toEqual({ total: 4, answered: 3, met: 1, partial: 0, unmet: 1, na: 1, disagreements: 1 });
    expect(progressText(p)).toBe('3/4 mục đã có kết quả (75%)');
  });

  it('filters the remaining and the disagreeing items', () => {
    expect(items.filter((i) => inView(i, 'remaining')).map((i) => i.source_ref)).toEqual(['c']);
    expect(items.filter((i) => inView(i, 'disagreements')).map((i) => i.source_ref)).toEqual(['b']);
    expect(items.filter((i) => inView(i, 'all'))).toHaveLength(4);
  });

  it('groups by section then objective, in order met', () => {
    const g = groupBySection(items, (i) => ({ section: i.section_ref, objective: i.objective_ref }));
    expect(g.map((s) => s.ref)).toEqual(['II', 'III']);
    expect(g[0].objectives[0].entries.map((i) => i.source_ref)).toEqual(['a', 'b', 'd']);
  });

  it('puts findings under their item', () => {
    const f = (id: number, ref: string | null) => ({
      id,
      kind: 'shortcoming' as const,
      text: 't',
      source_ref: ref,
      criterion: ref ? null : '3.2',
      cause: null,
      recommendation: null,
      severity: null,
      responsible: null,
      due: null,
      created_at: '',
      created_by: '',
    });
    const m = findingsByItem([f(1, 'a'), f(2, null), f(3, 'a')]);
    expect(m.get('a')?.map((x) => x.id)).toEqual([1, 3]);
    expect(m.size).toBe(1);
  });
});

describe('status and who may edit', () => {
  it('labels each state, issued first', () => {
    expect(inspectionBadge({ status: 'in_progress', locked: false }).text).toBe('Đang kiểm tra');
    expect(inspectionBadge({ status: 'submitted', locked: false }).text).toBe('Đã nộp chờ duyệt');
    expect(inspectionBadge({ status: 'returned', locked: false }).text).toBe('Được trả lại');
    expect(inspectionBadge({ status: 'accepted', locked: false }).text).toBe('Đã duyệt');
    expect(inspectionBadge({ status: 'accepted', locked: true }).text).toBe('Đã ban hành');
  });

  it('keeps a submitted inspection from inspectors but not from the lead', () => {
    expect(readOnlyReason({ status: 'submitted', locked: false }, 'inspector')).toContain('chờ Trưởng đoàn duyệt');
    expect(readOnlyReason({ status: 'submitted', locked: false }, 'lead')).toBeNull();
    expect(readOnlyReason({ status: 'in_progress', locked: false }, 'inspector')).toBeNull();
    expect(readOnlyReason({ status: 'accepted', locked: false }, 'lead')).toContain('đã duyệt');
    expect(readOnlyReason({ status: 'returned', locked: true }, 'lead')).toContain('ban hành');
    expect(readOnlyReason({ status: 'in_progress', locked: false }, null)).toContain('Chưa chọn người dùng');
  });
});

describe('keyboard', () => {
  const key = (k: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) =>
    shortcutFor({ key: k, altKey: false, ctrlKey: false, metaKey: false, ...mods });

  it('maps the documented keys', () => {
    expect(key('j')).toEqual({ kind: 'move', by: 1 });
    expect(key('ArrowDown')).toEqual({ kind: 'move', by: 1 });
    expect(key('k')).toEqual({ kind: 'move', by: -1 });
    expect(key('ArrowUp')).toEqual({ kind: 'move', by: -1 });
    expect(key('1')).toEqual({ kind: 'status', status: 'met' });
    expect(key('2')).toEqual({ kind: 'status', status: 'partial' });
    expect(key('3')).toEqual({ kind: 'status', status: 'unmet' });
    expect(key('4')).toEqual({ kind: 'status', status: 'na' });
    expect(key('n')).toEqual({ kind: 'focus', field: 'note' });
    expect(key('v')).toEqual({ kind: 'focus', field: 'value' });
    expect(key('f')).toEqual({ kind: 'finding' });
    expect(key('5')).toBeNull();
    expect(key('x')).toBeNull();
  });

  it('leaves modified keys (Alt+1 opens a screen) alone', () => {
    expect(key('1', { altKey: true })).toBeNull();
    expect(key('j', { ctrlKey: true })).toBeNull();
  });

  it('knows typing from pressing', () => {
    const el = (tagName: string, type = '') => ({ tagName, type, isContentEditable: false }) as unknown as EventTarget;
    expect(isTypingTarget(el('INPUT', 'text'))).toBe(true);
    expect(isTypingTarget(el('INPUT', 'date'))).toBe(true);
    expect(isTypingTarget(el('INPUT', 'checkbox'))).toBe(false);
    expect(isTypingTarget(el('TEXTAREA'))).toBe(true);
    expect(isTypingTarget(el('SELECT'))).toBe(true);
    expect(isTypingTarget(el('BUTTON'))).toBe(false);
    expect(isTypingTarget(el('DIV'))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe('times', () => {
  it('writes the time of day with seconds', () => {
    expect(timeOfDay(new Date(2026, 0, 2, 9, 5, 7))).toBe('09:05:07');
  });

  it('finds the last recorded change', () => {
    const d = lastUpdate([{ updated_at: null }, { updated_at: '2026-11-27T09:05:12+07:00' }, { updated_at: '2026-11-27T08:00:00+07:00' }]);
    expect(d?.toISOString()).toBe('2026-11-27T02:05:12.000Z');
    expect(lastUpdate([{ updated_at: null }])).toBeNull();
  });
});
