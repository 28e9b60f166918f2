import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../main/api/index.js';
import { main } from '../main/cli/index.js';
import { money } from '../main/domain/pack-format.js';
import { seedWorkspace } from '../bench/seed.js';
import { ARTIFACTS, openApp, see, type Session } from './harness.js';

let s: Session | undefined;

/** Drawn pages whose content is taller than their body (the last block would be clipped). */
const overfull = (page: Session['page']) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.pack-page .pack-body')].flatMap((b, i) => {
      const bottom = b.getBoundingClientRect().bottom;
      const last = b.lastElementChild?.getBoundingClientRect().bottom ?? 0;
      return last > bottom + 0.5 ? [`page ${i + 1}: ${Math.round(last - bottom)} px over`] : [];
    }),
  );
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('steering pack in the app', () => {
  it('builds the pack, writes its texts, switches sections and paper, holds the meeting, reopens the frozen pack and exports slides', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api } = s;
    await page.getByRole('button', { name: 'Steering pack' }).click();
    const pages = page.locator('.pack-page');
    await expect.poll(() => pages.count()).toBeGreaterThan(8);
    await see.visible(page.locator('.pack-page h2', { hasText: 'Executive summary' }));
    // Landscape A4 by default: 297 mm wide at 96 dpi (drawn smaller to fit the preview, printed at its size).
    expect(Math.round(await pages.first().evaluate((e) => parseFloat(getComputedStyle(e).width)))).toBe(Math.round((297 * 96) / 25.4));
    // Charts are drawn on the first page (the executive summary).
    await expect.poll(() => pages.first().locator('canvas').count()).toBe(2);
    await page.screenshot({ path: join(ARTIFACTS, 'pack-preview.png') });

    // The written parts go into the pack.
    await page.locator('select[name=overallStatus]').selectOption('amber');
    await page.locator('textarea[name=statusReason]').fill('Billing feed two weeks late');
    await page.locator('textarea[name=summary]').fill('Gold tier launch holds; value credible except billing.');
    await page.getByRole('button', { name: 'Save texts' }).click();
    await see.contains(pages.first(), 'Gold tier launch holds; value credible except billing.');
    await see.contains(pages.first(), 'Billing feed two weeks late');

    // Sections: switch the RAID appendix off, move the decision log up; kept for the workspace.
    const raidTitle = page.locator('.pack-page h2', { hasText: 'Appendix: RAID log' });
    await see.count(raidTitle, 1);
    await page.locator('[data-section=appendix_raid] input[type=checkbox]').uncheck();
    await see.count(raidTitle, 0);
    await page.getByRole('button', { name: 'Move Appendix: decision log up' }).click();
    await expect.poll(async () => (await api.call('pack:settings', {})).sections.map((x) => x.key).slice(-2)).toEqual(['appendix_decisions', 'appendix_raid']);
    await page.locator('select[name=paper]').selectOption('Letter');
    await expect.poll(async () => Math.round(await pages.first().evaluate((e) => parseFloat(getComputedStyle(e).width)))).toBe(Math.round((279.4 * 96) / 25.4));

    // Holding needs the meeting; the draft texts carry over to it, the empty ones are listed first.
    await expect.poll(() => page.getByRole('button', { name: 'Hold meeting: freeze pack' }).isDisabled()).toBe(true);
    const held = (await api.call('meetings:list', {})).find((m) => m.status === 'held')!;
    await page.locator('select[name=meeting]').selectOption(held.id);
    await see.contains(page.getByTestId('texts-source'), 'Carried over from the draft');
    await see.contains(pages.first(), 'Gold tier launch holds; value credible except billing.');
    await page.getByRole('button', { name: 'Hold meeting: freeze pack' }).click();
    await see.contains(page.getByRole('dialog').getByLabel('Empty parts'), 'Key achievement');
    await page.getByRole('dialog').getByRole('button', { name: 'Freeze with these empty' }).click();
    await see.contains(pages.first().locator('.pack-head'), 'Frozen');
    const snaps = await api.call('pack:snapshots', {});
    expect(snaps).toHaveLength(1);
    // Later edits (on the draft of the next meeting) do not change it.
    await page.locator('select[name=meeting]').selectOption('');
    await see.contains(pages.first().locator('.pack-head'), 'Draft, not frozen');
    await page.locator('textarea[name=summary]').fill('Changed after the meeting.');
    await page.getByRole('button', { name: 'Save texts' }).click();
    await see.contains(pages.first(), 'Changed after the meeting.');
    await see.contains(page.locator('.pack-page', { hasText: 'What changed since the last meeting' }).first(), 'Compared with the pack frozen on');
    await page.locator('.pack-snapshots button.link').filter({ hasText: held.title }).click();
    await see.contains(pages.first(), 'Gold tier launch holds; value credible except billing.');
    expect(await pages.first().innerText()).not.toContain('Changed after the meeting.');

    // PowerPoint export from the app, to a folder the user names.
    const dir = mkdtempSync(join(tmpdir(), 'steerco-pptx-'));
    try {
      await page.getByRole('button', { name: 'Export PowerPoint…' }).click();
      const input = page.getByRole('dialog').locator('input');
      expect(await input.inputValue()).toMatch(/_Whole-program_\d{4}-\d{2}-\d{2}\.pptx$/);
      await input.fill(join(dir, 'pack.pptx'));
      await page.getByRole('dialog').getByRole('button', { name: 'Export' }).click();
      await see.contains(page.getByRole('status').last(), 'slides to');
      await see.count(page.getByRole('dialog'), 0);
      expect(readdirSync(dir)).toEqual(['pack.pptx']);
      // An unwritable place: a clear message, nothing written.
      await page.getByRole('button', { name: 'Export PowerPoint…' }).click();
      await page.getByRole('dialog').locator('input').fill(join(dir, 'missing', 'pack.pptx'));
      await page.getByRole('dialog').getByRole('button', { name: 'Export' }).click();
      await see.contains(page.getByRole('alert').last(), 'does not exist. Nothing was written');
      expect(existsSync(join(dir, 'missing'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("prints from the browser with the pack's pages only: paper size, one sheet per page, no app around it", async () => {
    s = await openApp({ workspace: 'demo' });
    const { page } = s;
    await page.getByRole('button', { name: 'Steering pack' }).click();
    await expect.poll(() => page.locator('.pack-page').count()).toBeGreaterThan(8);
    const total = Number(await page.locator('.pack-pages').getAttribute('data-pages'));
    expect(await overfull(page)).toEqual([]);
    const pdf = join(s.dir, 'browser-print.pdf');
    writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    const info = run('pdfinfo', [pdf]);
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBe(total);
    expect(info).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+ pts/);
    const text = run('pdftotext', [pdf, '-']);
    expect(text).toContain(`Page ${total} of ${total}`);
    expect(text).not.toContain('Acting as');
    expect(text).not.toContain('Frozen packs');
  });

  it('holds a chosen meeting: the meeting is marked held and choosing it again shows its frozen pack', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api } = s;
    const meeting = (await api.call('meetings:list', {})).find((m) => m.status === 'planned')!;
    await page.getByRole('button', { name: 'Steering pack' }).click();
    await page.locator('select[name=meeting]').selectOption(meeting.id);
    const first = page.locator('.pack-page').first();
    await see.contains(first.locator('.pack-head'), meeting.title);
    // Unsaved texts would be missing from the frozen pack: holding waits for them.
    await page.locator('textarea[name=keyConcern]').fill('Decide the billing fallback today');
    await page.getByRole('button', { name: 'Hold meeting: freeze pack' }).click();
    await see.contains(page.getByRole('dialog'), 'not saved');
    await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
    expect(await api.call('pack:snapshots', {})).toEqual([]);
    await page.getByRole('button', { name: 'Save texts' }).click();
    await see.contains(first, 'Decide the billing fallback today');
    await page.getByRole('button', { name: 'Hold meeting: freeze pack' }).click();
    await see.contains(page.getByRole('dialog'), 'Summary');
    await page.getByRole('dialog').getByRole('button', { name: 'Freeze with these empty' }).click();
    await see.contains(first.locator('.pack-head'), 'Frozen');
    await expect.poll(async () => (await api.call('meetings:get', { id: meeting.id })).meeting.status).toBe('held');
    await page.locator('select[name=meeting]').selectOption('');
    await see.contains(first.locator('.pack-head'), 'Draft, not frozen');
    await page.locator('select[name=meeting]').selectOption(meeting.id);
    await see.contains(first.locator('.pack-head'), 'Frozen');
    await see.count(page.getByRole('button', { name: 'Hold meeting: freeze pack' }), 0);
    await see.contains(first, 'Decide the billing fallback today');
  });

  it('previews a large pack page by page as the reader scrolls', async () => {
    s = await openApp({ workspace: 'none' });
    const { page, api } = s;
    const big = join(s.dir, 'big.steerco');
    seedWorkspace(big, { measures: 3000, seed: 2 });
    await api.call('workspace:open', { path: big });
    await page.reload();
    await page.getByRole('button', { name: 'Steering pack' }).click();
    const pages = page.locator('.pack-page');
    await see.count(pages, 24);
    const total = Number(await page.locator('.pack-pages').getAttribute('data-pages'));
    expect(total).toBeGreaterThan(100);
    await see.contains(pages.first().locator('.pack-foot'), `Page 1 of ${total}`);
    await page.locator('.pack-more').scrollIntoViewIfNeeded();
    await expect.poll(() => pages.count()).toBeGreaterThan(24);
    // Laid out from measured heights (past 1,500 rows that may wrap, from lines counted with the page's fonts):
    // no page's content runs past its body (it would be clipped).
    expect(await overfull(page)).toEqual([]);
  });

  it('says so when the chosen scope has no measures', async () => {
    s = await openApp({ workspace: 'demo' });
    const { page, api } = s;
    const node = await api.call('nodes:create', { parentId: null, name: 'Empty organization' });
    await page.getByRole('button', { name: 'Steering pack' }).click();
    await expect.poll(() => page.locator('.pack-page').count()).toBeGreaterThan(3);
    await page.locator('select[name=scope]').selectOption(node.id);
    await see.contains(page.locator('.pack-error'), '"Empty organization" has no measures');
    await see.count(page.locator('.pack-page'), 0);
  });
});

/** Reads a binary PPM (pdftoppm's default output). */
function readPpm(file: string): { w: number; h: number; px: Buffer } {
  const buf = readFileSync(file);
  const header = buf.subarray(0, 40).toString('latin1').split(/\s+/);
  const [magic, w, h, max] = header;
  if (magic !== 'P6' || max !== '255') throw new Error(`not a P6 PPM: ${file}`);
  const start = buf.indexOf(Buffer.from(`${max}\n`), buf.indexOf(`${h}`)) + max.length + 1;
  return { w: Number(w), h: Number(h), px: buf.subarray(start) };
}

/** Share of clearly coloured pixels (chart bars and lines; text and rules are grey) in a region given as fractions. */
function colourShare(img: { w: number; h: number; px: Buffer }, r: { x0: number; y0: number; x1: number; y1: number }): number {
  let coloured = 0;
  let all = 0;
  for (let y = Math.floor(r.y0 * img.h); y < Math.floor(r.y1 * img.h); y++) {
    for (let x = Math.floor(r.x0 * img.w); x < Math.floor(r.x1 * img.w); x++) {
      const i = (y * img.w + x) * 3;
      const [R, G, B] = [img.px[i]!, img.px[i + 1]!, img.px[i + 2]!];
      if (Math.max(R, G, B) - Math.min(R, G, B) > 60) coloured++;
      all++;
    }
  }
  return coloured / all;
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', timeout: 180_000 });

describe('steerco pack on the command line', () => {
  let dir: string;
  let file: string;
  let lines: string[];
  const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
  const leftovers = () => readdirSync(dir).filter((f) => f.includes('.tmp'));
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'steerco-pack-cli-'));
    process.env.STEERCO_CONFIG_DIR = join(dir, 'config');
    file = join(dir, 'demo.steerco');
    const api = createApi({ configDir: join(dir, 'config'), version: 'e2e' });
    await api.call('workspace:create', { path: file, demo: true });
    api.close();
  });
  beforeEach(() => {
    lines = [];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const withApi = async <T>(fn: (api: ReturnType<typeof createApi>) => Promise<T>): Promise<T> => {
    const api = createApi({ configDir: join(dir, 'config'), version: 'e2e' });
    await api.call('workspace:open', { path: file });
    try {
      return await fn(api);
    } finally {
      api.close();
    }
  };

  it('prints a PDF whose text and figures match the roll-up API, with the charts drawn on page 1', async () => {
    const out = join(dir, 'pack.pdf');
    expect(await main(['pack', file, '--out', out], io)).toBe(0);
    const { forecast, target } = await withApi(async (api) => ({ forecast: (await api.call('value:rollup', { by: [] }))[0]!.forecast, target: (await api.call('value:dashboard', {})).target }));
    const text = run('pdftotext', ['-layout', out, '-']);
    for (const title of ['Executive summary', 'Decisions required', 'Actions from the last meeting', 'What changed since the last meeting', 'Milestones: overdue, and due in the next 90 days', 'Value', 'Top risks, issues and escalations', 'Appendix: measure list', 'Appendix: RAID log', 'Appendix: decision log']) {
      expect(text).toContain(title);
    }
    expect(text).toContain(money(forecast, 'EUR'));
    expect(text).toContain(money(target, 'EUR'));
    expect(text).toContain('No previous snapshot for this scope');
    expect(text).toContain('Confidential: for steering committee members only');
    const info = run('pdfinfo', [out]);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(lines.join('\n')).toContain(`${pages} pages`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    // Title, tags and a bookmark per section.
    const live = await withApi((api) => api.call('pack:build', {}));
    expect(info).toMatch(new RegExp(`Title:\\s+${live.meta.workspaceName.replace(/[()]/g, '.')} – steering pack – Steering committee – ${live.meta.date}`));
    expect(info).toMatch(/Tagged:\s+yes/);
    const raw = readFileSync(out).toString('latin1');
    expect(raw).toContain('/Outlines');
    for (const sec of live.sections) expect(raw, sec.title).toContain(`/Title (${sec.title.replace(/[()]/g, (c) => `\\${c}`)})`);
    // Every measure of the appendix is in it, once.
    const codes = live.sections.find((x) => x.key === 'appendix_measures')!.blocks.flatMap((b) => (b.type === 'table' ? b.rows.map((r) => r[0] as string) : []));
    for (const c of codes) expect(text.match(new RegExp(`^${c}\\b`, 'gm'))?.length ?? 0, c).toBeGreaterThanOrEqual(1);
    // Pages are filled from the browser's layout: an appendix page followed by another is full to near the footer.
    const bbox = run('pdftotext', ['-bbox', out, '-']).split('<page ').slice(1);
    const appendix = bbox.filter((pg) => pg.includes('>Appendix:</word>') && /measure<\/word>\s*<word[^>]*>list/.test(pg));
    expect(appendix.length).toBeGreaterThan(1);
    for (const pg of appendix.slice(0, -1)) {
      const h = Number(/height="([\d.]+)"/.exec(pg)![1]);
      const bottoms = [...pg.matchAll(/yMax="([\d.]+)">([^<]*)</g)].map((m) => Number(m[1])).filter((y) => y < h - 60);
      expect(Math.max(...bottoms) / h).toBeGreaterThan(0.8);
    }
    run('pdftoppm', ['-r', '40', '-f', '1', '-l', '1', '-png', out, join(ARTIFACTS, 'pack-page1')]);
    run('pdftoppm', ['-r', '40', '-f', '1', '-l', '1', out, join(dir, 'page1')]);
    const img = readPpm(join(dir, readdirSync(dir).find((f) => f.startsWith('page1') && f.endsWith('.ppm'))!));
    // The two summary charts fill the lower half of page 1: clearly coloured, not blank.
    expect(colourShare(img, { x0: 0.05, y0: 0.55, x1: 0.95, y1: 0.85 })).toBeGreaterThan(0.02);
    expect(leftovers()).toEqual([]);
  });

  it('exports PowerPoint that LibreOffice opens with the slides of every section and escalated measure', async () => {
    const out = join(dir, 'pack.pptx');
    expect(await main(['pack', file, '--format', 'pptx', '--out', out], io)).toBe(0);
    const escalated = await withApi(async (api) => (await api.call('pack:build', {})).escalated.length);
    const outdir = mkdtempSync(join(dir, 'lo-out-'));
    const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
    try {
      run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outdir, out]);
      const slides = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [join(outdir, 'pack.pdf')]))![1]);
      expect(slides).toBeGreaterThanOrEqual(1 + 10 + escalated);
      expect(lines.join('\n')).toContain(`${slides} slides`);
      expect(run('pdftotext', [join(outdir, 'pack.pdf'), '-'])).toContain('Executive summary');
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it('reprints a frozen pack identically after the workspace changed', async () => {
    const snap = await withApi(async (api) => api.call('pack:freeze', { meetingId: (await api.call('meetings:list', {}))[0]!.id, acceptEmpty: true }));
    const a = join(dir, 'frozen-a.pdf');
    expect(await main(['pack', file, '--snapshot', snap.id, '--out', a], io)).toBe(0);
    await withApi(async (api) => {
      const m = (await api.call('measures:list', {}))[0]!;
      await api.call('measures:update', { id: m.id, patch: { title: 'Renamed after the meeting' } });
    });
    const b = join(dir, 'frozen-b.pdf');
    expect(await main(['pack', file, '--snapshot', snap.id, '--out', b], io)).toBe(0);
    const ta = run('pdftotext', [a, '-']);
    expect(ta).toContain('Frozen');
    expect(run('pdftotext', [b, '-'])).toBe(ta);
    expect(ta).not.toContain('Renamed after the meeting');
  });

  it('prints a decision longer than a page over several pages, every word of it, nothing clipped', async () => {
    const sentence = 'The committee weighs a manual billing run against the launch date.';
    await withApi(async (api) => {
      const [meeting] = await api.call('meetings:list', {});
      await api.call('decisions:create', { meetingId: meeting!.id, text: `${sentence} `.repeat(70).trim() });
    });
    const out = join(dir, 'long.pdf');
    expect(await main(['pack', file, '--out', out], io)).toBe(0);
    const text = run('pdftotext', [out, '-']).replace(/\s+/g, ' ');
    // Split between rows at a word boundary: count a word each sentence has once.
    expect(text.split(' weighs ').length - 1).toBe(70);
    expect(text.split(sentence).length - 1).toBeGreaterThanOrEqual(66);
    expect(text).toContain('Appendix: decision log (continued)');
    expect(text).toContain('(continued)');
  });

  it('refuses a missing browser, an unwritable output, an empty scope and an unknown snapshot, leaving no file', async () => {
    const out = join(dir, 'bad.pdf');
    expect(await main(['pack', file, '--browser', '/nonexistent/chrome', '--out', out], io), lines.join('\n')).toBe(2);
    expect(lines.join('\n')).toContain('No browser at /nonexistent/chrome');
    const path = process.env.PATH;
    process.env.PATH = join(dir, 'no-bin');
    try {
      expect(await main(['pack', file, '--out', out], io)).toBe(2);
    } finally {
      process.env.PATH = path;
    }
    expect(lines.join('\n')).toContain('No Chromium or Chrome found on PATH');
    expect(await main(['pack', file, '--out', join(dir, 'missing', 'x.pdf')], io)).toBe(2);
    expect(lines.join('\n')).toContain('does not exist. Nothing was written');
    const empty = await withApi((api) => api.call('nodes:create', { parentId: null, name: 'Nothing here' }));
    expect(await main(['pack', file, '--scope', empty.id, '--out', out], io)).toBe(2);
    expect(lines.join('\n')).toContain('"Nothing here" has no measures');
    expect(await main(['pack', file, '--snapshot', 'nope', '--out', out], io)).toBe(2);
    expect(lines.join('\n')).toContain('No pack snapshot nope');
    expect(existsSync(out)).toBe(false);
    expect(leftovers()).toEqual([]);
  });
});
