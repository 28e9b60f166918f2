/** Synced tables of the RAID feature (migration 0006), spread into SYNCED_TABLES. */
export const RAID_TABLES = {
  meetings: ['title', 'date', 'status', 'attendees', 'agenda', 'deleted'],
  decisions: ['code', 'meeting_id', 'text', 'decided_by', 'date', 'status', 'deleted'],
  decision_links: ['decision_id', 'target_kind', 'target_id', 'deleted'],
  actions: ['code', 'meeting_id', 'title', 'owner_id', 'due_date', 'status', 'deleted'],
  escalation_rules: ['key', 'name', 'threshold', 'level', 'enabled', 'deleted'],
  escalations: ['subject_key', 'rule_key', 'subject_kind', 'subject_id', 'level', 'reason', 'raised_at', 'status', 'resolved_at', 'deleted'],
} as const;
