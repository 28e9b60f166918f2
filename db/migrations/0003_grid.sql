-- Grid: saved views, named per person in the workspace (synced, so a consultant finds
-- their views in every copy). actor = the person id (or "user:<os user>") who owns it;
-- state = JSON of visible columns, order, widths, filters, sort and quick-filter chips.
CREATE TABLE saved_views (
  id      TEXT PRIMARY KEY,
  actor   TEXT NOT NULL,
  name    TEXT NOT NULL,
  state   TEXT NOT NULL DEFAULT '{}',
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1))
) STRICT;
CREATE INDEX saved_views_actor ON saved_views(actor);
CREATE INDEX custom_values_field ON custom_values(field_id);
