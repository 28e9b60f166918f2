import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockedBy, buildGraph, chain, cycleIfAdded, findCycle, upstreamPath, type DepEdge } from './dependencies.js';

/** A random DAG: edges only from a higher to a lower index, so no cycle can exist. */
function randomDag(nodes: number, edges: number, seed: number): DepEdge[] {
  let s = seed >>> 0;
  const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const out: DepEdge[] = [];
  while (out.length < edges) {
    const a = Math.floor(rnd() * nodes);
    const b = Math.floor(rnd() * nodes);
    if (a !== b) out.push({ from: `m${Math.max(a, b)}`, to: `m${Math.min(a, b)}` });
  }
  return out;
}

/** Naive reachability by repeated relaxation, as an oracle. */
function reachable(edges: DepEdge[], start: string): Set<string> {
  const seen = new Set<string>();
  let grew = true;
  const frontier = new Set([start]);
  while (grew) {
    grew = false;
    for (const e of edges) {
      if ((frontier.has(e.from) || seen.has(e.from)) && !seen.has(e.to) && e.to !== start) {
        seen.add(e.to);
        grew = true;
      }
    }
  }
  return seen;
}

describe('dependency chains', () => {
  it('walks a 10,000-edge linear chain both ways without recursion', () => {
    const edges = Array.from({ length: 10_000 }, (_, i) => ({ from: `m${i + 1}`, to: `m${i}` }));
    const g = buildGraph(edges);
    const up = chain(g, 'm10000', 'up');
    expect(up.length).toBe(10_000);
    expect(up.at(-1)).toEqual({ id: 'm0', depth: 10_000, via: 'm1' });
    expect(chain(g, 'm0', 'down').length).toBe(10_000);
    expect(findCycle(g)).toBeNull();
    // Closing the chain is refused with the whole loop named.
    const cycle = cycleIfAdded(g, 'm0', 'm10000');
    expect(cycle?.length).toBe(10_002);
    expect(cycle?.[0]).toBe('m0');
    expect(cycle?.at(-1)).toBe('m0');
  });

  it('finds a cycle planted in a random 10,000-edge graph, and none in the DAG', () => {
    const dag = randomDag(3000, 10_000, 7);
    expect(findCycle(buildGraph(dag))).toBeNull();
    const path = upstreamPath(buildGraph(dag), dag[0]!.from, dag[0]!.to)!;
    const withCycle = [...dag, { from: path.at(-1)!, to: path[0]! }];
    const c = findCycle(buildGraph(withCycle))!;
    expect(c[0]).toBe(c.at(-1));
    const set = new Set(withCycle.map((e) => `${e.from}>${e.to}`));
    for (let i = 0; i + 1 < c.length; i++) expect(set.has(`${c[i]}>${c[i + 1]}`)).toBe(true);
  });

  it('chains match a naive reachability oracle; an edge is refused exactly when it closes a cycle', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ from: fc.integer({ min: 0, max: 12 }), to: fc.integer({ min: 0, max: 12 }) }), { maxLength: 40 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        (raw, a, b) => {
          // Build a DAG the way the API does: skip edges that would close a cycle.
          const edges: DepEdge[] = [];
          for (const r of raw) {
            const e = { from: `m${r.from}`, to: `m${r.to}` };
            if (!cycleIfAdded(buildGraph(edges), e.from, e.to)) edges.push(e);
          }
          const g = buildGraph(edges);
          expect(findCycle(g)).toBeNull();
          expect(new Set(chain(g, `m${a}`, 'up').map((c) => c.id))).toEqual(reachable(edges, `m${a}`));
          const closes = a === b || reachable(edges, `m${b}`).has(`m${a}`);
          expect(cycleIfAdded(g, `m${a}`, `m${b}`) !== null).toBe(closes);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('flags every measure downstream of a late one with the nearest culprit', () => {
    const g = buildGraph([
      { from: 'ops', to: 'it' },
      { from: 'rev', to: 'ops' },
      { from: 'rev', to: 'billing' },
      { from: 'other', to: 'billing' },
    ]);
    const flags = blockedBy(g, ['it']);
    expect(flags.get('ops')).toEqual({ culprit: 'it', depth: 1 });
    expect(flags.get('rev')).toEqual({ culprit: 'it', depth: 2 });
    expect(flags.has('other')).toBe(false);
    expect(flags.has('it')).toBe(false);
  });
});
