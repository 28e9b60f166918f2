import type { Handlers } from './handlers.js';
import { applyEdits } from './measure-edits.js';
import type { ApiSession } from './session.js';

type K = 'measures:bulkUpdate';

export function gridHandlers(s: ApiSession): Pick<Handlers, K> {
  return {
    // Paste and bulk edit: the one edit path, all edits in one action or none.
    'measures:bulkUpdate': ({ edits, label, locale, reason }) => applyEdits(s, edits, { label, locale, reason }),
  };
}
