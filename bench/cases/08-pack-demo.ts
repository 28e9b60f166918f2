/**
 * The steering pack of the demo workspace (49 measures), as a consultant exports it before a
 * meeting: the PDF as `steerco pack FILE --out pack.pdf` makes it (host, headless Chromium on
 * the print route, tagged with bookmarks) vs Chromium printing an empty page the same way,
 * and the PowerPoint as `pack:exportPptx` writes it (assembly, slides, atomic write) vs
 * pptxgenjs writing the already assembled pack.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ensureRendererBuilt } from '../../main/cli/commands/serve.js';
import { findBrowser, HEADLESS_ARGS, printPackPdf } from '../../main/exchange/pdf.js';
import { packToPptx } from '../../main/exchange/pptx.js';
import { startHost } from '../../main/host/server.js';
import { median, timeAsync, type BenchCase, type BenchContext } from '../harness.js';

async function demo(ctx: BenchContext) {
  const api = ctx.api();
  await api.call('workspace:create', { path: ctx.newPath('demo.steerco'), demo: true });
  return api;
}

const RUNS = 5;

const pdf: BenchCase = {
  name: 'pack-demo-pdf',
  description: 'PDF of the demo pack (49 measures) in headless Chromium, tagged with bookmarks, vs Chromium printing an empty page the same way',
  target: { ratio: 4, appMs: 3000 },
  async run(ctx) {
    const api = await demo(ctx);
    ensureRendererBuilt({ out: (l) => ctx.log(l), err: (l) => ctx.log(l) });
    const browser = findBrowser(undefined);
    const dir = mkdtempSync(join(tmpdir(), 'steerco-bench-demo-'));
    const host = await startHost({ api });
    try {
      let pages = 0;
      const app = async () => {
        const pack = await api.call('pack:build', {});
        pages = (await printPackPdf({ url: `${host.url}/?print=pack#token=${host.token}`, out: join(dir, 'pack.pdf'), browser, pack })).pages;
      };
      const base = async () => {
        const b = await chromium.launch({ executablePath: browser, headless: true, args: HEADLESS_ARGS });
        const page = await b.newPage();
        await page.setContent('<style>@page { size: 297mm 210mm; margin: 0 }</style><h2>x</h2>');
        await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
        await b.close();
      };
      await app();
      await base();
      const apps: number[] = [];
      const raws: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        apps.push(await timeAsync(app));
        raws.push(await timeAsync(base));
      }
      return { appMs: median(apps), rawMs: median(raws), stat: `median of ${RUNS} (assembly and browser launch included)`, extra: { pages } };
    } finally {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

const pptx: BenchCase = {
  name: 'pack-demo-pptx',
  description: 'pack:exportPptx of the live demo pack (assembly + layout + slides + atomic write) vs pptxgenjs writing the assembled pack',
  target: { ratio: 3, appMs: 1500 },
  async run(ctx) {
    const api = await demo(ctx);
    const dir = mkdtempSync(join(tmpdir(), 'steerco-bench-demo-pptx-'));
    try {
      let slides = 0;
      const pack = await api.call('pack:build', {});
      const app = async () => {
        slides = (await api.call('pack:exportPptx', { path: join(dir, 'pack.pptx') })).slides;
      };
      const base = async () => void (await packToPptx(pack));
      await app();
      await base();
      const apps: number[] = [];
      const raws: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        apps.push(await timeAsync(app));
        raws.push(await timeAsync(base));
      }
      return { appMs: median(apps), rawMs: median(raws), stat: `median of ${RUNS} (${slides} slides)`, extra: { slides } };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default [pdf, pptx];
