import type { ColDef } from 'ag-grid-community';
import { DI_NAMES, fieldHeader, MEASURE_FIELDS, type CustomField, type GateReadiness, type Measure, type MeasureFieldDef, type StatusKind } from '../../../preload/contract';
import { KIND_OF_FIELD, statusHover } from '../status/manual-text';
import { ButtonCellRenderer, CodeCellRenderer, StatusCellRenderer, type ButtonCellParams } from './cell-renderers';
import { ListCellEditor } from './ListCellEditor';
import { TypedCellEditor, type TypedEditorParams } from './TypedCellEditor';
import { typedText, type TypedKind } from './typed-values';
import { gateColumns } from '../gates/columns';
import { templateColumns, type TemplateGridColumns } from '../workflow/template-columns';

const FIELDS = MEASURE_FIELDS as readonly MeasureFieldDef[];
const LIFECYCLE_LABELS: Record<string, string> = { active: 'Active', on_hold: 'On hold', cancelled: 'Cancelled', closed: 'Closed' };

type TakeDraft = TypedEditorParams['takeDraft'];

/**
 * A cell typed as text, a date, a number or money: the typed editor refuses what the one
 * parser cannot read, in the cell. The grid's own parsing is off (valueParser keeps the text):
 * its date and number parsers turned unreadable text into an empty value or NaN.
 */
export function typedCell(kind: TypedKind, takeDraft: TakeDraft): Partial<ColDef<Measure>> {
  return {
    cellEditor: TypedCellEditor,
    cellEditorParams: { kind, takeDraft } satisfies TypedEditorParams,
    cellDataType: kind === 'date' ? 'dateString' : kind === 'text' ? 'text' : 'number',
    valueParser: (p) => p.newValue as unknown,
    ...(kind === 'money' || kind === 'number' ? { valueFormatter: (p) => typedText(kind, p.value), type: 'rightAligned' } : {}),
    ...(kind === 'date' ? { valueFormatter: (p) => typedText('date', p.value) } : {}),
  };
}

const CUSTOM_KINDS: Partial<Record<CustomField['type'], TypedKind>> = { text: 'text', number: 'number', money: 'money', date: 'date' };

export function customColumn(f: CustomField, peopleNames: string[], errorRules: (field: string) => Partial<ColDef<Measure>>, takeDraft?: TakeDraft): ColDef<Measure> {
  const field = `custom.${f.key}`;
  const options = f.type === 'person' ? peopleNames : f.type === 'checkbox' ? ['yes', 'no'] : f.type === 'choice' || f.type === 'multi' ? f.choices : null;
  const kind = CUSTOM_KINDS[f.type];
  return {
    colId: field,
    field: field as keyof Measure,
    headerName: f.label,
    headerTooltip: `${f.label} (custom field${f.requiredFromDi !== null ? `, required from DI${f.requiredFromDi}` : ''})`,
    width: 150,
    editable: true,
    ...(options || !kind ? { cellEditor: ListCellEditor, cellEditorParams: { options: options ?? [] } } : typedCell(kind, takeDraft)),
    ...errorRules(field),
  };
}

