import type { Database } from 'better-sqlite3';
import type { Person, Role } from '../../preload/contract/types.js';
import type { Writer } from '../changes.js';

export function listPeople(db: Database): Person[] {
  const rows = db
    .prepare(
      `SELECT p.id, p.name, p.email, p.function,
              (SELECT json_group_array(DISTINCT r.key) FROM role_assignments a JOIN roles r ON r.id = a.role_id
                WHERE a.person_id = p.id AND a.deleted = 0 AND r.deleted = 0) AS roles
       FROM people p WHERE p.deleted = 0 ORDER BY p.name`,
    )
    .all() as (Omit<Person, 'roles'> & { roles: string })[];
  return rows.map((r) => ({ ...r, roles: (JSON.parse(r.roles) as (string | null)[]).filter((x): x is string => x !== null) }));
}

export function getPerson(db: Database, id: string): Person | undefined {
  return listPeople(db).find((p) => p.id === id);
}

export function insertPerson(w: Writer, p: { name: string; email?: string; function?: string; id?: string }): string {
  return w.insert('people', { name: p.name, email: p.email ?? '', function: p.function ?? '' }, p.id);
}

export function listRoles(db: Database): Role[] {
  return db.prepare('SELECT id, key, name FROM roles WHERE deleted = 0 ORDER BY name').all() as Role[];
}

export function insertRole(w: Writer, r: { key: string; name: string; id?: string }): string {
  return w.insert('roles', { key: r.key, name: r.name }, r.id);
}

export function insertAssignment(w: Writer, a: { personId: string; roleId: string; nodeId?: string | null }): string {
  return w.insert('role_assignments', { person_id: a.personId, role_id: a.roleId, node_id: a.nodeId ?? null });
}
