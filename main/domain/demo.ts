import type { Lifecycle } from '../../preload/contract/types.js';

/**
 * The demo workspace: a tiered managed-service launch (the product brief's example).
 * Pure data, deterministic; main/api writes it through the change log.
 */
export interface DemoPerson {
  key: string;
  name: string;
  email: string;
  function: string;
  roles: string[];
}

export interface DemoMeasure {
  title: string;
  description: string;
  owner: string;
  sponsor: string;
  controller: string | null;
  businessUnit: string;
  function: string;
  startDate: string;
  dueDate: string;
  diLevel: number;
  lifecycle: Lifecycle;
}

export interface DemoTree {
  organization: string;
  portfolio: string;
  programs: { name: string; projects: { name: string; packages: { name: string; measures: DemoMeasure[] }[] }[] }[];
}

export const DEMO_PEOPLE: DemoPerson[] = [
  { key: 'hanna', name: 'Hanna Berg', email: 'hanna.berg@northwind.example', function: 'Executive', roles: ['steering_sponsor'] },
  { key: 'marco', name: 'Marco Rossi', email: 'marco.rossi@northwind.example', function: 'Sales', roles: ['commercial_owner', 'steering_sponsor'] },
  { key: 'aisha', name: 'Aisha Khan', email: 'aisha.khan@northwind.example', function: 'Service management', roles: ['service_owner'] },
  { key: 'li', name: 'Li Wei', email: 'li.wei@northwind.example', function: 'Operations', roles: ['process_owner'] },
  { key: 'sofia', name: 'Sofia Almeida', email: 'sofia.almeida@northwind.example', function: 'Finance', roles: ['finance_controller'] },
  { key: 'jonas', name: 'Jonas Weber', email: 'jonas.weber@northwind.example', function: 'Finance', roles: ['finance_controller'] },
  { key: 'grace', name: 'Grace Okafor', email: 'grace.okafor@northwind.example', function: 'Operations', roles: ['operations_lead'] },
  { key: 'tom', name: 'Tom Eriksen', email: 'tom.eriksen@northwind.example', function: 'IT', roles: ['it_workflow_owner'] },
  { key: 'priya', name: 'Priya Nair', email: 'priya.nair@northwind.example', function: 'Quality', roles: ['quality_reviewer'] },
  { key: 'lucas', name: 'Lucas Martin', email: 'lucas.martin@northwind.example', function: 'Customer success', roles: ['service_owner'] },
  { key: 'emma', name: 'Emma Lindqvist', email: 'emma.lindqvist@northwind.example', function: 'Compliance', roles: ['quality_reviewer'] },
  { key: 'david', name: 'David Cohen', email: 'david.cohen@northwind.example', function: 'IT', roles: ['it_workflow_owner', 'operations_lead'] },
];

const person = (key: string): string => DEMO_PEOPLE.find((p) => p.key === key)!.name;

interface Seed {
  t: string;
  d: string;
  o: string;
  s: string;
  c: string | null;
  bu: string;
  fn: string;
}

