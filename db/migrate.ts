import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations folder sits beside this module, in the source tree and in the bundle. */
const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

let cached: Migration[] | null = null;

/** All migrations, ordered by their number (`0001_init.sql` is version 1). */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  if (dir === MIGRATIONS_DIR && cached) return cached;
  const list = readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 4)), name: f, sql: readFileSync(`${dir}/${f}`, 'utf8') }));
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} is out of sequence (expected ${i + 1})`);
  });
  if (dir === MIGRATIONS_DIR) cached = list;
  return list;
}

export function latestSchemaVersion(): number {
  return loadMigrations().length;
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every missing migration, each in its own transaction with its user_version. */
export function migrate(db: Database, upTo = latestSchemaVersion()): number {
  const current = schemaVersion(db);
  for (const m of loadMigrations()) {
    if (m.version <= current || m.version > upTo) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}
