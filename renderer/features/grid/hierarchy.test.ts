import { describe, expect, it } from 'vitest';
import type { HierarchyNode, Measure } from '../../../preload/contract';
import { arrange, isNodeRow, matchedNodes, measureDepth, nodeRows, treeShape, underCollapsed, type GridRow } from './hierarchy';

const node = (id: string, parentId: string | null, level: HierarchyNode['level'], name: string, sortOrder = 0): HierarchyNode => ({ id, parentId, level, name, sortOrder, measureCount: 0 });
// program P › projects B (sortOrder 0) and A (sortOrder 1) › packages
const NODES = [
  node('P', null, 'program', 'Program'),
  node('B', 'P', 'project', 'Beta', 0),
  node('A', 'P', 'project', 'Alpha', 1),
  node('b1', 'B', 'package', 'Beta one'),
  node('a1', 'A', 'package', 'Alpha one'),
  node('a2', 'A', 'package', 'Alpha two', 1),
];
const m = (id: string, nodeId: string, status: Measure['implementationStatus'] = 'green') => ({ id, nodeId, code: id, title: id, implementationStatus: status }) as Measure;
const MEASURES = [m('m1', 'a1', 'red'), m('m2', 'b1'), m('m3', 'a1'), m('m4', 'a2', 'amber')];
const wrap = (rows: GridRow[]) => rows.map((data) => ({ data }));
const ids = (rows: { data?: GridRow }[]) => rows.map((r) => r.data!.id);

describe('the hierarchy in the grid', () => {
  it('makes a row per node below the root with depth and roll-up counts by implementation status', () => {
    const shape = treeShape(NODES, 'P');
    const rows = nodeRows(shape, MEASURES);
    expect(rows.map((r) => [r.id, r.tree!.depth, r.tree!.total])).toEqual([
      ['node:B', 0, 1],
      ['node:b1', 1, 1],
      ['node:A', 0, 3],
      ['node:a1', 1, 2],
      ['node:a2', 1, 1],
    ]);
    expect(rows.find((r) => r.id === 'node:A')!.tree!.rag).toEqual({ green: 1, amber: 1, red: 1, grey: 0 });
    expect(rows.every(isNodeRow)).toBe(true);
    expect(measureDepth(shape, 'a1')).toBe(2);
  });

  it('orders rows as a tree and keeps the grid sort within each package', () => {
    const shape = treeShape(NODES, 'P');
    const sortedByGrid = wrap([...MEASURES].reverse() as GridRow[]).concat(wrap(nodeRows(shape, MEASURES)));
    expect(ids(arrange(sortedByGrid, shape))).toEqual(['node:B', 'node:b1', 'm2', 'node:A', 'node:a1', 'm3', 'm1', 'node:a2', 'm4']);
    // Sorting by title puts sibling nodes in name order too.
    expect(ids(arrange(sortedByGrid, shape, { byName: 'asc' }))).toEqual(['node:A', 'node:a1', 'm3', 'm1', 'node:a2', 'm4', 'node:B', 'node:b1', 'm2']);
    expect(ids(arrange(sortedByGrid, shape, { byName: 'desc' })).slice(0, 3)).toEqual(['node:B', 'node:b1', 'm2']);
  });

  it('keeps measures of the selected package at the top and unknown rows at the end', () => {
    const shape = treeShape(NODES, 'a1');
    expect(ids(arrange(wrap([m('x', 'zz'), MEASURES[2]!, MEASURES[0]!] as GridRow[]), shape))).toEqual(['m3', 'm1', 'x']);
  });

  it('hides what is under a collapsed node, and while filtering shows only nodes above matches', () => {
    const shape = treeShape(NODES, 'P');
    const collapsed = new Set(['A']);
    expect(underCollapsed(shape, 'a1', collapsed, true)).toBe(true);
    expect(underCollapsed(shape, 'A', collapsed, false)).toBe(false);
    expect(underCollapsed(shape, 'A', collapsed, true)).toBe(true);
    expect(underCollapsed(shape, 'b1', collapsed, true)).toBe(false);
    expect([...matchedNodes(shape, ['a2'])].sort()).toEqual(['A', 'a2']);
  });
});