/** Workstreams of the launch program: project name, packages, measures. */
const LAUNCH: { project: string; packages: { name: string; measures: Seed[] }[] }[] = [
  {
    project: 'Offering design',
    packages: [
      {
        name: 'Service tiers and pricing',
        measures: [
          { t: 'Define Bronze/Silver/Gold service tiers', d: 'Scope, SLAs and exclusions per tier, agreed with sales and operations.', o: 'marco', s: 'hanna', c: 'sofia', bu: 'Managed Services', fn: 'Sales' },
          { t: 'Price book for tiered offering', d: 'List prices, discount bands and approval thresholds per tier.', o: 'marco', s: 'hanna', c: 'sofia', bu: 'Managed Services', fn: 'Sales' },
          { t: 'Upsell path from Bronze to Gold', d: 'Triggers and playbook for moving customers up a tier.', o: 'lucas', s: 'marco', c: 'sofia', bu: 'Managed Services', fn: 'Customer success' },
          { t: 'Competitive benchmark of managed-service prices', d: 'Benchmark against four competitors to validate the price book.', o: 'marco', s: 'hanna', c: null, bu: 'Managed Services', fn: 'Sales' },
        ],
      },
      {
        name: 'Contract framework',
        measures: [
          { t: 'Master services agreement template', d: 'One MSA with tier schedules replacing bespoke contracts.', o: 'emma', s: 'marco', c: 'jonas', bu: 'Managed Services', fn: 'Compliance' },
          { t: 'Contract approval workflow', d: 'Approval path by deal size and margin; target under 3 days.', o: 'marco', s: 'hanna', c: 'jonas', bu: 'Managed Services', fn: 'Sales' },
          { t: 'Service credit rules', d: 'Service credits per tier capped at 10% of monthly fee.', o: 'aisha', s: 'marco', c: 'jonas', bu: 'Managed Services', fn: 'Service management' },
        ],
      },
    ],
  },
  {
    project: 'Process redesign',
    packages: [
      {
        name: 'Service request intake',
        measures: [
          { t: 'Single intake channel for service requests', d: 'Portal and mailbox merged into one queue with triage rules.', o: 'li', s: 'aisha', c: 'sofia', bu: 'Service Operations', fn: 'Operations' },
          { t: 'Triage rules by tier and severity', d: 'Routing matrix so Gold P1 requests reach an engineer within 15 minutes.', o: 'grace', s: 'aisha', c: null, bu: 'Service Operations', fn: 'Operations' },
          { t: 'Customer onboarding checklist', d: 'Standard 20-step onboarding with owner per step.', o: 'lucas', s: 'aisha', c: 'sofia', bu: 'Service Operations', fn: 'Customer success' },
          { t: 'Onboarding lead time below 10 days', d: 'Reduce onboarding from 24 to 10 working days.', o: 'li', s: 'aisha', c: 'sofia', bu: 'Service Operations', fn: 'Operations' },
        ],
      },
      {
        name: 'Capacity and escalation',
        measures: [
          { t: 'Capacity allocation model', d: 'Engineer capacity by tier with a weekly allocation meeting.', o: 'grace', s: 'aisha', c: 'jonas', bu: 'Service Operations', fn: 'Operations' },
          { t: 'Escalation matrix to steering committee', d: 'Three escalation levels with time limits.', o: 'aisha', s: 'hanna', c: null, bu: 'Service Operations', fn: 'Service management' },
          { t: 'Shift model for 24x7 Gold coverage', d: 'Follow-the-sun rota across two sites.', o: 'grace', s: 'aisha', c: 'jonas', bu: 'Service Operations', fn: 'Operations' },
          { t: 'Billing exception handling process', d: 'Exceptions resolved within the billing cycle, owner per exception type.', o: 'li', s: 'sofia', c: 'jonas', bu: 'Service Operations', fn: 'Finance' },
        ],
      },
    ],
  },
  {
    project: 'IT workflow configuration',
    packages: [
      {
        name: 'Ticketing platform',
        measures: [
          { t: 'Configure tier-aware SLA timers', d: 'SLA clocks per tier and severity in the ticketing tool.', o: 'tom', s: 'aisha', c: null, bu: 'IT', fn: 'IT' },
          { t: 'Self-service portal for Silver and Gold', d: 'Customer portal with request catalogue and status tracking.', o: 'tom', s: 'aisha', c: 'sofia', bu: 'IT', fn: 'IT' },
          { t: 'Automated request routing', d: 'Routing rules replacing manual dispatch.', o: 'david', s: 'aisha', c: 'sofia', bu: 'IT', fn: 'IT' },
          { t: 'Knowledge base migration', d: 'Move 1,200 articles and retire the old wiki.', o: 'david', s: 'grace', c: null, bu: 'IT', fn: 'IT' },
        ],
      },
      {
        name: 'Integration and billing feed',
        measures: [
          { t: 'Usage feed from ticketing to billing', d: 'Daily feed of billable events per contract.', o: 'tom', s: 'sofia', c: 'jonas', bu: 'IT', fn: 'IT' },
          { t: 'CRM to contract sync', d: 'Contract tier and dates synced to CRM nightly.', o: 'david', s: 'marco', c: 'jonas', bu: 'IT', fn: 'IT' },
          { t: 'Monitoring alerts into service desk', d: 'Alerts create tickets with tier context.', o: 'tom', s: 'grace', c: null, bu: 'IT', fn: 'IT' },
        ],
      },
    ],
  },
  {
    project: 'Finance control',
    packages: [
      {
        name: 'Margin and profitability',
        measures: [
          { t: 'Service cost baseline per tier', d: 'Baseline cost to serve per tier from last 12 months.', o: 'sofia', s: 'hanna', c: 'jonas', bu: 'Finance', fn: 'Finance' },
          { t: 'Target margin of 32% on Gold tier', d: 'Margin tracking per contract with monthly review.', o: 'sofia', s: 'hanna', c: 'jonas', bu: 'Finance', fn: 'Finance' },
          { t: 'Customer profitability report', d: 'Profitability per customer including service credits.', o: 'jonas', s: 'sofia', c: 'sofia', bu: 'Finance', fn: 'Finance' },
          { t: 'Reduce billing leakage below 1%', d: 'Close leakage from unbilled changes and expired discounts.', o: 'jonas', s: 'sofia', c: 'sofia', bu: 'Finance', fn: 'Finance' },
        ],
      },
      {
        name: 'Finance review points',
        measures: [
          { t: 'Monthly controller validation of actuals', d: 'Controller signs off actuals per measure each month.', o: 'sofia', s: 'hanna', c: 'jonas', bu: 'Finance', fn: 'Finance' },
          { t: 'Revenue recognition for tiered contracts', d: 'Policy and system set-up for recognising tier revenue.', o: 'jonas', s: 'sofia', c: 'sofia', bu: 'Finance', fn: 'Finance' },
          { t: 'Capex plan for platform licences', d: 'Licence capex phased with the rollout.', o: 'sofia', s: 'hanna', c: 'jonas', bu: 'Finance', fn: 'Finance' },
        ],
      },
    ],
  },
  {
    project: 'Quality review',
    packages: [
      {
        name: 'Service quality',
        measures: [
          { t: 'Quality review of first 20 Gold tickets', d: 'Sample review with scoring rubric.', o: 'priya', s: 'aisha', c: null, bu: 'Quality', fn: 'Quality' },
          { t: 'First-contact resolution above 70%', d: 'Coaching and knowledge articles to raise FCR.', o: 'priya', s: 'grace', c: 'sofia', bu: 'Quality', fn: 'Quality' },
          { t: 'Customer satisfaction survey per closed ticket', d: 'CSAT survey with follow-up on scores below 3.', o: 'priya', s: 'aisha', c: null, bu: 'Quality', fn: 'Quality' },
          { t: 'ISO 20000 readiness assessment', d: 'Gap assessment before certification audit.', o: 'emma', s: 'hanna', c: 'jonas', bu: 'Quality', fn: 'Compliance' },
        ],
      },
      {
        name: 'Audit and compliance',
        measures: [
          { t: 'Data processing agreements for all tiers', d: 'DPA annex per tier reviewed by legal.', o: 'emma', s: 'marco', c: null, bu: 'Quality', fn: 'Compliance' },
          { t: 'Access review for customer environments', d: 'Quarterly access recertification.', o: 'emma', s: 'tom', c: 'jonas', bu: 'Quality', fn: 'Compliance' },
          { t: 'Quality gate before go-live per customer', d: 'Go-live checklist signed by the quality reviewer.', o: 'priya', s: 'aisha', c: 'jonas', bu: 'Quality', fn: 'Quality' },
        ],
      },
    ],
  },
  {
    project: 'Customer reporting',
    packages: [
      {
        name: 'Service reports',
        measures: [
          { t: 'Monthly service report per customer', d: 'SLA attainment, volumes and trends per tier.', o: 'lucas', s: 'aisha', c: null, bu: 'Customer Success', fn: 'Customer success' },
          { t: 'Executive dashboard for Gold customers', d: 'Quarterly business review pack generated from data.', o: 'lucas', s: 'marco', c: 'sofia', bu: 'Customer Success', fn: 'Customer success' },
          { t: 'Automated SLA breach notifications', d: 'Customers notified of breaches and credits automatically.', o: 'tom', s: 'aisha', c: null, bu: 'Customer Success', fn: 'IT' },
          { t: 'Renewal risk indicator', d: 'Score from CSAT, breaches and usage to flag renewals at risk.', o: 'lucas', s: 'marco', c: 'sofia', bu: 'Customer Success', fn: 'Customer success' },
        ],
      },
      {
        name: 'Internal reporting',
        measures: [
          { t: 'Weekly operations scorecard', d: 'Backlog, aging and SLA by team.', o: 'grace', s: 'aisha', c: null, bu: 'Customer Success', fn: 'Operations' },
          { t: 'Steering committee value report', d: 'Value pipeline and realised benefits for the committee.', o: 'sofia', s: 'hanna', c: 'jonas', bu: 'Customer Success', fn: 'Finance' },
          { t: 'Capacity utilisation report', d: 'Utilisation per engineer and tier.', o: 'grace', s: 'aisha', c: 'jonas', bu: 'Customer Success', fn: 'Operations' },
        ],
      },
    ],
  },
];

