-- Service KPIs (issue 17): operational measures of the service model on a measure or a
-- hierarchy node (neither: the whole program), with thresholds and an actual per month. Their
-- RAG is derived (main/domain/kpis.ts), never stored. Values are REAL: KPIs are percentages,
-- days and counts, not money (money stays in effect lines, in minor units).
CREATE TABLE kpis (
  id         TEXT PRIMARY KEY,
  key        TEXT NOT NULL,
  name       TEXT NOT NULL,
  measure_id TEXT REFERENCES measures(id),
  node_id    TEXT REFERENCES nodes(id),
  unit       TEXT NOT NULL DEFAULT '',
  direction  TEXT NOT NULL DEFAULT 'higher' CHECK (direction IN ('higher','lower')),
  baseline   REAL,
  target     REAL,
  amber      REAL NOT NULL,
  red        REAL NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0,
  deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX kpis_measure ON kpis(measure_id);
CREATE INDEX kpis_node ON kpis(node_id);

-- Row id "<kpi id>:<YYYY-MM>": one actual per KPI and month on every copy.
CREATE TABLE kpi_actuals (
  id      TEXT PRIMARY KEY,
  kpi_id  TEXT NOT NULL REFERENCES kpis(id),
  period  TEXT NOT NULL,
  value   REAL NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX kpi_actuals_kpi ON kpi_actuals(kpi_id, period);

-- Decisions gain open / decided: a decision the committee still has to take is open (the
-- "open decision count" of the article). Existing decisions were recorded as taken.
ALTER TABLE decisions ADD COLUMN status TEXT NOT NULL DEFAULT 'decided' CHECK (status IN ('open','decided'));
