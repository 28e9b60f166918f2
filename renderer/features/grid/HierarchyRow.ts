import type { ICellRendererComp, ICellRendererParams } from 'ag-grid-community';
import { RAG_LABELS, type Rag } from '../../../preload/contract';
import type { GridRow } from './hierarchy';

/** What a node row asks of the grid (passed as the grid's context, read when the row draws). */
export interface HierarchyContext {
  isCollapsed(nodeId: string): boolean;
  /** While a filter is on, the tree stays expanded and shows the number of matches. */
  filtering(): boolean;
  matches(nodeId: string): number;
  toggle(nodeId: string): void;
  addMeasure(nodeId: string): void;
}

const RAGS: Rag[] = ['red', 'amber', 'green', 'grey'];

/**
 * A hierarchy node as a full-width grid row: indentation by depth, expand/collapse, the
 * level, the name and roll-up counts (measures below it by implementation status). Plain
 * DOM like the cell renderers: thousands of rows scroll past.
 */
export class HierarchyRow implements ICellRendererComp<GridRow> {
  private el = document.createElement('div');
  init(p: ICellRendererParams<GridRow>): void {
    this.render(p);
  }
  private render(p: ICellRendererParams<GridRow>): void {
    const t = p.data?.tree;
    const ctx = p.context as HierarchyContext | undefined;
    if (!t || !ctx) return;
    const filtering = ctx.filtering();
    const collapsed = !filtering && ctx.isCollapsed(t.nodeId);
    this.el.className = `gnode-row gnode-${t.level}`;
    this.el.style.paddingLeft = `${8 + t.depth * 18}px`;
    this.el.dataset.nodeId = t.nodeId;
    const parts: (Node | string)[] = [];
    const chevron = document.createElement('button');
    chevron.className = 'gnode-toggle';
    chevron.tabIndex = -1;
    if (t.hasContent) {
      chevron.textContent = collapsed ? '▸' : '▾';
      chevron.setAttribute('aria-expanded', String(!collapsed));
      chevron.setAttribute('aria-label', `${collapsed ? 'Expand' : 'Collapse'} ${p.data!.title}`);
      chevron.title = filtering ? 'Expanded while a filter is on' : collapsed ? 'Expand (→ or Enter)' : 'Collapse (← or Enter)';
      chevron.disabled = filtering;
      chevron.addEventListener('click', (e) => {
        e.stopPropagation();
        ctx.toggle(t.nodeId);
      });
    } else {
      chevron.disabled = true;
      chevron.setAttribute('aria-hidden', 'true');
    }
    this.el.setAttribute('aria-expanded', String(!collapsed));
    parts.push(chevron);
    const level = document.createElement('span');
    level.className = 'gnode-level';
    level.textContent = t.levelLabel;
    const name = document.createElement('strong');
    name.className = 'gnode-name';
    name.textContent = p.data!.title;
    parts.push(level, name);
    if (t.level === 'package') {
      const add = document.createElement('button');
      add.className = 'small gnode-add';
      add.tabIndex = -1;
      add.textContent = '+ Measure';
      add.setAttribute('aria-label', `Add a measure to ${p.data!.title}`);
      add.addEventListener('click', (e) => {
        e.stopPropagation();
        ctx.addMeasure(t.nodeId);
      });
      parts.push(add);
    }
    const spacer = document.createElement('span');
    spacer.className = 'gnode-spacer';
    parts.push(spacer);
    const count = document.createElement('span');
    count.className = 'gnode-count';
    const matches = filtering ? ctx.matches(t.nodeId) : null;
    count.textContent = `${matches !== null ? `${matches} of ` : ''}${t.total} measure${t.total === 1 ? '' : 's'}`;
    parts.push(count);
    for (const r of RAGS) {
      if (!t.rag[r]) continue;
      const s = document.createElement('span');
      s.className = `rag rag-${r} gnode-rag`;
      s.title = `${t.rag[r]} ${RAG_LABELS[r].toLowerCase()} (implementation)`;
      const dot = document.createElement('i');
      dot.setAttribute('aria-hidden', 'true');
      s.append(dot, `${t.rag[r]} ${RAG_LABELS[r].toLowerCase()}`);
      parts.push(s);
    }
    this.el.replaceChildren(...parts);
  }
  getGui(): HTMLElement {
    return this.el;
  }
  refresh(p: ICellRendererParams<GridRow>): boolean {
    this.render(p);
    return true;
  }
}
