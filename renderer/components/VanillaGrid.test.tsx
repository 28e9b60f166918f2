// @vitest-environment jsdom
import { act, createRef } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { AllCommunityModule, ModuleRegistry, type CellEditRequestEvent, type ColDef } from 'ag-grid-community';
import { VanillaGrid, type GridHandle } from './VanillaGrid';
import { TypedCellEditor } from '../features/grid/TypedCellEditor';
import { ListCellEditor } from '../features/grid/ListCellEditor';

ModuleRegistry.registerModules([AllCommunityModule]);
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

interface Row {
  id: string;
  title: string;
  due: string | null;
  owner: string;
}

const COLUMNS: ColDef<Row>[] = [
  { field: 'title', editable: true },
  { field: 'due', editable: true, cellEditor: TypedCellEditor, cellEditorParams: { kind: 'date' }, valueParser: (p) => p.newValue as unknown },
  { field: 'owner', editable: true, cellEditor: ListCellEditor, cellEditorParams: { options: ['Ann', 'Bob'] } },
];
const getRowId = (p: { data: Row }) => p.data.id;

let host: HTMLDivElement | null = null;
afterEach(() => {
  host?.remove();
  host = null;
});

async function mount(rows: Row[], requests: CellEditRequestEvent<Row>[]) {
  host = document.createElement('div');
  host.style.height = '400px';
  document.body.append(host);
  const ref = createRef<GridHandle<Row>>();
  const root = createRoot(host);
  const render = async (data: Row[]) =>
    act(async () =>
      root.render(
        <VanillaGrid<Row> ref={ref} rowData={data} columnDefs={COLUMNS} getRowId={getRowId} readOnlyEdit invalidEditValueMode="block" onCellEditRequest={(e) => requests.push(e)} suppressColumnVirtualisation />,
      ),
    );
  await render(rows);
  return { ref, render, root };
}

const input = () => document.activeElement as HTMLInputElement;
function type(text: string) {
  const el = input();
  const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  set.call(el, text);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('VanillaGrid (ag-grid drawn without React rows) and its React cell editors', () => {
  it('draws the rows, applies changed options after a render, and gives its API through the ref', async () => {
    const { ref, render, root } = await mount([{ id: 'a', title: 'Alpha', due: null, owner: 'Ann' }], []);
    expect(ref.current?.api?.getDisplayedRowCount()).toBe(1);
    expect(host!.textContent).toContain('Alpha');
    await render([
      { id: 'a', title: 'Alpha 2', due: null, owner: 'Ann' },
      { id: 'b', title: 'Beta', due: null, owner: 'Bob' },
    ]);
    expect(ref.current?.api?.getDisplayedRowCount()).toBe(2);
    expect(ref.current?.api?.getRowNode('a')?.data?.title).toBe('Alpha 2');
    await act(async () => root.unmount());
    expect(ref.current?.api).toBeUndefined();
  });

  it('edits a date in the typed editor: refuses unreadable text with the reason and keeps it, commits a readable one', async () => {
    const requests: CellEditRequestEvent<Row>[] = [];
    const { ref } = await mount([{ id: 'a', title: 'Alpha', due: '2027-01-31', owner: 'Ann' }], requests);
    const api = ref.current!.api!;
    await act(async () => api.startEditingCell({ rowIndex: 0, colKey: 'due' }));
    expect(input().className).toBe('typed-input');
    await act(async () => type('31.02.x'));
    await act(async () => api.stopEditing());
    // Refused: the editor stays open with the typed text, nothing was sent.
    expect(requests).toHaveLength(0);
    expect(api.getEditingCells()).toHaveLength(1);
    expect((document.querySelector('.typed-input') as HTMLInputElement).value).toBe('31.02.x');
    await act(async () => Promise.resolve());
    expect(document.querySelector('[data-testid=cell-message]')?.textContent).toBeTruthy();
    await act(async () => type('2027-02-28'));
    await act(async () => api.stopEditing());
    expect(api.getEditingCells()).toHaveLength(0);
    expect(requests.map((r) => [r.colDef.field, r.newValue])).toEqual([['due', '2027-02-28']]);
  });

  it('edits a person in the list editor and cancels with Esc semantics (stopEditing(true)) without sending', async () => {
    const requests: CellEditRequestEvent<Row>[] = [];
    const { ref } = await mount([{ id: 'a', title: 'Alpha', due: null, owner: 'Ann' }], requests);
    const api = ref.current!.api!;
    await act(async () => api.startEditingCell({ rowIndex: 0, colKey: 'owner' }));
    expect(input().className).toBe('list-editor');
    expect(input().value).toBe('Ann');
    await act(async () => type('Bob'));
    await act(async () => api.stopEditing(true));
    expect(requests).toHaveLength(0);
    await act(async () => api.startEditingCell({ rowIndex: 0, colKey: 'owner' }));
    await act(async () => type('Bob'));
    await act(async () => api.stopEditing());
    expect(requests.map((r) => [r.colDef.field, r.newValue])).toEqual([['owner', 'Bob']]);
  });
});
