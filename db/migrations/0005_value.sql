-- Value tracking (issue 5): controller validation per measure and month, manual status
-- overrides with their reason, value settings, and the indexes the roll-ups need.

-- When a line's amounts were last edited: with measures.updated_at it tells whether a
-- measure's reporting is stale.
ALTER TABLE effect_lines ADD COLUMN updated_at TEXT;

-- One row per measure and month the controller validated (or reopened).
-- id = '<measure id>:<YYYY-MM>' so every replica addresses the same row.
CREATE TABLE value_validations (
  id            TEXT PRIMARY KEY,
  measure_id    TEXT NOT NULL REFERENCES measures(id),
  period        TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  state         TEXT NOT NULL CHECK (state IN ('validated','reopened')),
  validated_by  TEXT,
  validated_at  TEXT,
  reopened_by   TEXT,
  reopened_at   TEXT,
  reopen_reason TEXT,
  deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX value_validations_measure ON value_validations(measure_id, period);

-- A person's manual status, with why; while present it wins over the derived status.
-- id = '<measure id>:implementation' or '<measure id>:potential'.
CREATE TABLE status_overrides (
  id         TEXT PRIMARY KEY,
  measure_id TEXT NOT NULL REFERENCES measures(id),
  kind       TEXT NOT NULL CHECK (kind IN ('implementation','potential')),
  status     TEXT NOT NULL CHECK (status IN ('green','amber','red','grey')),
  reason     TEXT NOT NULL,
  set_by     TEXT,
  set_at     TEXT,
  deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX status_overrides_measure ON status_overrides(measure_id);

-- Workspace-wide value settings (one row, id 'value'), synced so every copy derives alike.
CREATE TABLE value_settings (
  id            TEXT PRIMARY KEY,
  tolerance_pct INTEGER NOT NULL DEFAULT 10 CHECK (tolerance_pct BETWEEN 0 AND 100),
  stale_days    INTEGER NOT NULL DEFAULT 30 CHECK (stale_days BETWEEN 1 AND 3650),
  deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
INSERT INTO value_settings (id, tolerance_pct, stale_days) VALUES ('value', 10, 30);

-- Roll-ups scan values by line; covering index so the scan never touches the table rows.
CREATE INDEX effect_values_rollup ON effect_values(line_id, period, plan, baseline, forecast, actual) WHERE deleted = 0;
CREATE INDEX measures_rollup ON measures(deleted, lifecycle, di_level, function);
