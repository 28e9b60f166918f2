import type { PackChart } from '../../preload/contract/pack-types.js';
import type { Rag } from '../../preload/contract/types.js';
import { lineHeight, wrapText } from './text-measure.js';

/** Slide geometry (inches), the items a slide plan holds, and the flow that fills slides top to bottom. */
export const SLIDE_W = 13.333;
export const SLIDE_H = 7.5;
export const MARGIN_X = 0.4;
export const TITLE_BOX = { x: MARGIN_X, y: 0.25, w: SLIDE_W - 2 * MARGIN_X, h: 0.62 };
export const CONTENT_TOP = 1.05;
export const FOOTER_Y = SLIDE_H - 0.45;
export const CONTENT_W = SLIDE_W - 2 * MARGIN_X;

export const GAP = 0.14;
export const TABLE_TITLE_PT = 10;
export const TABLE_TITLE_H = 0.28;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Run {
  text: string;
  pt: number;
  bold?: boolean;
  italic?: boolean;
}

export interface TableCell {
  text: string;
  bold?: boolean;
  italic?: boolean;
  rag?: Rag;
  align: 'left' | 'right' | 'center';
  colspan?: number;
  header?: boolean;
}

export type Item =
  | { kind: 'text'; box: Box; runs: Run[]; fill?: string; rag?: Rag; role: 'title' | 'body' | 'note' | 'kpi' | 'badge' }
  | { kind: 'table'; box: Box; colW: number[]; rowH: number[]; rows: TableCell[][] }
  | { kind: 'chart'; box: Box; title: string; chart: PackChart };

export interface SlidePlan {
  title: string;
  titlePt: number;
  items: Item[];
}

/** The lines and height of text in a box of a given inner width. */
export function measure(text: string, width: number, pt: number, bold = false): { lines: string[]; h: number } {
  const lines = wrapText(text, width, pt, bold);
  return { lines, h: lines.length * lineHeight(pt) };
}

/** The largest title size (22 pt down to 12 pt) at which a title fits its placeholder. */
export function titleSize(title: string, width: number = TITLE_BOX.w): number {
  for (let pt = 22; pt >= 12; pt--) if (measure(title, width, pt, true).h <= TITLE_BOX.h) return pt;
  return 12;
}

export class Flow {
  readonly slides: SlidePlan[] = [];
  private slide!: SlidePlan;
  y = CONTENT_TOP;
  constructor(
    private readonly title: string,
    private readonly bottom: number,
    /** The title placeholder's width (narrower beside a logo). */
    private readonly titleW: number = TITLE_BOX.w,
  ) {
    this.open(title);
  }
  private open(title: string) {
    this.slide = { title, titlePt: titleSize(title, this.titleW), items: [] };
    this.slides.push(this.slide);
    this.y = CONTENT_TOP;
  }
  get room(): number {
    return this.bottom - this.y;
  }
  get empty(): boolean {
    return this.slide.items.length === 0;
  }
  /** A continuation slide, with the section title marked as continued. */
  next(): void {
    this.open(`${this.title} (continued)`);
  }
  /** Makes room for `h` inches: a new slide unless this one is still empty. */
  need(h: number): void {
    if (h > this.room + 1e-6 && !this.empty) this.next();
  }
  add(item: Item): void {
    this.slide.items.push(item);
  }
  advance(h: number): void {
    this.y += h + GAP;
  }
}

