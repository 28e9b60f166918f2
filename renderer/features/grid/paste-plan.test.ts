import { describe, expect, it } from 'vitest';
import { planPaste, type PasteTarget } from './paste-plan';

const target = (rows = 3): PasteTarget => ({
  rowIds: Array.from({ length: rows }, (_, i) => `m${i}`),
  rowCodes: Array.from({ length: rows }, (_, i) => `M-000${i}`),
  columns: [
    { colId: 'code', header: 'Code', field: null, customKey: null },
    { colId: 'title', header: 'Title', field: 'title', customKey: null },
    { colId: 'custom.risk', header: 'Risk', field: null, customKey: 'risk' },
  ],
  current: (r, c) => (c === 0 ? `M-000${r}` : ''),
});

describe('planPaste', () => {
  it('maps a block onto rows and columns, built-in and custom', () => {
    const p = planPaste(
      [
        ['M-0000', 'A', 'High'],
        ['M-0001', '=1+1', 'Low'],
      ],
      target(),
    );
    expect(p.problems).toEqual([]);
    expect(p.edits).toEqual([
      { id: 'm0', patch: { title: 'A' }, custom: { risk: 'High' } },
      { id: 'm1', patch: { title: '=1+1' }, custom: { risk: 'Low' } },
    ]);
  });

  it('a template field column takes the pasted text as a workflow edit (the workspace decides per measure)', () => {
    const t = target(2);
    t.columns = [...t.columns, { colId: 'tpl.go_no_go', header: 'Go/no-go decision', field: null, customKey: null, workflowKey: 'go_no_go' }];
    const p = planPaste([['Go'], ['']], { ...t, columns: t.columns.slice(3) });
    expect(p.problems).toEqual([]);
    expect(p.edits).toEqual([
      { id: 'm0', workflow: { go_no_go: 'Go' } },
      { id: 'm1', workflow: { go_no_go: '' } },
    ]);
  });

  it('refuses a block larger than the grid from the focused cell, and ragged blocks', () => {
    expect(planPaste([['a'], ['b'], ['c'], ['d']], target()).problems).toEqual(['The copied block has 4 rows but only 3 rows from the focused cell down.']);
    expect(planPaste([['a', 'b', 'c', 'd']], target()).problems[0]).toMatch(/4 columns but only 3/);
    expect(planPaste([['a', 'b'], ['c']], target()).problems).toEqual(['Row 2 of the copied block has 1 cells, the others 2.']);
  });

  it('names a cell longer than 1,000,000 characters on its own line and sends nothing; the other cells are checked too', () => {
    const huge = 'x'.repeat(1_000_001);
    const p = planPaste(
      [
        ['M-0000', huge, 'High'],
        ['M-0001', 'fine', huge],
      ],
      target(),
    );
    expect(p.problems).toEqual(['M-0000 Title: 1,000,001 characters is too long (at most 1,000,000)', 'M-0001 Risk: 1,000,001 characters is too long (at most 1,000,000)']);
    expect(p.edits).toEqual([]);
    // Exactly the limit is stored verbatim.
    const ok = planPaste([['M-0000', 'y'.repeat(1_000_000)]], target());
    expect(ok.problems).toEqual([]);
    expect(ok.edits[0]!.patch!.title).toHaveLength(1_000_000);
  });

  it('refuses changes to read-only columns and sends nothing', () => {
    const p = planPaste([['M-9999', 'x']], target());
    expect(p.problems).toEqual(['M-0000 Code: cannot be edited here (read-only column)']);
    expect(p.edits).toEqual([]);
  });

  it('fills one copied row down a selection, and refuses a block that does not match the selection', () => {
    const t = { ...target(), columns: target().columns.slice(1) };
    expect(planPaste([['Same', 'High']], t, 3).edits.map((e) => e.patch?.title)).toEqual(['Same', 'Same', 'Same']);
    expect(planPaste([['a'], ['b']], t, 3).problems[0]).toMatch(/2 rows but 3 rows are selected/);
  });
});
