/**
 * The dependency graph between measures: "measure waits on upstream". Pure and iterative
 * (no recursion), so chains of tens of thousands of edges neither overflow the stack nor
 * take more than a few milliseconds.
 */

/** One edge: `from` waits on `to`. */
export interface DepEdge {
  from: string;
  to: string;
}

export interface DepGraph {
  /** measure → measures it waits on (upstream). */
  up: Map<string, string[]>;
  /** measure → measures waiting on it (downstream). */
  down: Map<string, string[]>;
}

export function buildGraph(edges: readonly DepEdge[]): DepGraph {
  const up = new Map<string, string[]>();
  const down = new Map<string, string[]>();
  for (const e of edges) {
    let u = up.get(e.from);
    if (!u) up.set(e.from, (u = []));
    u.push(e.to);
    let d = down.get(e.to);
    if (!d) down.set(e.to, (d = []));
    d.push(e.from);
  }
  return { up, down };
}

/** A measure reached while walking a chain: how far, and through which measure. */
export interface ChainStep {
  id: string;
  depth: number;
  /** The measure one step closer to the start (the start itself for depth 1). */
  via: string;
}

/**
 * Every measure reachable from `start` in one direction (upstream = what it waits on,
 * transitively), breadth first, each once with its shortest depth.
 */
export function chain(graph: DepGraph, start: string, direction: 'up' | 'down'): ChainStep[] {
  const adj = direction === 'up' ? graph.up : graph.down;
  const seen = new Set<string>([start]);
  const out: ChainStep[] = [];
  let frontier = [start];
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const n of adj.get(id) ?? []) {
        if (seen.has(n)) continue;
        seen.add(n);
        out.push({ id: n, depth, via: id });
        next.push(n);
      }
    }
    frontier = next;
  }
  return out;
}

/** Shortest path from `from` to `to` following upstream edges, or null. Both ends included. */
export function upstreamPath(graph: DepGraph, from: string, to: string): string[] | null {
  if (from === to) return [from];
  const parent = new Map<string, string>();
  const seen = new Set([from]);
  let frontier = [from];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const n of graph.up.get(id) ?? []) {
        if (seen.has(n)) continue;
        seen.add(n);
        parent.set(n, id);
        if (n === to) {
          const path = [n];
          for (let p = parent.get(n); p !== undefined; p = parent.get(p)) path.unshift(p);
          return path;
        }
        next.push(n);
      }
    }
    frontier = next;
  }
  return null;
}

/**
 * Would adding "from waits on to" close a cycle? Returns the cycle as a list starting and
 * ending with `from` (from → to → … → from), or null when the edge is safe.
 */
export function cycleIfAdded(graph: DepGraph, from: string, to: string): string[] | null {
  if (from === to) return [from, from];
  const back = upstreamPath(graph, to, from);
  return back ? [from, ...back] : null;
}

/**
 * One cycle of the whole graph (as a closed list a → … → a), or null. Iterative
 * three-colour DFS; used to check data that arrived without going through the API (sync).
 */
export function findCycle(graph: DepGraph): string[] | null {
  const state = new Map<string, 1 | 2>(); // 1 = on the stack, 2 = done
  for (const root of graph.up.keys()) {
    if (state.has(root)) continue;
    const stack: { id: string; i: number }[] = [{ id: root, i: 0 }];
    state.set(root, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const next = graph.up.get(top.id)?.[top.i++];
      if (next === undefined) {
        state.set(top.id, 2);
        stack.pop();
        continue;
      }
      const s = state.get(next);
      if (s === 1) {
        const from = stack.findIndex((f) => f.id === next);
        return [...stack.slice(from).map((f) => f.id), next];
      }
      if (s === undefined) {
        state.set(next, 1);
        stack.push({ id: next, i: 0 });
      }
    }
  }
  return null;
}

/**
 * For every measure that waits, directly or transitively, on a "bad" measure (late or
 * red): the nearest bad upstream measure. One reverse BFS from all bad measures at once,
 * so it is linear in the size of the graph.
 */
export function blockedBy(graph: DepGraph, bad: Iterable<string>): Map<string, { culprit: string; depth: number }> {
  const out = new Map<string, { culprit: string; depth: number }>();
  let frontier: { id: string; culprit: string }[] = [];
  const seen = new Set<string>();
  for (const b of bad) {
    frontier.push({ id: b, culprit: b });
    seen.add(b);
  }
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: typeof frontier = [];
    for (const f of frontier) {
      for (const d of graph.down.get(f.id) ?? []) {
        if (out.has(d)) continue;
        out.set(d, { culprit: f.culprit, depth });
        if (!seen.has(d)) {
          seen.add(d);
          next.push({ id: d, culprit: f.culprit });
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** A measure is late when its due date has passed and it is not implemented (DI4+) or closed. */
export function isLate(m: { dueDate: string | null; diLevel: number; lifecycle: string }, today: string): boolean {
  return !!m.dueDate && m.dueDate < today && m.diLevel < 4 && m.lifecycle !== 'closed' && m.lifecycle !== 'cancelled';
}

/** Whole days from `from` to `to` (YYYY-MM-DD or ISO), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / 86_400_000);
}
