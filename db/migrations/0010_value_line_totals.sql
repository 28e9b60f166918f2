-- Per-line totals over all months, trigger-maintained like value_measure_totals: the
-- potential status compares each line's estimate with that line's own reference (its
-- target, else its baseline, else its plan), so it needs line totals, and re-deriving
-- every status then reads one row per line instead of every period value. Amounts are
-- unsigned (as entered); the line's type gives the sign where they are summed. Derived and
-- local: never synced, never in the change log.
--
-- Also from schema 10 the measures' implementation_status / potential_status columns are
-- a cache the app writes outside the change log (see db/tables.ts DERIVED_COLUMNS); they
-- need no schema change: opening the workspace re-derives them.
CREATE TABLE value_line_totals (
  line_id    TEXT PRIMARY KEY,
  plan       INTEGER NOT NULL,
  baseline   INTEGER NOT NULL,
  -- actual where entered, else forecast, per month
  estimate   INTEGER NOT NULL,
  n_plan     INTEGER NOT NULL,
  n_baseline INTEGER NOT NULL,
  n_estimate INTEGER NOT NULL
) WITHOUT ROWID, STRICT;

CREATE TRIGGER value_line_totals_insert AFTER INSERT ON effect_values WHEN NEW.deleted = 0 BEGIN
  INSERT INTO value_line_totals (line_id, plan, baseline, estimate, n_plan, n_baseline, n_estimate)
  VALUES (NEW.line_id, coalesce(NEW.plan, 0), coalesce(NEW.baseline, 0), coalesce(NEW.actual, NEW.forecast, 0),
          NEW.plan IS NOT NULL, NEW.baseline IS NOT NULL, coalesce(NEW.actual, NEW.forecast) IS NOT NULL)
  ON CONFLICT (line_id) DO UPDATE SET plan = plan + excluded.plan, baseline = baseline + excluded.baseline,
    estimate = estimate + excluded.estimate, n_plan = n_plan + excluded.n_plan, n_baseline = n_baseline + excluded.n_baseline,
    n_estimate = n_estimate + excluded.n_estimate;
END;

CREATE TRIGGER value_line_totals_update AFTER UPDATE OF line_id, plan, baseline, forecast, actual, deleted ON effect_values BEGIN
  INSERT INTO value_line_totals (line_id, plan, baseline, estimate, n_plan, n_baseline, n_estimate)
  SELECT OLD.line_id, -coalesce(OLD.plan, 0), -coalesce(OLD.baseline, 0), -coalesce(OLD.actual, OLD.forecast, 0),
         -(OLD.plan IS NOT NULL), -(OLD.baseline IS NOT NULL), -(coalesce(OLD.actual, OLD.forecast) IS NOT NULL)
  WHERE OLD.deleted = 0
  ON CONFLICT (line_id) DO UPDATE SET plan = plan + excluded.plan, baseline = baseline + excluded.baseline,
    estimate = estimate + excluded.estimate, n_plan = n_plan + excluded.n_plan, n_baseline = n_baseline + excluded.n_baseline,
    n_estimate = n_estimate + excluded.n_estimate;
  INSERT INTO value_line_totals (line_id, plan, baseline, estimate, n_plan, n_baseline, n_estimate)
  SELECT NEW.line_id, coalesce(NEW.plan, 0), coalesce(NEW.baseline, 0), coalesce(NEW.actual, NEW.forecast, 0),
         NEW.plan IS NOT NULL, NEW.baseline IS NOT NULL, coalesce(NEW.actual, NEW.forecast) IS NOT NULL
  WHERE NEW.deleted = 0
  ON CONFLICT (line_id) DO UPDATE SET plan = plan + excluded.plan, baseline = baseline + excluded.baseline,
    estimate = estimate + excluded.estimate, n_plan = n_plan + excluded.n_plan, n_baseline = n_baseline + excluded.n_baseline,
    n_estimate = n_estimate + excluded.n_estimate;
END;

CREATE TRIGGER value_line_totals_delete AFTER DELETE ON effect_values WHEN OLD.deleted = 0 BEGIN
  UPDATE value_line_totals SET plan = plan - coalesce(OLD.plan, 0), baseline = baseline - coalesce(OLD.baseline, 0),
    estimate = estimate - coalesce(OLD.actual, OLD.forecast, 0), n_plan = n_plan - (OLD.plan IS NOT NULL),
    n_baseline = n_baseline - (OLD.baseline IS NOT NULL), n_estimate = n_estimate - (coalesce(OLD.actual, OLD.forecast) IS NOT NULL)
  WHERE line_id = OLD.line_id;
END;

INSERT INTO value_line_totals (line_id, plan, baseline, estimate, n_plan, n_baseline, n_estimate)
SELECT line_id, sum(coalesce(plan, 0)), sum(coalesce(baseline, 0)), sum(coalesce(actual, forecast, 0)),
       sum(plan IS NOT NULL), sum(baseline IS NOT NULL), sum(coalesce(actual, forecast) IS NOT NULL)
FROM effect_values WHERE deleted = 0 GROUP BY line_id;
