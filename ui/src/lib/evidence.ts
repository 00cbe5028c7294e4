// Pure logic of the evidence screen: sizes, file kinds, hashes shown short, pasted paths, the
// criteria a user can map a file to, and the completeness matrix read at a glance.

import type { FrameworkNode } from './bindings/FrameworkNode';
import type { InspectionItem } from './bindings/InspectionItem';
import type { Matrix } from './bindings/Matrix';
import type { Presence } from './bindings/Presence';
import { formatNumber } from './format';

const UNITS = ['KB', 'MB', 'GB', 'TB'];

/** A size the way people read it: 532 → "532 byte", 1_234_567 → "1,2 MB" (powers of 1024). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${bytes} byte`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(value, value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

/** A short word for a file's kind, from its detected type and, failing that, its extension. */
export function fileKind(mediaType: string, name: string): string {
  const t = mediaType.toLowerCase();
  const ext = (/\.([^./\\]+)$/.exec(name)?.[1] ?? '').toLowerCase();
  if (t === 'application/pdf' || ext === 'pdf') return 'PDF';
  if (t.startsWith('image/')) return 'Ảnh';
  if (t.includes('wordprocessingml') || t === 'application/msword' || ext === 'doc' || ext === 'docx' || ext === 'odt') return 'Word';
  if (t.includes('spreadsheetml') || t === 'application/vnd.ms-excel' || ['xls', 'xlsx', 'ods', 'csv'].includes(ext)) return 'Excel';
  if (t.includes('presentationml') || t === 'application/vnd.ms-powerpoint' || ['ppt', 'pptx', 'odp'].includes(ext)) return 'PowerPoint';
  if (t === 'application/zip' || t.includes('compressed') || t.includes('x-7z') || t.includes('x-rar') || ['zip', 'rar', '7z'].includes(ext)) return 'ZIP';
  if (t.startsWith('video/')) return 'Video';
  if (t.startsWith('audio/')) return 'Âm thanh';
  if (t.startsWith('text/') || ext === 'txt') return 'Văn bản';
  return ext ? ext.toUpperCase() : 'Tệp';
}

export function isImage(mediaType: string): boolean {
  return mediaType.toLowerCase().startsWith('image/');
}

/** "3fa9c1d2…b07e" for a long hash; short strings stay whole. */
export function shortHash(sha: string): string {
  return sha.length > 16 ? `${sha.slice(0, 8)}…${sha.slice(-4)}` : sha;
}

/** The last part of a path, with / or \ separators. */
export function fileNameOf(path: string): string {
  const parts = path.split(/[/\\]/).filter((p) => p !== '');
  return parts.length > 0 ? parts[parts.length - 1] : path;
}

/**
 * Paths pasted into the path field: one per line (or several separated by new lines), quotes
 * around them dropped, `file://` URLs (what a file manager copies) turned into paths.
 */
