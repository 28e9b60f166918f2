import type { HierarchyNode } from '../../preload/contract.js';
import type { Hierarchy } from '../exchange/export-columns.js';

/*
 * The package a row names by its Program, Project and Package columns (or an older
 * export's "Project › Package" path): an existing one, one to create with "create missing
 * packages", or why neither can be.
 */

export interface NewPackage {
  /** Lower-case path: rows naming the same new package share it. */
  key: string;
  path: string;
  portfolioId: string | null;
  programId: string | null;
  programName: string;
  projectId: string | null;
  projectName: string;
  packageName: string;
}

export type PackageRef = { id: string; path: string } | { missing: NewPackage } | { error: string };

export type RowHierarchy = Partial<Hierarchy>;

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Splits an older export's Package path ("Project › Package", or with the program first). */
export function splitPackagePath(h: RowHierarchy): RowHierarchy {
  const pkg = h.package ?? '';
  if (!pkg.includes('›')) return h;
  const parts = pkg.split('›').map((p) => p.trim()).filter(Boolean);
  const out: RowHierarchy = { ...h, package: parts.at(-1) ?? '' };
  if (parts.length >= 2 && !h.project) out.project = parts.at(-2)!;
  if (parts.length >= 3 && !h.program) out.program = parts.at(-3)!;
  return out;
}

export function packageResolver(nodes: HierarchyNode[]) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const of = (level: HierarchyNode['level']) => nodes.filter((n) => n.level === level);
  const parent = (n: HierarchyNode | undefined) => (n?.parentId ? byId.get(n.parentId) : undefined);
  const pathOf = (n: HierarchyNode) => {
    const parts: string[] = [];
    for (let x: HierarchyNode | undefined = n; x && x.level !== 'portfolio' && x.level !== 'organization'; x = parent(x)) parts.unshift(x.name);
    return parts.join(' › ');
  };
  const packages = of('package');
  const programs = of('program');
  const portfolios = of('portfolio');

  return {
    pathOf,
    resolve(h: RowHierarchy): PackageRef {
      const { program = '', project = '', package: pkg = '' } = splitPackagePath(h);
      if (!pkg.trim()) return { error: 'no package is named (the Package column is empty)' };
      let found = packages.filter((p) => same(p.name, pkg));
      if (project.trim()) found = found.filter((p) => same(parent(p)?.name ?? '', project));
      if (program.trim()) found = found.filter((p) => same(parent(parent(p))?.name ?? '', program));
      if (found.length === 1) return { id: found[0]!.id, path: pathOf(found[0]!) };
      if (found.length > 1) {
        return { error: `several packages are called "${pkg.trim()}" (${found.slice(0, 3).map(pathOf).join('; ')}); add Project and Program columns to say which` };
      }
      // A package to create: under an existing program (by name, or the only one) and project (by name, or new).
      let programNode: HierarchyNode | undefined;
      if (program.trim()) {
        const p = programs.filter((x) => same(x.name, program));
        if (p.length > 1) return { error: `several programs are called "${program.trim()}"` };
        programNode = p[0];
      } else if (programs.length === 1) programNode = programs[0];
      else return { error: `there is no package "${pkg.trim()}"; to create it, add a Program column (the workspace has ${programs.length} programs)` };
      if (!programNode && portfolios.length !== 1) {
        return { error: `there is no program "${program.trim()}"; create it in Steerco first (the workspace has ${portfolios.length} portfolios to put it in)` };
      }
      if (!project.trim()) return { error: `there is no package "${pkg.trim()}"; to create it, add a Project column naming the project it belongs to` };
      const projectNode = programNode ? nodes.find((n) => n.level === 'project' && n.parentId === programNode.id && same(n.name, project)) : undefined;
      const programName = programNode?.name ?? program.trim();
      const projectName = projectNode?.name ?? project.trim();
      const path = `${programName} › ${projectName} › ${pkg.trim()}`;
      return {
        missing: {
          key: path.toLowerCase(),
          path,
          portfolioId: programNode ? null : portfolios[0]!.id,
          programId: programNode?.id ?? null,
          programName,
          projectId: projectNode?.id ?? null,
          projectName,
          packageName: pkg.trim(),
        },
      };
    },
  };
}

/** Whether the row's hierarchy cells name the measure's current place (only the columns present are compared). */
export function sameHierarchy(row: RowHierarchy, current: Hierarchy): boolean {
  const h = splitPackagePath(row);
  return (['program', 'project', 'package'] as const).every((k) => h[k] === undefined || same(h[k]!, current[k]));
}
