-- Tables several features share (grid, gates, value, RAID, pack, sync). Each feature's
-- own migration may add columns or tables; none edits this file once shipped.

CREATE TABLE milestones (
  id            TEXT PRIMARY KEY,
  measure_id    TEXT NOT NULL REFERENCES measures(id),
  title         TEXT NOT NULL,
  owner_id      TEXT REFERENCES people(id),
  due_date      TEXT,
  forecast_date TEXT,
  done          INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0,1)),
  done_date     TEXT,
  sort_order    INTEGER NOT NULL DEFAULT 0,
  deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX milestones_measure ON milestones(measure_id);

-- Typed financial effect lines of a measure (the brief's "Financial effects").
CREATE TABLE effect_lines (
  id         TEXT PRIMARY KEY,
  measure_id TEXT NOT NULL REFERENCES measures(id),
  type       TEXT NOT NULL CHECK (type IN (
               'recurring_benefit','one_time_benefit','one_time_cost','recurring_cost','capex',
               'baseline_service_cost','target_margin','forecast_margin','actual_service_cost',
               'billing_leakage','customer_profitability','capacity_impact')),
  label      TEXT NOT NULL DEFAULT '',
  -- Target for the line over its life, minor units; NULL = none set.
  target     INTEGER,
  sort_order INTEGER NOT NULL DEFAULT 0,
  deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX effect_lines_measure ON effect_lines(measure_id);

-- One row per line and month. Amounts are integer minor units (cents); NULL = not entered.
-- id = '<line id>:<YYYY-MM>' so the change log addresses it like any row.
CREATE TABLE effect_values (
  id               TEXT PRIMARY KEY,
  line_id          TEXT NOT NULL REFERENCES effect_lines(id),
  period           TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  plan             INTEGER,
  baseline         INTEGER,
  forecast         INTEGER,
  actual           INTEGER,
  actual_validated INTEGER NOT NULL DEFAULT 0 CHECK (actual_validated IN (0,1)),
  deleted          INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1)),
  UNIQUE (line_id, period)
) STRICT;

-- Risks, assumptions, issues and dependencies, on a hierarchy node or a measure.
CREATE TABLE raid_items (
  id               TEXT PRIMARY KEY,
  code             TEXT NOT NULL UNIQUE,
  kind             TEXT NOT NULL CHECK (kind IN ('risk','assumption','issue','dependency')),
  title            TEXT NOT NULL,
  description      TEXT NOT NULL DEFAULT '',
  node_id          TEXT REFERENCES nodes(id),
  measure_id       TEXT REFERENCES measures(id),
  owner_id         TEXT REFERENCES people(id),
  impact           TEXT CHECK (impact IS NULL OR impact IN ('low','medium','high','critical')),
  probability      TEXT CHECK (probability IS NULL OR probability IN ('low','medium','high')),
  next_action      TEXT NOT NULL DEFAULT '',
  due_date         TEXT,
  status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','in_progress','mitigated','closed')),
  escalated        INTEGER NOT NULL DEFAULT 0 CHECK (escalated IN (0,1)),
  escalation_level TEXT CHECK (escalation_level IS NULL OR escalation_level IN ('project','program','steering')),
  updated_at       TEXT,
  deleted          INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX raid_items_measure ON raid_items(measure_id);
CREATE INDEX raid_items_node ON raid_items(node_id);

-- "measure waits on other measure (or an external party)".
CREATE TABLE dependencies (
  id              TEXT PRIMARY KEY,
  measure_id      TEXT NOT NULL REFERENCES measures(id),
  on_measure_id   TEXT REFERENCES measures(id),
  external_party  TEXT,
  description     TEXT NOT NULL DEFAULT '',
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1)),
  CHECK (on_measure_id IS NOT NULL OR external_party IS NOT NULL)
) STRICT;
CREATE INDEX dependencies_measure ON dependencies(measure_id);
CREATE INDEX dependencies_on ON dependencies(on_measure_id);

-- The stage-gate ladder DI0…DI5, configurable per workspace. criteria and approver_roles
-- are JSON arrays of keys (criteria: field or rule keys; approvers: measure roles such as
-- "owner", "sponsor", "controller", or workspace role keys). risk_weight_pct weights the
-- value pipeline by level. Default rows have fixed ids so every replica starts equal.
CREATE TABLE gate_levels (
  id              TEXT PRIMARY KEY,
  level           INTEGER NOT NULL UNIQUE CHECK (level BETWEEN 0 AND 5),
  name            TEXT NOT NULL,
  criteria        TEXT NOT NULL DEFAULT '[]',
  approver_roles  TEXT NOT NULL DEFAULT '[]',
  risk_weight_pct INTEGER NOT NULL DEFAULT 100 CHECK (risk_weight_pct BETWEEN 0 AND 100),
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
INSERT INTO gate_levels (id, level, name, criteria, approver_roles, risk_weight_pct) VALUES
  ('di0', 0, 'Defined',     '["title","description","expected_effect","business_unit","function"]', '["owner"]', 0),
  ('di1', 1, 'Identified',  '["owner","sponsor","controller","baseline","target_value","first_risks"]', '["sponsor"]', 10),
  ('di2', 2, 'Detailed',    '["milestone_plan","financial_plan","dependencies_reviewed"]', '["sponsor"]', 25),
  ('di3', 3, 'Decided',     '["business_case_validated","approval_recommendation"]', '["sponsor","controller"]', 50),
  ('di4', 4, 'Implemented', '["all_milestones_done"]', '["owner","sponsor"]', 90),
  ('di5', 5, 'Closed',      '["value_confirmed","closure_evidence"]', '["controller"]', 100);
