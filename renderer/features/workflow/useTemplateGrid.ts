import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import './templates.css';
import type { GridHandle } from '../../components/VanillaGrid';
import type { TemplateColumn, TemplateGrid } from '../../../preload/contract';
import { ApiCallError } from '../../app/api';
import { userLocale } from '../../app/locale';
import { useApp, useStore } from '../../app/context';
import type { TemplateGridColumns } from './template-columns';

/** Tables whose change moves the workflow columns (not `measures`: a plain edit costs no read of these). */
const TABLES = ['templates', 'measure_templates', 'template_values'];

/**
 * The workflow columns of the measures grid: loaded once, read again when templates, links or
 * values change; a change of values redraws those columns only, a change of template fields
 * gives new columns.
 */
export function useTemplateGrid<T>(gridRef: RefObject<GridHandle<T> | null>): { grid: TemplateGridColumns; save: (id: string, key: string, value: string, shownAt?: 'field') => Promise<boolean> } {
  const api = useApp((s) => s.api);
  const reloads = useApp((s) => s.reloads);
  // Another workspace opened in place: its templates, not the last one's.
  const workspacePath = useApp((s) => s.workspace?.path);
  const store = useStore();
  const data = useRef<TemplateGrid['measures']>({});
  const [columns, setColumns] = useState<TemplateColumn[]>([]);
  const columnsKey = JSON.stringify(columns);
  useEffect(() => {
    let live = true;
    const load = async () => {
      const g = await api.call('templates:grid', {});
      if (!live) return;
      data.current = g.measures;
      setColumns((before) => (JSON.stringify(before) === JSON.stringify(g.columns) ? before : g.columns));
      const grid = gridRef.current?.api;
      grid?.refreshCells({ columns: ['template', ...g.columns.map((c) => `tpl.${c.key}`)], force: true });
      grid?.resetQuickFilter();
      grid?.onFilterChanged();
    };
    void load().catch(() => undefined);
    const off = reloads.add({ tables: TABLES, run: () => load().catch(() => undefined) });
    return () => {
      live = false;
      off();
    };
  }, [api, reloads, gridRef, workspacePath]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const grid = useMemo(() => ({ columns, measures: () => data.current }), [columnsKey]);
  /** Like a custom field's edit: a refusal stays at the cell with the typed text and the reason. */
  const save = useCallback(
    async (id: string, key: string, value: string, shownAt?: 'field') => {
      const cellKey = `${id}:tpl.${key}`;
      const clear = () =>
        store.setState((s) => {
          const cellErrors = { ...s.cellErrors };
          const cellDrafts = { ...s.cellDrafts };
          delete cellErrors[cellKey];
          delete cellDrafts[cellKey];
          return { cellErrors, cellDrafts };
        });
      try {
        await api.call('templates:setField', { measureId: id, key, value, locale: userLocale() });
        clear();
        return true;
      } catch (e) {
        const message = e instanceof ApiCallError ? e.message : String(e);
        store.setState((s) => ({ cellErrors: { ...s.cellErrors, [cellKey]: message }, cellDrafts: { ...s.cellDrafts, [cellKey]: value } }));
        if (!shownAt) store.getState().notify('error', `${store.getState().measures.find((x) => x.id === id)?.code ?? ''} not saved — ${message}`);
        return false;
      }
    },
    [api, store],
  );
  return { grid, save };
}

