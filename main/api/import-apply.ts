import { writeCustomValue } from '../../db/repositories/custom-fields.js';
import { insertMeasure, updateMeasureColumns } from '../../db/repositories/measures.js';
import { insertNode } from '../../db/repositories/nodes.js';
import { clearOverride, setOverride } from '../../db/repositories/value.js';
import { cachedStatement } from '../../db/statements.js';
import type { ImportApplied } from '../../preload/contract.js';
import { writePlanned, type Planned } from './measure-edits.js';
import type { WritePlan } from './import-decide.js';
import type { PackageTarget } from './import-types.js';
import type { ApiSession } from './session.js';
import { writeValueCells } from './value.js';
import type { CheckedCell } from './value-cells.js';
import { nowIso } from '../../db/clock.js';
import { setMeasureTemplate, writeTemplateValue } from '../../db/repositories/templates.js';
import { defaultOwner } from './templates.js';

/**
 * Writes a decided import in ONE action (one transaction, one undo step) through the same
 * write functions as the grid, the status dialog and the effects grid: packages first, then
 * new measures, cell edits, statuses, moves and amounts; derived statuses are refreshed
 * for every measure whose inputs changed.
 */
export function applyImport(s: ApiSession, plan: WritePlan, label: string): ImportApplied {
  const actor = s.actor();
  const { value } = s.act(label, (w, db) => {
    const packageIds = new Map<string, string>();
    const programs = new Map<string, string>();
    const projects = new Map<string, string>();
    for (const p of plan.packages) {
      const programKey = p.programName.toLowerCase();
      const programId = p.programId ?? programs.get(programKey) ?? insertNode(w, db, { parentId: p.portfolioId, level: 'program', name: p.programName });
      programs.set(programKey, programId);
      const projectKey = `${programId}\u0000${p.projectName.toLowerCase()}`;
      const projectId = p.projectId ?? projects.get(projectKey) ?? insertNode(w, db, { parentId: programId, level: 'project', name: p.projectName });
      projects.set(projectKey, projectId);
      packageIds.set(p.key, insertNode(w, db, { parentId: projectId, level: 'package', name: p.packageName }));
    }
    const nodeOf = (t: PackageTarget) => ('id' in t ? t.id : packageIds.get(t.missing)!);

    const nextSort = new Map<string, number>();
    for (const c of plan.creates) {
      const nodeId = nodeOf(c.target);
      const n = nextSort.get(nodeId) ?? (cachedStatement(db, 'SELECT coalesce(max(sort_order), 0) + 1 AS n FROM measures WHERE node_id = ?').get(nodeId) as { n: number }).n;
      nextSort.set(nodeId, n + 1);
      // A measure of a template without an owner in the file gets the template's owner, as when created from it in the grid.
      const owner = c.template && !c.columns.owner_id ? defaultOwner(db, c.template.ownerRole, actor) : null;
      const id = insertMeasure(w, db, { ...c.columns, ...(owner ? { owner_id: owner } : {}), node_id: nodeId, sort_order: n });
      for (const [fieldId, v] of c.custom) if (v !== null) writeCustomValue(w, db, id, fieldId, v);
      if (c.template) setMeasureTemplate(w, db, id, c.template.id);
      for (const [key, v] of c.workflow) writeTemplateValue(w, db, id, key, v);
    }

    const edits = new Map<string, Planned>();
    const statusIds = new Set<string>();
    let moved = 0;
    let statusCells = 0;
    let workflowCells = 0;
    for (const c of plan.cells) {
      const op = c.op;
      if (op.t === 'col' || op.t === 'custom') {
        let e = edits.get(c.measureId);
        if (!e) edits.set(c.measureId, (e = { id: c.measureId, columns: {}, custom: [] }));
        if (op.t === 'col') e.columns[op.col] = op.value;
        else e.custom.push([op.fieldId, op.value]);
      } else if (op.t === 'status') {
        if (op.status === null) clearOverride(w, db, c.measureId, op.kind);
        else setOverride(w, db, c.measureId, { kind: op.kind, status: op.status, reason: op.reason, by: actor });
        statusIds.add(c.measureId);
        statusCells++;
      } else if (op.t === 'template') {
        setMeasureTemplate(w, db, c.measureId, op.templateId);
        workflowCells++;
      } else if (op.t === 'tplfield') {
        writeTemplateValue(w, db, c.measureId, op.key, op.value);
        workflowCells++;
      } else {
        updateMeasureColumns(w, c.measureId, { node_id: nodeOf(op.target) });
        moved++;
      }
    }
    const written = writePlanned(w, db, [...edits.values()], actor);

    const amounts = new Map<string, { m: { id: string; diLevel: number }; cells: CheckedCell[] }>();
    for (const v of plan.value) {
      if ('period' in v.cell) {
        let a = amounts.get(v.measureId);
        if (!a) amounts.set(v.measureId, (a = { m: { id: v.measureId, diLevel: v.diLevel }, cells: [] }));
        a.cells.push(v.cell);
      } else w.update('effect_lines', v.cell.lineId, { target: v.cell.target }, { updated_at: nowIso() });
      statusIds.add(v.measureId);
    }
    for (const { m, cells } of amounts.values()) writeValueCells(w, db, m, cells);
    const measures = new Set([...plan.cells.map((c) => c.measureId)]).size;
    return { measures, cells: written.cells + statusCells + moved + workflowCells, created: plan.creates.length, packages: plan.packages.length, valueCells: plan.value.length };
  });
  return { label, ...value };
}
