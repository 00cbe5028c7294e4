import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

const { ApiError } = await import('./api');
const { documentSettings, issueNotice, listNotices, noticeDueDate, openDocument, previewDocument, reopenInspection, saveDocumentSettings } =
  await import('./api-documents');

beforeEach(() => {
  invoke.mockReset();
});

describe('the documents command wrappers', () => {
  it('send the command name and camelCase arguments', async () => {
    invoke.mockResolvedValue([]);
    await previewDocument({ kind: 'notice', inspection_id: 7 }, '2026-05-20');
    expect(invoke).toHaveBeenLastCalledWith('preview_document', { document: { kind: 'notice', inspection_id: 7 }, date: '2026-05-20' });
    await openDocument({ kind: 'plan', year: 2026 }, null);
    expect(invoke).toHaveBeenLastCalledWith('open_document', { document: { kind: 'plan', year: 2026 }, date: null });
    await noticeDueDate(7, null);
    expect(invoke).toHaveBeenLastCalledWith('notice_due_date', { id: 7, date: null });
    await issueNotice(7, '12', '2026-05-20', null);
    expect(invoke).toHaveBeenLastCalledWith('issue_notice', { id: 7, number: '12', date: '2026-05-20', reason: null });
    await listNotices(7);
    expect(invoke).toHaveBeenLastCalledWith('list_notices', { id: 7 });
    await reopenInspection(7, 'Sai số liệu');
    expect(invoke).toHaveBeenLastCalledWith('reopen_inspection', { id: 7, reason: 'Sai số liệu' });
    await documentSettings();
    expect(invoke).toHaveBeenLastCalledWith('document_settings', undefined);
    const settings = { issuing_body: 'SỞ NỘI VỤ' } as never;
    await saveDocumentSettings(settings);
    expect(invoke).toHaveBeenLastCalledWith('save_document_settings', { settings });
  });

  it('turn a backend rejection into an ApiError', async () => {
    invoke.mockRejectedValue({ code: 'notice_number_taken', message: 'Số 12 đã dùng' });
    const err = await issueNotice(7, '12', '2026-05-20', null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'notice_number_taken', message: 'Số 12 đã dùng' });
  });
});
