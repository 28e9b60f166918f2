import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, sourceFiles, type ImportEdge } from './import-graph.js';

describe('import cycles', () => {
  it('main/, db/ and preload/ import each other without a cycle', () => {
    const cycles = importCycles(importGraph(sourceFiles(['main', 'db', 'preload'])));
    expect(cycles.map((c) => c.join(' → '))).toEqual([]);
  });

  it('the renderer has no import cycle either', () => {
    const cycles = importCycles(importGraph(sourceFiles(['renderer', 'preload'])));
    expect(cycles.map((c) => c.join(' → '))).toEqual([]);
  });

  it('finds a cycle, and ignores one made only of type imports', () => {
    const e = (to: string, typeOnly = false): ImportEdge => ({ to, typeOnly, names: ['x'] });
    const graph = new Map<string, ImportEdge[]>([
      ['a.ts', [e('b.ts')]],
      ['b.ts', [e('c.ts')]],
      ['c.ts', [e('a.ts')]],
      ['d.ts', [e('e.ts')]],
      ['e.ts', [e('d.ts', true)]],
    ]);
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });
});
