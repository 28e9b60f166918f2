import { NotFoundError, ValidationError } from '../../db/errors.js';
import type { Writer } from '../../db/changes.js';
import type { Database } from '../../db/connection.js';
import { getPerson, insertAssignment, insertPerson, listPeople, listRoles } from '../../db/repositories/people.js';
import type { Person } from '../../preload/contract.js';
import type { Handlers } from './handlers.js';
import type { ApiSession } from './session.js';

type K = 'people:list' | 'people:create' | 'people:update' | 'people:delete' | 'roles:list';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function mustPerson(s: ApiSession, id: string): Person {
  const p = getPerson(s.db(), id);
  if (!p) throw new NotFoundError(`No person ${id} (they may have been removed).`);
  return p;
}

function checkEmail(email: string | undefined): void {
  if (email && !EMAIL.test(email)) throw new ValidationError(`"${email}" is not an email address.`, [{ field: 'email', message: 'Not an email address' }]);
}

/** Makes the person hold exactly the given roles (workspace-wide assignments). */
function setRoles(w: Writer, db: Database, personId: string, roleKeys: string[]): void {
  const roles = listRoles(db);
  const unknown = roleKeys.filter((k) => !roles.some((r) => r.key === k));
  if (unknown.length) throw new ValidationError(`Unknown role ${unknown.map((k) => `"${k}"`).join(', ')}.`, [{ field: 'roles', message: 'Unknown role' }]);
  const current = db
    .prepare('SELECT a.id, r.key FROM role_assignments a JOIN roles r ON r.id = a.role_id WHERE a.person_id = ? AND a.deleted = 0 AND a.node_id IS NULL')
    .all(personId) as { id: string; key: string }[];
  for (const a of current) if (!roleKeys.includes(a.key)) w.remove('role_assignments', a.id);
  for (const key of roleKeys) {
    if (current.some((a) => a.key === key)) continue;
    insertAssignment(w, { personId, roleId: roles.find((r) => r.key === key)!.id });
  }
}

export function peopleHandlers(s: ApiSession): Pick<Handlers, K> {
  return {
    'people:list': () => listPeople(s.db()),
    'roles:list': () => listRoles(s.db()),
    'people:create': ({ name, email, function: fn, roles }) => {
      checkEmail(email);
      const { value } = s.act(`Add person ${name}`, (w, db) => {
        const id = insertPerson(w, { name, email, function: fn });
        if (roles) setRoles(w, db, id, roles);
        return id;
      });
      return mustPerson(s, value);
    },
    'people:update': ({ id, name, email, function: fn, roles }) => {
      const p = mustPerson(s, id);
      checkEmail(email);
      s.act(`Edit person ${p.name}`, (w, db) => {
        const v: Record<string, string> = {};
        if (name !== undefined) v.name = name;
        if (email !== undefined) v.email = email;
        if (fn !== undefined) v.function = fn;
        w.update('people', id, v);
        if (roles) setRoles(w, db, id, roles);
      });
      return mustPerson(s, id);
    },
    'people:delete': ({ id }) => {
      const p = mustPerson(s, id);
      const used = s
        .db()
        .prepare('SELECT code FROM measures WHERE deleted = 0 AND ? IN (owner_id, sponsor_id, controller_id) LIMIT 3')
        .all(id) as { code: string }[];
      if (used.length) {
        throw new ValidationError(`${p.name} still owns, sponsors or controls measures (${used.map((u) => u.code).join(', ')}…); reassign them first.`);
      }
      s.act(`Remove person ${p.name}`, (w, db) => {
        setRoles(w, db, id, []);
        w.remove('people', id);
      });
      return null;
    },
  };
}
