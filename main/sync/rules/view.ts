import type { CellValue } from '../../../db/tables.js';
import type { Ctx } from '../context.js';
import type { LineChange } from '../lines.js';

/**
 * One imported action (all changes of one transaction) over the context its origin saw:
 * `get` reads the action's own value of a cell if it writes one, else the context's.
 */
export class TxView {
  private readonly byCell = new Map<string, LineChange>();
  private readonly rows = new Map<string, Set<string>>();

  constructor(
    readonly ctx: Ctx,
    readonly changes: LineChange[],
  ) {
    for (const c of changes) {
      this.byCell.set(`${c.tbl}\u0000${c.rowId}\u0000${c.col}`, c);
      let s = this.rows.get(c.tbl);
      if (!s) this.rows.set(c.tbl, (s = new Set()));
      s.add(c.rowId);
    }
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
    return [...(this.rows.get(tbl) ?? [])];
  }

  /** The action creates this row (its `deleted` cell is written with no base). */
  creates(tbl: string, rowId: string): boolean {
    const d = this.change(tbl, rowId, 'deleted');
    return !!d && d.baseHlc === null && d.oldValue === null && !this.ctx.exists(tbl, rowId);
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
