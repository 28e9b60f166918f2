import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { homedir, userInfo } from 'node:os';
import type { Database } from '../../db/connection.js';
import { getLocal, getMeta } from '../../db/connection.js';
import { replicaId, runAction, undoState, type ActionResult, type Writer } from '../../db/changes.js';
import { schemaVersion } from '../../db/migrate.js';
import { cellsOfAction } from '../../db/repositories/tx-rows.js';
import { DERIVED_COLUMNS } from '../../db/tables.js';
import { today } from '../../db/clock.js';
import { cachedStatement } from '../../db/statements.js';
import type { EventName, Events, Pack, WorkspaceInfo } from '../../preload/contract.js';
import { ApiError } from './errors.js';
import { installStatusEngine, rederive } from './value-status.js';

/** What the shell around the API can do; the desktop app fills it in, browser mode leaves it empty. */
export interface ShellCapabilities {
  pickPath?(mode: 'open' | 'create' | 'copy', suggested: string): Promise<string | null>;
  /** Native save dialog for an export (measures to Excel or CSV); null when the user cancels. */
  pickSavePath?(kind: 'xlsx' | 'csv', suggested: string): Promise<string | null>;
  /** Native open dialog for a workbook or CSV to import; null when the user cancels. */
  pickImportPath?(): Promise<string | null>;
  /** Prints an assembled steering pack to a PDF file (the desktop app's printToPDF); returns the page count. */
  printPackPdf?(pack: Pack, path: string): Promise<{ pages: number }>;
}

export interface SessionOptions {
  /** Where recent files and other per-user settings live. */
  configDir: string;
  version: string;
  shell?: ShellCapabilities;
}

interface OpenWorkspace {
  db: Database;
  path: string;
  release: () => void;
  /** The local day the derived statuses were last brought up to. */
  day: string;
  /** Notices a change of day while nobody calls (the app left open overnight). */
  dayTimer: NodeJS.Timeout;
}

/** Up to this many changed cells, a change event lists the changed rows. */
const CHANGED_ROWS_LIMIT = 20_000;

/** How often an open workspace looks whether the local day has changed. */
const DAY_CHECK_MS = 60_000;

/** The state behind the handler table: the open workspace, the acting person, events. */
export class ApiSession {
  private ws: OpenWorkspace | null = null;
  readonly events = new EventEmitter();

  constructor(readonly options: SessionOptions) {
    this.events.setMaxListeners(100);
  }

  get isOpen(): boolean {
    return this.ws !== null;
  }

  get path(): string | null {
    return this.ws?.path ?? null;
  }

  db(): Database {
    if (!this.ws) throw new ApiError({ code: 'no_workspace', message: 'No workspace is open; create or open one first.' });
    return this.ws.db;
  }

  attach(db: Database, path: string, release: () => void): void {
    this.detach();
    // Statuses depend on today and on every fact: derive them before anyone reads them.
    const day = today();
    try {
      installStatusEngine(db, day);
    } catch (e) {
      db.close();
      throw e;
    }
    const dayTimer = setInterval(() => this.checkDay(), DAY_CHECK_MS);
    // The timer must not keep a CLI run alive; the desktop app and host stay up anyway.
    dayTimer.unref();
    this.ws = { db, path, release, day, dayTimer };
    this.addRecent(path);
    this.emit('workspace:opened', { workspace: this.info() });
  }

  /**
   * Brings the derived statuses up to a new local day (a milestone became overdue, a
   * report stale): called before every API call and once a minute. Tells views what changed
   * and the renderer the new day (`clock:day`).
   */
  checkDay(): void {
    const ws = this.ws;
    if (!ws) return;
    const day = today();
    if (day === ws.day) return;
    const changed = ws.db.transaction(() => rederive(ws.db, null, day))();
    ws.day = day;
    this.emit('clock:day', { today: day });
    if (changed.length) this.emit('workspace:changed', { tables: ['measures'], ...(changed.length <= CHANGED_ROWS_LIMIT ? { rows: { measures: changed } } : {}) });
  }

  detach(): void {
    if (!this.ws) return;
    const { db, release, dayTimer } = this.ws;
    clearInterval(dayTimer);
    this.ws = null;
    try {
      db.close();
    } finally {
      release();
    }
  }

