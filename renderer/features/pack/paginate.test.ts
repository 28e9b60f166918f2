import { describe, expect, it } from 'vitest';
import type { Pack, PackBlock } from '../../../preload/contract';
import { geometry, paginate } from './paginate';

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

const table = (n: number, text = 'A measure title'): PackBlock => ({
  type: 'table',
  columns: [{ label: 'Code', width: 1 }, { label: 'Title', width: 4 }],
  rows: Array.from({ length: n }, (_, i) => [`M-${i}`, text]),
  empty: 'none',
});

describe('pack pagination', () => {
  it('splits a 20,000-row appendix between rows, every row once, no page overfull', () => {
    const p = pack([table(20_000)]);
    const pages = paginate(p);
    const g = geometry(p);
    const rows = pages.flatMap((pg) => pg.fragments.flatMap((f) => (f.kind === 'rows' ? Array.from({ length: f.to - f.from }, (_, i) => f.from + i) : [])));
    expect(rows).toEqual(Array.from({ length: 20_000 }, (_, i) => i));
    expect(pages.length).toBeGreaterThan(500);
    for (const pg of pages) {
      const used = pg.fragments.reduce((s, f) => s + (f.kind === 'rows' ? f.heights.reduce((a, b) => a + b, 0) + 6.5 : f.kind === 'title' ? 11 : 0), 0);
      expect(used).toBeLessThanOrEqual(g.contentHeight);
    }
    expect(pages[1]!.fragments[0]).toEqual({ kind: 'title', text: 'Appendix: measure list (continued)' });
  });

  it('gives long cells more height and keeps charts whole, two to a row', () => {
    const long = 'word '.repeat(60);
    const chart: PackBlock = { type: 'chart', title: 'c', chart: { kind: 'bar', unit: 'u', labels: ['a'], series: [{ name: 's', data: [1], color: '#000' }] } };
    const pages = paginate(pack([table(3, long), chart, chart, chart]));
    const rows = pages[0]!.fragments.find((f) => f.kind === 'rows');
    expect(rows && rows.kind === 'rows' && rows.heights[0]).toBeGreaterThan(6);
    const charts = pages.flatMap((p) => p.fragments.filter((f) => f.kind === 'charts'));
    expect(charts.map((c) => (c.kind === 'charts' ? c.blocks.length : 0))).toEqual([2, 1]);
  });

  it('lays out Letter pages at Letter size', () => {
    expect(geometry(pack([], 'Letter'))).toMatchObject({ width: 279.4, height: 215.9 });
    expect(geometry(pack([], 'A4'))).toMatchObject({ width: 297, height: 210 });
  });
});
