import { NotFoundError, ValidationError } from '../../db/errors.js';
import {
  getLine,
  getValueSettings,
  insertLine,
  isBaselineLocked,
  listLines,
  listOverrides,
  listValidations,
  listValues,
  lockBaseline,
  setValidation,
  setValue,
  setValueSettings,
  touchLine,
  validatedPeriods,
} from '../../db/repositories/value.js';
import { RAG_LABELS, type Measure, type MeasureValue } from '../../preload/contract.js';
import { writeMeasureColumns } from './measure-writes.js';
import { LINE_TYPE_RULES, locksBaseline, measureRange } from '../domain/value-lines.js';
import { currencyOf } from './currency.js';
import { parseMoney } from '../../preload/contract/parse.js';
import { ApiError } from './errors.js';
import type { Handlers } from './handlers.js';
import { mustMeasure } from './measures.js';
import type { ApiSession } from './session.js';
import { checkCells, type CheckedCell } from './value-cells.js';
import type { Database } from '../../db/connection.js';
import type { Writer } from '../../db/changes.js';
import { dashboard, questionMeasures, rollupFor } from './value-dashboard.js';
import { statusesOf } from './value-status.js';
import { nowIso, currentPeriod } from '../../db/clock.js';

type K =
  | 'value:get'
  | 'value:addLine'
  | 'value:updateLine'
  | 'value:deleteLine'
  | 'value:setCells'
  | 'value:validate'
  | 'value:reopen'
  | 'value:setOverride'
  | 'value:clearOverride'
  | 'value:rollup'
  | 'value:dashboard'
  | 'value:questionMeasures'
  | 'value:settings'
  | 'value:setSettings';

export function measureValue(s: ApiSession, m: Measure): MeasureValue {
  const db = s.db();
  // Derived from scratch by the same function that fills the cache the lists read.
  const st = statusesOf(db, [m.id]).get(m.id)!;
  return {
    measureId: m.id,
    code: m.code,
    title: m.title,
    diLevel: m.diLevel,
    ...currencyOf(s),
    range: measureRange(m.startDate, m.dueDate, currentPeriod()),
    currentPeriod: currentPeriod(),
    baselineLocked: isBaselineLocked(db, m.id),
    lines: listLines(db, m.id),
    values: listValues(db, m.id),
    validations: listValidations(db, m.id),
    canValidate: m.controllerId !== null && m.controllerId === s.actor(),
    controller: m.controller,
    implementation: st.implementation,
    potential: st.potential,
  };
}

function mustLine(s: ApiSession, lineId: string) {
  const l = getLine(s.db(), lineId);
  if (!l) throw new NotFoundError(`No effect line ${lineId} (it may have been deleted).`);
  return l;
}

function mustController(s: ApiSession, m: Measure, what: string): void {
  if (!m.controllerId) throw new ApiError({ code: 'forbidden', message: `${m.code} has no controller; set one before actuals can be ${what}.` });
  if (m.controllerId !== s.actor()) {
    throw new ApiError({ code: 'forbidden', message: `Only ${m.code}'s controller (${m.controller}) can ${what === 'validated' ? 'validate' : 'reopen'} a month; you act as someone else.` });
  }
}

function parseTarget(s: ApiSession, raw: string | null | undefined, locale?: string): number | null {
  if (raw === undefined || raw === null || raw.trim() === '') return null;
  const r = parseMoney(raw, currencyOf(s).digits, locale);
  if (!r.ok) throw new ValidationError(`Target ${r.message}.`, [{ field: 'target', message: `Target ${r.message}` }]);
  return r.value;
}

/**
 * Writes checked amounts of one measure (checkCells' output) inside an action: the effects
 * grid and the import share it. The caller refreshes the statuses afterwards.
 */
export function writeValueCells(w: Writer, db: Database, m: Pick<Measure, 'id' | 'diLevel'>, checked: CheckedCell[]): void {
  // Lazy baseline lock: a DI3+ measure's first plan edit locks the plan it had.
  if (locksBaseline(m.diLevel) && checked.some((c) => c.field === 'plan')) lockBaseline(w, db, m.id);
  for (const c of checked) setValue(w, db, c.lineId, c.period, c.field, c.value);
  for (const lineId of new Set(checked.map((c) => c.lineId))) touchLine(w, lineId);
}

