import type { LifecycleAction } from '../../preload/contract/gates-types.js';
import { DEFAULT_ROLES } from './roles.js';

/**
 * Decision rights: which roles decide a lifecycle action, and how the roles read in a
 * refusal. Pure; the api and the sync rules load the matrix rows and who holds what.
 */

/** The decision type of a lifecycle action: resuming is decided like putting on hold. */
export function lifecycleDecisionType(action: LifecycleAction): 'hold' | 'cancel' | 'close' {
  return action === 'resume' ? 'hold' : action;
}

const MEASURE_ROLE_WORDS: Record<string, string> = { owner: "the measure's owner", sponsor: "the measure's sponsor", controller: "the measure's controller" };

/** "the measure's sponsor or a steering committee sponsor": roles as a sentence names them. */
export function rolesInWords(roles: string[], roleName: (key: string) => string): string {
  return roles
    .map((r) => {
      if (MEASURE_ROLE_WORDS[r]) return MEASURE_ROLE_WORDS[r];
      // A role this copy has no row for reads by its default name, or its key in words.
      const name = roleName(r);
      const n = (name === r ? (DEFAULT_ROLES.find((d) => d.key === r)?.name ?? r.replace(/_/g, ' ')) : name).toLowerCase();
      return `${/^[aeiou]/.test(n) ? 'an' : 'a'} ${n}`;
    })
    .join(' or ');
}

/** What the lifecycle check needs from the matrix: whether the actor decides, and who does. */
export interface LifecycleRights {
  decides: boolean;
  roles: string[];
  inWords: string;
}