const COST: { project: string; packages: { name: string; measures: Seed[] }[] }[] = [
  {
    project: 'Procurement savings',
    packages: [
      {
        name: 'Vendor consolidation',
        measures: [
          { t: 'Consolidate field-service subcontractors', d: 'From 14 to 5 subcontractors with volume pricing.', o: 'grace', s: 'hanna', c: 'jonas', bu: 'Service Operations', fn: 'Operations' },
          { t: 'Renegotiate monitoring tool licences', d: 'Three-year deal with 18% discount.', o: 'tom', s: 'sofia', c: 'jonas', bu: 'IT', fn: 'IT' },
          { t: 'Travel policy for on-site visits', d: 'Remote-first policy for Bronze customers.', o: 'li', s: 'hanna', c: 'sofia', bu: 'Service Operations', fn: 'Operations' },
        ],
      },
    ],
  },
  {
    project: 'Support cost reduction',
    packages: [
      {
        name: 'Automation',
        measures: [
          { t: 'Password reset automation', d: 'Self-service resets remove 9% of tickets.', o: 'david', s: 'grace', c: 'jonas', bu: 'IT', fn: 'IT' },
          { t: 'Chatbot for Bronze tier FAQs', d: 'Deflect routine questions from the service desk.', o: 'david', s: 'aisha', c: 'jonas', bu: 'IT', fn: 'IT' },
          { t: 'Retire legacy reporting server', d: 'Decommission after migration of reports.', o: 'tom', s: 'sofia', c: 'jonas', bu: 'IT', fn: 'IT' },
        ],
      },
    ],
  },
];

