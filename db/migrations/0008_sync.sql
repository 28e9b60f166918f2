-- Sync through shared files (issue 8).

-- Members of the workspace and the public key of each one's copy (replica). Synced, so
-- every copy learns which bundles to trust. id = the replica id of the member's copy.
-- joined_vector: the version vector the copy started from (JSON), so peers that never
-- heard from it yet know what it already has.
CREATE TABLE sync_members (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  public_key    TEXT NOT NULL,
  joined_vector TEXT NOT NULL DEFAULT '{}',
  deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;

-- Local (never synced): the version vector each peer last announced in a bundle header.
CREATE TABLE sync_peers (
  replica TEXT PRIMARY KEY,
  vector  TEXT NOT NULL
) STRICT;

-- Local: bundles imported (or found to be already contained), per sending replica.
CREATE TABLE sync_received (
  replica TEXT NOT NULL,
  seq     INTEGER NOT NULL,
  sha256  TEXT NOT NULL,
  file    TEXT NOT NULL,
  changes INTEGER NOT NULL,
  at      TEXT NOT NULL,
  PRIMARY KEY (replica, seq)
) STRICT;

-- Local: cells (kind 'cell') and rows (kind 'delete', col 'deleted') where an import saw
-- concurrent edits. Whether a conflict is still open is derived from change_log every
-- time, so every replica shows the same open conflicts for the same set of changes.
CREATE TABLE sync_conflict_cells (
  kind   TEXT NOT NULL CHECK (kind IN ('cell','delete')),
  tbl    TEXT NOT NULL,
  row_id TEXT NOT NULL,
  col    TEXT NOT NULL,
  PRIMARY KEY (kind, tbl, row_id, col)
) WITHOUT ROWID, STRICT;

-- Export reads each origin replica's changes after what the peers acknowledged.
CREATE INDEX change_log_replica ON change_log(replica, hlc);
