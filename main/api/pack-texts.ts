import type { Database } from '../../db/connection.js';
import { readPackTexts } from '../../db/repositories/pack.js';
import type { PackTextsState } from '../../preload/contract/pack-types.js';
import { DEFAULT_TEXTS } from '../domain/pack.js';

/**
 * The texts of a pack belong to its meeting. Until the meeting has its own, the draft's (the
 * texts written with no meeting chosen) carry over, so choosing the meeting never hides them.
 */
export function textsFor(db: Database, meetingId: string | null, scopeId: string | null): PackTextsState {
  const own = readPackTexts(db, meetingId, scopeId);
  if (own) return { texts: own, source: meetingId ? 'meeting' : 'draft' };
  const draft = meetingId ? readPackTexts(db, null, scopeId) : null;
  return draft ? { texts: draft, source: 'draft' } : { texts: DEFAULT_TEXTS, source: 'none' };
}
