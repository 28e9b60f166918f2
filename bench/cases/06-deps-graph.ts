/**
 * deps-graph: the pure dependency rules on 10,000-edge graphs — upstream chain of the
 * last measure of a linear chain, the cycle check for the edge that would close it, and
 * whole-graph cycle detection on a random 10,000-edge DAG — vs a hand-written baseline
 * doing the same walks on integer arrays (the floor: no Maps, no strings, no objects).
 */
import { buildGraph, chain, cycleIfAdded, findCycle, type DepEdge } from '../../main/domain/dependencies.js';
import { median, settle, time, type BenchCase, type Measurement } from '../harness.js';

const EDGES = 10_000;
const RUNS = 15;

function randomDag(nodes: number, edges: number, seed: number): [number, number][] {
  let s = seed >>> 0;
  const rnd = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const out: [number, number][] = [];
  while (out.length < edges) {
    const a = Math.floor(rnd() * nodes);
    const b = Math.floor(rnd() * nodes);
    if (a !== b) out.push([Math.max(a, b), Math.min(a, b)]);
  }
  return out;
}

/** Baseline: CSR adjacency on typed arrays, BFS and colour DFS by index. */
function rawWork(n: number, linear: [number, number][], dag: [number, number][]): number {
  const csr = (edges: [number, number][]) => {
    const start = new Int32Array(n + 1);
    for (const [f] of edges) start[f + 1]!++;
    for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
    const adj = new Int32Array(edges.length);
    const fill = start.slice();
    for (const [f, t] of edges) adj[fill[f]!++] = t;
    return { start, adj };
  };
  const reach = (g: { start: Int32Array; adj: Int32Array }, from: number, target: number) => {
    const seen = new Uint8Array(n);
    const queue = new Int32Array(n);
    let head = 0;
    let tail = 0;
    queue[tail++] = from;
    seen[from] = 1;
    let found = false;
    while (head < tail) {
      const v = queue[head++]!;
      if (v === target) found = true;
      for (let i = g.start[v]!; i < g.start[v + 1]!; i++) {
        const w = g.adj[i]!;
        if (!seen[w]) {
          seen[w] = 1;
          queue[tail++] = w;
        }
      }
    }
    return tail - 1 + (found ? 1 : 0);
  };
  const lin = csr(linear);
  let r = reach(lin, n - 1, -1); // upstream chain of the last measure
  r += reach(lin, 0, n - 1); // would "0 waits on n-1" close a cycle?
  const g = csr(dag);
  const colour = new Uint8Array(n);
  const stack = new Int32Array(n);
  const pos = new Int32Array(n);
  for (let root = 0; root < n; root++) {
    if (colour[root]) continue;
    let sp = 0;
    stack[sp] = root;
    pos[sp++] = g.start[root]!;
    colour[root] = 1;
    while (sp > 0) {
      const v = stack[sp - 1]!;
      const p = pos[sp - 1]!;
      if (p === g.start[v + 1]!) {
        colour[v] = 2;
        sp--;
        continue;
      }
      pos[sp - 1] = p + 1;
      const w = g.adj[p]!;
      if (colour[w] === 1) return -1;
      if (!colour[w]) {
        colour[w] = 1;
        stack[sp] = w;
        pos[sp++] = g.start[w]!;
      }
    }
  }
  return r;
}

const depsGraph: BenchCase = {
  name: 'deps-graph',
  description: `dependency chains and cycle detection on ${EDGES}-edge graphs (domain) vs typed-array baseline`,
  target: { ratio: 3, appMs: 50 },
  run(): Measurement {
    const n = EDGES + 1;
    const linear = Array.from({ length: EDGES }, (_, i) => [i + 1, i] as [number, number]);
    const dag = randomDag(3000, EDGES, 1);
    const linEdges: DepEdge[] = linear.map(([f, t]) => ({ from: `m${f}`, to: `m${t}` }));
    const dagEdges: DepEdge[] = dag.map(([f, t]) => ({ from: `m${f}`, to: `m${t}` }));
    let steps = 0;
    const parts = { build: [] as number[], chain: [] as number[], cycleIfAdded: [] as number[], findCycle: [] as number[] };
    const app = () => {
      let g = buildGraph(linEdges);
      steps = chain(g, `m${EDGES}`, 'up').length;
      if (!cycleIfAdded(g, 'm0', `m${EDGES}`)) throw new Error('cycle not found');
      g = buildGraph(dagEdges);
      if (findCycle(g)) throw new Error('unexpected cycle');
    };
    const base = () => {
      if (rawWork(n, linear, dag) < 0) throw new Error('unexpected cycle');
    };
    for (let i = 0; i < 3; i++) {
      app();
      base();
    }
    const apps: number[] = [];
    const raws: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      settle();
      apps.push(time(app));
      settle();
      raws.push(time(base));
      let g = buildGraph(linEdges);
      parts.build.push(time(() => (g = buildGraph(linEdges))));
      parts.chain.push(time(() => chain(g, `m${EDGES}`, 'up')));
      parts.cycleIfAdded.push(time(() => cycleIfAdded(g, 'm0', `m${EDGES}`)));
      const d = buildGraph(dagEdges);
      parts.findCycle.push(time(() => findCycle(d)));
    }
    return {
      appMs: median(apps),
      rawMs: median(raws),
      stat: `median of ${RUNS} interleaved runs (${EDGES}-edge linear chain, ${steps} steps; ${EDGES}-edge random DAG on 3000 measures)`,
      extra: {
        buildMs: median(parts.build),
        chainMs: median(parts.chain),
        cycleIfAddedMs: median(parts.cycleIfAdded),
        findCycleMs: median(parts.findCycle),
      },
    };
  },
};

export default depsGraph;
