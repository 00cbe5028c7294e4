import { describe, expect, it } from 'vitest';

import type { FrameworkNode } from './bindings/FrameworkNode';
import {
  compareCodes,
  criteriaOfItems,
  criterionCoverage,
  criterionOptions,
  fileKind,
  fileNameOf,
  formatBytes,
  matrixSummary,
  parsePaths,
  shortHash,
  usedCriteria,
} from './evidence';

describe('formatBytes', () => {
  it('writes sizes with a decimal comma', () => {
    expect(formatBytes(532)).toBe('532 byte');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(1_258_291)).toBe('1,2 MB');
    expect(formatBytes(15 * 1024 * 1024)).toBe('15 MB');
    expect(formatBytes(3.5 * 1024 ** 3)).toBe('3,5 GB');
  });
});

describe('fileKind', () => {
  it('names common kinds by type, then by extension', () => {
    expect(fileKind('application/pdf', 'bao-cao.pdf')).toBe('PDF');
    expect(fileKind('image/png', 'anh.png')).toBe('Ảnh');
    expect(fileKind('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'x.docx')).toBe('Word');
    expect(fileKind('application/msword', 'x.doc')).toBe('Word');
    expect(fileKind('application/vnd.ms-excel', 'x.xls')).toBe('Excel');
    expect(fileKind('application/zip', 'x.zip')).toBe('ZIP');
    expect(fileKind('text/plain', 'ghi-chu.txt')).toBe('Văn bản');
    expect(fileKind('application/octet-stream', 'so-lieu.xlsx')).toBe('Excel');
    expect(fileKind('application/octet-stream', 'tep.abc')).toBe('ABC');
    expect(fileKind('application/octet-stream', 'tep')).toBe('Tệp');
  });
});

describe('hashes, names and pasted paths', () => {
  it('shortens a SHA-256', () => {
    const sha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(shortHash(sha)).toBe('e3b0c442…b855');
  });

  it('takes the last part of a path', () => {
    expect(fileNameOf('/home/an/Tài liệu/Báo cáo.pdf')).toBe('Báo cáo.pdf');
    expect(fileNameOf('C:\\Users\\an\\anh.png')).toBe('anh.png');
  });

  it('reads pasted paths, quoted or as file:// URLs, each once', () => {
    expect(parsePaths('  "/tmp/Báo cáo.pdf"  \n\n/tmp/a.png\n/tmp/a.png')).toEqual(['/tmp/Báo cáo.pdf', '/tmp/a.png']);
    expect(parsePaths('file:///tmp/B%C3%A1o%20c%C3%A1o.pdf')).toEqual(['/tmp/Báo cáo.pdf']);
    expect(parsePaths('   ')).toEqual([]);
  });
});

describe('criteria', () => {
  const node = (code: string, level: FrameworkNode['level'], children: FrameworkNode[] = []): FrameworkNode => ({
    code,
    name: `Tên ${code}`,
    level,
    max_points: null,
    source: null,
    children,
  });
  const tree = [node('1', 'field', [node('1.1', 'criterion'), node('1.2', 'criterion', [node('1.2.1', 'sub_criterion')])]), node('3', 'field', [node('3.2', 'criterion')])];

  it('lists criteria and sub-criteria under their field, marking those the items use', () => {
    const opts = criterionOptions(tree, new Set(['3.2', '9.9']));
    expect(opts.map((o) => o.code)).toEqual(['1.1', '1.2', '1.2.1', '3.2', '9.9']);
    expect(opts.find((o) => o.code === '3.2')).toMatchObject({ field: '3', fieldName: 'Tên 3', used: true });
    expect(opts.find((o) => o.code === '1.1')?.used).toBe(false);
  });

  it('collects the criteria of items', () => {
    const items = [
      { source_ref: 'a', par_criteria: ['3.6', '8.1'] },
      { source_ref: 'b', par_criteria: ['3.10', '3.6'] },
    ];
    expect([...usedCriteria(items)]).toEqual(['3.6', '8.1', '3.10']);
    expect(criteriaOfItems(items, ['a', 'b'])).toEqual(['3.6', '3.10', '8.1']);
    expect(criteriaOfItems(items, [])).toEqual([]);
  });

  it('orders codes by number', () => {
    expect(['3.10', '3.2', '10.1', '2'].sort(compareCodes)).toEqual(['2', '3.2', '3.10', '10.1']);
  });
});

describe('the matrix', () => {
  const matrix = {
    inspection_id: 1,
    present: 1,
    missing: 1,
    not_required: 1,
    rows: [
      { source_ref: 'II.2.1.1', text: '', expected: 'Danh mục', criteria: ['3.2'], evidence: ['Ảnh.png'], state: 'present' as const },
      { source_ref: 'II.6.CT.1', text: '', expected: 'Số liệu', criteria: ['3.6'], evidence: [], state: 'missing' as const },
      { source_ref: 'TC.1.1.2', text: '', expected: null, criteria: ['1.1'], evidence: [], state: 'not_required' as const },
    ],
    criteria: [
      { criterion: '3.2', name: 'Rà soát TTHC', framework_version: 'QD876-2022-KH167', checklist_version: true, items: ['II.2.1.1'], evidence: ['Ảnh.png'] },
      { criterion: '7.4', name: 'Ứng dụng CNTT', framework_version: 'QD876-2022-KH167', checklist_version: true, items: [], evidence: ['Riêng.pdf'] },
      { criterion: '3.2', name: 'Tiêu chí chính thức', framework_version: 'chinh-thuc', checklist_version: false, items: [], evidence: ['Chính thức.pdf'] },
    ],
  };

  it('sums up in one line', () => {
    expect(matrixSummary(matrix)).toBe('Có 1 · Thiếu 1 · Không yêu cầu 1');
  });

  it('lists every criterion involved with its files and the items still missing', () => {
    const c = criterionCoverage(matrix, new Map([['3.2', 'Rà soát']]));
    expect(c.map((x) => x.code)).toEqual(['1.1', '3.2', '3.6', '7.4', '3.2']);
    expect(c[1]).toEqual({ key: '3.2', code: '3.2', version: null, name: 'Rà soát', evidence: ['Ảnh.png'], items: ['II.2.1.1'], missingItems: [] });
    expect(c[2].missingItems).toEqual(['II.6.CT.1']);
  });

  it('shows evidence on a criterion no item carries, and another tree\'s code apart from the checklist\'s', () => {
    const c = criterionCoverage(matrix, new Map());
    const lonely = c.find((x) => x.code === '7.4');
    expect(lonely).toMatchObject({ version: null, name: 'Ứng dụng CNTT', evidence: ['Riêng.pdf'], items: [] });
    const official = c.find((x) => x.version === 'chinh-thuc');
    expect(official).toMatchObject({ code: '3.2', name: 'Tiêu chí chính thức', evidence: ['Chính thức.pdf'], items: [] });
    expect(c.find((x) => x.key === '3.2')?.evidence).toEqual(['Ảnh.png']);
  });
});
