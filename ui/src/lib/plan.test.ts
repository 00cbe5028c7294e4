import { describe, expect, it } from 'vitest';

import type { Agency } from './bindings/Agency';
import type { Plan } from './bindings/Plan';
import {
  coverageStatus,
  coverageText,
  filterRows,
  missing,
  parseSeed,
  parseThreshold,
  planChange,
  planCoverage,
  planRows,
  planStatusText,
  randomSeed,
  scheduleProblem,
  serial,
  teamText,
  windowText,
  holidayWarning,
  noticeDueText,
  yearChoices,
} from './plan';

const agency = (code: string, name: string, block: Agency['block'], active = true): Agency => ({
  code,
  name,
  block,
  kind: block === 'commune' ? 'xa' : null,
  active,
  addressee: block === 'commune' ? `UBND ${name}` : name,
  head_title: block === 'commune' ? `Chủ tịch UBND ${name}` : `Giám đốc ${name}`,
  inspecting_body: false,
});

const cov = (selected: number, total: number, required: number) => ({ selected, total, required });

function plan(part: Partial<Plan> = {}): Plan {
  return {
    year: 2026,
    threshold: 20,
    status: 'draft',
    draw_method: null,
    seed: null,
    revision: 0,
    agencies: [],
    excluded: [],
    coverage: { provincial: cov(0, 15, 3), commune: cov(0, 99, 20), all: cov(0, 114, 23) } as unknown as Plan['coverage'],
    amendments: [],
    finalize_blocker: null,
    cooperation_inspected: true,
    remediation_days: 30,
    notice_days: 15,
    number: null,
    issued_on: null,
    issuer: null,
    ...part,
  };
}

describe('planCoverage', () => {
  it('reads the coverage the backend sends, per block and overall', () => {
    const c = planCoverage(plan());
    expect(c.provincial).toEqual({ selected: 0, total: 15, required: 3 });
    expect(c.commune.required).toBe(20);
    expect(c.all.total).toBe(114);
  });
});

describe('planChange', () => {
  it('fills every key the command requires with an empty value', () => {
    expect(planChange()).toEqual({
      threshold: null,
      include: [],
      exclude: [],
      spot_checks: [],
      unmark_spot_checks: [],
      draw: null,
      reason: null,
    });
  });

  it('keeps what is given', () => {
    const c = planChange({ draw: { method: 'rotation', seed: 42 }, reason: 'Bổ sung' });
    expect(c.draw).toEqual({ method: 'rotation', seed: 42 });
    expect(c.reason).toBe('Bổ sung');
    expect(c.include).toEqual([]);
  });
});

describe('coverage', () => {
  it('writes selected/total, what is required and the threshold with a decimal comma', () => {
    expect(coverageText(cov(3, 15, 3), 20)).toBe('3/15 — cần 3 (20%)');
    expect(coverageText(cov(1, 99, 13), 12.5)).toBe('1/99 — cần 13 (12,5%)');
  });

  it('says Đạt once the block has enough, and how many are missing before', () => {
    expect(coverageStatus(cov(20, 99, 20))).toEqual({ met: true, text: 'Đạt' });
    expect(coverageStatus(cov(25, 99, 20))).toEqual({ met: true, text: 'Đạt' });
    expect(coverageStatus(cov(17, 99, 20))).toEqual({ met: false, text: 'Còn thiếu 3' });
    expect(missing(cov(30, 99, 20))).toBe(0);
  });
});

describe('planStatusText', () => {
  it('names draft, final and amended plans', () => {
    expect(planStatusText({ status: 'draft', revision: 0 })).toBe('Dự thảo');
    expect(planStatusText({ status: 'final', revision: 0 })).toBe('Đã phê duyệt');
    expect(planStatusText({ status: 'final', revision: 2 })).toBe('Đã phê duyệt (điều chỉnh lần 2)');
  });
});

describe('yearChoices', () => {
  it('offers the plan years, this year and the next, newest first, each once', () => {
    expect(yearChoices([2025, 2024], 2026)).toEqual([2027, 2026, 2025, 2024]);
    expect(yearChoices([2027, 2026], 2026)).toEqual([2027, 2026]);
  });

  it('keeps the year being shown even when nothing else lists it', () => {
    expect(yearChoices([], 2026, 2030)).toEqual([2030, 2027, 2026]);
  });
});

