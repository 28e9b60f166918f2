import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'steerco-office-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every XML part of an Office file is well-formed XML (saxes, a strict parser): nothing unescaped got in. */
async function xmlParts(file: string): Promise<{ name: string; ok: boolean; text: string }[]> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const out: { name: string; ok: boolean; text: string }[] = [];
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir || !/\.(xml|rels)$/.test(name)) continue;
    const text = await entry.async('string');
    let ok = true;
    const parser = new SaxesParser();
    parser.on('error', () => (ok = false));
    try {
      parser.write(text).close();
    } catch {
      ok = false;
    }
    out.push({ name, ok, text });
  }
  return out;
}

describe('Office files with names full of markup', () => {
  const nasty = 'R&D <"North"> \'Q1\' & co';

  it('escapes the workspace name, titles and people in the workbook, metadata included', async () => {
    const api = createApi({ configDir: join(dir, 'config'), version: 'test' });
    await api.call('workspace:create', { path: join(dir, 'a.steerco'), name: nasty, demo: true });
    const m = (await api.call('measures:list', {}))[0]!;
    await api.call('measures:update', { id: m.id, patch: { title: `Price <b>&</b> "tiers"` } });
    const file = join(dir, 'm.xlsx');
    await api.call('measures:export', { path: file, format: 'xlsx' });
    const parts = await xmlParts(file);
    expect(parts.length).toBeGreaterThan(5);
    expect(parts.filter((p) => !p.ok).map((p) => p.name)).toEqual([]);
    expect(parts.some((p) => p.text.includes('R&amp;D &lt;&quot;North&quot;&gt;') || p.text.includes('R&amp;D &lt;"North"&gt;'))).toBe(true);

    const program = (await api.call('nodes:list', {})).find((n) => n.level === 'program')!;
    await api.call('nodes:rename', { id: program.id, name: `Launch <"&"> 'tiers'` });
    const pptx = join(dir, 'p.pptx');
    await api.call('pack:exportPptx', { path: pptx, scopeId: program.id });
    const slides = await xmlParts(pptx);
    expect(slides.filter((p) => !p.ok).map((p) => p.name)).toEqual([]);
    const meta = slides.filter((p) => p.name.startsWith('docProps/')).map((p) => p.text).join('');
    expect(meta).toContain('R&amp;D &lt;');
    expect(meta).not.toContain('&amp;amp;');
    api.close();
  });
});
