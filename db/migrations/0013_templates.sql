-- Service workflows as measure templates (issue 17): configured per workspace, no code.
-- A template's definition (its fields, checklist, gate requirements, escalation triggers,
-- reporting fields) is one JSON document in `spec`, validated by the api before it is
-- written; a measure of the template has one row in measure_templates, its template-only
-- field values in template_values and its checklist ticks in template_checks. Every table
-- is synced (TEXT id, soft delete, STRICT).

CREATE TABLE templates (
  id          TEXT PRIMARY KEY,
  key         TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  owner_role  TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  spec        TEXT NOT NULL DEFAULT '{}',
  sort_order  INTEGER NOT NULL DEFAULT 0,
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;

-- The row id is the measure's id: two copies giving a measure a template at the same time
-- write the same row, and the later choice wins (a measure has at most one template).
CREATE TABLE measure_templates (
  id          TEXT PRIMARY KEY,
  measure_id  TEXT NOT NULL REFERENCES measures(id),
  template_id TEXT NOT NULL REFERENCES templates(id),
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX measure_templates_template ON measure_templates(template_id);

-- Row id "<measure id>:<field key>": one value per measure and field on every copy.
CREATE TABLE template_values (
  id          TEXT PRIMARY KEY,
  measure_id  TEXT NOT NULL REFERENCES measures(id),
  field_key   TEXT NOT NULL,
  value       TEXT NOT NULL DEFAULT '',
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX template_values_measure ON template_values(measure_id);

-- Row id "<measure id>:<item key>". evidence_id: the evidence given with the tick.
CREATE TABLE template_checks (
  id          TEXT PRIMARY KEY,
  measure_id  TEXT NOT NULL REFERENCES measures(id),
  item_key    TEXT NOT NULL,
  done        INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0,1)),
  person_id   TEXT REFERENCES people(id),
  note        TEXT NOT NULL DEFAULT '',
  evidence_id TEXT REFERENCES gate_evidence(id),
  at          TEXT,
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX template_checks_measure ON template_checks(measure_id);