export function parsePaths(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let p = raw.trim();
    if ((p.startsWith('"') && p.endsWith('"')) || (p.startsWith("'") && p.endsWith("'"))) p = p.slice(1, -1).trim();
    if (p.startsWith('file://')) {
      try {
        p = decodeURIComponent(p.slice('file://'.length).replace(/^localhost\//, '/'));
      } catch {
        p = p.slice('file://'.length);
      }
    }
    if (p !== '' && !out.includes(p)) out.push(p);
  }
  return out;
}

export interface CriterionOption {
  code: string;
  name: string;
  field: string;
  fieldName: string;
  /** Used by at least one item of the inspection. */
  used: boolean;
}

/**
 * The criteria (and sub-criteria) of the framework a file can be mapped to, in framework order,
 * each marked when an item of the inspection refers to it. Codes used by items but missing from
 * the framework are added at the end, so nothing an item names is hidden.
 */
export function criterionOptions(nodes: readonly FrameworkNode[], used: ReadonlySet<string>): CriterionOption[] {
  const out: CriterionOption[] = [];
  const walk = (list: readonly FrameworkNode[], field: FrameworkNode | null) => {
    for (const n of list) {
      if (n.level === 'field') {
        walk(n.children, n);
        continue;
      }
      out.push({ code: n.code, name: n.name, field: field?.code ?? '', fieldName: field?.name ?? '', used: used.has(n.code) });
      walk(n.children, field);
    }
  };
  walk(nodes, null);
  const known = new Set(out.map((o) => o.code));
  for (const code of used) {
    if (!known.has(code)) out.push({ code, name: '', field: code.split('.')[0], fieldName: '', used: true });
  }
  return out;
}

/** Every criterion the items of an inspection refer to. */
export function usedCriteria(items: readonly Pick<InspectionItem, 'par_criteria'>[]): Set<string> {
  const s = new Set<string>();
  for (const i of items) for (const c of i.par_criteria) s.add(c);
  return s;
}

export const PRESENCE_LABEL: Record<Presence, string> = {
  present: 'Có',
  missing: 'Thiếu',
  not_required: 'Không yêu cầu',
};

/** "Có 12 · Thiếu 30 · Không yêu cầu 9". */
export function matrixSummary(m: Pick<Matrix, 'present' | 'missing' | 'not_required'>): string {
  return `${PRESENCE_LABEL.present} ${m.present} · ${PRESENCE_LABEL.missing} ${m.missing} · ${PRESENCE_LABEL.not_required} ${m.not_required}`;
}

export interface CriterionCoverage {
  /** Unique per row: the code, or the version and the code for another tree's criterion. */
  key: string;
  code: string;
  /** The framework version of a criterion that is not the checklist's (null for the checklist's: derived from KH 167). */
  version: string | null;
  name: string;
  /** Names of the files mapped to the criterion. */
  evidence: string[];
  /** Items of the inspection that refer to it. */
  items: string[];
  /** Of those, the ones still missing evidence. */
  missingItems: string[];
}

/**
 * One line per criterion the matrix involves (named by an item, or carrying a file), in code
 * order: its files and the items that need it. A lead sees which criteria have nothing yet.
 */
export function criterionCoverage(m: Pick<Matrix, 'rows' | 'criteria'>, names: ReadonlyMap<string, string>): CriterionCoverage[] {
  const map = new Map<string, CriterionCoverage>();
  // One row per criterion of the checklist's tree; a criterion mapped against another tree
  // (an imported official one) is another row, keyed by its version too.
  const get = (code: string, version: string | null = null) => {
    const key = version === null ? code : `${version}\u001f${code}`;
    let c = map.get(key);
    if (!c) {
      c = { key, code, version, name: version === null ? (names.get(code) ?? '') : '', evidence: [], items: [], missingItems: [] };
      map.set(key, c);
    }
    return c;
  };
  for (const c of m.criteria) {
    const row = get(c.criterion, c.checklist_version ? null : (c.framework_version ?? null));
    if (c.name && !row.name) row.name = c.name;
    row.evidence.push(...c.evidence);
  }
  for (const r of m.rows) {
    for (const code of r.criteria) {
      const c = get(code);
      c.items.push(r.source_ref);
      if (r.state === 'missing') c.missingItems.push(r.source_ref);
    }
  }
  return [...map.values()].sort((a, b) => (a.version ?? '').localeCompare(b.version ?? '') || compareCodes(a.code, b.code));
}

/** "3.2" before "3.10", "1.2" before "2.1". */
export function compareCodes(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = Number(x);
    const ny = Number(y);
    const d = Number.isFinite(nx) && Number.isFinite(ny) ? nx - ny : x.localeCompare(y);
    if (d !== 0) return d;
  }
  return 0;
}

/** The criteria to tick for a chosen set of items: each item's criteria, each once, in code order. */
export function criteriaOfItems(items: readonly Pick<InspectionItem, 'source_ref' | 'par_criteria'>[], refs: readonly string[]): string[] {
  const wanted = new Set(refs);
  const out = new Set<string>();
  for (const i of items) if (wanted.has(i.source_ref)) for (const c of i.par_criteria) out.add(c);
  return [...out].sort(compareCodes);
}
