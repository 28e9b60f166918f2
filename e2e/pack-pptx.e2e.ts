import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorkspace } from '../bench/seed.js';
import { setMeta } from '../db/connection.js';
import { createApi, type Api } from '../main/api/index.js';
import { addPackData } from '../main/api/pack-test-data.js';
import { ARTIFACTS } from './harness.js';
import { pngOf } from '../main/domain/test-images.js';

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', timeout: 300_000, maxBuffer: 256 * 1024 * 1024 });

interface Word {
  page: number;
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Words of a PDF with their boxes (points), from pdftotext -bbox. */
function words(pdf: string): { pages: { w: number; h: number }[]; words: Word[] } {
  const html = run('pdftotext', ['-bbox', pdf, '-']);
  const pages: { w: number; h: number }[] = [];
  const out: Word[] = [];
  for (const part of html.split('<page ').slice(1)) {
    const [, w, h] = /width="([\d.]+)" height="([\d.]+)"/.exec(part)!;
    pages.push({ w: Number(w), h: Number(h) });
    for (const m of part.matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)) {
      out.push({ page: pages.length, x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), text: m[5]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"') });
    }
  }
  return { pages, words: out };
}

/** LibreOffice renders the slides to PDF (its own layout engine, not ours). */
function render(pptx: string, dir: string): string {
  const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
  try {
    run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, pptx]);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return join(dir, readdirSync(dir).find((f) => f.endsWith('.pdf'))!);
}

/**
 * Nothing outside its slide: every word inside the page, and below the content area only the
 * footer line and the slide number (a table or text running over the footer would show there).
 */
function checkInside(pdf: string, footer: string): void {
  const { pages, words: all } = words(pdf);
  const footerWords = new Set(footer.split(/\s+/));
  for (const w of all) {
    const p = pages[w.page - 1]!;
    expect(w.x0 >= -0.5 && w.y0 >= -0.5 && w.x1 <= p.w + 0.5 && w.y1 <= p.h + 0.5, `page ${w.page}: "${w.text}" at ${w.x0},${w.y0}–${w.x1},${w.y1} is outside the slide`).toBe(true);
    // The footer sits at 7.05 in of 7.5 in; content ends above it.
    if (w.y1 > p.h * (6.98 / 7.5)) expect(footerWords.has(w.text) || /^\d+$/.test(w.text), `page ${w.page}: "${w.text}" runs into the footer`).toBe(true);
  }
}

describe('PowerPoint pack as LibreOffice draws it', () => {
  let dir: string;
  let api: Api;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'steerco-pptx-lo-'));
  });
  afterAll(() => {
    api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders every slide of the demo pack with nothing outside its slide, every row there, names with & < > " intact', async () => {
    api = createApi({ configDir: join(dir, 'config'), version: 'e2e' });
    const file = join(dir, 'demo.steerco');
    await api.call('workspace:create', { path: file, demo: true });
    setMeta(api.session.db(), 'name', 'R&D <Ops> "Q1"');
    const [meeting] = await api.call('meetings:list', {});
    await api.call('decisions:create', { meetingId: meeting!.id, text: `Decide the <fallback> & "manual" run. ${'The committee weighs a manual run against the launch date. '.repeat(30)}` });
    await api.call('pack:saveTexts', { texts: { overallStatus: 'amber', statusReason: 'Billing feed late', summary: 'Gold launch holds. '.repeat(120), keyAchievement: 'Tiers priced', keyConcern: 'Approve the fallback' } });
    // Branded as a client would: their colours, Calibri and a wide logo beside the titles.
    const settings = await api.call('pack:settings', {});
    const logo = { name: 'logo.png', mime: 'image/png' as const, data: pngOf(480, 120, [31, 78, 121]).toString('base64') };
    await api.call('pack:saveSettings', { settings: { ...settings, branding: { primary: '#1F4E79', accent: '#C0392B', font: 'Calibri', logo } } });
    const out = join(dir, 'demo.pptx');
    const { slides } = await api.call('pack:exportPptx', { path: out });
    const pack = await api.call('pack:build', {});
    const lo = mkdtempSync(join(dir, 'lo-'));
    const pdf = render(out, lo);
    expect(Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))![1])).toBe(slides);
    const m = pack.meta;
    checkInside(pdf, `${m.workspaceName} · ${m.scopeName} · ${m.meetingTitle} · ${m.date} · ${m.confidentiality}`);
    const text = run('pdftotext', [pdf, '-']);
    for (const row of pack.sections.find((s) => s.key === 'appendix_measures')!.blocks.flatMap((b) => (b.type === 'table' ? b.rows : []))) {
      expect(text).toContain(row[0] as string);
    }
    expect(text).toContain('R&D <Ops> "Q1"');
    expect(text).toContain('Upstream dependency late');
    expect(text).not.toContain('more rows');
    // The logo is drawn on every slide (from the master): one image per page.
    const images = run('pdfimages', ['-list', pdf]).split('\n').slice(2).filter((l) => l.trim() && / image /.test(l));
    expect(new Set(images.map((l) => Number(l.trim().split(/\s+/)[0]))).size).toBe(slides);
    run('pdftoppm', ['-r', '60', '-f', '1', '-l', '8', '-png', pdf, join(ARTIFACTS, 'pptx-demo')]);
    run('pdftoppm', ['-r', '60', '-f', slides - 3, '-l', slides, '-png', pdf, join(ARTIFACTS, 'pptx-demo')].map(String));
  });

  it('puts a 300-measure program on continuation slides, every row present and inside its slide', async () => {
    api?.close();
    api = createApi({ configDir: join(dir, 'config2'), version: 'e2e' });
    const file = join(dir, 'big.steerco');
    seedWorkspace(file, { measures: 300, seed: 5 });
    await api.call('workspace:open', { path: file });
    addPackData(api.session.db(), { asOf: '2026-06-15', count: 40 });
    const out = join(dir, 'big.pptx');
    const { slides } = await api.call('pack:exportPptx', { path: out, asOf: '2026-06-15' });
    const pack = await api.call('pack:build', { asOf: '2026-06-15' });
    const lo = mkdtempSync(join(dir, 'lo-big-'));
    const pdf = render(out, lo);
    expect(Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))![1])).toBe(slides);
    const m = pack.meta;
    checkInside(pdf, `${m.workspaceName} · ${m.scopeName} · ${m.meetingTitle} · ${m.date} · ${m.confidentiality}`);
    const text = run('pdftotext', [pdf, '-']);
    const codes = pack.sections.find((s) => s.key === 'appendix_measures')!.blocks.flatMap((b) => (b.type === 'table' ? b.rows.map((r) => r[0] as string) : []));
    expect(codes).toHaveLength(300);
    const missing = codes.filter((c) => !text.includes(c));
    expect(missing).toEqual([]);
    expect(text).toContain('Appendix: measure list (continued)');
  });
});
