import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

const {
  ApiError,
  listAgencies,
  showChecklist,
  addProfile,
  appInfo,
  toApiError,
  changePlan,
  findPlan,
  finalizePlan,
  listPlanYears,
  planRotation,
  scheduleInspection,
  setPlanCooperation,
  setPlanReference,
  setTeamDecision,
  selectPlanAgency,
  showPlan,
  workList,
  listInspections,
  findInspection,
  startInspection,
  showInspection,
  recordItem,
  addFinding,
  removeFinding,
  submitInspection,
  reviewInspection,
  setScore,
  listEvidence,
  addEvidence,
  remapEvidence,
  removeEvidence,
  evidenceMatrix,
  verifyEvidence,
  evidenceThumbnail,
  openEvidence,
} = await import('./api');
const { nextStep } = await import('./errors');
const { planChange } = await import('./plan');

// A block body: a function returned from beforeEach would run as the test's teardown.
beforeEach(() => {
  invoke.mockReset();
});

describe('the command wrappers', () => {
  it('send the command name and camelCase arguments', async () => {
    invoke.mockResolvedValue([]);
    await listAgencies({ block: 'commune', search: 'thuan thanh', include_inactive: false });
    expect(invoke).toHaveBeenCalledWith('list_agencies', {
      filter: { block: 'commune', search: 'thuan thanh', include_inactive: false },
    });

    await showChecklist(null);
    expect(invoke).toHaveBeenLastCalledWith('show_checklist', { agency: null });

    await addProfile('Nguyễn Văn A', 'lead', null);
    expect(invoke).toHaveBeenLastCalledWith('add_profile', { name: 'Nguyễn Văn A', role: 'lead', title: null });
  });

  it('turn a rejected { code, message } into an ApiError with both', async () => {
    invoke.mockRejectedValue({ code: 'agency_not_found', message: 'Không tìm thấy cơ quan có mã XYZ' });
    const err = await showChecklist('XYZ').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toBeInstanceOf(Error);
    const apiErr = err as InstanceType<typeof ApiError>;
    expect(apiErr.code).toBe('agency_not_found');
    expect(apiErr.message).toBe('Không tìm thấy cơ quan có mã XYZ');
  });

  it('pass results through untouched', async () => {
    const status = { summary: {}, profile: null };
    invoke.mockResolvedValue(status);
    await expect(appInfo()).resolves.toBe(status);
  });
});

describe('toApiError', () => {
  it('keeps an ApiError as it is', () => {
    const e = new ApiError('lead_only', 'Chỉ Trưởng đoàn');
    expect(toApiError(e)).toBe(e);
  });

  it('reads a bare string (Tauri’s own refusals) as an internal error', () => {
    const e = toApiError('command not allowed');
    expect(e.code).toBe('internal');
    expect(e.message).toBe('command not allowed');
  });

  it('reads a thrown Error (no backend) as an IPC error that keeps the cause', () => {
    const e = toApiError(new TypeError('window.__TAURI_INTERNALS__ is undefined'));
    expect(e.code).toBe('ipc');
    expect(e.message).toContain('__TAURI_INTERNALS__');
  });

  it('never gives an empty message for unknown values', () => {
    expect(toApiError(undefined).message.length).toBeGreaterThan(0);
    expect(toApiError({ code: 1 }).code).toBe('internal');
  });
});

describe('the plan commands', () => {
  it('send the command names and camelCase arguments the backend expects', async () => {
    invoke.mockResolvedValue({});
    await listPlanYears();
    expect(invoke).toHaveBeenLastCalledWith('list_plan_years', undefined);
    await showPlan(2026);
    expect(invoke).toHaveBeenLastCalledWith('show_plan', { year: 2026 });
    await changePlan(2026, planChange({ include: ['STP'] }));
    expect(invoke).toHaveBeenLastCalledWith('change_plan', {
      year: 2026,
      change: {
        threshold: null,
        include: ['STP'],
        exclude: [],
        spot_checks: [],
        unmark_spot_checks: [],
        draw: null,
        reason: null,
      },
    });
    await selectPlanAgency(2026, '07264', false, 'Sáp nhập');
    expect(invoke).toHaveBeenLastCalledWith('select_plan_agency', {
      year: 2026,
      code: '07264',
      selected: false,
      reason: 'Sáp nhập',
    });
    await finalizePlan(2026);
    expect(invoke).toHaveBeenLastCalledWith('finalize_plan', { year: 2026 });
    const schedule = { agency: 'STP', from: '2026-03-03', to: '2026-03-05', lead: 'A', members: ['B'], reason: null };
    await scheduleInspection(2026, schedule);
    expect(invoke).toHaveBeenLastCalledWith('schedule_inspection', { year: 2026, schedule });
    const reference = { number: '25', date: '2026-01-15', issuer: null };
    await setPlanReference(2026, reference);
    expect(invoke).toHaveBeenLastCalledWith('set_plan_reference', { year: 2026, reference });
    const decision = { agency: 'STP', number: '15', date: '2026-04-20', signer: 'Giám đốc Sở Nội vụ' };
    await setTeamDecision(2026, decision);
    expect(invoke).toHaveBeenLastCalledWith('set_team_decision', { year: 2026, decision });
    await setPlanCooperation(2026, false);
    expect(invoke).toHaveBeenLastCalledWith('set_plan_cooperation', { year: 2026, inspected: false });
    await planRotation(2026);
    expect(invoke).toHaveBeenLastCalledWith('plan_rotation', { year: 2026 });
    await workList(2026);
    expect(invoke).toHaveBeenLastCalledWith('work_list', { year: 2026 });
  });

  it('findPlan answers null when the year has no plan yet', async () => {
    invoke.mockRejectedValue({ code: 'plan_not_found', message: 'Chưa có kế hoạch kiểm tra năm 2027.' });
    await expect(findPlan(2027)).resolves.toBeNull();
  });

  it('findPlan still rejects on any other error', async () => {
    invoke.mockRejectedValue({ code: 'db', message: 'Lỗi cơ sở dữ liệu' });
    const err = await findPlan(2026).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as InstanceType<typeof ApiError>).code).toBe('db');
  });
});

