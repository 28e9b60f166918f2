-- Faster change-logged writes (same log, same meaning, fewer and narrower index entries).
--
-- 1. change_rows gives every row the log has seen a small local integer key, assigned in
--    the order rows first appear (so a row's key sits near the keys of the rows created
--    with it, like its row in the table). Local and derived: never synced; the
--    (tbl, row_id) pair stays in every change, which is what bundles carry.
-- 2. change_log gets row_key and is rebuilt (a UNIQUE constraint cannot be altered):
--    - the idempotency key UNIQUE (hlc, replica, tbl, row_id, col) becomes
--      UNIQUE (replica, hlc, row_key, col): the same key (row_key stands for exactly one
--      (tbl, row_id)), a third of the size, and in an order that also serves export
--      (changes of one replica after an HLC), so change_log_replica is no longer needed;
--    - change_log_cell (tbl, row_id, col, hlc) with its uuid text becomes
--      (row_key, col, hlc): half the size, and a bulk edit of neighbouring rows touches
--      neighbouring index pages instead of pages all over the index.
-- 3. change_log_tx (tx) is dropped: its one reader was undo / redo, which now finds an
--    action's changes by the seq range kept in its undo entry (filled below).
-- 4. cell_heads is dropped: a cell's head is the highest (hlc, replica) of its changes,
--    which is one seek at the end of its range in change_log_cell; every writer (local
--    edits, undo, sync import, forced changes) kept cell_heads equal to exactly that.
-- Existing changes keep their seq, hlc, values, bases, actors and tx, so history, undo,
-- redo, export vectors and conflict detection read the same data as before.

CREATE TABLE change_rows (
  id     INTEGER PRIMARY KEY,
  tbl    TEXT NOT NULL,
  row_id TEXT NOT NULL,
  UNIQUE (tbl, row_id)
) STRICT;

INSERT INTO change_rows (tbl, row_id)
SELECT tbl, row_id FROM change_log GROUP BY tbl, row_id ORDER BY min(seq);

-- The old table steps aside (its indexes go with it) so the new one is created under its
-- own name and the schema reads as written.
ALTER TABLE change_log RENAME TO change_log_v8;

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
  row_key      INTEGER NOT NULL,
  UNIQUE (replica, hlc, row_key, col)
) STRICT;

INSERT INTO change_log (seq, hlc, replica, tbl, row_id, col, value, old_value, base_hlc, base_replica, actor, tx, row_key)
SELECT l.seq, l.hlc, l.replica, l.tbl, l.row_id, l.col, l.value, l.old_value, l.base_hlc, l.base_replica, l.actor, l.tx, r.id
FROM change_log_v8 l JOIN change_rows r ON r.tbl = l.tbl AND r.row_id = l.row_id
ORDER BY l.seq;

-- Undo / redo read the changes of one action of this copy; the entry now records their seq
-- range (an action's changes are written in one transaction, so they are consecutive; the
-- range is still filtered by tx). Filled from the old table's tx index before it goes.
ALTER TABLE undo_entries ADD COLUMN first_seq INTEGER;
ALTER TABLE undo_entries ADD COLUMN last_seq INTEGER;
UPDATE undo_entries SET
  first_seq = (SELECT min(seq) FROM change_log_v8 WHERE tx = undo_entries.tx),
  last_seq  = (SELECT max(seq) FROM change_log_v8 WHERE tx = undo_entries.tx);

DROP TABLE change_log_v8;
CREATE INDEX change_log_cell ON change_log(row_key, col, hlc);

DROP TABLE cell_heads;
