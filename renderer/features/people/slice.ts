import type { Person, Role } from '../../../preload/contract';
import type { Slice } from '../../app/store';
import { ApiCallError } from '../../app/api';
import type { Reload } from '../../app/reloads';

export interface PersonDraft {
  name: string;
  email: string;
  function: string;
  roles: string[];
}

export interface PeopleSlice {
  people: Person[];
  roles: Role[];
  loadPeople(): Promise<void>;
  savePerson(id: string | null, draft: PersonDraft): Promise<boolean>;
  removePerson(id: string): Promise<boolean>;
}

export const createPeopleSlice: Slice<PeopleSlice> = (set, get) => ({
  people: [],
  roles: [],
  loadPeople: async () => {
    const [people, roles] = await Promise.all([get().api.call('people:list', {}), get().api.call('roles:list', {})]);
    set({ people, roles });
  },
  savePerson: async (id, draft) => {
    try {
      if (id) await get().api.call('people:update', { id, ...draft });
      else await get().api.call('people:create', draft);
      return true;
    } catch (e) {
      get().notify('error', e instanceof ApiCallError ? e.message : String(e));
      return false;
    }
  },
  removePerson: async (id) => {
    try {
      await get().api.call('people:delete', { id });
      return true;
    } catch (e) {
      get().notify('error', e instanceof ApiCallError ? e.message : String(e));
      return false;
    }
  },
});

export const PEOPLE_RELOADS: Reload[] = [{ tables: ['people', 'roles', 'role_assignments'], run: (s) => s.loadPeople() }];