describe('the inspection and evidence commands', () => {
  it('send the command names and camelCase arguments the backend expects', async () => {
    invoke.mockResolvedValue(null);
    const calls: [() => Promise<unknown>, string, Record<string, unknown>][] = [
      [() => listInspections(2026), 'list_inspections', { year: 2026 }],
      [() => listInspections(null), 'list_inspections', { year: null }],
      [() => findInspection(2026, '07264'), 'find_inspection', { year: 2026, agency: '07264' }],
      [() => startInspection(2026, '07264', null), 'start_inspection', { year: 2026, agency: '07264', date: null }],
      [() => showInspection(3), 'show_inspection', { id: 3 }],
      [
        () => recordItem(3, 'II.6.CT.1', { status: 'unmet', value: 93.5, done_on: null, note: null }),
        'record_item',
        { id: 3, sourceRef: 'II.6.CT.1', record: { status: 'unmet', value: 93.5, done_on: null, note: null } },
      ],
      [() => removeFinding(3, 7), 'remove_finding', { id: 3, findingId: 7 }],
      [() => submitInspection(3), 'submit_inspection', { id: 3 }],
      [() => reviewInspection(3, false, 'Bổ sung số liệu'), 'review_inspection', { id: 3, accept: false, comment: 'Bổ sung số liệu' }],
      [
        () => setScore(3, '3.6', 1, 0.5, 'Thiếu số liệu'),
        'set_score',
        { id: 3, criterion: '3.6', selfScore: 1, appraisedScore: 0.5, justification: 'Thiếu số liệu' },
      ],
      [() => listEvidence(3), 'list_evidence', { id: 3 }],
      [
        () => addEvidence(3, ['/tmp/Ảnh.png'], { criteria: ['3.2'], items: [] }),
        'add_evidence',
        { id: 3, paths: ['/tmp/Ảnh.png'], mapping: { criteria: ['3.2'], items: [] } },
      ],
      [() => remapEvidence(9, { criteria: ['3.6'], items: ['II.6.CT.1'] }), 'remap_evidence', { evidenceId: 9, mapping: { criteria: ['3.6'], items: ['II.6.CT.1'] } }],
      [() => removeEvidence(9), 'remove_evidence', { evidenceId: 9 }],
      [() => evidenceMatrix(3), 'evidence_matrix', { id: 3 }],
      [() => verifyEvidence(3), 'verify_evidence', { id: 3 }],
      [() => evidenceThumbnail(9), 'evidence_thumbnail', { evidenceId: 9 }],
      [() => openEvidence(9), 'open_evidence', { evidenceId: 9 }],
    ];
    for (const [run, command, args] of calls) {
      await run();
      expect(invoke).toHaveBeenLastCalledWith(command, args);
    }
    const finding = {
      kind: 'shortcoming' as const,
      text: 'Chưa niêm yết',
      source_ref: 'II.5.1.2',
      criterion: null,
      cause: null,
      recommendation: null,
      severity: 'high' as const,
      responsible: null,
      due: '2026-06-30',
    };
    await addFinding(3, finding);
    expect(invoke).toHaveBeenLastCalledWith('add_finding', { id: 3, finding });
  });

  it('pass the refusal of an answer on with its code and message', async () => {
    invoke.mockRejectedValue({ code: 'inspection_locked', message: 'Cuộc kiểm tra số 3 đã được duyệt: không sửa được nữa.' });
    const err = await recordItem(3, 'I.1.3.1', { status: 'met', value: null, done_on: null, note: null }).catch((e: unknown) => e);
    expect((err as InstanceType<typeof ApiError>).code).toBe('inspection_locked');
  });

  it('have a next step for every new error code', () => {
    for (const code of ['inspection_not_found', 'inspection_locked', 'inspection_exists', 'item_not_found', 'evidence_refused', 'evidence_not_found']) {
      expect(nextStep(code), code).not.toBe(nextStep('unknown_code'));
    }
  });
});
