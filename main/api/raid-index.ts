import { escalationHandlers } from './raid-escalations.js';
import { depsHandlers } from './raid-deps.js';
import { raidHandlers } from './raid.js';
import { meetingHandlers } from './meetings.js';
import type { ApiSession } from './session.js';

/** Every handler of the RAID feature (RAID log, dependencies, escalations, meetings). */
export function raidFeatureHandlers(s: ApiSession) {
  return { ...raidHandlers(s), ...depsHandlers(s), ...escalationHandlers(s), ...meetingHandlers(s) };
}
