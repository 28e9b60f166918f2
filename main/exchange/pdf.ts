import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Pack } from '../../preload/contract/pack-types.js';
import { writeFileAtomic } from './atomic.js';

export const BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export class BrowserNotFoundError extends Error {}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The Chromium/Chrome to print with: the one given, else the first of BROWSER_NAMES on PATH. */
export function findBrowser(given: string | undefined, pathEnv: string = process.env.PATH ?? ''): string {
  if (given) {
    if (!executable(given)) throw new BrowserNotFoundError(`No browser at ${given} (not an executable file). Give the path of Chromium or Chrome with --browser.`);
    return given;
  }
  for (const dir of pathEnv.split(delimiter).filter(Boolean)) {
    for (const name of BROWSER_NAMES) if (executable(join(dir, name))) return join(dir, name);
  }
  throw new BrowserNotFoundError(
    `No Chromium or Chrome found on PATH (looked for ${BROWSER_NAMES.join(', ')}). Install one (e.g. apt-get install chromium) or give its path with --browser PATH.`,
  );
}

export const HEADLESS_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface PdfResult {
  pages: number;
  bytes: number;
  /** Time to the page's pack-ready signal (load, layout, charts) and to the PDF bytes, ms. */
  readyMs: number;
  printMs: number;
}

/**
 * Prints the renderer's print route at `url` to `out` in headless Chromium: waits for the
 * page's "pack-ready" signal (charts drawn, fonts loaded) so no chart is caught mid-draw,
 * then writes the PDF through a temporary file.
 */
export async function printPackPdf(opts: { url: string; out: string; browser: string; timeoutMs?: number; pack?: Pack }): Promise<PdfResult> {
  const t0 = performance.now();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: opts.browser, headless: true, args: HEADLESS_ARGS });
  try {
    const page = await browser.newPage();
    // The caller already assembled the pack: hand it to the print route instead of having it build the same pack again.
    if (opts.pack) await page.addInitScript((json: string) => Object.assign(window, { __STEERCO_PACK__: JSON.parse(json) as unknown }), JSON.stringify(opts.pack));
    await page.goto(opts.url);
    const state = await page.waitForFunction(
      () => document.documentElement.dataset.packReady ?? (document.documentElement.dataset.packError ? `error:${document.documentElement.dataset.packError}` : undefined),
      undefined,
      { timeout: opts.timeoutMs ?? 120_000, polling: 50 },
    );
    const signal = (await state.jsonValue()) as string;
    if (signal.startsWith('error:')) throw new Error(signal.slice(6));
    const pages = Number(await page.locator('.pack-pages').getAttribute('data-pages'));
    const t1 = performance.now();
    // Bookmarks from the sections' headings, and a tagged (accessible) PDF; its Title is the page's title.
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
    await writeFileAtomic(opts.out, pdf);
    return { pages, bytes: pdf.length, readyMs: Math.round(t1 - t0), printMs: Math.round(performance.now() - t1) };
  } finally {
    await browser.close();
  }
}
