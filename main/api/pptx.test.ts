import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../../db/changes.js';
import { setMeta } from '../../db/connection.js';
import type { Pack, PackBlock } from '../../preload/contract.js';
import { apiWithWorkspace } from './test-helpers.js';
import { packPlan, packToPptx } from '../exchange/pptx.js';
import { SLIDE_H, SLIDE_W, type Item } from '../exchange/pptx-layout.js';

type Ctx = Awaited<ReturnType<typeof apiWithWorkspace>>;
const SPECIAL = 'R&D <Ops> "Q1" & Co';

/** Compression method of every entry, from the zip's central directory (8 = deflate, 0 = stored). */
function zipMethods(buf: Buffer): Map<string, number> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const nameLen = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    out.set(buf.subarray(p + 46, p + 46 + nameLen).toString('utf8'), method);
    p += 46 + nameLen + extra + comment;
  }
  return out;
}

function wellFormed(name: string, xml: string): void {
  const parser = new SaxesParser({ xmlns: false });
  try {
    parser.write(xml).close();
  } catch (e) {
    throw new Error(`${name} is not well-formed XML: ${(e as Error).message}`);
  }
}

/** The text runs of a slide's XML, entities decoded. */
const slideText = (xml: string) =>
  [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'));

describe('PowerPoint pack that ships', () => {
  let t: Ctx;
  let pack: Pack;
  let zip: JSZip;
  let buf: Buffer;
  let slides: number;
  const slideXml = async (n: number) => zip.file(`ppt/slides/slide${n}.xml`)!.async('string');
  beforeAll(async () => {
    t = await apiWithWorkspace();
    const db = t.api.session.db();
    setMeta(db, 'name', SPECIAL);
    const m = (await t.api.call('measures:list', {}))[3]!;
    const long = `Decide the <fallback> & "manual" billing run. ${'The committee weighs the cost of a manual run against the launch date. '.repeat(40)}`;
    runAction(db, { actor: 'test', label: 'special names' }, (w) => w.update('measures', m.id, { title: `Price & margin <${'Gold'}> "tier"` }));
    const [meeting] = await t.api.call('meetings:list', {});
    await t.api.call('decisions:create', { meetingId: meeting!.id, text: long, links: [{ kind: 'measure', id: m.id }] });
    await t.api.call('pack:saveTexts', { texts: { overallStatus: 'amber', statusReason: 'A & B <late>', summary: 'x '.repeat(1500), keyAchievement: 'Tiers priced', keyConcern: 'Fallback "now"' } });
    pack = await t.api.call('pack:build', {});
    const out = await packToPptx(pack);
    buf = out.data;
    slides = out.slides;
    zip = await JSZip.loadAsync(buf);
  });
  afterAll(() => t.cleanup());

  it('writes well-formed XML in every part, also for names with & < > "', async () => {
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
    expect(names.length).toBeGreaterThan(50);
    for (const n of names.filter((x) => /\.(xml|rels)$/.test(x))) wellFormed(n, await zip.file(n)!.async('string'));
    // The charts' embedded workbooks are zips of XML too.
    for (const n of names.filter((x) => x.endsWith('.xlsx'))) {
      const inner = await JSZip.loadAsync(await zip.file(n)!.async('nodebuffer'));
      for (const m of Object.keys(inner.files).filter((x) => /\.(xml|rels)$/.test(x))) wellFormed(`${n}!${m}`, await inner.file(m)!.async('string'));
    }
    expect(await zip.file('docProps/core.xml')!.async('string')).toContain('R&amp;D &lt;Ops&gt; &quot;Q1&quot; &amp; Co – steering pack');
    expect(await zip.file('docProps/app.xml')!.async('string')).toContain('<Company>R&amp;D &lt;Ops&gt; &quot;Q1&quot; &amp; Co</Company>');
  });

  it('stores every part compressed', () => {
    const methods = zipMethods(buf);
    const files = [...methods].filter(([n]) => !n.endsWith('/'));
    expect(files.filter(([, m]) => m !== 8).map(([n]) => n)).toEqual([]);
    expect(buf.length).toBeLessThan(400_000);
  });

  it('puts every slide title in the title placeholder of the slide master, with a slide-number field', async () => {
    const layouts = await Promise.all(Object.keys(zip.files).filter((n) => /^ppt\/slideLayouts\/slideLayout\d+\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
    const master = layouts.find((x) => x.includes('name="STEERCO_PACK"'))!;
    expect(master).toMatch(/<p:ph\s[^>]*type="title"/);
    expect(slides).toBe(Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).length);
    const plan = packPlan(pack);
    for (let n = 1; n <= slides; n++) {
      const xml = await slideXml(n);
      expect(xml, `slide ${n}`).toMatch(/<p:ph\s[^>]*type="title"/);
      expect(await zip.file(`ppt/slides/_rels/slide${n}.xml.rels`)!.async('string')).toContain('slideLayout2.xml');
      expect(xml, `slide ${n}`).toMatch(/<a:fld [^>]*type="slidenum"/);
      expect(slideText(xml).join(' ')).toContain(plan[n - 1]!.title);
    }
  });

  it('has every row of every table, nothing cut, rule names with their numbers', async () => {
    const all: string[] = [];
    for (let n = 1; n <= slides; n++) all.push(...slideText(await slideXml(n)));
    const text = all.join('\n');
    expect(text).not.toMatch(/more rows|…/);
    expect(text).not.toMatch(/\bN (days|updates)\b/);
    expect(text).toContain('more than 14 days');
    for (const s of pack.sections) {
      for (const b of s.blocks.filter((x): x is Extract<PackBlock, { type: 'table' }> => x.type === 'table')) {
        for (const r of b.rows) {
          const first = typeof r[0] === 'string' ? r[0] : r[0]!.text;
          expect(text, `${s.title}: ${first}`).toContain(first.split(' ')[0]!.replace(/&/g, '&'));
        }
      }
    }
    // The long decision and the long summary are there whole, over continuation slides.
    expect(text.replace(/\s+/g, ' ')).toContain('The committee weighs the cost of a manual run against the launch date.'.repeat(1));
    expect(all.join('').replace(/\s+/g, '').split('x').length - 1).toBeGreaterThanOrEqual(1500);
    expect(text).toContain('Price & margin <Gold> "tier"');
  });

  it('lays every item inside its slide, above the footer, and continues tables with their header', () => {
    const plan = packPlan(pack);
    const inside = (i: Item) => i.box.x >= 0 && i.box.y >= 0 && i.box.x + i.box.w <= SLIDE_W + 1e-6 && i.box.y + i.box.h <= SLIDE_H - 0.5;
    for (const [n, s] of plan.entries()) for (const i of s.items) expect(inside(i), `slide ${n + 1}: ${JSON.stringify(i.box)}`).toBe(true);
    const appendix = plan.filter((s) => s.title.startsWith('Appendix: measure list'));
    expect(appendix.length).toBeGreaterThan(1);
    expect(appendix.slice(1).every((s) => s.title.endsWith('(continued)'))).toBe(true);
    const tables = appendix.flatMap((s) => s.items.filter((i): i is Extract<Item, { kind: 'table' }> => i.kind === 'table'));
    expect(tables.every((tb) => tb.rows[0]![0]!.header && tb.rows[0]![0]!.text === 'Code')).toBe(true);
    expect(tables.reduce((sum, tb) => sum + tb.rows.length - 1, 0)).toBe(49);
    // The long decision is taller than a slide: its row continues on the next slide, all of its text kept.
    const log = plan.filter((s) => s.title.startsWith('Appendix: decision log'));
    expect(log.length).toBeGreaterThan(1);
    const cells = log.flatMap((s) => s.items.flatMap((i) => (i.kind === 'table' ? i.rows.slice(1).map((r) => r[2]!.text) : [])));
    const joined = cells.join('\n').replace(/\s+/g, ' ');
    expect(joined).toContain(`Decide the <fallback> & "manual" billing run.`);
    expect(joined.split('The committee weighs the cost of a manual run against the launch date.').length - 1).toBe(40);
  });

  it('draws the bridge as a waterfall (stacked bars on an invisible base), and puts escalations beside the risks', async () => {
    const charts = await Promise.all(Object.keys(zip.files).filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
    const bridge = charts.find((c) => c.includes('Target and forecast'))!;
    expect(bridge).toContain('<c:grouping val="stacked"/>');
    expect(bridge).toMatch(/<c:ser>.*?<a:noFill\/>/s);
    expect(charts.some((c) => c.includes('<c:lineChart>'))).toBe(true);
    const titles = packPlan(pack).map((s) => s.title);
    const risks = titles.lastIndexOf(titles.find((x) => x.startsWith('Top risks'))!);
    const lastRisk = titles.findLastIndex((x) => x.startsWith('Top risks'));
    expect(risks).toBeGreaterThanOrEqual(0);
    expect(titles[lastRisk + 1]).toMatch(/^Escalation: /);
    expect(titles.findIndex((x) => x.startsWith('Appendix'))).toBeGreaterThan(titles.findLastIndex((x) => x.startsWith('Escalation: ')));
  });
});
