import { NotFoundError, ValidationError } from '../../db/errors.js';
import { getMilestone, listMilestones } from '../../db/repositories/milestones.js';
import type { Milestone } from '../../preload/contract/grid-types.js';
import { resolvePerson, type Issue } from '../domain/measures.js';
import { parseDay } from '../../preload/contract/parse.js';
import type { Handlers } from './handlers.js';
import { mustMeasure } from './measures.js';
import { peopleRefs } from './measure-edits.js';
import type { ApiSession } from './session.js';
import { today } from '../../db/clock.js';

type K = 'milestones:list' | 'milestones:create' | 'milestones:update' | 'milestones:delete';

interface MilestoneInput {
  title?: string;
  owner?: string | null;
  dueDate?: string | null;
  done?: boolean;
}

/** Milestone input → columns; every problem is reported, nothing is partial. */
function columns(s: ApiSession, input: MilestoneInput): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  const issues: Issue[] = [];
  if (input.title !== undefined) {
    const t = input.title.trim();
    if (!t) issues.push({ field: 'title', message: 'Milestone title: is required' });
    // eslint-disable-next-line no-control-regex
    else if (/[\u0000-\u001f\u007f]/.test(t)) issues.push({ field: 'title', message: 'Milestone title: contains a line break or control character' });
    else out.title = t;
  }
  if (input.owner !== undefined) {
    if (!input.owner || !input.owner.trim()) out.owner_id = null;
    else {
      const r = resolvePerson(input.owner, peopleRefs(s));
      if ('error' in r) issues.push({ field: 'owner', message: `Milestone owner: ${r.error}` });
      else out.owner_id = r.id;
    }
  }
  if (input.dueDate !== undefined) {
    if (!input.dueDate || !input.dueDate.trim()) out.due_date = null;
    else {
      const d = parseDay(input.dueDate);
      if (!d.ok) issues.push({ field: 'dueDate', message: `Milestone due date: ${d.message}` });
      else out.due_date = d.value;
    }
  }
  if (input.done !== undefined) {
    out.done = input.done ? 1 : 0;
    out.done_date = input.done ? today() : null;
  }
  if (issues.length) throw new ValidationError(issues.map((i) => i.message).join('; '), issues);
  return out;
}

function mustMilestone(s: ApiSession, id: string): Milestone {
  const m = getMilestone(s.db(), id);
  if (!m) throw new NotFoundError(`No milestone ${id} (it may have been deleted).`);
  return m;
}

/** A measure's milestone plan; each call is one undo step. */
export function milestoneHandlers(s: ApiSession): Pick<Handlers, K> {
  return {
    'milestones:list': ({ measureId }) => listMilestones(s.db(), measureId),
    'milestones:create': ({ measureId, ...input }) => {
      const m = mustMeasure(s, measureId);
      const cols = columns(s, input);
      const { value } = s.act(`Add milestone ${String(cols.title)} to ${m.code}`, (w, db) => {
        const max = db.prepare('SELECT coalesce(max(sort_order), 0) + 1 AS n FROM milestones WHERE measure_id = ?').get(measureId) as { n: number };
        return w.insert('milestones', { measure_id: measureId, done: 0, ...cols, sort_order: max.n });
      });
      return mustMilestone(s, value);
    },
    'milestones:update': ({ id, ...input }) => {
      const ms = mustMilestone(s, id);
      const cols = columns(s, input);
      s.act(`Edit milestone ${ms.title}`, (w) => w.update('milestones', id, cols));
      return mustMilestone(s, id);
    },
    'milestones:delete': ({ id }) => {
      const ms = mustMilestone(s, id);
      s.act(`Delete milestone ${ms.title}`, (w) => w.remove('milestones', id));
      return null;
    },
  };
}
