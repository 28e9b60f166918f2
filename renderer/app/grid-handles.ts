import type { GridApi } from 'ag-grid-community';

/** What the page offers to browser journeys and the bench: bring a row or column into view, as a user scrolls to it. */
export interface GridHandle {
  showColumn(colId: string): boolean;
  showRow(rowId: string): boolean;
  /** The ids of the rows the grid displays, in order (also those scrolled out of view). */
  rowIds(): string[];
}

/**
 * Registers a grid under a name on `window.steercoGrids`. The grid draws only the columns
 * in view, so a journey at a laptop's width scrolls a column in before it clicks a cell.
 */
export function exposeGrid(name: string, api: GridApi | null): void {
  const w = window as unknown as { steercoGrids?: Record<string, GridHandle> };
  const grids = (w.steercoGrids ??= {});
  if (!api) {
    delete grids[name];
    return;
  }
  grids[name] = {
    showColumn: (colId) => {
      if (!api.getColumn(colId)) return false;
      api.ensureColumnVisible(colId, 'auto');
      return true;
    },
    rowIds: () => {
      const ids: string[] = [];
      for (let i = 0; i < api.getDisplayedRowCount(); i++) {
        const id = api.getDisplayedRowAtIndex(i)?.id;
        if (id) ids.push(id);
      }
      return ids;
    },
    showRow: (rowId) => {
      const row = api.getRowNode(rowId);
      if (row?.rowIndex === null || row?.rowIndex === undefined) return false;
      api.ensureIndexVisible(row.rowIndex);
      return true;
    },
  };
}
