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

-- Roll-up cube: net value sums per (DI level, function, business unit, lifecycle, month),
-- kept exact by triggers on every write (user edits, undo, sync alike). Derived and local:
-- not synced, rebuilt from the detail rows here. Roll-ups by those dimensions read it
-- instead of scanning every period value (480k at 20k measures); others use the detail rows.
CREATE TABLE value_cube (
  di_level      INTEGER NOT NULL,
  function      TEXT NOT NULL,
  business_unit TEXT NOT NULL,
  lifecycle     TEXT NOT NULL,
  period        TEXT NOT NULL,
  n             INTEGER NOT NULL,
  plan          INTEGER NOT NULL,
  baseline      INTEGER NOT NULL,
  forecast      INTEGER NOT NULL,
  actual        INTEGER NOT NULL,
  rec_forecast  INTEGER NOT NULL,
  PRIMARY KEY (di_level, function, business_unit, lifecycle, period)
) WITHOUT ROWID, STRICT;

CREATE TRIGGER value_cube_values_insert AFTER INSERT ON effect_values BEGIN
  INSERT INTO value_cube (di_level, function, business_unit, lifecycle, period, n, plan, baseline, forecast, actual, rec_forecast)
  SELECT m.di_level, m.function, m.business_unit, m.lifecycle, NEW.period, 1,
    1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(NEW.plan, 0), 1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(NEW.baseline, 0),
    1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(NEW.forecast, 0), 1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(NEW.actual, 0),
    1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * (CASE WHEN l.type IN ('recurring_benefit','recurring_cost') THEN 1 ELSE 0 END) * coalesce(NEW.forecast, 0)
  FROM effect_lines l JOIN measures m ON m.id = l.measure_id
  WHERE l.id = NEW.line_id AND NEW.deleted = 0 AND l.deleted = 0 AND m.deleted = 0 AND (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) <> 0
  ON CONFLICT (di_level, function, business_unit, lifecycle, period) DO UPDATE SET
    n = n + excluded.n, plan = plan + excluded.plan, baseline = baseline + excluded.baseline, forecast = forecast + excluded.forecast,
    actual = actual + excluded.actual, rec_forecast = rec_forecast + excluded.rec_forecast;
END;
CREATE TRIGGER value_cube_values_update AFTER UPDATE ON effect_values BEGIN
  INSERT INTO value_cube (di_level, function, business_unit, lifecycle, period, n, plan, baseline, forecast, actual, rec_forecast)
  SELECT m.di_level, m.function, m.business_unit, m.lifecycle, OLD.period, -1,
    -1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(OLD.plan, 0), -1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(OLD.baseline, 0),
    -1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(OLD.forecast, 0), -1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(OLD.actual, 0),
    -1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * (CASE WHEN l.type IN ('recurring_benefit','recurring_cost') THEN 1 ELSE 0 END) * coalesce(OLD.forecast, 0)
  FROM effect_lines l JOIN measures m ON m.id = l.measure_id
  WHERE l.id = OLD.line_id AND OLD.deleted = 0 AND l.deleted = 0 AND m.deleted = 0 AND (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) <> 0
  ON CONFLICT (di_level, function, business_unit, lifecycle, period) DO UPDATE SET
    n = n + excluded.n, plan = plan + excluded.plan, baseline = baseline + excluded.baseline, forecast = forecast + excluded.forecast,
    actual = actual + excluded.actual, rec_forecast = rec_forecast + excluded.rec_forecast;
  INSERT INTO value_cube (di_level, function, business_unit, lifecycle, period, n, plan, baseline, forecast, actual, rec_forecast)
  SELECT m.di_level, m.function, m.business_unit, m.lifecycle, NEW.period, 1,
    1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(NEW.plan, 0), 1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(NEW.baseline, 0),
    1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(NEW.forecast, 0), 1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(NEW.actual, 0),
    1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * (CASE WHEN l.type IN ('recurring_benefit','recurring_cost') THEN 1 ELSE 0 END) * coalesce(NEW.forecast, 0)
  FROM effect_lines l JOIN measures m ON m.id = l.measure_id
  WHERE l.id = NEW.line_id AND NEW.deleted = 0 AND l.deleted = 0 AND m.deleted = 0 AND (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) <> 0
  ON CONFLICT (di_level, function, business_unit, lifecycle, period) DO UPDATE SET
    n = n + excluded.n, plan = plan + excluded.plan, baseline = baseline + excluded.baseline, forecast = forecast + excluded.forecast,
    actual = actual + excluded.actual, rec_forecast = rec_forecast + excluded.rec_forecast;
