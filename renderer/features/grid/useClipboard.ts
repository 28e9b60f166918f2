import { useEffect, useRef, useState, type RefObject } from 'react';
import type { GridHandle } from '../../components/VanillaGrid';
import type { Column, GridApi, IRowNode } from 'ag-grid-community';
import type { MeasurePatch } from '../../../preload/contract';
import { useApp, useStore } from '../../app/context';
import { isNodeRow, type GridRow } from './hierarchy';
import { planPaste, type PasteColumn } from './paste-plan';
import { parseTsv, toTsv } from './tsv';

export interface ClipboardReport {
  title: string;
  summary: string;
  problems: string[];
}

const SELECTION_COL = 'ag-Grid-SelectionColumn';

function dataColumns(api: GridApi<GridRow>): Column[] {
  return api.getAllDisplayedColumns().filter((c) => c.getColId() !== SELECTION_COL);
}

export function pasteColumn(c: Column): PasteColumn {
  const def = c.getColDef();
  const field = def.field ?? '';
  const editable = def.editable === true;
  return {
    colId: c.getColId(),
    header: def.headerName ?? c.getColId(),
    field: editable && !field.startsWith('custom.') ? (field as keyof MeasurePatch) : null,
    customKey: editable && field.startsWith('custom.') ? field.slice('custom.'.length) : null,
    // Editable per row (measures of a template with the field): the workspace takes or refuses each cell.
    workflowKey: c.getColId().startsWith('tpl.') ? c.getColId().slice('tpl.'.length) : null,
  };
}

function cellText(api: GridApi<GridRow>, node: IRowNode<GridRow>, col: Column): string {
  const v: unknown = api.getCellValue({ rowNode: node, colKey: col, useFormatter: true });
  return v === null || v === undefined ? '' : String(v);
}

/** Rows the selection covers in display order (the selection is kept across filters; only displayed rows count). */
function selectedNodes(api: GridApi<GridRow>): IRowNode<GridRow>[] {
  const out: IRowNode<GridRow>[] = [];
  api.forEachNodeAfterFilterAndSort((n) => {
    if (n.isSelected()) out.push(n);
  });
  return out;
}

function isTextField(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
}

/**
 * Copy and paste of blocks between the grid and Excel through the DOM clipboard events
 * (they work in the browser and in Electron, where navigator.clipboard is denied). A paste
 * is one bulkUpdate call: all of it is saved as one undo step, or nothing is.
 */
