import type { Slice } from '../../app/store';

/** How the window is divided, kept per computer (not in the workspace): a layout is a person's habit. */
export interface LayoutSlice {
  /** Larger type and rows for a projector. */
  presentation: boolean;
  setPresentation(on: boolean): void;
  treeWidth: number;
  treeCollapsed: boolean;
  setTreeWidth(px: number): void;
  setTreeCollapsed(collapsed: boolean): void;
  detailWidth: number;
  setDetailWidth(px: number): void;
}

const KEY = 'steerco.layout';
export const TREE_WIDTH = { min: 180, max: 520, initial: 260 };
export const DETAIL_WIDTH = { min: 320, max: 900, initial: 400 };

const clamp = (v: number, r: { min: number; max: number }) => Math.round(Math.min(r.max, Math.max(r.min, v)));

function saved(): Partial<Pick<LayoutSlice, 'presentation' | 'treeWidth' | 'treeCollapsed' | 'detailWidth'>> {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return v && typeof v === 'object' ? (v as Record<string, never>) : {};
  } catch {
    return {};
  }
}

export const createLayoutSlice: Slice<LayoutSlice> = (set, get) => {
  const s = saved();
  const keep = (patch: Partial<LayoutSlice>) => {
    set(patch);
    const { presentation, treeWidth, treeCollapsed, detailWidth } = get();
    localStorage.setItem(KEY, JSON.stringify({ presentation, treeWidth, treeCollapsed, detailWidth }));
  };
  return {
    presentation: s.presentation === true,
    treeWidth: typeof s.treeWidth === 'number' ? clamp(s.treeWidth, TREE_WIDTH) : TREE_WIDTH.initial,
    treeCollapsed: s.treeCollapsed === true,
    detailWidth: typeof s.detailWidth === 'number' ? clamp(s.detailWidth, DETAIL_WIDTH) : DETAIL_WIDTH.initial,
    setPresentation: (presentation) => keep({ presentation }),
    setTreeWidth: (px) => keep({ treeWidth: clamp(px, TREE_WIDTH) }),
    setTreeCollapsed: (treeCollapsed) => keep({ treeCollapsed }),
    setDetailWidth: (px) => keep({ detailWidth: clamp(px, DETAIL_WIDTH) }),
  };
};
