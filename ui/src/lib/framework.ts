// Pure logic of the framework screen: the nested tree as the rows of an indented table.

import type { FrameworkNode } from './bindings/FrameworkNode';

export interface FrameworkRow {
  node: FrameworkNode;
  /** 0 for a field, 1 for its criteria, 2 for sub-criteria. */
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
}

/**
 * The visible rows of the tree, depth first. A node's children are shown only when the node's
 * code is in `expanded`; collapsing a field hides its whole subtree.
 */
export function visibleRows(nodes: FrameworkNode[], expanded: ReadonlySet<string>, depth = 0): FrameworkRow[] {
  const rows: FrameworkRow[] = [];
  for (const node of nodes) {
    const hasChildren = node.children.length > 0;
    const isOpen = hasChildren && expanded.has(node.code);
    rows.push({ node, depth, hasChildren, expanded: isOpen });
    if (isOpen) rows.push(...visibleRows(node.children, expanded, depth + 1));
  }
  return rows;
}

/** The codes of every node that has children (to expand everything). */
export function parentCodes(nodes: FrameworkNode[]): Set<string> {
  const codes = new Set<string>();
  const walk = (list: FrameworkNode[]) => {
    for (const n of list) {
      if (n.children.length > 0) {
        codes.add(n.code);
        walk(n.children);
      }
    }
  };
  walk(nodes);
  return codes;
}

/** How many nodes of the tree have each level, and how many of them have a known max score. */
export function treeStats(nodes: FrameworkNode[]): { nodes: number; withPoints: number } {
  let count = 0;
  let withPoints = 0;
  const walk = (list: FrameworkNode[]) => {
    for (const n of list) {
      count += 1;
      if (n.max_points != null) withPoints += 1;
      walk(n.children);
    }
  };
  walk(nodes);
  return { nodes: count, withPoints };
}
