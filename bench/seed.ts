/**
 * bench/seed.ts — deterministic benchmark workspaces.
 *
 * Builds a realistic, seeded workspace: 1 organization › 2 portfolios › 10 programs ›
 * 100 projects › 1000 measure packages (fan-out varies per node, totals are exact),
 * 200 people holding the default roles, and N measures (default 20,000) spread unevenly
 * over the packages, with titles, descriptions, owners / sponsors / controllers, business
 * units, functions, legal entities, dates, DI levels, lifecycles and RAG statuses.
 *
 * Everything is written through the real repositories (insertNode, insertPerson,
 * insertAssignment, insertMeasure) and the change-log Writer inside ONE runAction, so
 * the change log and cell heads look exactly like real use (one change per cell).
 *
 * Determinism: the same (seed, measures, people, shape) always gives the same plan —
 * same ids, codes, names, values and placement. Independent random streams are used for
 * people, hierarchy and measures, so the people and the hierarchy do not depend on the
 * number of measures (a `measures: 0` file has the same tree as a `measures: 20000` one).
 * Only what the app stamps itself differs between runs (HLCs, updated_at, workspace and
 * replica ids, role and role-assignment ids).
 *
 * API
 *   seedWorkspace(path, { measures?, seed?, people?, name?, shape? }) → SeedReport
 *       Creates a new workspace file at `path` (refuses to overwrite), seeds it, closes it.
 *   planWorkspace(opts) → SeedPlan
 *       The pure, deterministic plan (no I/O): people, nodes, measures as db columns.
 *       Benchmarks use it to replay the same rows through another path (raw SQL, API).
 *   writePlan(db, w, plan, { measures? }) → void
 *       Writes a plan into an open workspace through the repositories and the Writer
 *       `w` (call inside runAction; the default roles must exist, see seedDefaults).
 *   mulberry32(seed), Rng — the small PRNG everything above draws from.
 *
 * CLI
 *   npx tsx bench/seed.ts OUT.steerco [--measures N] [--seed S] [--people P] [--force]
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { runAction, type Writer } from '../db/changes.js';
import { createWorkspace, type Database } from '../db/connection.js';
import { insertMeasure } from '../db/repositories/measures.js';
import { insertNode } from '../db/repositories/nodes.js';
import { insertAssignment, insertPerson } from '../db/repositories/people.js';
import type { CellValue } from '../db/tables.js';
import { seedDefaults } from '../main/api/workspace.js';
import { DEFAULT_ROLES } from '../main/domain/roles.js';
import type { Level } from '../preload/contract/types.js';

// ---------------------------------------------------------------------------------------
// PRNG

/** mulberry32: a tiny, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a label mixed with the seed: one independent stream per purpose. */
function streamSeed(seed: number, label: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class Rng {
  private readonly f: () => number;

  constructor(seed: number, label = '') {
    this.f = mulberry32(label ? streamSeed(seed, label) : seed);
  }

  /** A float in [0, 1). */
  next(): number {
    return this.f();
  }

  /** An integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.f() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.f() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.f() * items.length)]!;
  }

  /** Picks a key by weight: weighted({ a: 3, b: 1 }) gives 'a' three times as often. */
  weighted<K extends string | number>(weights: readonly (readonly [K, number])[]): K {
    const total = weights.reduce((s, [, w]) => s + w, 0);
    let r = this.f() * total;
    for (const [k, w] of weights) {
      r -= w;
      if (r < 0) return k;
    }
    return weights[weights.length - 1]![0];
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.f() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }

  /** A random (version 4 shaped) UUID, deterministic for the stream. */
  uuid(): string {
    const hex = Array.from({ length: 4 }, () => Math.floor(this.f() * 4294967296).toString(16).padStart(8, '0')).join('');
    const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

/** Splits `total` into `parts` integers, each ≥ `min`, with random sizes (largest remainder). */
function partition(rng: Rng, total: number, parts: number, min: number, spread = 1): number[] {
  if (parts <= 0) return [];
  if (total < parts * min) throw new Error(`Cannot split ${total} into ${parts} parts of at least ${min}`);
  const rest = total - parts * min;
  // spread 1 → weights in [0.5, 1.5]; larger spread → more skew (a few big nodes, many small).
  const weights = Array.from({ length: parts }, () => Math.pow(0.5 + rng.next(), spread));
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (w / sum) * rest);
  const out = exact.map((x) => min + Math.floor(x));
  let left = total - out.reduce((s, n) => s + n, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % parts, left--) out[order[k]![1]]!++;
  return out;
}

// ---------------------------------------------------------------------------------------
// Vocabulary

const FIRST = [
  'Anna', 'Ben', 'Chloé', 'Daniel', 'Elif', 'Felix', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kofi', 'Lena', 'Mateo', 'Nadia',
  'Oskar', 'Priya', 'Quentin', 'Rosa', 'Samir', 'Tara', 'Umar', 'Vera', 'Wei', 'Ximena', 'Yusuf', 'Zoe', 'Amélie', 'Bruno',
  'Carmen', 'Dmitri', 'Emma', 'Farah', 'Gustav', 'Hanna', 'Ivan', 'Julia', 'Karim', 'Lucía', 'Marek', 'Nora',
] as const;
const LAST = [
  'Andersson', 'Becker', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'García', 'Hansen', 'Ivanova', 'Jensen', 'Kowalski', 'Lindqvist',
  'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quinn', 'Rossi', 'Schmidt', 'Tanaka', 'Urban', 'Varga', 'Weber', 'Xu', 'Yilmaz',
  'Zimmermann', 'Almeida', 'Brennan', 'Chen', 'Dalton', 'Esposito', 'Fournier', 'Gallo', 'Horvath', 'Iqbal', 'Janssen', 'Khan',
  'Laurent', 'Meyer', 'Novak',
] as const;
const FUNCTIONS = ['Procurement', 'Finance', 'Operations', 'Sales', 'IT', 'HR', 'Logistics', 'Quality', 'Customer service', 'Manufacturing'] as const;
const BUSINESS_UNITS = ['Industrial Solutions', 'Consumer Products', 'Managed Services', 'Healthcare', 'Energy', 'Mobility'] as const;
const LEGAL_ENTITIES = ['Northwind GmbH', 'Northwind SAS', 'Northwind Ltd', 'Northwind Inc.', 'Northwind B.V.', 'Northwind Sp. z o.o.', 'Northwind S.p.A.'] as const;
const REGIONS = ['EMEA', 'DACH', 'Nordics', 'Iberia', 'North America', 'LATAM', 'APAC', 'UK & Ireland', 'Benelux', 'CEE'] as const;
const SITES = ['Lyon', 'Katowice', 'Eindhoven', 'Monterrey', 'Pune', 'Leipzig', 'Bilbao', 'Göteborg', 'Ohio', 'Shenzhen', 'Turin', 'Porto'] as const;

const PORTFOLIOS = ['Operational excellence', 'Growth and customer'] as const;
const PROGRAM_THEMES = [
  'Procurement savings', 'Footprint optimisation', 'Finance transformation', 'Digital operations', 'Commercial excellence',
  'Working capital', 'Shared services', 'Supply chain resilience', 'Pricing power', 'Service growth', 'Energy efficiency',
  'Organisation simplification', 'Product cost reduction', 'Customer experience',
] as const;
const PROJECT_AREAS = [
  'Direct materials', 'Indirect spend', 'Logistics', 'Plant consolidation', 'Order to cash', 'Procure to pay', 'Record to report',
  'Workforce planning', 'Maintenance', 'Inventory', 'Pricing', 'Sales coverage', 'Field service', 'IT landscape', 'Packaging',
  'Energy', 'Travel', 'Facilities', 'Quality costs', 'Warranty',
] as const;
const PACKAGE_KINDS = [
  'Quick wins', 'Contract renegotiation', 'Demand management', 'Specification change', 'Automation', 'Process redesign',
  'Supplier consolidation', 'Make or buy', 'Tender wave', 'Policy and compliance', 'Volume bundling', 'Payment terms',
  'Capacity alignment', 'Lean shop floor', 'Self-service',
] as const;
const VERBS = [
  'Automate', 'Consolidate', 'Renegotiate', 'Standardise', 'Reduce', 'Digitise', 'Outsource', 'Harmonise', 'Centralise',
  'Optimise', 'Streamline', 'Retire', 'Migrate', 'Introduce', 'Redesign', 'Re-tender', 'Insource', 'Bundle',
] as const;
const OBJECTS = [
  'invoice matching', 'supplier contracts for packaging', 'inbound freight lanes', 'shift planning', 'spare-parts inventory',
  'software licence portfolio', 'travel policy', 'customer onboarding', 'month-end close', 'cleaning services', 'steel coil purchasing',
  'fleet leasing', 'print and office supplies', 'warehouse footprint', 'preventive maintenance plans', 'overtime rules',
  'returns handling', 'credit collection', 'quotation process', 'energy contracts', 'temporary staffing', 'test equipment calibration',
  'scrap and rework', 'customs brokerage', 'IT service desk', 'telecom contracts', 'marketing agencies', 'trade promotions',
  'payment terms with tier-1 suppliers', 'price list governance',
] as const;
const LEVERS = [
  'volume bundling', 'specification harmonisation', 'automation of manual steps', 'renegotiated rates', 'demand reduction',
  'supplier switch', 'process simplification', 'headcount-neutral redeployment', 'better forecast accuracy', 'scrap reduction',
] as const;
const CLOSURE = [
  'Savings confirmed by finance controller in two consecutive monthly closes.',
  'New contract signed and first invoice at the new rate booked.',
  'Process live in all sites; old process switched off.',
  'KPI at target for one full quarter, verified by the quality reviewer.',
  'Headcount change effective and reflected in the cost centre report.',
] as const;

// ---------------------------------------------------------------------------------------
// The plan

export interface HierarchyShape {
  portfolios: number;
  programs: number;
  projects: number;
  packages: number;
}

export const DEFAULT_SHAPE: HierarchyShape = { portfolios: 2, programs: 10, projects: 100, packages: 1000 };

export interface SeedOptions {
  /** Number of measures (default 20,000). */
  measures?: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** Number of people (default 200, at least the number of default roles). */
  people?: number;
  /** Workspace name. */
  name?: string;
  /** Nodes per level below the single organization (default 2 / 10 / 100 / 1000). */
  shape?: Partial<HierarchyShape>;
}

export interface PlannedPerson {
  id: string;
  name: string;
  email: string;
  function: string;
  /** Workspace-wide role keys (DEFAULT_ROLES). */
  roles: string[];
}

export interface PlannedNode {
  id: string;
  parentId: string | null;
  level: Level;
  name: string;
}

/** A measure as the measures table's columns (updated_at is stamped by insertMeasure). */
export interface PlannedMeasure {
  id: string;
  code: string;
  node_id: string;
  title: string;
  description: string;
  owner_id: string;
  sponsor_id: string;
  controller_id: string | null;
  business_unit: string;
  function: string;
  legal_entity: string;
  start_date: string;
  due_date: string | null;
  di_level: number;
  lifecycle: 'active' | 'on_hold' | 'cancelled' | 'closed';
  closure_criteria: string;
  sort_order: number;
}

export interface SeedPlan {
  seed: number;
  name: string;
  shape: HierarchyShape;
  people: PlannedPerson[];
  /** Parents before children: organization, portfolios, programs, projects, packages. */
  nodes: PlannedNode[];
  /** Program-scoped role assignments (a steering sponsor per program). */
  scopedRoles: { personId: string; roleKey: string; nodeId: string }[];
  measures: PlannedMeasure[];
}

const OWNER_ROLES = ['commercial_owner', 'service_owner', 'process_owner', 'operations_lead', 'it_workflow_owner'];

function planPeople(seed: number, count: number): PlannedPerson[] {
  const roleKeys = DEFAULT_ROLES.map((r) => r.key);
  if (count < roleKeys.length) throw new Error(`At least ${roleKeys.length} people are needed (one per role)`);
  const rng = new Rng(seed, 'people');
  const names = rng.shuffle(FIRST.flatMap((f) => LAST.map((l) => [f, l] as const)));
  if (count > names.length) throw new Error(`At most ${names.length} people are supported`);
  // Mostly owners; a sponsor and a finance controller for every ~10 people; some reviewers.
  const primary: readonly (readonly [string, number])[] = [
    ['commercial_owner', 14], ['service_owner', 14], ['process_owner', 22], ['operations_lead', 16], ['it_workflow_owner', 12],
    ['finance_controller', 10], ['quality_reviewer', 6], ['steering_sponsor', 6],
  ];
  return names.slice(0, count).map(([first, last], i) => {
    const role = i < roleKeys.length ? roleKeys[i]! : rng.weighted(primary);
    const roles = [role];
    if (rng.chance(0.2)) {
      const second = rng.pick(roleKeys);
      if (second !== role) roles.push(second);
    }
    const fn = role === 'finance_controller' ? 'Finance' : role === 'quality_reviewer' ? 'Quality' : rng.pick(FUNCTIONS);
    const local = `${first}.${last}`.normalize('NFD').replace(/[^A-Za-z.]/g, '').toLowerCase();
    return { id: rng.uuid(), name: `${first} ${last}`, email: `${local}@northwind.example`, function: fn, roles };
  });
}

function planNodes(seed: number, shape: HierarchyShape): PlannedNode[] {
  const { portfolios, programs, projects, packages } = shape;
  if (portfolios < 1 || programs < portfolios || projects < programs || packages < projects) {
    throw new Error(`Bad hierarchy shape ${JSON.stringify(shape)}: every node needs at least one child`);
  }
  const rng = new Rng(seed, 'nodes');
  const nodes: PlannedNode[] = [];
  const add = (parentId: string | null, level: Level, name: string): string => {
    const id = rng.uuid();
    nodes.push({ id, parentId, level, name });
    return id;
  };
  const org = add(null, 'organization', 'Northwind Group');
  const programsPer = partition(rng, programs, portfolios, 1);
  const projectsPer = partition(rng, projects, programs, 1);
  const packagesPer = partition(rng, packages, projects, 1);
  let pg = 0;
  let pj = 0;
  for (let a = 0; a < portfolios; a++) {
    const portfolio = add(org, 'portfolio', PORTFOLIOS[a] ?? `Portfolio ${a + 1}`);
    for (let b = 0; b < programsPer[a]!; b++, pg++) {
      const theme = PROGRAM_THEMES[pg % PROGRAM_THEMES.length]!;
      const program = add(portfolio, 'program', pg < PROGRAM_THEMES.length ? theme : `${theme} ${Math.floor(pg / PROGRAM_THEMES.length) + 1}`);
      const areas = rng.shuffle([...PROJECT_AREAS]);
      for (let c = 0; c < projectsPer[pg]!; c++, pj++) {
        const area = areas[c % areas.length]!;
        const project = add(program, 'project', `${area} ${rng.pick(REGIONS)}${c >= areas.length ? ` ${c + 1}` : ''}`);
        const kinds = rng.shuffle([...PACKAGE_KINDS]);
        for (let d = 0; d < packagesPer[pj]!; d++) {
          add(project, 'package', `${kinds[d % kinds.length]!}${d >= kinds.length ? ` ${Math.floor(d / kinds.length) + 1}` : ''} — ${area}`);
        }
      }
    }
  }
  return nodes;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
function isoDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}
const DAY = 86_400_000;
const START_FROM = Date.UTC(2025, 0, 1);

function planMeasures(seed: number, count: number, nodes: PlannedNode[], people: PlannedPerson[]): PlannedMeasure[] {
  if (count === 0) return [];
  const rng = new Rng(seed, 'measures');
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const withRole = (key: string) => people.filter((p) => p.roles.includes(key));
  const owners = people.filter((p) => p.roles.some((r) => OWNER_ROLES.includes(r)));
  const sponsors = withRole('steering_sponsor');
  const controllers = withRole('finance_controller');

  // Each program has its own team: ~20 owners, one sponsor, one or two controllers, a BU.
  const programs = nodes.filter((n) => n.level === 'program');
  const teams = new Map(
    programs.map((p) => [
      p.id,
      {
        owners: rng.shuffle([...owners]).slice(0, Math.min(owners.length, rng.int(12, 28))),
        sponsor: rng.pick(sponsors),
        controllers: rng.shuffle([...controllers]).slice(0, Math.min(controllers.length, rng.int(1, 2))),
        bu: rng.pick(BUSINESS_UNITS),
      },
    ]),
  );
  const programOf = (pkg: PlannedNode) => byId.get(byId.get(pkg.parentId!)!.parentId!)!;

  // Uneven spread: a few big packages, many small; then interleave (codes follow creation
  // order across the whole workspace, as in real use).
  const packages = nodes.filter((n) => n.level === 'package');
  const perPackage = count >= packages.length ? partition(rng, count, packages.length, 1, 3) : partition(rng, count, packages.length, 0, 3);
  const slots = rng.shuffle(perPackage.flatMap((n, i) => Array<number>(n).fill(i)));
  const pkgFn = packages.map(() => rng.pick(FUNCTIONS));
  const nextSort = new Array<number>(packages.length).fill(0);

  return slots.map((p, i) => {
    const pkg = packages[p]!;
    const team = teams.get(programOf(pkg).id)!;
    const di = rng.weighted<number>([[0, 14], [1, 18], [2, 24], [3, 20], [4, 14], [5, 10]]);
    const lifecycle =
      di === 5
        ? rng.weighted<PlannedMeasure['lifecycle']>([['closed', 85], ['active', 15]])
        : rng.weighted<PlannedMeasure['lifecycle']>([['active', 86], ['on_hold', 8], ['cancelled', 6]]);
    // Statuses are derived by the app, not planned; the two draws stay so that the rest of
    // the plan (and figures measured before) is the same as when they were planned.
    const rag = () => (di === 0 ? rng.weighted([['grey', 80], ['green', 20]]) : rng.weighted([['green', 50], ['amber', 28], ['red', 12], ['grey', 10]]));
    const startMs = START_FROM + rng.int(0, 729) * DAY;
    const object = rng.pick(OBJECTS);
    const qualifier = rng.weighted<string>([['', 4], [` in ${rng.pick(REGIONS)}`, 3], [` at ${rng.pick(SITES)}`, 2], [' (wave 2)', 1]]);
    const baseline = rng.int(2, 400) * 10;
    const planned = {
      id: rng.uuid(),
      code: `M-${String(i + 1).padStart(4, '0')}`,
      node_id: pkg.id,
      title: `${rng.pick(VERBS)} ${object}${qualifier}`,
      description: `Baseline ${baseline}k EUR per year in ${object}; lever: ${rng.pick(LEVERS)}. Target ${rng.int(3, 25)}% reduction.`,
      owner_id: rng.pick(team.owners).id,
      sponsor_id: rng.chance(0.9) ? team.sponsor.id : rng.pick(sponsors).id,
      controller_id: rng.chance(0.15) ? null : rng.pick(team.controllers).id,
      business_unit: team.bu,
      function: pkgFn[p]!,
      legal_entity: rng.pick(LEGAL_ENTITIES),
      start_date: isoDate(startMs),
      due_date: rng.chance(0.05) ? null : isoDate(startMs + rng.int(30, 540) * DAY),
      di_level: di,
      lifecycle,
    };
    rag();
    rag();
    return { ...planned, closure_criteria: di >= 3 ? rng.pick(CLOSURE) : '', sort_order: ++nextSort[p]! };
  });
}

/** The deterministic plan of a benchmark workspace (pure, no I/O). */
export function planWorkspace(opts: SeedOptions = {}): SeedPlan {
  const seed = opts.seed ?? 1;
  const measures = opts.measures ?? 20_000;
  if (!Number.isInteger(measures) || measures < 0) throw new Error(`measures must be a whole number ≥ 0, not ${measures}`);
  const shape: HierarchyShape = { ...DEFAULT_SHAPE, ...opts.shape };
  const people = planPeople(seed, opts.people ?? 200);
  const nodes = planNodes(seed, shape);
  const rng = new Rng(seed, 'scoped-roles');
  const sponsors = people.filter((p) => p.roles.includes('steering_sponsor'));
  const scopedRoles = nodes
    .filter((n) => n.level === 'program')
    .map((n) => ({ personId: rng.pick(sponsors).id, roleKey: 'steering_sponsor', nodeId: n.id }));
  return {
    seed,
    name: opts.name ?? `Benchmark ${measures} measures (seed ${seed})`,
    shape,
    people,
    nodes,
    scopedRoles,
    measures: planMeasures(seed, measures, nodes, people),
  };
}

/** The plan's measure as the column record insertMeasure takes. */
export function measureColumns(m: PlannedMeasure): Record<string, CellValue> {
  const { id: _id, ...cols } = m;
  return cols;
}

/**
 * Writes a plan into an open workspace through the repositories and the given Writer.
 * Call inside runAction; the default roles must already exist (seedDefaults).
 * `measures: false` writes people and hierarchy only.
 */
export function writePlan(db: Database, w: Writer, plan: SeedPlan, opts: { measures?: boolean } = {}): void {
  const roleIds = new Map((db.prepare('SELECT id, key FROM roles WHERE deleted = 0').all() as { id: string; key: string }[]).map((r) => [r.key, r.id]));
  const roleId = (key: string) => {
    const id = roleIds.get(key);
    if (!id) throw new Error(`Role ${key} is missing; seed the default roles first`);
    return id;
  };
  for (const p of plan.people) {
    insertPerson(w, { id: p.id, name: p.name, email: p.email, function: p.function });
    for (const r of p.roles) insertAssignment(w, { personId: p.id, roleId: roleId(r) });
  }
  for (const n of plan.nodes) insertNode(w, db, { id: n.id, parentId: n.parentId, level: n.level, name: n.name });
  for (const a of plan.scopedRoles) insertAssignment(w, { personId: a.personId, roleId: roleId(a.roleKey), nodeId: a.nodeId });
  if (opts.measures === false) return;
  for (const m of plan.measures) insertMeasure(w, db, measureColumns(m), m.id);
}

export interface SeedReport {
  path: string;
  plan: SeedPlan;
  counts: Record<Level | 'people' | 'measures' | 'changes', number>;
  /** Wall time of creating and seeding the file. */
  ms: number;
}

/** Creates a new workspace file at `path`, seeds it in one runAction, closes it. */
export function seedWorkspace(path: string, opts: SeedOptions = {}): SeedReport {
  const t0 = performance.now();
  const plan = planWorkspace(opts);
  const db = createWorkspace(path, { name: plan.name });
  try {
    runAction(db, { actor: 'system', label: 'Seed benchmark workspace', undoable: false }, (w) => {
      seedDefaults(w);
      writePlan(db, w, plan);
    });
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const byLevel = new Map(
      (db.prepare('SELECT level, count(*) AS n FROM nodes WHERE deleted = 0 GROUP BY level').all() as { level: Level; n: number }[]).map((r) => [r.level, r.n]),
    );
    const counts = {
      organization: byLevel.get('organization') ?? 0,
      portfolio: byLevel.get('portfolio') ?? 0,
      program: byLevel.get('program') ?? 0,
      project: byLevel.get('project') ?? 0,
      package: byLevel.get('package') ?? 0,
      people: count('SELECT count(*) AS n FROM people WHERE deleted = 0'),
      measures: count('SELECT count(*) AS n FROM measures WHERE deleted = 0'),
      changes: count('SELECT count(*) AS n FROM change_log'),
    };
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { path, plan, counts, ms: performance.now() - t0 };
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------
// CLI

function main(argv: string[]): void {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      measures: { type: 'string' },
      seed: { type: 'string' },
      people: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || positionals.length !== 1) {
    console.log('Usage: npx tsx bench/seed.ts OUT.steerco [--measures N] [--seed S] [--people P] [--force]');
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const num = (v: string | undefined, name: string): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, not "${v}"`);
    return n;
  };
  const out = resolve(positionals[0]!);
  if (values.force) for (const f of [out, `${out}-wal`, `${out}-shm`]) if (existsSync(f)) rmSync(f);
  const r = seedWorkspace(out, { measures: num(values.measures, 'measures'), seed: num(values.seed, 'seed'), people: num(values.people, 'people') });
  const c = r.counts;
  console.log(
    `Seeded ${out} in ${(r.ms / 1000).toFixed(2)} s (seed ${r.plan.seed}): ${c.measures} measures, ${c.people} people, ` +
      `${c.organization}/${c.portfolio}/${c.program}/${c.project}/${c.package} org/portfolios/programs/projects/packages, ${c.changes} changes`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  }
}
