import type { Reload } from '../../app/reloads';

/** Tables whose changes reload the RAID and meetings views (only while shown). */
export const RAID_RELOADS: Reload[] = [
  {
    tables: ['raid_items', 'dependencies', 'escalations', 'escalation_rules', 'measures', 'people', 'decisions', 'decision_links'],
    when: (s) => s.view === 'raid',
    run: (s) => s.reloadRaid(),
  },
  { tables: ['meetings', 'decisions', 'decision_links', 'actions', 'people', 'measures'], when: (s) => s.view === 'meetings', run: (s) => s.reloadMeetings() },
];
