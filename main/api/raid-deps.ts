import type { Database } from '../../db/connection.js';
import { NotFoundError, ValidationError } from '../../db/errors.js';
import { findDependency, getDependency, listDependencies, measureFacts, type DependencyRow, type MeasureFact } from '../../db/repositories/raid-deps.js';
import type { BlockedMeasure, ChainNode, DepLink, DependencyView, MeasureRef } from '../../preload/contract.js';
import { blockedBy, buildGraph, chain, cycleIfAdded, isLate, type DepGraph } from '../domain/dependencies.js';
import type { LateDependencyFact } from '../domain/escalations.js';
import type { Handlers } from './handlers.js';
import { today } from './raid-common.js';
import type { ApiSession } from './session.js';

type K = 'deps:forMeasure' | 'deps:blocked' | 'deps:create' | 'deps:update' | 'deps:delete';

/** The graph of open measure-to-measure dependencies (resolved ones no longer block). */
export function dependencyGraph(deps: DependencyRow[]): DepGraph {
  return buildGraph(deps.filter((d) => d.onMeasureId && d.status === 'open').map((d) => ({ from: d.measureId, to: d.onMeasureId! })));
}

const isRed = (m: MeasureFact) => m.implementationStatus === 'red' && m.lifecycle !== 'closed' && m.lifecycle !== 'cancelled';

function ref(m: MeasureFact, day: string): MeasureRef {
  return {
    id: m.id,
    code: m.code,
    title: m.title,
    function: m.function,
    dueDate: m.dueDate,
    implementationStatus: m.implementationStatus,
    lifecycle: m.lifecycle,
    late: isLate(m, day),
    red: isRed(m),
  };
}

/**
 * The dependency view of one measure, from the whole graph (chains cross packages and
 * programs). Only the measures on its chains are read, so the cost follows the graph,
 * not the size of the workspace.
 */
export function dependencyView(db: Database, measureId: string): DependencyView {
  const day = today();
  const deps = listDependencies(db);
  const graph = dependencyGraph(deps);
  const up = chain(graph, measureId, 'up');
  const down = chain(graph, measureId, 'down');
  const direct = deps.filter((d) => d.measureId === measureId || d.onMeasureId === measureId);
  const ids = new Set([measureId, ...up.map((c) => c.id), ...down.map((c) => c.id)]);
  for (const d of direct) {
    ids.add(d.measureId);
    if (d.onMeasureId) ids.add(d.onMeasureId);
  }
  // A long chain is cheaper to read as one scan of the live measures than id by id.
  const facts = ids.size > 1000 ? measureFacts(db) : measureFacts(db, [...ids]);
  const me = facts.get(measureId);
  if (!me || me.deleted) throw new NotFoundError(`No measure ${measureId} (it may have been deleted).`);
  const link = (d: DependencyRow, other: string | null, upstream: boolean): DepLink => {
    const m = other ? facts.get(other) : undefined;
    const r = m ? ref(m, day) : null;
    const externalLate = !other && d.status === 'open' && !!d.neededBy && d.neededBy < day;
    return {
      id: d.id,
      measure: r,
      externalParty: d.externalParty,
      description: d.description,
      neededBy: d.neededBy,
      status: d.status,
      flagged: d.status === 'open' && upstream && (externalLate || (!!r && (r.late || r.red))),
    };
  };
  const toNodes = (steps: typeof up): ChainNode[] => steps.map((c) => ({ ...ref(facts.get(c.id)!, day), depth: c.depth, viaCode: facts.get(c.via)?.code ?? '' }));
  const upstream = toNodes(up);
  // The chain is breadth first, so the first late or red measure is the nearest one.
  const culprit = upstream.find((c) => c.late || c.red);
  return {
    measure: ref(me, day),
    waitsOn: direct.filter((d) => d.measureId === measureId).map((d) => link(d, d.onMeasureId, true)),
    waitedOnBy: direct.filter((d) => d.onMeasureId === measureId).map((d) => link(d, d.measureId, false)),
    upstream,
    downstream: toNodes(down),
    blockedBy: culprit
      ? { code: culprit.code, title: culprit.title, depth: culprit.depth, reason: culprit.late ? `due ${culprit.dueDate}, not implemented` : 'implementation status red' }
      : null,
  };
}

/** Dependencies whose upstream is late (measure past due, or external party past needed-by). */
export function lateDependencyFacts(db: Database, day: string): LateDependencyFact[] {
  // Facts of the measures the open dependencies name, not of every measure (the dashboard asks on 20k).
  const open = listDependencies(db).filter((d) => d.status === 'open');
  if (open.length === 0) return [];
  const facts = measureFacts(db, [...new Set(open.flatMap((d) => (d.onMeasureId ? [d.measureId, d.onMeasureId] : [d.measureId])))]);
  const out: LateDependencyFact[] = [];
  for (const d of open) {
    // Read by id, deleted measures come back flagged: they count as absent, as before.
    const live = (id: string | null) => {
      const f = id ? facts.get(id) : undefined;
      return f && !f.deleted ? f : undefined;
    };
    const waiting = live(d.measureId);
    if (!waiting || waiting.lifecycle === 'closed' || waiting.lifecycle === 'cancelled') continue;
    const up = live(d.onMeasureId);
    if (up && isLate(up, day)) out.push({ dependencyId: d.id, waitingCode: waiting.code, upstreamLabel: `${up.code} ${up.title}`, lateSince: up.dueDate! });
    else if (!d.onMeasureId && d.neededBy && d.neededBy < day) {
      out.push({ dependencyId: d.id, waitingCode: waiting.code, upstreamLabel: d.externalParty ?? 'an external party', lateSince: d.neededBy });
    }
  }
  return out;
}

