import { forwardRef, useEffect, useImperativeHandle, useLayoutEffect, useRef, type ForwardedRef, type ReactElement } from 'react';
import { createGrid, type GridApi, type GridOptions } from 'ag-grid-community';

/** What a grid's ref gives: the grid's API once the grid exists. */
export interface GridHandle<T> {
  readonly api: GridApi<T> | undefined;
}

/**
 * ag-grid drawn by its own (plain DOM) renderer inside a React component. AgGridReact renders
 * every row and cell as React components and, after a scroll, commits all new rows in one
 * synchronous React render (a long task on a laptop); the plain grid builds rows in animation
 * frames within a time budget. Options are the grid's own; a changed one is applied with
 * updateGridOptions after the render, like AgGridReact does.
 */
function VanillaGridInner<T>(props: GridOptions<T> & { className?: string }, ref: ForwardedRef<GridHandle<T>>) {
  const host = useRef<HTMLDivElement>(null);
  const api = useRef<GridApi<T> | undefined>(undefined);
  const applied = useRef<GridOptions<T>>({});
  useImperativeHandle(ref, () => ({ get api() { return api.current; } }), []);
  useLayoutEffect(() => {
    const { className: _c, ...options } = props;
    applied.current = options;
    api.current = createGrid(host.current!, { ...options });
    return () => {
      api.current?.destroy();
      api.current = undefined;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    const grid = api.current;
    if (!grid) return;
    const { className: _c, ...options } = props;
    const changed: Record<string, unknown> = {};
    let any = false;
    for (const k of Object.keys(options) as (keyof GridOptions<T>)[]) {
      if (options[k] !== applied.current[k]) {
        changed[k] = options[k];
        any = true;
      }
    }
    applied.current = options;
    if (any) grid.updateGridOptions(changed as GridOptions<T>);
  });
  return <div ref={host} className={props.className} style={{ height: '100%', width: '100%' }} />;
}

export const VanillaGrid = forwardRef(VanillaGridInner) as <T>(props: GridOptions<T> & { className?: string; ref?: ForwardedRef<GridHandle<T>> }) => ReactElement;
