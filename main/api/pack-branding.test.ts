import JSZip from 'jszip';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pngOf } from '../domain/test-images.js';
import { DEFAULT_BRANDING } from '../domain/pack-branding.js';
import { apiWithWorkspace } from './test-helpers.js';

type Ctx = Awaited<ReturnType<typeof apiWithWorkspace>>;
const count = (t: Ctx, sql: string) => (t.api.session.db().prepare(sql).get() as { n: number }).n;
const logo = () => ({ name: 'northwind.png', mime: 'image/png' as const, data: pngOf(320, 80, [200, 30, 40]).toString('base64') });

describe('pack branding', () => {
  let t: Ctx;
  beforeEach(async () => {
    t = await apiWithWorkspace({ demo: true });
  });
  afterEach(() => t.cleanup());

  it('saves colours, font and logo in one undo step; the pack, the PowerPoint master and the method file carry them', async () => {
    const settings = await t.api.call('pack:settings', {});
    expect(settings.branding).toEqual(DEFAULT_BRANDING);
    const saved = await t.api.call('pack:saveSettings', { settings: { ...settings, branding: { primary: '#1f4e79', accent: '#C0392B', font: 'Calibri', logo: logo() } } });
    expect(saved.branding).toEqual({ primary: '#1F4E79', accent: '#C0392B', font: 'Calibri', logo: { ...logo(), width: 320, height: 80 } });
    expect((await t.api.call('history:state', {})).undo).toBe('Change pack branding');

    const pack = await t.api.call('pack:build', {});
    expect(pack.meta.branding).toEqual(saved.branding);

    const out = join(t.dir, 'branded.pptx');
    await t.api.call('pack:exportPptx', { path: out });
    const zip = await JSZip.loadAsync(readFileSync(out));
    const media = Object.keys(zip.files).filter((n) => n.startsWith('ppt/media/'));
    expect(media.length).toBeGreaterThan(0);
    const masters = await Promise.all(Object.keys(zip.files).filter((n) => /^ppt\/slideLayouts\/slideLayout\d+\.xml$|^ppt\/slideMasters\/.*\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
    const all = masters.join('\n');
    expect(all).toContain('C0392B'); // the rule under the title
    expect(all).toContain('1F4E79'); // the title placeholder's colour
    expect(all).toContain('typeface="Calibri"');
    expect(all).toMatch(/<p:pic>/); // the logo on the master, not on each slide

    // A new workspace from the method file gets the same branding.
    const { path } = await t.api.call('method:export', { path: join(t.dir, 'branded-method.json') });
    expect(JSON.parse(readFileSync(path!, 'utf8')).pack.branding).toMatchObject({ primary: '#1F4E79', font: 'Calibri' });
    await t.api.call('method:newWorkspace', { path: join(t.dir, 'from-method.steerco'), methodPath: path! });
    expect((await t.api.call('pack:settings', {})).branding).toEqual(saved.branding);
  });

  it('refuses a colour too light to read, a font not on the list and a file that is no image, per field, writing nothing', async () => {
    const settings = await t.api.call('pack:settings', {});
    const before = count(t, 'SELECT count(*) AS n FROM change_log');
    const bad = { primary: '#FFF7D6', accent: '#2F6FB3', font: 'Arial' as const, logo: { name: 'logo.png', mime: 'image/png' as const, data: Buffer.from('not an image').toString('base64') } };
    const err = await t.api.call('pack:saveSettings', { settings: { ...settings, branding: bad } }).catch((e: { body: unknown }) => e.body);
    expect(err).toMatchObject({
      code: 'validation',
      issues: [
        { field: 'primary', message: expect.stringContaining('Title colour #FFF7D6 is too light to read on a white page') },
        { field: 'logo', message: 'Logo logo.png is not a PNG image (choose a PNG or JPEG file)' },
      ],
    });
    // A font outside the list and a malformed colour are refused by the contract, by field.
    const schema = await t.api.call('pack:saveSettings', { settings: { ...settings, branding: { ...DEFAULT_BRANDING, primary: 'navy', font: 'Comic Sans MS' as 'Arial' } } }).catch((e: { body: unknown }) => e.body);
    expect(schema).toMatchObject({ code: 'bad_input', issues: expect.arrayContaining([expect.objectContaining({ field: 'settings.branding.primary' }), expect.objectContaining({ field: 'settings.branding.font' })]) });
    expect(count(t, 'SELECT count(*) AS n FROM change_log')).toBe(before);
    expect((await t.api.call('pack:settings', {})).branding).toEqual(DEFAULT_BRANDING);
  });

  it('a method file whose branding cannot be used is refused and creates no workspace', async () => {
    const { method } = await t.api.call('method:export', {});
    const file = join(t.dir, 'bad-method.json');
    const { writeFileSync, existsSync } = await import('node:fs');
    writeFileSync(file, JSON.stringify({ ...method, pack: { ...method.pack, branding: { ...DEFAULT_BRANDING, accent: '#FFFFFF' } } }));
    const target = join(t.dir, 'never.steerco');
    await expect(t.api.call('method:newWorkspace', { path: target, methodPath: file })).rejects.toMatchObject({ body: { message: expect.stringContaining('Accent colour #FFFFFF is too light') } });
    expect(existsSync(target)).toBe(false);
  });
});