const LIFECYCLE_CYCLE: Lifecycle[] = ['active', 'active', 'active', 'active', 'on_hold', 'active', 'active', 'cancelled', 'active', 'active', 'closed', 'active'];

/**
 * The day the demo's story was written for. A demo created on another day keeps the same
 * story: every date moves by the days between this day and the day it is created (some
 * work late, some due soon, actuals in past months only, plans ahead).
 */
export const DEMO_STORY_DAY = '2026-11-25';

/** `day` (YYYY-MM-DD) moved by `days` calendar days. */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Days from the story day to `today` (YYYY-MM-DD). */
export function storyShift(today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${DEMO_STORY_DAY}T00:00:00Z`)) / 86_400_000);
}

function toMeasure(seed: Seed, i: number, shift: number): DemoMeasure {
  let diLevel = [0, 1, 2, 2, 3, 3, 4, 1, 2, 3, 5, 4][i % 12]!;
  const lifecycle = LIFECYCLE_CYCLE[i % LIFECYCLE_CYCLE.length]!;
  if (lifecycle === 'closed') diLevel = 5;
  const startMonth = 1 + (i % 9);
  const start = `2026-${String(startMonth).padStart(2, '0')}-01`;
  const dueMonth = startMonth + 3 + (i % 6);
  const due = dueMonth > 12 ? `2027-${String(dueMonth - 12).padStart(2, '0')}-28` : `2026-${String(dueMonth).padStart(2, '0')}-28`;
  return {
    title: seed.t,
    description: seed.d,
    owner: person(seed.o),
    sponsor: person(seed.s),
    controller: seed.c ? person(seed.c) : null,
    businessUnit: seed.bu,
    function: seed.fn,
    startDate: shiftDay(start, shift),
    dueDate: shiftDay(due, shift),
    diLevel,
    lifecycle,
  };
}

/** The demo program as created on `today` (YYYY-MM-DD, the creating user's local day). */
export function demoTree(today: string): DemoTree {
  const shift = storyShift(today);
  let i = 0;
  const build = (streams: typeof LAUNCH) =>
    streams.map((ws) => ({
      name: ws.project,
      packages: ws.packages.map((p) => ({ name: p.name, measures: p.measures.map((m) => toMeasure(m, i++, shift)) })),
    }));
  return {
    organization: 'Northwind Services Group',
    portfolio: 'Service Growth 2027',
    programs: [
      { name: 'Tiered Managed-Service Launch', projects: build(LAUNCH) },
      { name: 'Service Cost Excellence', projects: build(COST) },
    ],
  };
}