export function valueHandlers(s: ApiSession): Pick<Handlers, K> {
  const get = (id: string) => measureValue(s, mustMeasure(s, id));
  return {
    'value:get': ({ measureId }) => get(measureId),
    'value:addLine': ({ measureId, type, label, target, locale }) => {
      const m = mustMeasure(s, measureId);
      const t = parseTarget(s, target, locale);
      if (t !== null && t < 0 && LINE_TYPE_RULES[type].nonNegative) throw new ValidationError('Target cannot be negative for this line type.', [{ field: 'target', message: 'cannot be negative' }]);
      s.act(`Add ${LINE_TYPE_RULES[type].label} line to ${m.code}`, (w, db) => {
        insertLine(w, db, { measureId, type, label: label || LINE_TYPE_RULES[type].label, target: t });
      });
      return get(measureId);
    },
    'value:updateLine': ({ lineId, label, target, locale }) => {
      const l = mustLine(s, lineId);
      const m = mustMeasure(s, l.measureId);
      const patch: Record<string, string | number | null> = {};
      if (label !== undefined) patch.label = label || LINE_TYPE_RULES[l.type].label;
      if (target !== undefined) {
        patch.target = parseTarget(s, target, locale);
        if (patch.target !== null && patch.target < 0 && LINE_TYPE_RULES[l.type].nonNegative) throw new ValidationError('Target cannot be negative for this line type.', [{ field: 'target', message: 'cannot be negative' }]);
      }
      s.act(`Edit effect line of ${m.code}`, (w) => {
        w.update('effect_lines', lineId, patch, { updated_at: nowIso() });
      });
      return get(m.id);
    },
    'value:deleteLine': ({ lineId }) => {
      const l = mustLine(s, lineId);
      const m = mustMeasure(s, l.measureId);
      const locked = validatedPeriods(s.db(), m.id);
      if (listValues(s.db(), m.id).some((v) => v.lineId === lineId && locked.has(v.period) && v.actual !== null)) {
        throw new ValidationError(`This line has validated actuals; the controller must reopen those months first.`);
      }
      s.act(`Delete effect line of ${m.code}`, (w) => {
        w.remove('effect_lines', lineId);
      });
      return get(m.id);
    },
    'value:setCells': ({ measureId, cells, locale }) => {
      const m = mustMeasure(s, measureId);
      const checked = checkCells(s, m, cells, locale);
      s.act(cells.length === 1 ? `Edit ${m.code} ${cells[0]!.field} ${cells[0]!.period}` : `Edit ${cells.length} amounts of ${m.code}`, (w, db) => {
        writeValueCells(w, db, m, checked);
      });
      return get(measureId);
    },
    'value:validate': ({ measureId, period }) => {
      const m = mustMeasure(s, measureId);
      mustController(s, m, 'validated');
      if (period > currentPeriod()) throw new ValidationError(`${period} has not happened yet; only past and current months can be validated.`);
      if (validatedPeriods(s.db(), m.id).has(period)) throw new ValidationError(`${period} of ${m.code} is already validated.`);
      s.act(`Validate ${m.code} actuals ${period}`, (w, db) => setValidation(w, db, { measureId, period, state: 'validated', actor: s.actor() }));
      return get(measureId);
    },
    'value:reopen': ({ measureId, period, reason }) => {
      const m = mustMeasure(s, measureId);
      mustController(s, m, 'reopened');
      if (!validatedPeriods(s.db(), m.id).has(period)) throw new ValidationError(`${period} of ${m.code} is not validated; nothing to reopen.`);
      s.act(`Reopen ${m.code} actuals ${period}`, (w, db) => setValidation(w, db, { measureId, period, state: 'reopened', actor: s.actor(), reason }));
      return get(measureId);
    },
    // The same write as a status set by hand in the grid, the panel or a bulk edit (writeMeasureColumns).
    'value:setOverride': ({ measureId, kind, status, reason }) => {
      const m = mustMeasure(s, measureId);
      s.act(`Set ${m.code} ${kind} status to ${RAG_LABELS[status]}`, (w, db) => writeMeasureColumns(w, db, measureId, { [`${kind}_status`]: status }, { actor: w.actor, reason }));
      return get(measureId);
    },
    'value:clearOverride': ({ measureId, kind }) => {
      const m = mustMeasure(s, measureId);
      if (!listOverrides(s.db(), measureId).some((o) => o.kind === kind)) throw new ValidationError(`${m.code} has no manual ${kind} status.`);
      s.act(`${m.code} ${kind} status back to derived`, (w, db) => writeMeasureColumns(w, db, measureId, { [`${kind}_status`]: null }, { actor: w.actor }));
      return get(measureId);
    },
    'value:rollup': (q) => rollupFor(s, q),
    'value:dashboard': ({ nodeId }) => dashboard(s, nodeId),
    'value:questionMeasures': ({ nodeId, question }) => questionMeasures(s, nodeId, question),
    'value:settings': () => getValueSettings(s.db()),
    'value:setSettings': (patch) => {
      // Every status is re-derived with the new tolerance / stale window (after each write, see value-status.ts).
      s.act('Edit value settings', (w) => setValueSettings(w, patch));
      return getValueSettings(s.db());
    },
  };
}