describe('windowText and teamText', () => {
  it('writes a date window short within one year', () => {
    expect(windowText(null)).toBe('Chưa xếp lịch');
    expect(windowText({ from: '2026-03-03', to: '2026-03-05' })).toBe('03/03 – 05/03/2026');
    expect(windowText({ from: '2026-03-03', to: '2026-03-03' })).toBe('03/03/2026');
    expect(windowText({ from: '2026-12-30', to: '2027-01-02' })).toBe('30/12/2026 – 02/01/2027');
  });

  it('names the lead first, then the members, once each', () => {
    expect(teamText({ lead: null, members: [] })).toBe('Chưa phân công');
    expect(teamText({ lead: 'Nguyễn Văn A', members: ['Trần Thị B', 'Nguyễn Văn A'] })).toBe(
      'Nguyễn Văn A (Trưởng đoàn), Trần Thị B',
    );
    expect(teamText({ lead: null, members: ['Trần Thị B'] })).toBe('Trần Thị B');
  });
});

describe('seeds and thresholds typed by the user', () => {
  it('draws six-digit seeds', () => {
    expect(randomSeed(() => 0)).toBe(100000);
    expect(randomSeed(() => 0.999999999)).toBe(999999);
  });

  it('accepts whole non-negative seeds only', () => {
    expect(parseSeed(' 123456 ')).toBe(123456);
    expect(parseSeed('0')).toBe(0);
    expect(parseSeed('')).toBeNull();
    expect(parseSeed('-1')).toBeNull();
    expect(parseSeed('1.5')).toBeNull();
    expect(parseSeed('1e3')).toBeNull();
    expect(parseSeed('99999999999999999999')).toBeNull();
  });

  it('reads a threshold with a comma or a point, with or without %', () => {
    expect(parseThreshold('20')).toBe(20);
    expect(parseThreshold('12,5')).toBe(12.5);
    expect(parseThreshold('12.5 %')).toBe(12.5);
    expect(parseThreshold('100')).toBe(100);
    expect(parseThreshold('0')).toBeNull();
    expect(parseThreshold('101')).toBeNull();
    expect(parseThreshold('hai mươi')).toBeNull();
  });
});

describe('planRows and filterRows', () => {
  // Mixed as the register sorts them (by name); the plan screen shows provincial units first.
  const register = [
    agency('09217', 'Phường Thuận Thành', 'commune'),
    agency('STP', 'Sở Tư pháp', 'provincial'),
    agency('SNV', 'Sở Nội vụ', 'provincial'),
    agency('OLD', 'Sở đã giải thể', 'provincial', false),
    agency('07264', 'Xã Tam Tiến', 'commune'),
  ];
  const p = plan({
    agencies: [
      {
        code: 'STP',
        name: 'Sở Tư pháp',
        block: 'provincial',
        mode: 'manual',
        spot_check: true,
        window: { from: '2026-03-03', to: '2026-03-05' },
        team: { lead: 'Nguyễn Văn A', members: [] },
        decision: { number: null, date: null, signer: null },
      },
      {
        code: 'OLD',
        name: 'Sở đã giải thể',
        block: 'provincial',
        mode: 'random',
        spot_check: false,
        window: null,
        team: { lead: null, members: [] },
        decision: { number: null, date: null, signer: null },
      },
    ],
    excluded: ['SNV'],
  });
  const rotation = [{ code: '07264', name: 'Xã Tam Tiến', block: 'commune' as const, last_inspected: 2024 }];

  it('merges the active register with the plan and the last inspection year', () => {
    const rows = planRows(register, p, rotation);
    expect(rows.map((r) => r.code)).toEqual(['STP', 'SNV', '09217', '07264', 'OLD']);
    const stp = rows[0];
    expect(stp.selected).toBe(true);
    expect(stp.mode).toBe('manual');
    expect(stp.spotCheck).toBe(true);
    expect(stp.team.lead).toBe('Nguyễn Văn A');
    expect(rows[1]).toMatchObject({ selected: false, mode: null, excluded: true });
    expect(rows[3].lastInspected).toBe(2024);
    expect(rows[2].lastInspected).toBeNull();
    // A planned agency no longer active still shows, last.
    expect(rows[4]).toMatchObject({ code: 'OLD', selected: true, mode: 'random' });
  });

  it('shows the whole active register, unticked, when there is no plan', () => {
    const rows = planRows(register, null, []);
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => !r.selected && r.mode === null)).toBe(true);
  });

  it('filters by search without diacritics, by block and by selection', () => {
    const rows = planRows(register, p, rotation);
    expect(filterRows(rows, 'thuan thanh', '', '').map((r) => r.code)).toEqual(['09217']);
    expect(filterRows(rows, '  TƯ  PHÁP ', '', '').map((r) => r.code)).toEqual(['STP']);
    expect(filterRows(rows, '0726', '', '').map((r) => r.code)).toEqual(['07264']);
    expect(filterRows(rows, '', 'commune', '').map((r) => r.code)).toEqual(['09217', '07264']);
    expect(filterRows(rows, '', '', 'selected').map((r) => r.code)).toEqual(['STP', 'OLD']);
    expect(filterRows(rows, '', 'provincial', 'unselected').map((r) => r.code)).toEqual(['SNV']);
  });
});