export function useClipboard(host: RefObject<HTMLElement | null>, grid: RefObject<GridHandle<GridRow> | null>) {
  const bulkUpdate = useApp((s) => s.bulkUpdate);
  const notify = useApp((s) => s.notify);
  const moveMeasures = useApp((s) => s.moveMeasures);
  const store = useStore();
  const [report, setReport] = useState<ClipboardReport | null>(null);
  // Rows cut with Ctrl+X: pasting that same clipboard text while a package is selected moves them there.
  const cut = useRef<{ text: string; ids: string[] } | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    /** The paste of rows cut from the grid, with a package selected: a move (one undo step). */
    const tryMove = (e: ClipboardEvent): boolean => {
      const clip = e.clipboardData?.getData('text/plain') ?? '';
      const { nodes: tree, selectedNodeId } = store.getState();
      // The target: the package row focused in the grid's hierarchy, else the package selected in the tree.
      const api = grid.current?.api;
      const focused = api?.getFocusedCell();
      const focusedTree = focused ? api?.getDisplayedRowAtIndex(focused.rowIndex)?.data?.tree : undefined;
      const targetId = focusedTree ? focusedTree.nodeId : selectedNodeId;
      const pkg = tree.find((n) => n.id === targetId && n.level === 'package');
      if (!cut.current || cut.current.text !== clip || !pkg || isTextField(e.target)) return false;
      e.preventDefault();
      const ids = cut.current.ids;
      cut.current = null;
      void moveMeasures(ids, pkg.id).then((ok) => ok && notify('info', `Moved ${ids.length} measure${ids.length === 1 ? '' : 's'} to ${pkg.name} — one undo step (Ctrl+Z)`));
      return true;
    };
    // With the focus in the hierarchy (just after choosing the package), the paste lands outside the grid.
    const onDocPaste = (e: ClipboardEvent) => {
      if (!el.contains(e.target as Node)) tryMove(e);
    };
    const onCut = (e: ClipboardEvent) => {
      const api = grid.current?.api;
      if (!api || isTextField(e.target) || api.getEditingCells().length) return;
      const sel = selectedNodes(api);
      if (sel.length === 0) return;
      const cols = dataColumns(api);
      const text = toTsv(sel.map((n) => cols.map((c) => cellText(api, n, c))));
      e.preventDefault();
      e.clipboardData?.setData('text/plain', text);
      cut.current = { text, ids: sel.map((n) => n.data!.id) };
      notify('info', `Cut ${sel.length} measure${sel.length === 1 ? '' : 's'}: select a measure package in the hierarchy and paste (Ctrl+V) to move them there`);
    };
    const onCopy = (e: ClipboardEvent) => {
      const api = grid.current?.api;
      if (!api || isTextField(e.target) || api.getEditingCells().length) return;
      const cols = dataColumns(api);
      const sel = selectedNodes(api);
      let rows: string[][];
      if (sel.length > 0) rows = sel.map((n) => cols.map((c) => cellText(api, n, c)));
      else {
        const f = api.getFocusedCell();
        const node = f ? api.getDisplayedRowAtIndex(f.rowIndex) : undefined;
        if (!f || !node || isNodeRow(node.data)) return;
        rows = [[cellText(api, node, f.column)]];
      }
      e.preventDefault();
      e.clipboardData?.setData('text/plain', toTsv(rows));
      if (sel.length > 0) notify('info', `Copied ${sel.length} row${sel.length === 1 ? '' : 's'} × ${cols.length} columns`);
    };
    const onPaste = (e: ClipboardEvent) => {
      const api = grid.current?.api;
      if (!api || isTextField(e.target) || api.getEditingCells().length) return;
      const clip = e.clipboardData?.getData('text/plain') ?? '';
      if (tryMove(e)) return;
      const f = api.getFocusedCell();
      if (!f) return;
      e.preventDefault();
      const block = parseTsv(clip);
      if (block.length === 0) return;
      const all = dataColumns(api);
      const start = all.findIndex((c) => c.getColId() === f.column.getColId());
      const columns = all.slice(Math.max(0, start));
      const sel = selectedNodes(api);
      const focusedNode = api.getDisplayedRowAtIndex(f.rowIndex);
      if (isNodeRow(focusedNode?.data)) {
        notify('error', 'Paste lands on measure cells: focus the cell where the block should start (a hierarchy row takes only measures cut with Ctrl+X).');
        return;
      }
      let nodes: IRowNode<GridRow>[];
      if (sel.length >= 2 && focusedNode && sel.includes(focusedNode)) nodes = sel;
      else {
        // The block lands on the measure rows from the focused one down; hierarchy rows in between are skipped.
        nodes = [];
        const count = api.getDisplayedRowCount();
        for (let i = f.rowIndex; i < count && nodes.length < block.length; i++) {
          const n = api.getDisplayedRowAtIndex(i);
          if (n?.data && !isNodeRow(n.data)) nodes.push(n);
        }
      }
      const plan = planPaste(
        block,
        {
          rowIds: nodes.map((n) => n.data!.id),
          rowCodes: nodes.map((n) => n.data!.code),
          columns: columns.map(pasteColumn),
          current: (r, c) => cellText(api, nodes[r]!, columns[c]!),
        },
        nodes === sel ? sel.length : 0,
      );
      const size = `${plan.rows} row${plan.rows === 1 ? '' : 's'} × ${plan.cols} column${plan.cols === 1 ? '' : 's'}`;
      if (plan.problems.length) {
        setReport({ title: 'Paste refused — nothing was saved', summary: `The copied block (${size}) does not fit here:`, problems: plan.problems });
        return;
      }
      if (plan.edits.length === 0) return;
      void bulkUpdate(plan.edits, `Paste ${size}`).then((r) => {
        if (r.ok) {
          notify('info', `Pasted ${size}: ${r.result.cells} cell${r.result.cells === 1 ? '' : 's'} changed in ${r.result.measures} measure${r.result.measures === 1 ? '' : 's'} — one undo step (Ctrl+Z)`);
        } else {
          setReport({ title: 'Paste refused — nothing was saved', summary: `${r.message.split('. ')[0]}. Fix these cells in the copied block and paste again:`, problems: r.issues });
        }
      });
    };
    el.addEventListener('copy', onCopy);
    el.addEventListener('cut', onCut);
    el.addEventListener('paste', onPaste);
    document.addEventListener('paste', onDocPaste);
    return () => {
      document.removeEventListener('paste', onDocPaste);
      el.removeEventListener('copy', onCopy);
      el.removeEventListener('cut', onCut);
      el.removeEventListener('paste', onPaste);
    };
  }, [host, grid, bulkUpdate, notify, moveMeasures, store]);

  return { report, setReport };
}
