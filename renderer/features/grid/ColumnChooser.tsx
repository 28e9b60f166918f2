import { useState } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { Measure } from '../../../preload/contract';
import { MenuButton } from '../../components/MenuButton';

/** Shows or hides columns; the order is changed by dragging headers, as in Excel. Esc closes it. */
export function ColumnChooser(props: { api: () => GridApi<Measure> | undefined }) {
  const [, bump] = useState(0);
  return (
    <MenuButton label="Columns ▾" role="group" menuLabel="Visible columns" menuClassName="column-chooser">
      {() => {
        const api = props.api();
        const cols = (api?.getColumns() ?? []).filter((c) => c.getColId() !== 'ag-Grid-SelectionColumn' && c.getColId() !== 'code');
        return cols.map((c) => (
          <label key={c.getColId()} className="check">
            <input
              type="checkbox"
              checked={c.isVisible()}
              onChange={(e) => {
                api?.setColumnsVisible([c], e.target.checked);
                bump((n) => n + 1);
              }}
            />
            {c.getColId().startsWith('tpl.') ? `${c.getColDef().headerName} (workflow field)` : c.getColDef().headerName}
          </label>
        ));
      }}
    </MenuButton>
  );
}
