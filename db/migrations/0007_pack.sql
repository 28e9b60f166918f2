-- Steering packs: per-workspace layout, the texts a person writes per meeting and scope,
-- and the frozen snapshots of packs shown to the committee. All synced, so every copy
-- prints the same pack and sees what the committee saw.

-- One row (id 'pack'): sections (JSON [{key, enabled}] in order), paper, orientation, footer.
CREATE TABLE pack_settings (
  id              TEXT PRIMARY KEY,
  sections        TEXT NOT NULL DEFAULT '[]',
  paper           TEXT NOT NULL DEFAULT 'A4' CHECK (paper IN ('A4','Letter')),
  orientation     TEXT NOT NULL DEFAULT 'landscape' CHECK (orientation IN ('landscape','portrait')),
  confidentiality TEXT NOT NULL DEFAULT 'Confidential: for steering committee members only',
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;

-- id = '<meeting id or draft>|<scope node id or all>' so two copies writing the texts of
-- the same pack address the same row.
CREATE TABLE pack_texts (
  id              TEXT PRIMARY KEY,
  meeting_id      TEXT,
  scope_node_id   TEXT,
  overall_status  TEXT NOT NULL DEFAULT 'grey' CHECK (overall_status IN ('green','amber','red','grey')),
  status_reason   TEXT NOT NULL DEFAULT '',
  summary         TEXT NOT NULL DEFAULT '',
  key_achievement TEXT NOT NULL DEFAULT '',
  key_concern     TEXT NOT NULL DEFAULT '',
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;

-- A frozen pack: the assembled pack JSON (data, texts and the baseline for the next
-- "what changed") exactly as shown. Never updated; a re-freeze is a new row.
CREATE TABLE pack_snapshots (
  id            TEXT PRIMARY KEY,
  meeting_id    TEXT,
  meeting_title TEXT NOT NULL DEFAULT '',
  scope_node_id TEXT,
  scope_name    TEXT NOT NULL DEFAULT '',
  pack_date     TEXT NOT NULL,
  taken_at      TEXT NOT NULL,
  taken_by      TEXT NOT NULL,
  data          TEXT NOT NULL,
  deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX pack_snapshots_meeting ON pack_snapshots(meeting_id);
CREATE INDEX pack_snapshots_scope ON pack_snapshots(scope_node_id, taken_at);