/**
 * The one definition of "blocked": a measure that is not closed or cancelled and has a late
 * or red measure upstream (transitively), nearest culprit first. The dashboard's question
 * "What is blocking delivery?" and the pack read this same list.
 */
export function blockedList(db: Database): BlockedMeasure[] {
  const day = today();
  const facts = measureFacts(db);
  const bad = [...facts.values()].filter((m) => isLate(m, day) || isRed(m)).map((m) => m.id);
  const out: BlockedMeasure[] = [];
  for (const [id, b] of blockedBy(dependencyGraph(listDependencies(db)), bad)) {
    const m = facts.get(id);
    const c = facts.get(b.culprit);
    if (m && c && !m.deleted && m.lifecycle !== 'closed' && m.lifecycle !== 'cancelled') out.push({ measure: ref(m, day), culprit: ref(c, day), depth: b.depth });
  }
  return out.sort((a, b) => a.depth - b.depth || a.measure.code.localeCompare(b.measure.code));
}

export function depsHandlers(s: ApiSession): Pick<Handlers, K> {
  return {
    'deps:forMeasure': ({ measureId }) => dependencyView(s.db(), measureId),
    'deps:blocked': () => blockedList(s.db()),
    'deps:create': ({ measureId, onMeasureId, externalParty, description, neededBy }) => {
      const db = s.db();
      if (!onMeasureId === !externalParty) throw new ValidationError('A dependency is on another measure or on an external party: give exactly one.');
      const facts = measureFacts(db, [measureId, ...(onMeasureId ? [onMeasureId] : [])]);
      const me = facts.get(measureId);
      if (!me || me.deleted) throw new NotFoundError(`No measure ${measureId} (it may have been deleted).`);
      if (onMeasureId) {
        const up = facts.get(onMeasureId);
        if (!up) throw new NotFoundError(`No measure ${onMeasureId}.`);
        if (up.deleted) throw new ValidationError(`${me.code} cannot wait on ${up.code}: that measure was deleted.`, [{ field: 'onMeasureId', message: `${up.code} was deleted` }]);
        if (up.lifecycle === 'cancelled') {
          throw new ValidationError(`${me.code} cannot wait on ${up.code}: that measure is cancelled and will never deliver.`, [{ field: 'onMeasureId', message: `${up.code} is cancelled` }]);
        }
        const cycle = cycleIfAdded(dependencyGraph(listDependencies(db)), measureId, onMeasureId);
        if (cycle) {
          const all = measureFacts(db, cycle);
          const path = cycle.map((id) => all.get(id)?.code ?? id).join(' → ');
          throw new ValidationError(`${me.code} cannot wait on ${up.code}: that would make a cycle (${path}).`, [{ field: 'onMeasureId', message: `cycle ${path}` }]);
        }
      }
      if (findDependency(db, measureId, onMeasureId ?? null, externalParty ?? null)) {
        throw new ValidationError(`${me.code} already waits on ${onMeasureId ? facts.get(onMeasureId)!.code : externalParty}.`);
      }
      const label = onMeasureId ? facts.get(onMeasureId)!.code : externalParty!;
      s.act(`${me.code} waits on ${label}`, (w) =>
        w.insert('dependencies', {
          measure_id: measureId,
          on_measure_id: onMeasureId ?? null,
          external_party: externalParty ?? null,
          description: description ?? '',
          needed_by: neededBy ?? null,
          status: 'open',
        }),
      );
      return dependencyView(db, measureId);
    },
    'deps:update': ({ id, status, neededBy }) => {
      const d = getDependency(s.db(), id);
      if (!d) throw new NotFoundError(`No dependency ${id} (it may have been deleted).`);
      const cols: Record<string, string | null> = {};
      if (status === 'open' && d.status === 'resolved' && d.onMeasureId) {
        // Reopening puts the edge back into the graph: the same cycle rule as adding it.
        const cycle = cycleIfAdded(dependencyGraph(listDependencies(s.db())), d.measureId, d.onMeasureId);
        if (cycle) throw new ValidationError(`Reopening would make a cycle (${cycle.map((x) => measureFacts(s.db(), cycle).get(x)?.code ?? x).join(' → ')}).`);
      }
      if (status) cols.status = status;
      if (neededBy !== undefined) cols.needed_by = neededBy;
      s.act('Edit dependency', (w) => w.update('dependencies', id, cols));
      return dependencyView(s.db(), d.measureId);
    },
    'deps:delete': ({ id }) => {
      const d = getDependency(s.db(), id);
      if (!d) throw new NotFoundError(`No dependency ${id} (it may have been deleted).`);
      s.act('Remove dependency', (w) => w.remove('dependencies', id));
      return dependencyView(s.db(), d.measureId);
    },
  };
}