  /**
   * The actor recorded in the change log: the person chosen under "Acting as", else the
   * person this copy belongs to, else (a copy not linked to a person yet) the OS user.
   */
  actor(): string {
    const db = this.db();
    return getLocal(db, 'actor_person_id') ?? copyPersonOf(db) ?? `user:${safeUserName()}`;
  }

  /**
   * The copy's own person when the actor is someone else: what they enter is recorded as
   * "entered by <copy's person> for <actor>" (a facilitator typing what the sponsor says).
   */
  enteredBy(): string | null {
    const db = this.db();
    const own = copyPersonOf(db);
    const actor = this.actor();
    return own && actor !== own ? own : null;
  }

  info(): WorkspaceInfo {
    const db = this.db();
    return {
      path: this.ws!.path,
      name: getMeta(db, 'name') ?? 'Workspace',
      workspaceId: getMeta(db, 'workspace_id') ?? '',
      currency: getMeta(db, 'currency') ?? 'EUR',
      schemaVersion: schemaVersion(db),
      replicaId: replicaId(db),
      actorId: getLocal(db, 'actor_person_id'),
    };
  }

  /** Runs one user action in one transaction (one undo step) and tells views what changed. */
  act<T>(label: string, fn: (w: Writer, db: Database) => T, opts: { undoable?: boolean } = {}): ActionResult<T> {
    const db = this.db();
    const r = runAction(db, { actor: this.actor(), enteredBy: this.enteredBy(), label, undoable: opts.undoable }, (w) => fn(w, db));
    this.changed(r);
    return r;
  }

  /**
   * Tells views what an action changed; small actions also say which rows, so a view can
   * reload just those (a 20k-row list stays put). Measures whose derived status moved
   * because of it (a milestone now overdue) count as changed measure rows.
   */
  changed(r: Pick<ActionResult<unknown>, 'changed' | 'tables' | 'tx' | 'firstSeq' | 'lastSeq' | 'derived' | 'cells'>): void {
    if (r.changed === 0) return;
    const derived = Object.entries(r.derived ?? {}).filter(([, ids]) => ids.length > 0);
    const tables = [...new Set([...r.tables, ...derived.map(([t]) => t)])];
    const small = r.changed + derived.reduce((n, [, ids]) => n + ids.length, 0) <= CHANGED_ROWS_LIMIT && r.firstSeq !== undefined;
    // The undo menu changes with every action: it comes with the event, not as another call.
    const undo = undoState(this.db());
    if (!small) {
      this.emit('workspace:changed', { tables, undo });
      return;
    }
    const list = (m: ReadonlyMap<string, ReadonlySet<string>>) => Object.fromEntries([...m].map(([t, ids]) => [t, [...ids]]));
    const { rows, columns } = r.cells ? { rows: list(r.cells.rows), columns: list(r.cells.columns) } : cellsOfAction(this.db(), r);
    for (const [t, ids] of derived) {
      rows[t] = [...new Set([...(rows[t] ?? []), ...ids])];
      columns[t] = [...new Set([...(columns[t] ?? []), ...(DERIVED_COLUMNS[t] ?? [])])];
    }
    this.emit('workspace:changed', { tables, rows, columns, undo });
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    this.events.emit(event, payload);
  }

  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    this.events.on(event, listener);
    return () => this.events.off(event, listener);
  }

  private recentFile(): string {
    return join(this.options.configDir, 'recent.json');
  }

  recent(): string[] {
    try {
      const list = JSON.parse(readFileSync(this.recentFile(), 'utf8')) as unknown;
      // A file moved or deleted since is forgotten: the list offers only what can be opened.
      return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string' && existsSync(x)) : [];
    } catch {
      return [];
    }
  }

  private addRecent(path: string): void {
    if (path === ':memory:') return;
    const abs = resolve(path);
    const list = [abs, ...this.recent().filter((p) => p !== abs)].slice(0, 10);
    const file = this.recentFile();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(list, null, 2));
    renameSync(`${file}.tmp`, file);
  }

  defaultFolder(): string {
    return join(homedir(), 'Documents');
  }
}

/** The person the open copy belongs to (its sync member row), if linked. */
function copyPersonOf(db: Database): string | null {
  const r = cachedStatement(db, 'SELECT person_id AS p FROM sync_members WHERE id = ?').get(replicaId(db)) as { p: string | null } | undefined;
  return r?.p ?? null;
}

let userName: string | null = null;

function safeUserName(): string {
  if (userName === null) {
    try {
      userName = userInfo().username;
    } catch {
      userName = 'local';
    }
  }
  return userName;
}
