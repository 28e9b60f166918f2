import type { ColDef } from 'ag-grid-community';
import type { Measure, TemplateColumn, TemplateGrid } from '../../../preload/contract';
import { ListCellEditor } from '../grid/ListCellEditor';
import type { TypedEditorParams } from '../grid/TypedCellEditor';
import type { TypedKind } from '../grid/typed-values';

/** What the measures grid needs to draw the workflow columns; `measures` is read when a cell draws. */
export interface TemplateGridColumns {
  columns: TemplateColumn[];
  measures: () => TemplateGrid['measures'];
}

type Rules = (field: string) => Partial<ColDef<Measure>>;
type Typed = (kind: TypedKind, takeDraft: TypedEditorParams['takeDraft']) => Partial<ColDef<Measure>>;

const names = (c: TemplateColumn) => c.templates.map((t) => t.name).join(', ');

/**
 * The measure's template (a filterable column), then a column per template field (hidden at
 * first): editable on measures of a template with the field, empty and locked on the others,
 * with the reason.
 */
export function templateColumns(g: TemplateGridColumns, errorRules: Rules, typedCell: Typed, takeDraft: TypedEditorParams['takeDraft']): ColDef<Measure>[] {
  const of = (m: Measure | undefined) => (m ? g.measures()[m.id] : undefined);
  const template: ColDef<Measure> = {
    colId: 'template',
    headerName: 'Template',
    headerTooltip: 'The workflow template of the measure (empty: a plain measure)',
    width: 170,
    editable: false,
    valueGetter: (p) => of(p.data)?.name ?? '',
  };
  const field = (c: TemplateColumn): ColDef<Measure> => {
    const colId = `tpl.${c.key}`;
    const own = (m: Measure | undefined) => !!m && c.templates.some((t) => t.key === of(m)?.template);
    const rules = errorRules(colId);
    const kind: TypedKind = c.type === 'date' ? 'date' : c.type === 'number' ? 'number' : 'text';
    return {
      colId,
      field: colId as keyof Measure,
      headerName: c.label,
      headerTooltip: `${c.label} (field of the template${c.templates.length > 1 ? 's' : ''} ${names(c)})`,
      width: 150,
      // Hidden until asked for (Columns ▾): the library has dozens of fields, and each measure
      // has only its own template's, which its detail panel shows.
      hide: true,
      editable: (p) => own(p.data),
      valueGetter: (p) => {
        if (!own(p.data)) return '';
        const v = of(p.data)?.values[c.key] ?? '';
        return c.type === 'number' && v !== '' ? Number(v) : v;
      },
      ...(c.type === 'choice' ? { cellEditor: ListCellEditor, cellEditorParams: { options: c.choices } } : typedCell(kind, takeDraft)),
      ...rules,
      cellClassRules: { ...(rules.cellClassRules ?? {}), 'cell-locked': (p: { data?: Measure }) => !!p.data && !own(p.data) },
      tooltipValueGetter: (p) => {
        const error = rules.tooltipValueGetter?.(p as never);
        if (error) return error;
        if (!p.data || own(p.data)) return undefined;
        const t = of(p.data);
        return `Only measures of ${names(c)} have ${c.label}; ${p.data.code} is ${t ? `a measure of ${t.name}` : 'a plain measure'}.`;
      },
    };
  };
  return [template, ...g.columns.map(field)];
}
