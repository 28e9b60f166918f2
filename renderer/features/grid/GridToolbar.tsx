import type { RefObject } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { HierarchyNode, Measure, ViewState } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { MenuButton } from '../../components/MenuButton';
import { ViewsMenu } from '../views/ViewsMenu';
import { TemplateMenu } from '../workflow/TemplateMenu';
import { ColumnChooser } from './ColumnChooser';
import type { GridRow } from './hierarchy';

export type GridDialog = 'delete' | 'move' | 'bulk' | 'fields' | 'export';

/**
 * The grid's toolbar on one line: the actions on the ticked rows, search, the hierarchy,
 * columns and views; the less frequent actions (fields, export, import) under "More ▾".
 */
export function GridToolbar(p: {
  selectedNode: HierarchyNode | undefined;
  ids: string[];
  onAdd: () => void;
  setDialog: (d: GridDialog) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  search: string;
  setSearch: (s: string) => void;
  hierarchy: boolean;
  setHierarchy: (on: boolean) => void;
  collapsedCount: number;
  expandAll: () => void;
  collapseAll: () => void;
  api: () => GridApi<GridRow> | undefined;
  getState: () => ViewState;
  applyState: (s: ViewState) => void;
  countText: string;
}) {
  const openImport = useApp((s) => s.openImport);
  const idFilter = useApp((s) => s.idFilter);
  const setIdFilter = useApp((s) => s.setIdFilter);
  return (
    <div className="grid-toolbar">
      <button
        className="primary"
        disabled={p.selectedNode?.level !== 'package'}
        title={p.selectedNode?.level === 'package' ? `Add a measure to ${p.selectedNode.name}` : 'Select a measure package in the hierarchy to add a measure'}
        onClick={p.onAdd}
      >
        + Add measure
      </button>
      <TemplateMenu nodeId={p.selectedNode?.level === 'package' ? p.selectedNode.id : null} />
      <button disabled={p.ids.length === 0} onClick={() => p.setDialog('bulk')}>
        Set field…{p.ids.length ? ` (${p.ids.length})` : ''}
      </button>
      <button disabled={p.ids.length === 0} aria-label="Move to package…" title="Move the selected measures to another package" onClick={() => p.setDialog('move')}>
        Move…
      </button>
      <button disabled={p.ids.length === 0} onClick={() => p.setDialog('delete')}>
        Delete{p.ids.length ? ` (${p.ids.length})` : ''}
      </button>
      <input ref={p.searchRef} className="search" type="search" aria-label="Search measures" placeholder="Search… (Ctrl+F)" value={p.search} onChange={(e) => p.setSearch(e.target.value)} />
      <button
        aria-pressed={p.hierarchy}
        className={p.hierarchy ? 'toggle on' : 'toggle'}
        title="Show the hierarchy in the grid: packages and the nodes above them as rows, with roll-up counts"
        onClick={() => p.setHierarchy(!p.hierarchy)}
      >
        Hierarchy
      </button>
      {p.hierarchy && (
        <>
          <button className="icon" aria-label="Expand all" title="Expand every node" disabled={p.collapsedCount === 0} onClick={p.expandAll}>
            ⊞
          </button>
          <button className="icon" aria-label="Collapse all" title="Collapse every node" onClick={p.collapseAll}>
            ⊟
          </button>
        </>
      )}
      <ColumnChooser api={p.api as () => GridApi<Measure> | undefined} />
      <ViewsMenu getState={p.getState} applyState={p.applyState} />
      <MenuButton label="More ▾" ariaLabel="More grid actions" title="Custom fields, export and import">
        {(close) => (
          <>
            <button role="menuitem" onClick={() => (close(), p.setDialog('fields'))}>
              Fields…
            </button>
            <button role="menuitem" title="Export to an Excel workbook or CSV" onClick={() => (close(), p.setDialog('export'))}>
              Export…
            </button>
            <button
              role="menuitem"
              title="Import a workbook or CSV: rows matched by code, a preview before anything is written (or drop the file on the grid)"
              onClick={() => (close(), openImport({ kind: 'choose' }))}
            >
              Import…
            </button>
          </>
        )}
      </MenuButton>
      {idFilter && (
        <span className="filter-chip" data-testid="id-filter">
          {idFilter.label}
          <button aria-label="Clear filter" onClick={() => setIdFilter(null)}>
            ✕
          </button>
        </span>
      )}
      <span className="muted row-count" data-testid="row-count" title={p.countText}>
        {p.countText}
      </span>
    </div>
  );
}
