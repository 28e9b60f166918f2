-- RAID feature: dependency dates, meetings with decisions and actions, escalation rules
-- and the escalations they raised. Every table is synced (TEXT id, soft delete, STRICT).

-- When the waiting measure needs its upstream, and whether the wait is over (external
-- parties have no measure whose progress could say so).
ALTER TABLE dependencies ADD COLUMN needed_by TEXT;
ALTER TABLE dependencies ADD COLUMN status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','resolved'));

CREATE TABLE meetings (
  id        TEXT PRIMARY KEY,
  title     TEXT NOT NULL,
  date      TEXT NOT NULL,
  status    TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','held','closed')),
  -- JSON array of people ids.
  attendees TEXT NOT NULL DEFAULT '[]',
  agenda    TEXT NOT NULL DEFAULT '',
  deleted   INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX meetings_date ON meetings(date);

CREATE TABLE decisions (
  id         TEXT PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  meeting_id TEXT REFERENCES meetings(id),
  text       TEXT NOT NULL,
  decided_by TEXT NOT NULL DEFAULT '',
  date       TEXT NOT NULL,
  deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX decisions_meeting ON decisions(meeting_id);

-- What a decision concerns: a measure, a gate request or a RAID item.
CREATE TABLE decision_links (
  id          TEXT PRIMARY KEY,
  decision_id TEXT NOT NULL REFERENCES decisions(id),
  target_kind TEXT NOT NULL CHECK (target_kind IN ('measure','gate_request','raid_item')),
  target_id   TEXT NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX decision_links_decision ON decision_links(decision_id);
CREATE INDEX decision_links_target ON decision_links(target_kind, target_id);

CREATE TABLE actions (
  id         TEXT PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  meeting_id TEXT REFERENCES meetings(id),
  title      TEXT NOT NULL,
  owner_id   TEXT NOT NULL REFERENCES people(id),
  due_date   TEXT,
  status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','in_progress','done','cancelled')),
  deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX actions_meeting ON actions(meeting_id);

-- Escalation triggers, configurable per workspace. Default rows have fixed ids so every
-- replica starts equal. threshold: updates (red_status) or days (the others).
CREATE TABLE escalation_rules (
  id        TEXT PRIMARY KEY,
  key       TEXT NOT NULL UNIQUE,
  name      TEXT NOT NULL,
  threshold INTEGER NOT NULL CHECK (threshold >= 0),
  level     TEXT NOT NULL CHECK (level IN ('project','program','steering')),
  enabled   INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0,1)),
  deleted   INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
INSERT INTO escalation_rules (id, key, name, threshold, level) VALUES
  ('esc-red-status', 'red_status', 'Implementation status red for N updates in a row', 2, 'program'),
  ('esc-approval-age', 'approval_age', 'Gate approval pending for more than N days', 14, 'steering'),
  ('esc-dependency-overdue', 'dependency_overdue', 'Upstream dependency late by more than N days', 0, 'program'),
  ('esc-raid-overdue', 'raid_overdue', 'RAID item past its due date by more than N days', 7, 'project'),
  ('esc-raid-stale', 'raid_stale', 'RAID item not updated for more than N days', 14, 'project');

-- Escalations raised by a rule (or by hand from a RAID item). subject_key identifies the
-- trigger ("<rule>:<subject>") so evaluating twice raises it once.
CREATE TABLE escalations (
  id           TEXT PRIMARY KEY,
  subject_key  TEXT NOT NULL,
  rule_key     TEXT NOT NULL,
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('measure','raid_item','dependency','gate_request')),
  subject_id   TEXT NOT NULL,
  level        TEXT NOT NULL CHECK (level IN ('project','program','steering')),
  reason       TEXT NOT NULL,
  raised_at    TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','resolved')),
  resolved_at  TEXT,
  deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX escalations_key ON escalations(subject_key, status);
