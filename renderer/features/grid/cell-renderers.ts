import type { ICellRendererComp, ICellRendererParams } from 'ag-grid-community';
import { RAG_LABELS, type Measure, type Rag, type StatusKind } from '../../../preload/contract';

/*
 * Plain DOM cell renderers: the grid draws thousands of these while scrolling 20k rows,
 * and a React renderer per cell (a portal each) made scrolling produce long tasks.
 */

/**
 * RAG colour with its word: colour is never the only signal. A status set by hand also
 * carries a mark ("✎", named "Manual status" for assistive technology); the cell's hover text says
 * who set it, why and when (columns.tsx).
 */
export class StatusCellRenderer implements ICellRendererComp<Measure> {
  private el = document.createElement('span');
  init(p: StatusCellParams): void {
    this.render(p);
  }
  private render(p: StatusCellParams): void {
    const v = p.value ?? 'grey';
    const pill = document.createElement('span');
    pill.className = `rag rag-${v}`;
    const dot = document.createElement('i');
    dot.setAttribute('aria-hidden', 'true');
    pill.replaceChildren(dot, RAG_LABELS[v] ?? v);
    const o = p.kind ? p.data?.manual?.[p.kind] : undefined;
    if (!o) {
      this.el.replaceChildren(pill);
      return;
    }
    const mark = document.createElement('span');
    // Stale: the manual status is on record but the measure shows grey (no update in the reporting window).
    mark.className = o.status === v ? 'manual-mark' : 'manual-mark stale';
    mark.setAttribute('role', 'img');
    mark.setAttribute('aria-label', o.status === v ? 'Manual status' : `Manual status ${RAG_LABELS[o.status]}, stale`);
    mark.textContent = '✎';
    this.el.replaceChildren(pill, mark);
  }
  getGui(): HTMLElement {
    return this.el;
  }
  refresh(p: StatusCellParams): boolean {
    this.render(p);
    return true;
  }
}

/** A status cell's parameters: which of the two statuses it shows (for its manual mark). */
export type StatusCellParams = ICellRendererParams<Measure, Rag> & { kind?: StatusKind };

/** The code, with a button that opens the measure's detail panel (Enter or double-click on the code does too). */
export class CodeCellRenderer implements ICellRendererComp<Measure> {
  private el = document.createElement('span');
  private id = '';
  private onOpen: (id: string) => void = () => undefined;
  init(p: ICellRendererParams<Measure, string> & { onOpen: (id: string) => void }): void {
    this.el.className = 'code-cell';
    this.onOpen = p.onOpen;
    this.render(p);
  }
  private render(p: ICellRendererParams<Measure, string>): void {
    this.id = p.data?.id ?? '';
    const code = p.value ?? '';
    const btn = document.createElement('button');
    btn.className = 'open-detail';
    btn.tabIndex = -1;
    btn.setAttribute('aria-label', `Open details of ${code}`);
    btn.title = 'Open details (Enter)';
    btn.textContent = '⤢';
    btn.addEventListener('click', () => this.onOpen(this.id));
    this.el.replaceChildren(code, btn);
  }
  getGui(): HTMLElement {
    return this.el;
  }
  refresh(p: ICellRendererParams<Measure, string>): boolean {
    this.render(p);
    return true;
  }
}

/** Parameters of a button cell: what it says, its accessible name and what a click does with the row's id. */
export interface ButtonCellParams {
  text: (m: Measure) => string;
  ariaLabel: (m: Measure) => string;
  title?: (m: Measure) => string;
  className?: (m: Measure) => string;
  onClick: (id: string) => void;
}

/** A button in a cell (RAID link, effects, next gate), drawn without React for the same reason as above. */
export class ButtonCellRenderer implements ICellRendererComp<Measure> {
  private el = document.createElement('button');
  private id = '';
  private onClick: (id: string) => void = () => undefined;
  init(p: ICellRendererParams<Measure> & ButtonCellParams): void {
    this.el.tabIndex = -1;
    this.el.addEventListener('click', () => this.id && this.onClick(this.id));
    this.render(p);
  }
  private render(p: ICellRendererParams<Measure> & ButtonCellParams): void {
    const m = p.data;
    this.onClick = p.onClick;
    this.id = m?.id ?? '';
    this.el.hidden = !m;
    if (!m) return;
    this.el.className = p.className?.(m) ?? 'link';
    this.el.textContent = p.text(m);
    this.el.setAttribute('aria-label', p.ariaLabel(m));
    if (p.title) this.el.title = p.title(m);
  }
  getGui(): HTMLElement {
    return this.el;
  }
  refresh(p: ICellRendererParams<Measure> & ButtonCellParams): boolean {
    this.render(p);
    return true;
  }
}
