/** Synced tables of the steering pack (migration 0007). */
export const PACK_TABLES = {
  pack_settings: ['sections', 'paper', 'orientation', 'confidentiality', 'branding', 'deleted'],
  pack_texts: ['meeting_id', 'scope_node_id', 'overall_status', 'status_reason', 'summary', 'key_achievement', 'key_concern', 'deleted'],
  pack_snapshots: ['meeting_id', 'meeting_title', 'scope_node_id', 'scope_name', 'pack_date', 'taken_at', 'taken_by', 'data', 'deleted'],
} as const;
