import type { Database } from '../../db/connection.js';
import type { Writer } from '../../db/changes.js';
import { customValueId } from '../../db/repositories/custom-fields.js';
import { DEMO_SEGMENT_FIELD, demoSegment } from '../domain/demo-grid.js';

/** Adds the grid's demo data (a custom field with values) to the demo measures; their milestone plan is the value demo's (demo-plan.ts). */
export function seedGridDemo(db: Database, w: Writer): void {
  const measures = db.prepare('SELECT id FROM measures WHERE deleted = 0 ORDER BY code').all() as { id: string }[];
  const field = w.insert('custom_fields', { key: DEMO_SEGMENT_FIELD.key, label: DEMO_SEGMENT_FIELD.label, type: 'choice', choices: JSON.stringify(DEMO_SEGMENT_FIELD.choices), required_from_di: null, sort_order: 1 });
  measures.forEach((m, i) => {
    const v = demoSegment(i);
    if (v) w.insert('custom_values', { measure_id: m.id, field_id: field, value: v }, customValueId(m.id, field));
  });
}
