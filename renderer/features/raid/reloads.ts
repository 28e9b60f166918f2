/** Tables whose changes reload the RAID and meetings views (the views skip it when hidden). */
export const RAID_RELOADS: [string[], 'reloadRaid' | 'reloadMeetings'][] = [
  [['raid_items', 'dependencies', 'escalations', 'escalation_rules', 'measures', 'people', 'decisions', 'decision_links'], 'reloadRaid'],
  [['meetings', 'decisions', 'decision_links', 'actions', 'people', 'measures'], 'reloadMeetings'],
];
