import { describe, expect, it } from 'vitest';

import type { TemplatePreview } from './bindings/TemplatePreview';
import { defaultImportYear, importResultText, previewSummary, previewTabs, problemPlace } from './checklist-template';

const template = { code: 'KH167-2027', version: 1, year: 2027, name: 'Danh mục 2027', source: 'KH' };
const base = { code: 'KH167-2026', version: 2, year: 2026, name: 'Danh mục 2026', source: 'KH' };

function preview(over: Partial<TemplatePreview> = {}): TemplatePreview {
  return {
    template,
    base,
    items: 124,
    added: [{ source_ref: 'II.8.CT.9', text: 'Mới' }],
    removed: [{ source_ref: 'I.1.1.3', text: 'Cũ' }],
    changed: [{ source_ref: 'II.8.CT.1', text: 'Sửa', fields: [{ field: 'Chỉ tiêu', before: '≥ 85%', after: '≥ 90%' }] }],
    unchanged: 122,
    problems: [],
    warnings: [],
    imported: false,
    ...over,
  };
}

describe('checklist template preview', () => {
  it('counts added, removed and changed items against the base', () => {
    expect(previewSummary(preview())).toBe(
      'KH167-2027 phiên bản 1, năm 2027: 124 mục, so với KH167-2026 phiên bản 2 (năm 2026) — thêm 1, bỏ 1, sửa 1, giữ nguyên 122.',
    );
    expect(previewTabs(preview()).map((t) => t.label)).toEqual(['Sửa (1)', 'Thêm (1)', 'Bỏ (1)']);
  });

  it('shows only the problems when there are any', () => {
    const p = preview({
      template: null,
      problems: [
        { sheet: null, line: 12, column: 'Q', header: 'Chỉ tiêu: so sánh', message: '«≈» không phải phép so sánh' },
        { sheet: 'Thông tin', line: 3, column: 'B', header: null, message: '«Năm» phải là một năm' },
        { sheet: null, line: 6, column: null, header: 'Mã mục', message: 'thiếu cột này' },
      ],
    });
    expect(previewTabs(p)).toEqual([{ id: 'problems', label: 'Lỗi (3)' }]);
    expect(previewSummary(p)).toContain('3 lỗi');
    expect(p.problems.map(problemPlace)).toEqual([
      'Dòng 12, cột Q «Chỉ tiêu: so sánh»',
      'Trang «Thông tin», dòng 3, cột B',
      'Dòng 6, cột «Mã mục»',
    ]);
  });

  it('offers the year after the one in force', () => {
    expect(defaultImportYear(2026)).toBe(2027);
    expect(defaultImportYear(null, new Date(2030, 0, 1))).toBe(2031);
  });

  it('says what was imported and that started inspections keep theirs', () => {
    expect(importResultText(preview({ imported: true }))).toContain('KH167-2027 phiên bản 1 cho năm 2027 (124 mục)');
  });
});
