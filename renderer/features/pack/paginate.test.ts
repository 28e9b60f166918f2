import { describe, expect, it } from 'vitest';
import type { Pack, PackBlock } from '../../../preload/contract';
import { BLOCK_GAP_MM, geometry, paginate, splitTallRows, type Sizes } from './paginate';

function pack(blocks: PackBlock[], paper: 'A4' | 'Letter' = 'A4'): Pack {
  return {
    meta: {
      workspaceName: 'W', scopeId: null, scopeName: 'All', meetingId: null, meetingTitle: 'SC', date: '2026-01-01', generatedAt: '', currency: 'EUR',
      confidentiality: 'c', paper, orientation: 'landscape', frozen: null, fileStem: 'x', measureCount: 0,
    },
    texts: { overallStatus: 'grey', statusReason: '', summary: '', keyAchievement: '', keyConcern: '' },
    sections: [{ key: 'appendix_measures', title: 'Appendix: measure list', blocks }],
    escalated: [],
    baseline: { measures: {}, raid: {}, decisions: [] },
  };
}

const table = (n: number, text = 'A measure title'): Extract<PackBlock, { type: 'table' }> => ({
  type: 'table',
  columns: [{ label: 'Code', width: 1 }, { label: 'Title', width: 4 }],
  rows: Array.from({ length: n }, (_, i) => [`M-${i}`, text]),
  empty: 'none',
});

/** Heights as the browser would measure them: here one row in seven takes two lines. */
const sizes = (rowH = (i: number) => (i % 7 === 0 ? 10 : 6)): Sizes => ({
  sectionTitle: 11,
  block: (b) => (b.type === 'table' ? { title: b.title ? 6 : 0, head: 6.5, rows: b.rows.map((_, i) => rowH(i)) } : { h: 20 }),
});

describe('pack pagination from measured heights', () => {
  it('splits a 20,000-row appendix between rows, every row once, no page overfull', () => {
    const p = pack([table(20_000)]);
    const s = sizes();
    const pages = paginate(p, s);
    const g = geometry(p);
    const rows = pages.flatMap((pg) => pg.fragments.flatMap((f) => (f.kind === 'rows' ? Array.from({ length: f.to - f.from }, (_, i) => f.from + i) : [])));
    expect(rows).toEqual(Array.from({ length: 20_000 }, (_, i) => i));
    expect(pages.length).toBeGreaterThan(500);
    for (const pg of pages) {
      const used = pg.fragments.reduce((sum, f) => {
        if (f.kind === 'title') return sum + s.sectionTitle;
        if (f.kind !== 'rows') return sum;
        let h = 6.5 + BLOCK_GAP_MM;
        for (let i = f.from; i < f.to; i++) h += i % 7 === 0 ? 10 : 6;
        return sum + h;
      }, 0);
      expect(used).toBeLessThanOrEqual(g.contentHeight + BLOCK_GAP_MM);
    }
    expect(pages[1]!.fragments[0]).toEqual({ kind: 'title', text: 'Appendix: measure list (continued)', continued: true });
    // Full pages: every page but the last holds as many rows as fit (no near-empty pages in between).
    const counts = pages.map((pg) => pg.fragments.reduce((n, f) => n + (f.kind === 'rows' ? f.to - f.from : 0), 0));
    expect(Math.min(...counts.slice(0, -1))).toBeGreaterThan(20);
  });

  it('keeps charts whole, two to a row', () => {
    const chart: PackBlock = { type: 'chart', title: 'c', chart: { kind: 'bar', unit: 'u', labels: ['a'], series: [{ name: 's', data: [1], color: '#000' }] } };
    const pages = paginate(pack([table(3), chart, chart, chart]), sizes());
    const charts = pages.flatMap((p) => p.fragments.filter((f) => f.kind === 'charts'));
    expect(charts.map((c) => (c.kind === 'charts' ? c.blocks.length : 0))).toEqual([2, 1]);
  });

  it('splits a row taller than a page into rows, keeping all of its text', () => {
    const long = 'word '.repeat(3000).trim();
    const t = table(2, long);
    const p = pack([t]);
    const split = splitTallRows(p, new Map([[t, new Map([[1, 3]])]]));
    const rows = (split.sections[0]!.blocks[0] as typeof t).rows;
    expect(rows).toHaveLength(4);
    expect(rows.slice(1).map((r) => r[1] as string).join(' ')).toBe(long);
    expect(rows.slice(2).map((r) => r[0])).toEqual(['(continued)', '(continued)']);
    expect(splitTallRows(p, new Map())).toBe(p);
  });

  it('lays out Letter pages at Letter size', () => {
    expect(geometry(pack([], 'Letter'))).toMatchObject({ width: 279.4, height: 215.9 });
    expect(geometry(pack([], 'A4'))).toMatchObject({ width: 297, height: 210 });
  });
});
