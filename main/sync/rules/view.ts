import type { CellValue } from '../../../db/tables.js';
import type { Ctx } from '../context.js';
import type { LineChange } from '../lines.js';

/**
 * One imported action (all changes of one transaction) over the context its origin saw:
 * `get` reads the action's own value of a cell if it writes one, else the context's.
 */
export class TxView {
  // Built on first use: most actions (a bulk insert of 5,000 rows…) never ask for a cell.
  private cells: Map<string, LineChange> | null = null;
  private rows: Map<string, Set<string>> | null = null;
  /** `tbl\0rowId` of the rows the action's own `deleted` changes create (no base). */
  readonly created = new Set<string>();

  constructor(
    readonly ctx: Ctx,
    readonly changes: LineChange[],
  ) {
    for (const c of changes) if (c.col === 'deleted' && c.baseHlc === null && c.oldValue === null) this.created.add(`${c.tbl}\u0000${c.rowId}`);
  }

  private get byCell(): Map<string, LineChange> {
    if (!this.cells) {
      this.cells = new Map();
      for (const c of this.changes) this.cells.set(`${c.tbl}\u0000${c.rowId}\u0000${c.col}`, c);
    }
    return this.cells;
  }

  private get rowSets(): Map<string, Set<string>> {
    if (!this.rows) {
      this.rows = new Map();
      for (const c of this.changes) {
        let s = this.rows.get(c.tbl);
        if (!s) this.rows.set(c.tbl, (s = new Set()));
        s.add(c.rowId);
      }
    }
    return this.rows;
  }

  get actor(): string {
    return this.changes[0]!.actor;
  }

  get enteredBy(): string | null {
    return this.changes[0]!.enteredBy;
  }

  get tx(): string {
    return this.changes[0]!.tx;
  }

  change(tbl: string, rowId: string, col: string): LineChange | undefined {
    return this.byCell.get(`${tbl}\u0000${rowId}\u0000${col}`);
  }

  /** The action writes this cell. */
  writes(tbl: string, rowId: string, col: string): boolean {
    return this.byCell.has(`${tbl}\u0000${rowId}\u0000${col}`);
  }

  get(tbl: string, rowId: string, col: string): CellValue | undefined {
    const c = this.change(tbl, rowId, col);
    return c ? c.decoded : this.ctx.value(tbl, rowId, col);
  }

  /** Rows of a table the action touches. */
  rowsOf(tbl: string): string[] {
    return [...(this.rowSets.get(tbl) ?? [])];
  }

  /** The action creates this row (its `deleted` cell is written with no base). */
  creates(tbl: string, rowId: string): boolean {
    return this.created.has(`${tbl}\u0000${rowId}`) && !this.ctx.exists(tbl, rowId);
  }

  /** The row exists in the context or the action creates it, and is not deleted by then. */
  live(tbl: string, rowId: string): boolean {
    return this.get(tbl, rowId, 'deleted') === 0;
  }

  /** Rows of `tbl` with `col` = `value`: in the context, or written so by the action. */
  rowsWhere(tbl: string, col: string, value: CellValue): string[] {
    const out = new Set(this.ctx.rowsWhere(tbl, col, value).filter((id) => this.get(tbl, id, col) === value && this.live(tbl, id)));
    for (const id of this.rowsOf(tbl)) if (this.get(tbl, id, col) === value && this.live(tbl, id)) out.add(id);
    return [...out];
  }
}

export const MEASURE_ROLES = new Set(['owner', 'sponsor', 'controller']);

/** Whether `person` holds an approver role on a measure (its owner/sponsor/controller, or a workspace role). */
export function holdsRole(v: TxView, person: string, role: string, measureId: string): boolean {
  if (MEASURE_ROLES.has(role)) return v.get('measures', measureId, `${role}_id`) === person;
  if (!v.live('people', person)) return false;
  const roleIds = new Set(v.rowsWhere('roles', 'key', role));
  if (roleIds.size === 0) return false;
  return v.rowsWhere('role_assignments', 'person_id', person).some((ra) => roleIds.has(String(v.get('role_assignments', ra, 'role_id'))));
}

export interface LevelRules {
  approverRoles: string[];
  selfApproval: boolean;
  ownCopy: boolean;
}

const parseList = (v: CellValue | undefined): string[] => {
  if (typeof v !== 'string') return [];
  try {
    const x = JSON.parse(v) as unknown;
    return Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
};

export { parseList };

/** The gate configuration of a level as the origin saw it. */
export function levelRules(v: TxView, level: number): LevelRules | null {
  const id = v.rowsWhere('gate_levels', 'level', level)[0];
  if (!id) return null;
  return {
    approverRoles: parseList(v.get('gate_levels', id, 'approver_roles')),
    selfApproval: v.get('gate_levels', id, 'self_approval') === 1,
    ownCopy: v.get('gate_levels', id, 'own_copy') === 1,
  };
}
