import { customFieldHandlers } from './custom-fields.js';
import { gridHandlers } from './grid.js';
import type { Handlers } from './handlers.js';
import { milestoneHandlers } from './milestones.js';
import type { ApiSession } from './session.js';
import { viewHandlers } from './views.js';

type K = 'measures:bulkUpdate' | `${'customFields' | 'milestones' | 'views'}:${string}`;

/** Every handler of the grid feature (issue #3), registered with one line in index.ts. */
export function gridFeatureHandlers(s: ApiSession): Pick<Handlers, Extract<keyof Handlers, K>> {
  return { ...gridHandlers(s), ...customFieldHandlers(s), ...milestoneHandlers(s), ...viewHandlers(s) };
}
