/** The roles of the product brief; a workspace may rename them or add its own. */
export const DEFAULT_ROLES: { key: string; name: string }[] = [
  { key: 'commercial_owner', name: 'Commercial owner' },
  { key: 'service_owner', name: 'Service owner' },
  { key: 'process_owner', name: 'Process owner' },
  { key: 'finance_controller', name: 'Finance controller' },
  { key: 'operations_lead', name: 'Operations lead' },
  { key: 'it_workflow_owner', name: 'IT workflow owner' },
  { key: 'quality_reviewer', name: 'Quality reviewer' },
  { key: 'steering_sponsor', name: 'Steering committee sponsor' },
];
