-- Verified authorship and sync at team scale (issues 14 and 15): one bundle format
-- (steerco-bundle/2, each copy's changes in segments signed by that copy), and what the
-- change log and the member registry need for it.

-- Who typed a change for whom: on a facilitator's copy, acting as the sponsor, `actor` is
-- the sponsor and `entered_by` the copy's own person ("entered by X for Y"). NULL when
-- the copy's person acted for themselves.
ALTER TABLE change_log ADD COLUMN entered_by TEXT;
-- On a delete (deleted 0 → 1): what the deleting copy had seen of the row, as JSON
-- {replica: highest HLC of that replica's changes to the row}. An edit of the row that is
-- not in it was unseen, whatever the clocks say: a delete-vs-edit conflict.
ALTER TABLE change_log ADD COLUMN seen TEXT;

-- The registry: each copy belongs to one person and signs as them; administrators change
-- the registry; a retired copy's bundles after `retired_seq` (its last segment kept) are
-- refused, its earlier work kept. Written only by administrators (checked on every copy).
ALTER TABLE sync_members ADD COLUMN person_id TEXT;
ALTER TABLE sync_members ADD COLUMN role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('admin','member'));
ALTER TABLE sync_members ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','retired'));
ALTER TABLE sync_members ADD COLUMN retired_seq INTEGER;
ALTER TABLE sync_members ADD COLUMN retired_reason TEXT NOT NULL DEFAULT '';

-- Existing registries, the same on every copy (every copy descends from the first one and
-- holds its registration): the first copy registered is the administrator; a member whose
-- name is exactly one person's becomes that person's copy; a removed member is retired.
UPDATE sync_members SET role = 'admin' WHERE id = (
  SELECT r.row_id FROM change_rows r JOIN change_log l ON l.row_key = r.id
  WHERE r.tbl = 'sync_members' ORDER BY l.hlc, l.replica LIMIT 1);
UPDATE sync_members SET person_id = (SELECT p.id FROM people p WHERE p.deleted = 0 AND lower(p.name) = lower(sync_members.name))
WHERE (SELECT count(*) FROM people p WHERE p.deleted = 0 AND lower(p.name) = lower(sync_members.name)) = 1;
UPDATE sync_members SET status = 'retired' WHERE deleted = 1;

-- A gate whose approvals must come from the approver's own copy (not entered for them by
-- someone else). Default: DI3 (the steering committee's decision) and DI5 (the controller
-- confirms the value).
ALTER TABLE gate_levels ADD COLUMN own_copy INTEGER NOT NULL DEFAULT 0 CHECK (own_copy IN (0,1));
UPDATE gate_levels SET own_copy = 1 WHERE level IN (3, 5);

-- Local (never synced): the signed segments this copy holds, its own and other copies'.
-- A segment is one copy's changes with an HLC in (from_hlc, to_hlc], made while that copy
-- knew `deps` (a version vector); its lines can be rebuilt from change_log (plus the lines
-- refused here, in sync_refused), so it is relayed with its origin's signature.
CREATE TABLE sync_segments (
  origin      TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  from_hlc    TEXT,
  to_hlc      TEXT NOT NULL,
  count       INTEGER NOT NULL,
  deps        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  body_sha256 TEXT NOT NULL,
  signature   TEXT NOT NULL,
  refused     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (origin, seq)
) STRICT;

-- Local: segments that arrived before what they build on (an unknown member's, or ahead of
-- a missing segment), kept and applied as soon as that arrives.
CREATE TABLE sync_pending (
  origin  TEXT NOT NULL,
  seq     INTEGER NOT NULL,
  bytes   BLOB NOT NULL,
  file    TEXT NOT NULL,
  waiting TEXT NOT NULL,
  since   TEXT NOT NULL,
  PRIMARY KEY (origin, seq)
) STRICT;

-- Local: actions (all the changes of one transaction) an import refused, with the reason.
-- The same on every copy; kept so the segment can still be relayed whole.
CREATE TABLE sync_refused (
  origin TEXT NOT NULL,
  seq    INTEGER NOT NULL,
  tx     TEXT NOT NULL,
  lines  TEXT NOT NULL,
  reason TEXT NOT NULL,
  at     TEXT NOT NULL,
  PRIMARY KEY (origin, seq, tx)
) STRICT;

-- Local: the folder scan's cache — each bundle file's header, by name, size and mtime, so a
-- file is read once however often the folder is scanned.
CREATE TABLE sync_files (
  folder   TEXT NOT NULL,
  name     TEXT NOT NULL,
  size     INTEGER NOT NULL,
  mtime_ms INTEGER NOT NULL,
  sha256   TEXT NOT NULL,
  writer   TEXT,
  header   TEXT NOT NULL,
  -- Once everything in it was imported, kept or refused for good: not read again. `outcome`
  -- and `reason` of a refused file are repeated in every summary while it stays there.
  done     INTEGER NOT NULL DEFAULT 0,
  outcome  TEXT,
  reason   TEXT,
  PRIMARY KEY (folder, name)
) STRICT;
