import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/*
 * The import graph of our TypeScript sources, read with the compiler's parser (no type
 * check, no network tools): what the cycle test and the dead-export check walk.
 */

export interface ImportEdge {
  to: string;
  /** `import type` / `export type`: erased at run time. */
  typeOnly: boolean;
  /** Names imported (`*` for a namespace or a side-effect import). */
  names: string[];
}

export const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');

export function sourceFiles(dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      if (e === 'node_modules' || e === 'dist') continue;
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e) && !/\.d\.ts$/.test(e)) out.push(relative(ROOT, p));
    }
  };
  for (const d of dirs) walk(join(ROOT, d));
  return out.sort();
}

function resolveSpec(from: string, spec: string, known: Set<string>): string | null {
  if (!spec.startsWith('.')) return null;
  const base = join(dirname(from), spec).replace(/\.js$/, '');
  for (const c of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) if (known.has(c)) return c;
  return null;
}

/** file → its relative imports and re-exports among `files`. */
export function importGraph(files: string[]): Map<string, ImportEdge[]> {
  const known = new Set(files);
  const graph = new Map<string, ImportEdge[]>();
  for (const f of files) {
    const src = ts.createSourceFile(f, readFileSync(join(ROOT, f), 'utf8'), ts.ScriptTarget.Latest, false);
    const edges: ImportEdge[] = [];
    for (const st of src.statements) {
      if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
        const to = resolveSpec(f, st.moduleSpecifier.text, known);
        if (!to) continue;
        const c = st.importClause;
        const bindings = c?.namedBindings;
        const named = bindings && ts.isNamedImports(bindings) ? bindings.elements : undefined;
        const typeOnly = !!c && (c.isTypeOnly || (!c.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
        const names = !c || (bindings && ts.isNamespaceImport(bindings)) ? ['*'] : [...(c.name ? ['default'] : []), ...(named ?? []).map((e) => (e.propertyName ?? e.name).text)];
        edges.push({ to, typeOnly, names });
      } else if (ts.isExportDeclaration(st) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
        const to = resolveSpec(f, st.moduleSpecifier.text, known);
        if (!to) continue;
        const clause = st.exportClause;
        const names = clause && ts.isNamedExports(clause) ? clause.elements.map((e) => (e.propertyName ?? e.name).text) : ['*'];
        const typeOnly = st.isTypeOnly || (!!clause && ts.isNamedExports(clause) && clause.elements.every((e) => e.isTypeOnly));
        edges.push({ to, typeOnly, names });
      }
    }
    graph.set(f, edges);
  }
  return graph;
}

/** Every cycle of run-time imports (type-only ones are erased), each once, as a path a → b → … → a. */
export function importCycles(graph: Map<string, ImportEdge[]>): string[][] {
  // Tarjan's strongly connected components; a component of more than one file holds a cycle.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const cycles: string[][] = [];
  const next = (f: string) => (graph.get(f) ?? []).filter((e) => !e.typeOnly).map((e) => e.to);
  const strong = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of next(v)) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || next(v).includes(v)) cycles.push(pathThrough(comp.sort(), next));
    }
  };
  for (const f of graph.keys()) if (!idx.has(f)) strong(f);
  return cycles;
}

/** One concrete loop inside a strongly connected component, for the message. */
function pathThrough(comp: string[], next: (f: string) => string[]): string[] {
  const inComp = new Set(comp);
  const start = comp[0]!;
  const prev = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of next(v)) {
      if (!inComp.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let x: string | undefined = v; x && x !== start; x = prev.get(x)) path.splice(1, 0, x);
        return [...path, start];
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return comp;
}
