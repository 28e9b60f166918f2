import { useState } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { Measure } from '../../../preload/contract';

/** Shows or hides columns; the order is changed by dragging headers, as in Excel. */
export function ColumnChooser(props: { api: () => GridApi<Measure> | undefined }) {
  const [open, setOpen] = useState(false);
  const [, bump] = useState(0);
  const api = props.api();
  const cols = (api?.getColumns() ?? []).filter((c) => c.getColId() !== 'ag-Grid-SelectionColumn' && c.getColId() !== 'code');
  return (
    <div className="menu">
      <button aria-haspopup="true" aria-expanded={open} onClick={() => setOpen(!open)}>
        Columns ▾
      </button>
      {open && (
        <div className="menu-list column-chooser" role="group" aria-label="Visible columns" onMouseLeave={() => setOpen(false)}>
          {cols.map((c) => (
            <label key={c.getColId()} className="check">
              <input
                type="checkbox"
                checked={c.isVisible()}
                onChange={(e) => {
                  api?.setColumnsVisible([c], e.target.checked);
                  bump((n) => n + 1);
                }}
              />
              {c.getColDef().headerName}
            </label>
          ))}
        </div>
      )}
    </div>
  );
}
