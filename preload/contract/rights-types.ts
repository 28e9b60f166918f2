/** Decision rights: decision types × roles. Pure types and constants, shared by every layer. */

export const RIGHTS = ['decide', 'approve', 'consult', 'inform', 'none'] as const;
export type Right = (typeof RIGHTS)[number];

/** The decisions of the article and the brief that are not gates; gates are `gate_<level>`. */
export const BUSINESS_DECISIONS: { key: string; label: string }[] = [
  { key: 'discount_exception', label: 'Approve a discount exception' },
  { key: 'service_cost', label: 'Validate service cost' },
  { key: 'sla_review', label: 'Review SLA performance' },
  { key: 'offering_change', label: 'Pause or redesign an offering' },
];
export const LIFECYCLE_DECISIONS: { key: 'hold' | 'cancel' | 'close'; label: string }[] = [
  { key: 'hold', label: 'Put on hold / resume' },
  { key: 'cancel', label: 'Cancel a measure' },
  { key: 'close', label: 'Close a measure' },
];

export interface DecisionType {
  key: string;
  label: string;
  kind: 'business' | 'gate' | 'lifecycle';
}

export interface RightsMatrix {
  types: DecisionType[];
  /** The workspace's roles, then the measure's own roles (owner, sponsor, controller of the measure). */
  roles: { key: string; label: string }[];
  /** Decision type → role → right; a missing cell is 'none'. */
  cells: Record<string, Record<string, Right>>;
}
