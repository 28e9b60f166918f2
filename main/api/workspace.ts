import { existsSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { createWorkspace, openWorkspace, saveCopy, setLocal, type Database } from '../../db/connection.js';
import { runAction, type Writer } from '../../db/changes.js';
import { WorkspaceError } from '../../db/errors.js';
import { acquireLock } from '../../db/lock.js';
import { checkPathText } from '../../db/files.js';
import { schemaVersion } from '../../db/migrate.js';
import { insertMeasure } from '../../db/repositories/measures.js';
import { insertNode } from '../../db/repositories/nodes.js';
import { getPerson, insertAssignment, insertPerson, insertRole } from '../../db/repositories/people.js';
import { SYNCED_TABLES } from '../../db/tables.js';
import { demoTree, DEMO_PEOPLE } from '../domain/demo.js';
import { today } from '../../db/clock.js';
import { DEFAULT_ROLES } from '../domain/roles.js';
import { seedGatesDemo } from './gates-demo.js';
import { ApiError } from './errors.js';
import { seedRaidDemo } from './raid-demo.js';
import { seedValueDemo } from './value-demo.js';
import type { Handlers } from './handlers.js';
import type { ApiSession } from './session.js';
import { seedGridDemo } from './grid-demo.js';
import { seedTemplates } from './templates.js';
import { seedKpiDemo, seedWorkflowDemo, seedWorkflowDemoUpdates } from './workflow-demo.js';

type K = 'app:info' | 'workspace:create' | 'workspace:open' | 'workspace:close' | 'workspace:saveCopy' | 'workspace:pickPath' | 'workspace:check' | 'session:setActor';

export const WORKSPACE_EXT = '.steerco';

function withExt(path: string): string {
  return extname(path) ? path : `${path}${WORKSPACE_EXT}`;
}

/** Default roles every new workspace starts with. */
export function seedDefaults(w: Writer): void {
  for (const r of DEFAULT_ROLES) insertRole(w, r);
}

/** Fills a workspace with the demo program (people, hierarchy, measures). */
export function seedDemo(db: Database, w: Writer): void {
  const roleIds = new Map((db.prepare('SELECT id, key FROM roles').all() as { id: string; key: string }[]).map((r) => [r.key, r.id]));
  const people = new Map<string, string>();
  for (const p of DEMO_PEOPLE) {
    const id = insertPerson(w, p);
    people.set(p.name, id);
    for (const r of p.roles) insertAssignment(w, { personId: id, roleId: roleIds.get(r)! });
  }
  const tree = demoTree(today());
  const org = insertNode(w, db, { parentId: null, level: 'organization', name: tree.organization });
  const portfolio = insertNode(w, db, { parentId: org, level: 'portfolio', name: tree.portfolio });
  for (const program of tree.programs) {
    const pg = insertNode(w, db, { parentId: portfolio, level: 'program', name: program.name });
    for (const project of program.projects) {
      const pj = insertNode(w, db, { parentId: pg, level: 'project', name: project.name });
      for (const pkg of project.packages) {
        const pk = insertNode(w, db, { parentId: pj, level: 'package', name: pkg.name });
        pkg.measures.forEach((m, i) =>
          insertMeasure(w, db, {
            node_id: pk,
            title: m.title,
            description: m.description,
            owner_id: people.get(m.owner) ?? null,
            sponsor_id: people.get(m.sponsor) ?? null,
            controller_id: m.controller ? (people.get(m.controller) ?? null) : null,
            business_unit: m.businessUnit,
            function: m.function,
            start_date: m.startDate,
            due_date: m.dueDate,
            di_level: m.diLevel,
            lifecycle: m.lifecycle,
            sort_order: i + 1,
          }),
        );
      }
    }
  }
  seedRaidDemo(db, w);
  seedGatesDemo(db, w);
  seedValueDemo(db, w);
}

/** Creates a workspace file; seeds roles, and the demo program when asked. */
export function createWorkspaceFile(path: string, opts: { name?: string; demo?: boolean }): Database {
  const name = opts.name ?? (opts.demo ? 'Northwind managed-service launch (demo)' : basename(path, extname(path)));
  const db = createWorkspace(path, { name });
  try {
    runAction(db, { actor: 'system', label: 'Create workspace', undoable: false }, (w) => {
      seedDefaults(w);
      seedTemplates(w, db);
      if (opts.demo) seedDemo(db, w);
      if (opts.demo) seedGridDemo(db, w);
      if (opts.demo) seedWorkflowDemo(db, w);
      if (opts.demo) seedKpiDemo(db, w);
    });
    if (opts.demo) seedWorkflowDemoUpdates(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export function workspaceHandlers(s: ApiSession): Pick<Handlers, K> {
  const open = (path: string, db: Database, release: () => void) => {
    s.attach(db, path, release);
    return s.info();
  };
  return {
    'app:info': () => ({
      version: s.options.version,
      workspace: s.isOpen ? s.info() : null,
      recent: s.recent(),
      nativeDialogs: Boolean(s.options.shell?.pickPath),
      defaultFolder: s.defaultFolder(),
      today: today(),
    }),
    'workspace:create': ({ path, name, demo }) => {
      const abs = resolve(withExt(path));
      if (existsSync(abs)) throw new WorkspaceError('exists', `A file already exists at ${abs}; choose another name or open it.`);
      if (!existsSync(dirname(abs))) throw new WorkspaceError('not_found', `The folder ${dirname(abs)} does not exist.`);
      const release = acquireLock(abs);
      try {
        return open(abs, createWorkspaceFile(abs, { name, demo }), release);
      } catch (e) {
        release();
        throw e;
      }
    },
    'workspace:open': ({ path }) => {
      const abs = resolve(path);
      if (s.path === abs) return s.info();
      // In plain words before the lock file is tried (which would say ENOENT about a .lock).
      checkPathText(abs);
      if (!existsSync(dirname(abs))) throw new WorkspaceError('not_found', `The folder ${dirname(abs)} does not exist, so there is no workspace ${basename(abs)} in it. Check the path, or choose the file with Browse.`);
      if (!existsSync(abs)) throw new WorkspaceError('not_found', `No file at ${abs}: there is no workspace there (it may have been moved, renamed or deleted).`);
      const release = acquireLock(abs);
      try {
        return open(abs, openWorkspace(abs), release);
      } catch (e) {
        release();
        throw e;
      }
    },
    'workspace:close': () => {
      s.detach();
      s.emit('workspace:opened', { workspace: null });
      return null;
    },
    'workspace:saveCopy': async ({ path }) => {
      const abs = resolve(withExt(path));
      await saveCopy(s.db(), abs);
      return { path: abs };
    },
    'workspace:pickPath': async ({ mode }) => {
      const pick = s.options.shell?.pickPath;
      if (!pick) throw new ApiError({ code: 'unsupported', message: 'Native file dialogs are only available in the desktop app; type a path instead.' });
      return { path: await pick(mode, s.defaultFolder()) };
    },
    'workspace:check': () => {
      const db = s.db();
      const counts: Record<string, number> = {};
      for (const t of [...Object.keys(SYNCED_TABLES), 'change_log']) {
        const live = t in SYNCED_TABLES ? ' WHERE deleted = 0' : '';
        counts[t] = (db.prepare(`SELECT count(*) AS n FROM ${t}${live}`).get() as { n: number }).n;
      }
      return { integrity: db.pragma('integrity_check', { simple: true }) as string, schemaVersion: schemaVersion(db), counts };
    },
    'session:setActor': ({ personId }) => {
      if (personId && !getPerson(s.db(), personId)) throw new ApiError({ code: 'not_found', message: `No person ${personId}.` });
      setLocal(s.db(), 'actor_person_id', personId);
      const info = s.info();
      s.emit('workspace:opened', { workspace: info });
      return info;
    },
  };
}
