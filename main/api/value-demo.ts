import type { Database } from '../../db/connection.js';
import type { Writer } from '../../db/changes.js';
import { insertLine, lockBaseline, setValidation, setValue } from '../../db/repositories/value.js';
import { demoPlan } from '../domain/demo-plan.js';
import { demoValueFor } from '../domain/demo-value.js';
import { locksBaseline } from '../domain/value-lines.js';
import { today as clockToday } from '../../db/clock.js';

/** The milestone plan, effect lines, monthly values and validations of the demo measures; then baselines (statuses are derived after the action). */
export function seedValueDemo(db: Database, w: Writer, today = clockToday()): void {
  const measures = db
    .prepare(
      `SELECT m.id, m.function, m.start_date AS startDate, m.due_date AS dueDate, m.di_level AS diLevel, m.lifecycle, m.owner_id AS ownerId, m.controller_id AS controllerId,
              (SELECT pg.name FROM nodes pk JOIN nodes pj ON pj.id = pk.parent_id JOIN nodes pg ON pg.id = pj.parent_id WHERE pk.id = m.node_id) AS program
       FROM measures m WHERE m.deleted = 0 ORDER BY m.code`,
    )
    .all() as {
    id: string;
    function: string;
    startDate: string | null;
    dueDate: string | null;
    diLevel: number;
    lifecycle: string;
    ownerId: string | null;
    controllerId: string | null;
    program: string;
  }[];
  measures.forEach((m, index) => {
    const demo = demoValueFor(
      { index, program: /cost/i.test(m.program) ? 'cost' : 'launch', function: m.function, startDate: m.startDate, dueDate: m.dueDate, hasController: m.controllerId !== null },
      today,
    );
    // One plan per measure, consistent with its level (see demo-plan.ts).
    demoPlan({ index, startDate: m.startDate, dueDate: m.dueDate, diLevel: m.diLevel, lifecycle: m.lifecycle, hasValue: demo !== null }, today).forEach((ms, k) =>
      w.insert('milestones', {
        measure_id: m.id,
        title: ms.title,
        owner_id: m.ownerId,
        due_date: ms.dueDate,
        forecast_date: ms.forecastDate,
        done: ms.done ? 1 : 0,
        done_date: ms.doneDate,
        sort_order: k + 1,
      }),
    );
    if (!demo) return;
    for (const line of demo.lines) {
      const lineId = insertLine(w, db, { measureId: m.id, type: line.type, label: line.label, target: line.target });
      for (const v of line.values) {
        if (v.plan !== null) setValue(w, db, lineId, v.period, 'plan', v.plan);
        if (v.forecast !== null) setValue(w, db, lineId, v.period, 'forecast', v.forecast);
        if (v.actual !== null) setValue(w, db, lineId, v.period, 'actual', v.actual);
      }
    }
    if (locksBaseline(m.diLevel)) lockBaseline(w, db, m.id);
    for (const p of demo.validated) setValidation(w, db, { measureId: m.id, period: p, state: 'validated', actor: m.controllerId! });
  });
}
