-- Steerco workspace schema v1. Append-only: never edit a migration that has shipped.
-- Every synced table has a TEXT uuid primary key and soft deletes (deleted = 1), so a
-- delete is an ordinary field change that the change log, undo and sync all understand.

CREATE TABLE workspace_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Settings of this copy only (never synced): acting person, undo cursor, sync folder.
CREATE TABLE local_settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE nodes (
  id         TEXT PRIMARY KEY,
  parent_id  TEXT REFERENCES nodes(id),
  level      TEXT NOT NULL CHECK (level IN ('organization','portfolio','program','project','package')),
  name       TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0,
  deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX nodes_parent ON nodes(parent_id);

CREATE TABLE people (
  id       TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  email    TEXT NOT NULL DEFAULT '',
  function TEXT NOT NULL DEFAULT '',
  deleted  INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;

CREATE TABLE roles (
  id      TEXT PRIMARY KEY,
  key     TEXT NOT NULL UNIQUE,
  name    TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;

CREATE TABLE role_assignments (
  id        TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people(id),
  role_id   TEXT NOT NULL REFERENCES roles(id),
  node_id   TEXT REFERENCES nodes(id),
  deleted   INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX role_assignments_person ON role_assignments(person_id);

CREATE TABLE measures (
  id                    TEXT PRIMARY KEY,
  code                  TEXT NOT NULL UNIQUE,
  node_id               TEXT NOT NULL REFERENCES nodes(id),
  title                 TEXT NOT NULL,
  description           TEXT NOT NULL DEFAULT '',
  owner_id              TEXT REFERENCES people(id),
  sponsor_id            TEXT REFERENCES people(id),
  controller_id         TEXT REFERENCES people(id),
  business_unit         TEXT NOT NULL DEFAULT '',
  function              TEXT NOT NULL DEFAULT '',
  legal_entity          TEXT NOT NULL DEFAULT '',
  start_date            TEXT,
  due_date              TEXT,
  di_level              INTEGER NOT NULL DEFAULT 0 CHECK (di_level BETWEEN 0 AND 5),
  lifecycle             TEXT NOT NULL DEFAULT 'active' CHECK (lifecycle IN ('active','on_hold','cancelled','closed')),
  implementation_status TEXT NOT NULL DEFAULT 'grey' CHECK (implementation_status IN ('green','amber','red','grey')),
  potential_status      TEXT NOT NULL DEFAULT 'grey' CHECK (potential_status IN ('green','amber','red','grey')),
  closure_criteria      TEXT NOT NULL DEFAULT '',
  sort_order            INTEGER NOT NULL DEFAULT 0,
  updated_at            TEXT,
  deleted               INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX measures_node ON measures(node_id);

CREATE TABLE custom_fields (
  id               TEXT PRIMARY KEY,
  key              TEXT NOT NULL UNIQUE,
  label            TEXT NOT NULL,
  type             TEXT NOT NULL CHECK (type IN ('text','number','money','date','choice','multi','person','checkbox')),
  choices          TEXT NOT NULL DEFAULT '[]',
  required_from_di INTEGER CHECK (required_from_di IS NULL OR required_from_di BETWEEN 0 AND 5),
  sort_order       INTEGER NOT NULL DEFAULT 0,
  deleted          INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;

-- One row per (measure, field); id = measure_id || ':' || field_id so the change log
-- can address it like every other row.
CREATE TABLE custom_values (
  id         TEXT PRIMARY KEY,
  measure_id TEXT NOT NULL REFERENCES measures(id),
  field_id   TEXT NOT NULL REFERENCES custom_fields(id),
  value      TEXT,
  deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1)),
  UNIQUE (measure_id, field_id)
) STRICT;

-- The change log: every write of every synced table, one row per changed cell.
-- hlc: hybrid logical clock "<15-digit ms>.<6-digit counter>", ordered with replica.
-- value / old_value: JSON text of the new and previous value.
-- base_hlc / base_replica: the cell's head when this edit was made (null = new cell).
-- tx: the user action this change belongs to (one undo step).
CREATE TABLE change_log (
  seq          INTEGER PRIMARY KEY,
  hlc          TEXT NOT NULL,
  replica      TEXT NOT NULL,
  tbl          TEXT NOT NULL,
  row_id       TEXT NOT NULL,
  col          TEXT NOT NULL,
  value        TEXT,
  old_value    TEXT,
  base_hlc     TEXT,
  base_replica TEXT,
  actor        TEXT NOT NULL,
  tx           TEXT NOT NULL,
  UNIQUE (hlc, replica, tbl, row_id, col)
) STRICT;
CREATE INDEX change_log_cell ON change_log(tbl, row_id, col, hlc);
CREATE INDEX change_log_tx ON change_log(tx);

-- Per-cell head, so a write knows its base without scanning the log.
CREATE TABLE cell_heads (
  tbl     TEXT NOT NULL,
  row_id  TEXT NOT NULL,
  col     TEXT NOT NULL,
  hlc     TEXT NOT NULL,
  replica TEXT NOT NULL,
  PRIMARY KEY (tbl, row_id, col)
) WITHOUT ROWID, STRICT;

-- Undo / redo of this copy's user actions (local, not synced).
CREATE TABLE undo_entries (
  seq    INTEGER PRIMARY KEY,
  tx     TEXT NOT NULL UNIQUE,
  label  TEXT NOT NULL,
  actor  TEXT NOT NULL,
  state  TEXT NOT NULL CHECK (state IN ('done','undone')),
  at     TEXT NOT NULL
) STRICT;
