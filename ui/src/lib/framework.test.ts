import { describe, expect, it } from 'vitest';

import type { FrameworkNode } from './bindings/FrameworkNode';
import { parentCodes, treeStats, visibleRows } from './framework';

function node(code: string, level: FrameworkNode['level'], children: FrameworkNode[] = [], max: number | null = null): FrameworkNode {
  return { code, name: `Tên ${code}`, level, max_points: max, source: null, children };
}

const tree = [
  node('1', 'field', [node('1.1', 'criterion', [node('1.1.1', 'sub_criterion', [], 0.5)]), node('1.2', 'criterion')]),
  node('2', 'field', [node('2.1', 'criterion')]),
  node('3', 'field'),
];

describe('visibleRows', () => {
  it('shows every node, depth first, when all parents are expanded', () => {
    const rows = visibleRows(tree, parentCodes(tree));
    expect(rows.map((r) => [r.node.code, r.depth])).toEqual([
      ['1', 0],
      ['1.1', 1],
      ['1.1.1', 2],
      ['1.2', 1],
      ['2', 0],
      ['2.1', 1],
      ['3', 0],
    ]);
    expect(rows[0]).toMatchObject({ hasChildren: true, expanded: true });
    expect(rows[6]).toMatchObject({ hasChildren: false, expanded: false });
  });

  it('hides the whole subtree of a collapsed field', () => {
    const rows = visibleRows(tree, new Set(['1.1', '2']));
    expect(rows.map((r) => r.node.code)).toEqual(['1', '2', '2.1', '3']);
    expect(rows[0].expanded).toBe(false);
  });

  it('shows only the fields when nothing is expanded', () => {
    expect(visibleRows(tree, new Set()).map((r) => r.node.code)).toEqual(['1', '2', '3']);
  });
});

describe('parentCodes and treeStats', () => {
  it('lists nodes that have children', () => {
    expect([...parentCodes(tree)].sort()).toEqual(['1', '1.1', '2']);
  });

  it('counts nodes and those with a known max score', () => {
    expect(treeStats(tree)).toEqual({ nodes: 7, withPoints: 1 });
  });
});