export function measureColumns(opts: {
  peopleNames: string[];
  /** Read when a cell renders, so a new refusal does not rebuild the columns (which would end an edit in progress). */
  cellErrors: () => Record<string, string>;
  packagePath: (nodeId: string) => string;
  customFields?: CustomField[];
  onOpen?: (id: string) => void;
  /** Opens the measure's financial effects and statuses (value feature). */
  onOpenEffects?: (id: string) => void;
  /** The refused text of a cell and its reason, handed once to the editor that reopens it. */
  takeDraft?: TakeDraft;
  /** Opens the status dialog (set by hand with a reason, or back to derived) on a status cell. */
  onSetStatus?: (id: string, kind: StatusKind) => void;
  /** Cells with an open sync conflict, keyed "<measure id>:<field>"; read at render like cellErrors. */
  conflictCells?: () => Set<string>;
  /** Depth of a measure in the grid's hierarchy (read when the cell draws), or null when the hierarchy is off. */
  indent?: (m: Measure) => number | null;
  /** Gate readiness of a measure (read when the cell draws) and the gate drawer. */
  readiness?: (id: string) => GateReadiness | undefined;
  onOpenGate?: (id: string) => void;
  /** Opens the RAID view on the measure. */
  onOpenRaid?: (id: string) => void;
  /** The workflow columns: the measure's template and a column per template field. */
  templateGrid?: TemplateGridColumns;
}): ColDef<Measure>[] {
  const errorRules = (field: string) => ({
    cellClassRules: {
      'cell-error': (p: { data?: Measure }) => !!p.data && !!opts.cellErrors()[`${p.data.id}:${field}`],
      'cell-conflict': (p: { data?: Measure }) => !!p.data && !!opts.conflictCells?.().has(`${p.data.id}:${field}`),
    },
    tooltipValueGetter: (p: { data?: Measure }) => (p.data ? opts.cellErrors()[`${p.data.id}:${field}`] : undefined),
  });
  const text = (field: keyof Measure & string, headerName: string, width = 150, kind: TypedKind = 'text'): ColDef<Measure> => ({
    field,
    headerName,
    width,
    editable: true,
    ...typedCell(kind, opts.takeDraft),
    ...errorRules(field),
  });
  const person = (field: 'owner' | 'sponsor' | 'controller', headerName: string): ColDef<Measure> => ({
    field,
    headerName,
    width: 150,
    editable: true,
    cellEditor: ListCellEditor,
    cellEditorParams: { options: opts.peopleNames },
    ...errorRules(field),
  });
  const status = (field: 'implementationStatus' | 'potentialStatus', headerName: string): ColDef<Measure> => {
    const kind = KIND_OF_FIELD[field]!;
    const rules = errorRules(field);
    return {
      field,
      headerName,
      headerTooltip: `${headerName} status: derived, or ✎ set by hand (hover a cell for who, why and when; Enter, F2 or g/a/r/n to set it)`,
      width: 160,
      // Statuses are derived; one set by hand needs a reason, so the cell opens the status dialog
      // (double-click here; Enter, F2 or a letter in MeasuresGrid) instead of an editor.
      editable: false,
      cellRenderer: StatusCellRenderer,
      cellRendererParams: { kind },
      onCellDoubleClicked: (p) => p.data && opts.onSetStatus?.(p.data.id, kind),
      cellClassRules: rules.cellClassRules,
      tooltipValueGetter: (p) => (p.data ? (rules.tooltipValueGetter(p) ?? statusHover(p.data, kind)) : undefined),
    };
  };
  /** A registry field's column: typed text, a person from the list, a long text in a popup, or a status. */
  const fieldColumn = (f: MeasureFieldDef): ColDef<Measure> => {
    const key = f.key as keyof Measure & string;
    const header = fieldHeader(f);
    if (f.kind === 'status') return status(key as 'implementationStatus' | 'potentialStatus', header);
    const col = f.kind === 'person' ? person(key as 'owner' | 'sponsor' | 'controller', header) : text(key, header, f.gridWidth, f.kind === 'date' ? 'date' : 'text');
    const long = f.kind === 'long' ? { cellEditor: 'agLargeTextCellEditor', cellEditorParams: undefined, cellEditorPopup: true } : {};
    return { ...col, width: f.gridWidth, ...(f.hidden ? { hide: true } : {}), ...long };
  };
  return [
    {
      field: 'code',
      headerName: 'Code',
      width: 130,
      pinned: 'left',
      editable: false,
      sort: 'asc',
      cellRenderer: CodeCellRenderer,
      cellRendererParams: { onOpen: opts.onOpen ?? (() => undefined) },
      // In the hierarchy: indented under its package, and a handle to drag it to another package.
      cellClass: (p) => {
        const d = p.data && opts.indent?.(p.data);
        return d === null || d === undefined ? undefined : `tree-indent tree-indent-${Math.min(d, 8)}`;
      },
      rowDrag: (p) => p.data !== undefined && (opts.indent?.(p.data) ?? null) !== null,
    },
    ...FIELDS.filter((f) => f.kind !== 'status').map(fieldColumn),
    {
      field: 'diLevel',
      headerName: 'DI',
      width: 140,
      editable: false,
      valueFormatter: (p) => (p.value === undefined || p.value === null ? '' : `DI${p.value} ${DI_NAMES[p.value as number] ?? ''}`),
    },
    ...gateColumns({ readiness: opts.readiness ?? (() => undefined), openGate: opts.onOpenGate ?? (() => undefined) }),
    { field: 'lifecycle', headerName: 'Lifecycle', width: 110, editable: false, valueFormatter: (p) => LIFECYCLE_LABELS[p.value as string] ?? String(p.value) },
    ...FIELDS.filter((f) => f.kind === 'status').map(fieldColumn),
    {
      colId: 'raid',
      headerName: 'RAID',
      width: 90,
      editable: false,
      sortable: false,
      filter: false,
      cellRenderer: ButtonCellRenderer,
      cellRendererParams: {
        text: () => 'RAID ▸',
        ariaLabel: (m) => `RAID, dependencies and decisions of ${m.code}`,
        onClick: opts.onOpenRaid ?? (() => undefined),
      } satisfies ButtonCellParams,
    },
    ...(opts.onOpenEffects ? [effectsColumn(opts.onOpenEffects)] : []),
    // The workflow columns sit before the package, so the package and the workspace's own fields stay where they were.
    ...(opts.templateGrid ? templateColumns(opts.templateGrid, errorRules, typedCell, opts.takeDraft) : []),
    { colId: 'package', headerName: 'Package', width: 260, editable: false, valueGetter: (p) => (p.data ? opts.packagePath(p.data.nodeId) : '') },
    ...(opts.customFields ?? []).map((f) => customColumn(f, opts.peopleNames, errorRules, opts.takeDraft)),
  ];
}

function effectsColumn(open: (id: string) => void): ColDef<Measure> {
  return {
    colId: 'effects',
    headerName: 'Value',
    width: 100,
    editable: false,
    sortable: false,
    filter: false,
    cellRenderer: ButtonCellRenderer,
    cellRendererParams: {
      text: () => 'Effects…',
      ariaLabel: (m) => `Financial effects of ${m.code}`,
      className: () => 'small',
      onClick: open,
    } satisfies ButtonCellParams,
  };
}
