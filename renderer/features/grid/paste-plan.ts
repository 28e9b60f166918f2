import type { MeasureEdit, MeasurePatch } from '../../../preload/contract';

/** The longest text a cell takes (the contract's limit); a longer pasted cell is refused on its own line. */
export const MAX_CELL_CHARS = 1_000_000;

/** A displayed grid column as the paste sees it. */
export interface PasteColumn {
  colId: string;
  header: string;
  /** Built-in field the column edits, or null. */
  field: keyof MeasurePatch | null;
  /** Custom field key the column edits, or null. */
  customKey: string | null;
  /** Template field key the column edits (only measures whose template has it take a value), or null. */
  workflowKey?: string | null;
}

export interface PasteTarget {
  /** Measure ids of the rows the block lands on, in display order. */
  rowIds: string[];
  /** Codes of those rows, for messages. */
  rowCodes: string[];
  columns: PasteColumn[];
  /** The cell's current text, to tell an unchanged read-only cell from an attempt to edit it. */
  current(row: number, col: number): string;
}

export interface PastePlan {
  edits: MeasureEdit[];
  /** Problems found before anything is sent; when not empty, nothing is sent. */
  problems: string[];
  rows: number;
  cols: number;
}

/**
 * Lays a parsed TSV block onto the grid from the focused cell. `selectedIds`, when two or
 * more rows are selected, makes the selection the target: a one-row block is filled down
 * all selected rows, any other block must have as many rows as the selection.
 */
export function planPaste(block: string[][], target: PasteTarget, selectedCount = 0): PastePlan {
  const problems: string[] = [];
  const width = Math.max(0, ...block.map((r) => r.length));
  let rows = block;
  if (selectedCount >= 2) {
    if (block.length === 1) rows = Array.from({ length: target.rowIds.length }, () => block[0]!);
    else if (block.length !== selectedCount) problems.push(`The copied block has ${block.length} rows but ${selectedCount} rows are selected; select ${block.length} rows or one cell.`);
  }
  const nr = target.rowIds.length;
  const nc = target.columns.length;
  if (rows.length > nr) problems.push(`The copied block has ${rows.length} rows but only ${nr} row${nr === 1 ? '' : 's'} from the focused cell down.`);
  if (width > nc) problems.push(`The copied block has ${width} columns but only ${nc} column${nc === 1 ? '' : 's'} from the focused cell to the right edge.`);
  block.forEach((r, i) => {
    if (r.length !== width) problems.push(`Row ${i + 1} of the copied block has ${r.length} cells, the others ${width}.`);
  });
  if (problems.length) return { edits: [], problems, rows: rows.length, cols: width };
  const edits: MeasureEdit[] = [];
  rows.forEach((cells, i) => {
    const edit: MeasureEdit = { id: target.rowIds[i]! };
    cells.forEach((value, j) => {
      const col = target.columns[j]!;
      if (value.length > MAX_CELL_CHARS && (col.field || col.customKey || col.workflowKey)) {
        problems.push(`${target.rowCodes[i]} ${col.header}: ${value.length.toLocaleString('en')} characters is too long (at most ${MAX_CELL_CHARS.toLocaleString('en')})`);
        return;
      }
      if (col.field) (edit.patch ??= {})[col.field] = value;
      else if (col.customKey) (edit.custom ??= {})[col.customKey] = value;
      else if (col.workflowKey) (edit.workflow ??= {})[col.workflowKey] = value;
      else if (value !== target.current(i, j)) problems.push(`${target.rowCodes[i]} ${col.header}: cannot be edited here (read-only column)`);
    });
    if (edit.patch || edit.custom || edit.workflow) edits.push(edit);
  });
  return { edits: problems.length ? [] : edits, problems, rows: rows.length, cols: width };
}
