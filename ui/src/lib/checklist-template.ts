// What the checklist template panel shows: the preview's counts and tabs, where each problem
// is, the year offered for the import, and the one-line results. Pure, so Vitest covers it.

import type { TemplatePreview } from './bindings/TemplatePreview';
import type { TemplateProblem } from './bindings/TemplateProblem';

export type PreviewTab = 'added' | 'removed' | 'changed' | 'problems';

/** The year a new checklist is for, offered by default: the year after the one in force. */
export function defaultImportYear(current: number | null, today: Date = new Date()): number {
  return (current ?? today.getFullYear()) + 1;
}

/** Where a problem is, as the CLI prints it: "Dòng 12, cột Q «Chỉ tiêu: so sánh»". */
export function problemPlace(p: TemplateProblem): string {
  const parts: string[] = [];
  if (p.sheet) parts.push(`trang «${p.sheet}»`);
  if (p.line !== null) parts.push(`dòng ${p.line}`);
  if (p.column && p.header) parts.push(`cột ${p.column} «${p.header}»`);
  else if (p.header) parts.push(`cột «${p.header}»`);
  else if (p.column) parts.push(`cột ${p.column}`);
  const s = parts.join(', ');
  return s === '' ? '' : s.charAt(0).toUpperCase() + s.slice(1);
}

/** The tabs of a preview with their counts; problems first and alone when there are any. */
export function previewTabs(p: TemplatePreview): { id: PreviewTab; label: string }[] {
  if (p.problems.length > 0) return [{ id: 'problems', label: `Lỗi (${p.problems.length})` }];
  return [
    { id: 'changed', label: `Sửa (${p.changed.length})` },
    { id: 'added', label: `Thêm (${p.added.length})` },
    { id: 'removed', label: `Bỏ (${p.removed.length})` },
  ];
}

/** The summary line of a preview. */
export function previewSummary(p: TemplatePreview): string {
  if (p.problems.length > 0) {
    return `Tệp có ${p.problems.length} lỗi: chưa nhập được. Hãy sửa các ô được nêu rồi kiểm tra lại.`;
  }
  const t = p.template;
  const head = t ? `${t.code} phiên bản ${t.version}, năm ${t.year}` : 'Danh mục mới';
  const base = p.base ? `so với ${p.base.code} phiên bản ${p.base.version} (năm ${p.base.year})` : 'chưa có danh mục nào trước đó';
  return `${head}: ${p.items} mục, ${base} — thêm ${p.added.length}, bỏ ${p.removed.length}, sửa ${p.changed.length}, giữ nguyên ${p.unchanged}.`;
}

/** The confirmation after an import. */
export function importResultText(p: TemplatePreview): string {
  const t = p.template;
  return t
    ? `Đã nhập danh mục ${t.code} phiên bản ${t.version} cho năm ${t.year} (${p.items} mục). Các cuộc kiểm tra đã bắt đầu giữ nguyên danh mục của mình.`
    : 'Đã nhập danh mục.';
}

/** The confirmation after an export. */
export function exportResultText(path: string, rows: number): string {
  return `Đã xuất mẫu danh mục (${rows} dòng): ${path}`;
}