describe('scheduleProblem', () => {
  it('wants both dates, in order, within the plan year', () => {
    expect(scheduleProblem('', '2026-03-05', 2026)).toContain('cả ngày bắt đầu');
    expect(scheduleProblem('2026-03-05', '2026-03-03', 2026)).toContain('trước ngày bắt đầu');
    expect(scheduleProblem('2025-12-30', '2026-01-02', 2026)).toContain('trong năm 2026');
    expect(scheduleProblem('2026-03-03', '2026-03-03', 2026)).toBeNull();
  });
});

describe('serial', () => {
  it('runs tasks one at a time, in order, even when one fails', async () => {
    const run = serial();
    const log: string[] = [];
    const later = (name: string, ms: number, fail = false) => () =>
      new Promise<string>((resolve, reject) =>
        setTimeout(() => {
          log.push(name);
          if (fail) reject(new Error(name));
          else resolve(name);
        }, ms),
      );
    const a = run(later('a', 20));
    const b = run(later('b', 0, true));
    const c = run(later('c', 0));
    await expect(a).resolves.toBe('a');
    await expect(b).rejects.toThrow('b');
    await expect(c).resolves.toBe('c');
    expect(log).toEqual(['a', 'b', 'c']);
  });
});

describe('the inspecting body', () => {
  it('is marked in the plan rows so it cannot be ticked to inspect itself', () => {
    const snv = { ...agency('SNV', 'Sở Nội vụ', 'provincial'), inspecting_body: true };
    const rows = planRows([snv, agency('STP', 'Sở Tư pháp', 'provincial')], null, []);
    expect(rows.find((r) => r.code === 'SNV')?.inspectingBody).toBe(true);
    expect(rows.find((r) => r.code === 'STP')?.inspectingBody).toBe(false);
  });
});

describe('the decision establishing a team', () => {
  it('is carried by the planned row the schedule dialog opens, and absent for others', () => {
    const decision = { number: '15', date: '2026-04-20', signer: 'Giám đốc Sở Nội vụ' };
    const p = plan({
      agencies: [
        {
          code: 'STP',
          name: 'Sở Tư pháp',
          block: 'provincial',
          mode: 'manual',
          spot_check: false,
          window: null,
          team: { lead: null, members: [] },
          decision,
        } as Plan['agencies'][number],
      ],
    });
    const rows = planRows([agency('STP', 'Sở Tư pháp', 'provincial'), agency('STC', 'Sở Tài chính', 'provincial')], p, []);
    expect(rows.find((r) => r.code === 'STP')?.decision).toEqual(decision);
    expect(rows.find((r) => r.code === 'STC')?.decision).toBeNull();
  });
});

describe('noticeDueText', () => {
  it('shows the due date, warns once it has passed, and says when the notice is issued', () => {
    expect(noticeDueText(null).text).toBe('—');
    const n = { due: '2026-06-26', working_days: 15, issued: false, overdue: false, years_without_holidays: [] };
    expect(noticeDueText(n)).toMatchObject({ text: 'Hạn 26/06/2026', tone: 'plain' });
    expect(noticeDueText(n).title).toContain('15 ngày làm việc');
    expect(noticeDueText({ ...n, overdue: true })).toMatchObject({ text: 'Quá hạn 26/06/2026', tone: 'warn' });
    expect(noticeDueText({ ...n, issued: true })).toMatchObject({ text: 'Đã ban hành', tone: 'ok' });
  });

  it('marks and warns a date counted through a year without holiday data', () => {
    const n = { due: '2027-01-19', working_days: 15, issued: false, overdue: false, years_without_holidays: [2027] };
    const shown = noticeDueText(n);
    expect(shown).toMatchObject({ text: 'Hạn 19/01/2027 (chưa có ngày nghỉ lễ)', tone: 'warn' });
    expect(shown.title).toContain('năm 2027');
    expect(shown.title).toContain('calendar import');
    expect(noticeDueText({ ...n, overdue: true }).text).toBe('Quá hạn 19/01/2027 (chưa có ngày nghỉ lễ)');
    expect(holidayWarning([])).toBeNull();
  });
});
