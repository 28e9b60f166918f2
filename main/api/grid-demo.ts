import type { Database } from '../../db/connection.js';
import type { Writer } from '../../db/changes.js';
import { customValueId } from '../../db/repositories/custom-fields.js';
import { DEMO_SEGMENT_FIELD, demoMilestones, demoSegment, type DemoGridMeasure } from '../domain/demo-grid.js';

/** Adds the grid's demo data (milestones, a custom field with values) to the demo measures. */
export function seedGridDemo(db: Database, w: Writer): void {
  const measures = db
    .prepare('SELECT id, start_date AS startDate, due_date AS dueDate, di_level AS diLevel, owner_id AS ownerId FROM measures WHERE deleted = 0 ORDER BY code')
    .all() as DemoGridMeasure[];
  for (const ms of demoMilestones(measures)) {
    w.insert('milestones', { measure_id: ms.measureId, title: ms.title, owner_id: ms.ownerId, due_date: ms.dueDate, done: ms.done ? 1 : 0, done_date: ms.done ? ms.dueDate : null, sort_order: ms.sortOrder });
  }
  const field = w.insert('custom_fields', { key: DEMO_SEGMENT_FIELD.key, label: DEMO_SEGMENT_FIELD.label, type: 'choice', choices: JSON.stringify(DEMO_SEGMENT_FIELD.choices), required_from_di: null, sort_order: 1 });
  measures.forEach((m, i) => {
    const v = demoSegment(i);
    if (v) w.insert('custom_values', { measure_id: m.id, field_id: field, value: v }, customValueId(m.id, field));
  });
}
