// Vietnamese names for the codes the backend uses. One place, so every screen says the same.

import type { Block } from './bindings/Block';
import type { Level } from './bindings/Level';
import type { Role } from './bindings/Role';

export const BLOCK_LABEL: Record<Block, string> = {
  provincial: 'Sở, ban, ngành',
  commune: 'UBND cấp xã',
};

/** The block filter's wording, where the commune block reads as the units it contains. */
export const BLOCK_FILTER_LABEL: Record<Block, string> = {
  provincial: 'Sở, ban, ngành',
  commune: 'Xã, phường',
};

export function blockLabel(block: Block): string {
  return BLOCK_LABEL[block] ?? block;
}

/** "xa" → "Xã", "phuong" → "Phường"; departments have no kind: "—". */
export function kindLabel(kind: string | null): string {
  switch (kind) {
    case 'xa':
      return 'Xã';
    case 'phuong':
      return 'Phường';
    case null:
    case '':
      return '—';
    default:
      return kind;
  }
}

export const LEVEL_LABEL: Record<Level, string> = {
  field: 'Lĩnh vực',
  criterion: 'Tiêu chí',
  sub_criterion: 'Tiêu chí thành phần',
};

export const ROLE_LABEL: Record<Role, string> = {
  inspector: 'Thành viên đoàn',
  lead: 'Trưởng đoàn',
};
