import { describe, expect, it } from 'vitest';
import { changedMeasureIds } from './changes';
import { mergeRows } from '../features/grid/slice';
import type { Measure } from '../../preload/contract';

const WATCH = ['measures', 'people', 'custom_values'];

describe('changedMeasureIds', () => {
  it('names the measures of measure rows and custom values', () => {
    expect(changedMeasureIds({ tables: ['measures', 'custom_values'], rows: { measures: ['a'], custom_values: ['b:f1', 'a:f2'] } }, WATCH)).toEqual(['a', 'b']);
  });
  it('names the measures of manual statuses (a status back to derived may change no measure row)', () => {
    expect(changedMeasureIds({ tables: ['status_overrides'], rows: { status_overrides: ['c:implementation', 'a:potential'] } }, [...WATCH, 'status_overrides'])).toEqual(['c', 'a']);
  });
  it('asks for a full reload without rows, with other watched tables, or over the limit', () => {
    expect(changedMeasureIds({ tables: ['measures'] }, WATCH)).toBeNull();
    expect(changedMeasureIds({ tables: ['measures', 'people'], rows: { measures: ['a'], people: ['p'] } }, WATCH)).toBeNull();
    expect(changedMeasureIds({ tables: ['measures'], rows: { measures: ['a', 'b', 'c'] } }, WATCH, 2)).toBeNull();
    expect(changedMeasureIds(undefined, WATCH)).toBeNull();
  });
  it('ignores tables the view does not watch', () => {
    expect(changedMeasureIds({ tables: ['measures', 'raid_items'], rows: { measures: ['a'], raid_items: ['r'] } }, WATCH)).toEqual(['a']);
  });
});

describe('mergeRows', () => {
  const m = (id: string, title = id) => ({ id, title }) as Measure;
  it('replaces changed rows, keeps unchanged objects, drops gone rows and appends new ones', () => {
    const a = m('a');
    const b = m('b');
    const c = m('c');
    const out = mergeRows([a, b, c], ['a', 'b', 'd'], [m('a'), m('b', 'B2'), m('d')]);
    expect(out.map((x) => x.title)).toEqual(['a', 'B2', 'c', 'd']);
    expect(out[0]).toBe(a);
    expect(out[2]).toBe(c);
    expect(mergeRows([a, b, c], ['b'], []).map((x) => x.id)).toEqual(['a', 'c']);
  });
});
