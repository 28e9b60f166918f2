-- Stage gates: requests, approvals, attestations, evidence, lifecycle decisions and the
-- per-workspace gate settings. Synced tables follow the usual shape (uuid id, soft delete).

-- Per level: may the requester also approve (fill an approver slot they hold)?
ALTER TABLE gate_levels ADD COLUMN self_approval INTEGER NOT NULL DEFAULT 0 CHECK (self_approval IN (0,1));
-- DI0 (owner approves) and DI4 (owner + sponsor) name the owner, who usually asks.
UPDATE gate_levels SET self_approval = 1 WHERE id IN ('di0', 'di4');

-- Workspace-wide gate settings; one row with the fixed id 'gates' so every replica starts equal.
CREATE TABLE gate_settings (
  id                 TEXT PRIMARY KEY,
  reset_on_edit      INTEGER NOT NULL DEFAULT 1 CHECK (reset_on_edit IN (0,1)),
  evidence_max_bytes INTEGER NOT NULL DEFAULT 10485760 CHECK (evidence_max_bytes BETWEEN 1024 AND 104857600),
  deleted            INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
INSERT INTO gate_settings (id) VALUES ('gates');

CREATE TABLE gate_requests (
  id           TEXT PRIMARY KEY,
  measure_id   TEXT NOT NULL REFERENCES measures(id),
  from_level   INTEGER NOT NULL CHECK (from_level BETWEEN 0 AND 5),
  to_level     INTEGER NOT NULL CHECK (to_level BETWEEN 0 AND 5),
  requester_id TEXT NOT NULL,
  comment      TEXT NOT NULL DEFAULT '',
  status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected','withdrawn')),
  created_at   TEXT NOT NULL,
  closed_at    TEXT,
  close_reason TEXT NOT NULL DEFAULT '',
  deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX gate_requests_measure ON gate_requests(measure_id);
CREATE INDEX gate_requests_status ON gate_requests(status, created_at);

-- One approval or rejection by one person; roles = JSON array of the approver slots it fills.
CREATE TABLE gate_decisions (
  id          TEXT PRIMARY KEY,
  request_id  TEXT NOT NULL REFERENCES gate_requests(id),
  person_id   TEXT NOT NULL,
  roles       TEXT NOT NULL DEFAULT '[]',
  decision    TEXT NOT NULL CHECK (decision IN ('approve','reject')),
  comment     TEXT NOT NULL DEFAULT '',
  at          TEXT NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX gate_decisions_request ON gate_decisions(request_id);

-- Criteria a person confirms rather than data that can be counted (business case validated…).
CREATE TABLE gate_attestations (
  id         TEXT PRIMARY KEY,
  measure_id TEXT NOT NULL REFERENCES measures(id),
  key        TEXT NOT NULL,
  person_id  TEXT NOT NULL,
  note       TEXT NOT NULL DEFAULT '',
  at         TEXT NOT NULL,
  deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX gate_attestations_measure ON gate_attestations(measure_id);

-- Evidence of a measure (and of the request that used it): a file, a link or a note.
CREATE TABLE gate_evidence (
  id         TEXT PRIMARY KEY,
  measure_id TEXT NOT NULL REFERENCES measures(id),
  request_id TEXT REFERENCES gate_requests(id),
  kind       TEXT NOT NULL CHECK (kind IN ('file','link','note')),
  name       TEXT NOT NULL DEFAULT '',
  sha256     TEXT,
  size       INTEGER,
  mime       TEXT NOT NULL DEFAULT '',
  url        TEXT NOT NULL DEFAULT '',
  note       TEXT NOT NULL DEFAULT '',
  added_by   TEXT NOT NULL,
  added_at   TEXT NOT NULL,
  deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX gate_evidence_measure ON gate_evidence(measure_id);
CREATE INDEX gate_evidence_request ON gate_evidence(request_id);

-- File contents, addressed by their sha256: immutable, written once, never updated, so they
-- stay out of the cell-level change log (the metadata row above is logged and synced; a
-- bundle carries the blobs its evidence rows name).
CREATE TABLE evidence_blobs (
  sha256  TEXT PRIMARY KEY,
  size    INTEGER NOT NULL,
  content BLOB NOT NULL
) STRICT;

-- Put on hold / resume / cancel / close, with reason and review date.
CREATE TABLE lifecycle_decisions (
  id          TEXT PRIMARY KEY,
  measure_id  TEXT NOT NULL REFERENCES measures(id),
  action      TEXT NOT NULL CHECK (action IN ('hold','resume','cancel','close')),
  from_state  TEXT NOT NULL,
  to_state    TEXT NOT NULL,
  reason      TEXT NOT NULL DEFAULT '',
  review_date TEXT,
  person_id   TEXT NOT NULL,
  at          TEXT NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX lifecycle_decisions_measure ON lifecycle_decisions(measure_id);