END;
CREATE TRIGGER value_cube_values_delete AFTER DELETE ON effect_values BEGIN
  INSERT INTO value_cube (di_level, function, business_unit, lifecycle, period, n, plan, baseline, forecast, actual, rec_forecast)
  SELECT m.di_level, m.function, m.business_unit, m.lifecycle, OLD.period, -1,
    -1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(OLD.plan, 0), -1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(OLD.baseline, 0),
    -1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(OLD.forecast, 0), -1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(OLD.actual, 0),
    -1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * (CASE WHEN l.type IN ('recurring_benefit','recurring_cost') THEN 1 ELSE 0 END) * coalesce(OLD.forecast, 0)
  FROM effect_lines l JOIN measures m ON m.id = l.measure_id
  WHERE l.id = OLD.line_id AND OLD.deleted = 0 AND l.deleted = 0 AND m.deleted = 0 AND (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) <> 0
  ON CONFLICT (di_level, function, business_unit, lifecycle, period) DO UPDATE SET
    n = n + excluded.n, plan = plan + excluded.plan, baseline = baseline + excluded.baseline, forecast = forecast + excluded.forecast,
    actual = actual + excluded.actual, rec_forecast = rec_forecast + excluded.rec_forecast;
END;
CREATE TRIGGER value_cube_lines_update AFTER UPDATE OF type, measure_id, deleted ON effect_lines BEGIN
  INSERT INTO value_cube (di_level, function, business_unit, lifecycle, period, n, plan, baseline, forecast, actual, rec_forecast)
  SELECT m.di_level, m.function, m.business_unit, m.lifecycle, v.period, -1 * count(*),
    -1 * (CASE OLD.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * sum(coalesce(v.plan, 0)), -1 * (CASE OLD.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * sum(coalesce(v.baseline, 0)),
    -1 * (CASE OLD.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * sum(coalesce(v.forecast, 0)), -1 * (CASE OLD.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * sum(coalesce(v.actual, 0)),
    -1 * (CASE OLD.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * (CASE WHEN OLD.type IN ('recurring_benefit','recurring_cost') THEN 1 ELSE 0 END) * sum(coalesce(v.forecast, 0))
  FROM effect_values v JOIN measures m ON m.id = OLD.measure_id
  WHERE v.line_id = OLD.id AND v.deleted = 0 AND OLD.deleted = 0 AND m.deleted = 0 AND (CASE OLD.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) <> 0
  GROUP BY v.period
  ON CONFLICT (di_level, function, business_unit, lifecycle, period) DO UPDATE SET
    n = n + excluded.n, plan = plan + excluded.plan, baseline = baseline + excluded.baseline, forecast = forecast + excluded.forecast,
    actual = actual + excluded.actual, rec_forecast = rec_forecast + excluded.rec_forecast;
  INSERT INTO value_cube (di_level, function, business_unit, lifecycle, period, n, plan, baseline, forecast, actual, rec_forecast)
  SELECT m.di_level, m.function, m.business_unit, m.lifecycle, v.period, 1 * count(*),
    1 * (CASE NEW.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * sum(coalesce(v.plan, 0)), 1 * (CASE NEW.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * sum(coalesce(v.baseline, 0)),
    1 * (CASE NEW.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * sum(coalesce(v.forecast, 0)), 1 * (CASE NEW.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * sum(coalesce(v.actual, 0)),
    1 * (CASE NEW.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * (CASE WHEN NEW.type IN ('recurring_benefit','recurring_cost') THEN 1 ELSE 0 END) * sum(coalesce(v.forecast, 0))
  FROM effect_values v JOIN measures m ON m.id = NEW.measure_id
  WHERE v.line_id = NEW.id AND v.deleted = 0 AND NEW.deleted = 0 AND m.deleted = 0 AND (CASE NEW.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) <> 0
  GROUP BY v.period
  ON CONFLICT (di_level, function, business_unit, lifecycle, period) DO UPDATE SET
    n = n + excluded.n, plan = plan + excluded.plan, baseline = baseline + excluded.baseline, forecast = forecast + excluded.forecast,
    actual = actual + excluded.actual, rec_forecast = rec_forecast + excluded.rec_forecast;
END;
CREATE TRIGGER value_cube_lines_delete AFTER DELETE ON effect_lines BEGIN
  INSERT INTO value_cube (di_level, function, business_unit, lifecycle, period, n, plan, baseline, forecast, actual, rec_forecast)
  SELECT m.di_level, m.function, m.business_unit, m.lifecycle, v.period, -1 * count(*),
    -1 * (CASE OLD.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * sum(coalesce(v.plan, 0)), -1 * (CASE OLD.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * sum(coalesce(v.baseline, 0)),
    -1 * (CASE OLD.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * sum(coalesce(v.forecast, 0)), -1 * (CASE OLD.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * sum(coalesce(v.actual, 0)),
    -1 * (CASE OLD.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * (CASE WHEN OLD.type IN ('recurring_benefit','recurring_cost') THEN 1 ELSE 0 END) * sum(coalesce(v.forecast, 0))
  FROM effect_values v JOIN measures m ON m.id = OLD.measure_id
  WHERE v.line_id = OLD.id AND v.deleted = 0 AND OLD.deleted = 0 AND m.deleted = 0 AND (CASE OLD.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) <> 0
  GROUP BY v.period
  ON CONFLICT (di_level, function, business_unit, lifecycle, period) DO UPDATE SET
    n = n + excluded.n, plan = plan + excluded.plan, baseline = baseline + excluded.baseline, forecast = forecast + excluded.forecast,
    actual = actual + excluded.actual, rec_forecast = rec_forecast + excluded.rec_forecast;
END;
CREATE TRIGGER value_cube_measures_update AFTER UPDATE OF di_level, function, business_unit, lifecycle, deleted ON measures BEGIN
  INSERT INTO value_cube (di_level, function, business_unit, lifecycle, period, n, plan, baseline, forecast, actual, rec_forecast)
  SELECT OLD.di_level, OLD.function, OLD.business_unit, OLD.lifecycle, v.period, -1 * count(*),
    -1 * sum((CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.plan, 0)), -1 * sum((CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.baseline, 0)),
    -1 * sum((CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.forecast, 0)), -1 * sum((CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.actual, 0)),
    -1 * sum((CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * (CASE WHEN l.type IN ('recurring_benefit','recurring_cost') THEN 1 ELSE 0 END) * coalesce(v.forecast, 0))
  FROM effect_lines l JOIN effect_values v ON v.line_id = l.id
  WHERE l.measure_id = OLD.id AND l.deleted = 0 AND v.deleted = 0 AND OLD.deleted = 0 AND (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) <> 0
  GROUP BY v.period
  ON CONFLICT (di_level, function, business_unit, lifecycle, period) DO UPDATE SET
    n = n + excluded.n, plan = plan + excluded.plan, baseline = baseline + excluded.baseline, forecast = forecast + excluded.forecast,
    actual = actual + excluded.actual, rec_forecast = rec_forecast + excluded.rec_forecast;
  INSERT INTO value_cube (di_level, function, business_unit, lifecycle, period, n, plan, baseline, forecast, actual, rec_forecast)
  SELECT NEW.di_level, NEW.function, NEW.business_unit, NEW.lifecycle, v.period, 1 * count(*),
    1 * sum((CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.plan, 0)), 1 * sum((CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.baseline, 0)),
    1 * sum((CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.forecast, 0)), 1 * sum((CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.actual, 0)),
    1 * sum((CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * (CASE WHEN l.type IN ('recurring_benefit','recurring_cost') THEN 1 ELSE 0 END) * coalesce(v.forecast, 0))
  FROM effect_lines l JOIN effect_values v ON v.line_id = l.id
  WHERE l.measure_id = NEW.id AND l.deleted = 0 AND v.deleted = 0 AND NEW.deleted = 0 AND (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) <> 0
  GROUP BY v.period
  ON CONFLICT (di_level, function, business_unit, lifecycle, period) DO UPDATE SET
    n = n + excluded.n, plan = plan + excluded.plan, baseline = baseline + excluded.baseline, forecast = forecast + excluded.forecast,
    actual = actual + excluded.actual, rec_forecast = rec_forecast + excluded.rec_forecast;
END;

INSERT INTO value_cube (di_level, function, business_unit, lifecycle, period, n, plan, baseline, forecast, actual, rec_forecast)
SELECT m.di_level, m.function, m.business_unit, m.lifecycle, v.period, count(*),
  sum((CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.plan, 0)), sum((CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.baseline, 0)),
  sum((CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.forecast, 0)), sum((CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.actual, 0)),
  sum((CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * (CASE WHEN l.type IN ('recurring_benefit','recurring_cost') THEN 1 ELSE 0 END) * coalesce(v.forecast, 0))
FROM effect_lines l JOIN measures m ON m.id = l.measure_id JOIN effect_values v ON v.line_id = l.id
WHERE l.deleted = 0 AND m.deleted = 0 AND v.deleted = 0 AND (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) <> 0
GROUP BY 1, 2, 3, 4, 5;

-- Per-measure totals over all months (same rules as the cube), trigger-maintained: roll-ups
-- by hierarchy node, workstream, owner, status or measure, and status derivation, read 20k
-- rows instead of every period value. Derived and local, like value_cube.
CREATE TABLE value_measure_totals (
  measure_id TEXT PRIMARY KEY,
  n          INTEGER NOT NULL,
  plan       INTEGER NOT NULL,
  baseline   INTEGER NOT NULL,
  forecast   INTEGER NOT NULL,
  actual     INTEGER NOT NULL,
  -- actual where entered, else forecast, per month: the potential status' estimate
  estimate   INTEGER NOT NULL,
  n_plan     INTEGER NOT NULL,
  n_baseline INTEGER NOT NULL,
  n_estimate INTEGER NOT NULL
) WITHOUT ROWID, STRICT;

CREATE TRIGGER value_totals_values_insert AFTER INSERT ON effect_values BEGIN
  INSERT INTO value_measure_totals (measure_id, n, plan, baseline, forecast, actual, estimate, n_plan, n_baseline, n_estimate)
  SELECT l.measure_id, 1, 1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(NEW.plan, 0), 1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(NEW.baseline, 0), 1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(NEW.forecast, 0),
    1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(NEW.actual, 0), 1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(NEW.actual, NEW.forecast, 0),
    1 * (NEW.plan IS NOT NULL), 1 * (NEW.baseline IS NOT NULL), 1 * (coalesce(NEW.actual, NEW.forecast) IS NOT NULL)
  FROM effect_lines l WHERE l.id = NEW.line_id AND NEW.deleted = 0 AND l.deleted = 0 AND (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) <> 0
  ON CONFLICT (measure_id) DO UPDATE SET n = n + excluded.n, plan = plan + excluded.plan, baseline = baseline + excluded.baseline,
    forecast = forecast + excluded.forecast, actual = actual + excluded.actual, estimate = estimate + excluded.estimate,
    n_plan = n_plan + excluded.n_plan, n_baseline = n_baseline + excluded.n_baseline, n_estimate = n_estimate + excluded.n_estimate;
END;
CREATE TRIGGER value_totals_values_update AFTER UPDATE ON effect_values BEGIN
  INSERT INTO value_measure_totals (measure_id, n, plan, baseline, forecast, actual, estimate, n_plan, n_baseline, n_estimate)
  SELECT l.measure_id, -1, -1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(OLD.plan, 0), -1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(OLD.baseline, 0), -1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(OLD.forecast, 0),
    -1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(OLD.actual, 0), -1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(OLD.actual, OLD.forecast, 0),
    -1 * (OLD.plan IS NOT NULL), -1 * (OLD.baseline IS NOT NULL), -1 * (coalesce(OLD.actual, OLD.forecast) IS NOT NULL)
  FROM effect_lines l WHERE l.id = OLD.line_id AND OLD.deleted = 0 AND l.deleted = 0 AND (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) <> 0
  ON CONFLICT (measure_id) DO UPDATE SET n = n + excluded.n, plan = plan + excluded.plan, baseline = baseline + excluded.baseline,
    forecast = forecast + excluded.forecast, actual = actual + excluded.actual, estimate = estimate + excluded.estimate,
    n_plan = n_plan + excluded.n_plan, n_baseline = n_baseline + excluded.n_baseline, n_estimate = n_estimate + excluded.n_estimate;
  INSERT INTO value_measure_totals (measure_id, n, plan, baseline, forecast, actual, estimate, n_plan, n_baseline, n_estimate)
  SELECT l.measure_id, 1, 1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(NEW.plan, 0), 1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(NEW.baseline, 0), 1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(NEW.forecast, 0),
    1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(NEW.actual, 0), 1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(NEW.actual, NEW.forecast, 0),
    1 * (NEW.plan IS NOT NULL), 1 * (NEW.baseline IS NOT NULL), 1 * (coalesce(NEW.actual, NEW.forecast) IS NOT NULL)
  FROM effect_lines l WHERE l.id = NEW.line_id AND NEW.deleted = 0 AND l.deleted = 0 AND (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) <> 0
  ON CONFLICT (measure_id) DO UPDATE SET n = n + excluded.n, plan = plan + excluded.plan, baseline = baseline + excluded.baseline,
    forecast = forecast + excluded.forecast, actual = actual + excluded.actual, estimate = estimate + excluded.estimate,
    n_plan = n_plan + excluded.n_plan, n_baseline = n_baseline + excluded.n_baseline, n_estimate = n_estimate + excluded.n_estimate;
END;
CREATE TRIGGER value_totals_values_delete AFTER DELETE ON effect_values BEGIN
  INSERT INTO value_measure_totals (measure_id, n, plan, baseline, forecast, actual, estimate, n_plan, n_baseline, n_estimate)
  SELECT l.measure_id, -1, -1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(OLD.plan, 0), -1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(OLD.baseline, 0), -1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(OLD.forecast, 0),
    -1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(OLD.actual, 0), -1 * (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(OLD.actual, OLD.forecast, 0),
    -1 * (OLD.plan IS NOT NULL), -1 * (OLD.baseline IS NOT NULL), -1 * (coalesce(OLD.actual, OLD.forecast) IS NOT NULL)
  FROM effect_lines l WHERE l.id = OLD.line_id AND OLD.deleted = 0 AND l.deleted = 0 AND (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) <> 0
  ON CONFLICT (measure_id) DO UPDATE SET n = n + excluded.n, plan = plan + excluded.plan, baseline = baseline + excluded.baseline,
    forecast = forecast + excluded.forecast, actual = actual + excluded.actual, estimate = estimate + excluded.estimate,
    n_plan = n_plan + excluded.n_plan, n_baseline = n_baseline + excluded.n_baseline, n_estimate = n_estimate + excluded.n_estimate;
END;
CREATE TRIGGER value_totals_lines_update AFTER UPDATE OF type, measure_id, deleted ON effect_lines BEGIN
  INSERT INTO value_measure_totals (measure_id, n, plan, baseline, forecast, actual, estimate, n_plan, n_baseline, n_estimate)
  SELECT OLD.measure_id, -1 * count(*), -1 * sum((CASE OLD.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.plan, 0)), -1 * sum((CASE OLD.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.baseline, 0)), -1 * sum((CASE OLD.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.forecast, 0)),
    -1 * sum((CASE OLD.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.actual, 0)), -1 * sum((CASE OLD.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.actual, v.forecast, 0)),
    -1 * sum((v.plan IS NOT NULL)), -1 * sum((v.baseline IS NOT NULL)), -1 * sum((coalesce(v.actual, v.forecast) IS NOT NULL))
  FROM effect_values v WHERE v.line_id = OLD.id AND v.deleted = 0 AND OLD.deleted = 0 AND (CASE OLD.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) <> 0
  GROUP BY 1 HAVING count(*) > 0
  ON CONFLICT (measure_id) DO UPDATE SET n = n + excluded.n, plan = plan + excluded.plan, baseline = baseline + excluded.baseline,
    forecast = forecast + excluded.forecast, actual = actual + excluded.actual, estimate = estimate + excluded.estimate,
    n_plan = n_plan + excluded.n_plan, n_baseline = n_baseline + excluded.n_baseline, n_estimate = n_estimate + excluded.n_estimate;
  INSERT INTO value_measure_totals (measure_id, n, plan, baseline, forecast, actual, estimate, n_plan, n_baseline, n_estimate)
  SELECT NEW.measure_id, 1 * count(*), 1 * sum((CASE NEW.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.plan, 0)), 1 * sum((CASE NEW.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.baseline, 0)), 1 * sum((CASE NEW.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.forecast, 0)),
    1 * sum((CASE NEW.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.actual, 0)), 1 * sum((CASE NEW.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.actual, v.forecast, 0)),
    1 * sum((v.plan IS NOT NULL)), 1 * sum((v.baseline IS NOT NULL)), 1 * sum((coalesce(v.actual, v.forecast) IS NOT NULL))
  FROM effect_values v WHERE v.line_id = NEW.id AND v.deleted = 0 AND NEW.deleted = 0 AND (CASE NEW.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) <> 0
  GROUP BY 1 HAVING count(*) > 0
  ON CONFLICT (measure_id) DO UPDATE SET n = n + excluded.n, plan = plan + excluded.plan, baseline = baseline + excluded.baseline,
    forecast = forecast + excluded.forecast, actual = actual + excluded.actual, estimate = estimate + excluded.estimate,
    n_plan = n_plan + excluded.n_plan, n_baseline = n_baseline + excluded.n_baseline, n_estimate = n_estimate + excluded.n_estimate;
END;
CREATE TRIGGER value_totals_lines_delete AFTER DELETE ON effect_lines BEGIN
  INSERT INTO value_measure_totals (measure_id, n, plan, baseline, forecast, actual, estimate, n_plan, n_baseline, n_estimate)
  SELECT OLD.measure_id, -1 * count(*), -1 * sum((CASE OLD.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.plan, 0)), -1 * sum((CASE OLD.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.baseline, 0)), -1 * sum((CASE OLD.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.forecast, 0)),
    -1 * sum((CASE OLD.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.actual, 0)), -1 * sum((CASE OLD.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.actual, v.forecast, 0)),
    -1 * sum((v.plan IS NOT NULL)), -1 * sum((v.baseline IS NOT NULL)), -1 * sum((coalesce(v.actual, v.forecast) IS NOT NULL))
  FROM effect_values v WHERE v.line_id = OLD.id AND v.deleted = 0 AND OLD.deleted = 0 AND (CASE OLD.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) <> 0
  GROUP BY 1 HAVING count(*) > 0
  ON CONFLICT (measure_id) DO UPDATE SET n = n + excluded.n, plan = plan + excluded.plan, baseline = baseline + excluded.baseline,
    forecast = forecast + excluded.forecast, actual = actual + excluded.actual, estimate = estimate + excluded.estimate,
    n_plan = n_plan + excluded.n_plan, n_baseline = n_baseline + excluded.n_baseline, n_estimate = n_estimate + excluded.n_estimate;
END;

INSERT INTO value_measure_totals (measure_id, n, plan, baseline, forecast, actual, estimate, n_plan, n_baseline, n_estimate)
SELECT l.measure_id, count(*), 1 * sum((CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.plan, 0)), 1 * sum((CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.baseline, 0)), 1 * sum((CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.forecast, 0)),
    1 * sum((CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.actual, 0)), 1 * sum((CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) * coalesce(v.actual, v.forecast, 0)),
    1 * sum((v.plan IS NOT NULL)), 1 * sum((v.baseline IS NOT NULL)), 1 * sum((coalesce(v.actual, v.forecast) IS NOT NULL))
FROM effect_lines l JOIN effect_values v ON v.line_id = l.id
WHERE l.deleted = 0 AND v.deleted = 0 AND (CASE l.type WHEN 'recurring_benefit' THEN 1 WHEN 'one_time_benefit' THEN 1 WHEN 'one_time_cost' THEN -1 WHEN 'recurring_cost' THEN -1 WHEN 'capex' THEN -1 ELSE 0 END) <> 0
GROUP BY l.measure_id;

-- The run-rate month of roll-ups read from the totals.
CREATE INDEX effect_values_period ON effect_values(period);
