import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { importGraph, ROOT, sourceFiles } from './import-graph.js';

/*
 * Exports nobody imports (ts-prune's question, answered offline with the compiler's parser):
 * a name exported by a module of ours and imported by no other module, directly or through a
 * re-export. Dynamic imports (`import('./x.js')`) count as using every export of the module.
 */

/** Exported names of a module; with `valuesOnly`, no interfaces and type aliases (they cost nothing at run time). */
function exportedNames(file: string, valuesOnly = false): string[] {
  const src = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, false);
  const names: string[] = [];
  for (const st of src.statements) {
    const mods = ts.canHaveModifiers(st) ? ts.getModifiers(st) : undefined;
    const exported = mods?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (exported && mods?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) names.push('default');
    else if (exported && ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name)) names.push(d.name.text);
        else if (ts.isObjectBindingPattern(d.name)) for (const e of d.name.elements) if (ts.isIdentifier(e.name)) names.push(e.name.text);
      }
    } else if (exported && (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) && st.name) {
      names.push(st.name.text);
    } else if (exported && !valuesOnly && (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st))) {
      names.push(st.name.text);
    } else if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause) && !(valuesOnly && st.isTypeOnly)) {
      for (const e of st.exportClause.elements) if (!(valuesOnly && e.isTypeOnly)) names.push(e.name.text);
    }
  }
  return names;
}

function dynamicImports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/import\(\s*['"](\.[^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
}

/** `file: name` of every export of `dirs` that no module of `dirs` imports; `entries` (loaded by tools) are left out. */
export function deadExports(dirs: string[], entries: ReadonlySet<string>, opts: { valuesOnly?: boolean; unusedInModule?: boolean } = {}): string[] {
  const files = sourceFiles(dirs);
  const graph = importGraph(files);
  const exports = new Map(files.map((f) => [f, new Set(exportedNames(f))]));
  const used = new Map(files.map((f) => [f, new Set<string>()]));
  const starFrom = new Map<string, string[]>();
  for (const [f, edges] of graph) {
    for (const e of edges) {
      // A re-export without a name list (`export * from`) forwards whatever its importers use.
      if (e.names.length === 1 && e.names[0] === '*' && readFileSync(join(ROOT, f), 'utf8').includes(`export * from`)) starFrom.set(f, [...(starFrom.get(f) ?? []), e.to]);
    }
  }
  const mark = (file: string, name: string, seen = new Set<string>()) => {
    if (seen.has(file)) return;
    seen.add(file);
    used.get(file)?.add(name);
    for (const to of starFrom.get(file) ?? []) mark(to, name, seen);
  };
  for (const [, edges] of graph) {
    for (const e of edges) {
      if (e.names.includes('*')) for (const n of exports.get(e.to) ?? []) mark(e.to, n);
      for (const n of e.names) mark(e.to, n);
    }
  }
  const byPath = new Set(files);
  for (const f of files) {
    for (const spec of dynamicImports(f)) {
      const base = join(f, '..', spec).replace(/\.js$/, '');
      const to = [`${base}.ts`, `${base}.tsx`].find((c) => byPath.has(c));
      if (to) for (const n of exports.get(to) ?? []) mark(to, n);
    }
  }
  const dead: string[] = [];
  for (const f of files) {
    if (entries.has(f)) continue;
    const text = opts.unusedInModule ? readFileSync(join(ROOT, f), 'utf8') : '';
    for (const n of exportedNames(f, opts.valuesOnly)) {
      if (used.get(f)!.has(n)) continue;
      // With unusedInModule, only what its own module does not use either: code nothing runs.
      if (opts.unusedInModule && (text.match(new RegExp(`\\b${n}\\b`, 'g')) ?? []).length > 1) continue;
      dead.push(`${f}: ${n}`);
    }
  }
  return dead.sort();
}
