import { z } from 'zod';
import { method } from './define.js';
import { localeSchema } from './core.js';
import type { Kpi, KpiRollupRow, ServiceKpis } from './kpi-types.js';
import type { RollupRow } from './value.js';

export type * from './kpi-types.js';

const id = z.string().min(1, 'an id is required').max(200);
const num = z.number().finite();

export const kpiInputSchema = z
  .object({
    key: z.string().trim().regex(/^[a-z][a-z0-9_]*$/, 'a KPI key is lower-case letters, digits and _').max(100),
    name: z.string().trim().min(1, 'a KPI needs a name').max(200),
    unit: z.string().trim().max(40).default(''),
    direction: z.enum(['higher', 'lower']),
    baseline: num.nullable().default(null),
    target: num.nullable().default(null),
    amber: num,
    red: num,
  })
  .strict();

/** Service KPIs on measures and nodes, their actuals, roll-ups and the article's ten figures. */
export const kpiContract = {
  /** KPIs of a measure, of a node (its own), or every KPI under a node / of the workspace. */
  'kpi:list': method<Kpi[]>()(z.object({ measureId: id.optional(), nodeId: id.optional(), under: id.optional() }).strict()),
  /** Adds a KPI on a measure or a node (neither: the whole program), or changes the one with `id`; thresholds on the wrong side are refused. */
  'kpi:save': method<Kpi>()(z.object({ id: id.optional(), measureId: id.optional(), nodeId: id.optional(), kpi: kpiInputSchema }).strict()),
  'kpi:remove': method<{ removed: number }>()(z.object({ id }).strict()),
  /**
   * The actual of a month, as typed ("92.5", "92,5 %"), read in `locale`; '' clears it. A month
   * after the current one is refused, as is text that is not a number.
   */
  'kpi:setActual': method<Kpi>()(z.object({ id, period: z.string().trim().max(20), value: z.string().max(100), locale: z.string().max(40).optional() }).strict()),
  /** KPIs of one key rolled up under a node, optionally by a choice field (e.g. customer_segment). */
  'kpi:rollup': method<KpiRollupRow[]>()(z.object({ nodeId: id.optional(), by: z.string().trim().max(100).optional() }).strict()),
  /** The article's ten report figures and the KPIs under a node (or the whole workspace). */
  'kpi:figures': method<ServiceKpis>()(z.object({ nodeId: id.optional(), locale: localeSchema.optional() }).strict()),
  /**
   * The value roll-up by a choice field of the measures (a workspace field such as
   * customer_segment, or a template field): the value feature's per-measure figures, summed per value.
   */
  'value:byField': method<{ field: string; rows: (RollupRow & { group: string })[] }>()(z.object({ nodeId: id.optional(), field: z.string().trim().min(1).max(100) }).strict()),
  /** Marks a decision of the log open (still to take) or decided. */
  'decisions:setStatus': method<{ id: string; status: 'open' | 'decided' }>()(z.object({ id, status: z.enum(['open', 'decided']) }).strict()),
} as const;
