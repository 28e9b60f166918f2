import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium } from 'playwright-core';
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
}

/**
 * Prints the renderer's print route at `url` to `out` in headless Chromium: waits for the
 * page's "pack-ready" signal (charts drawn, fonts loaded) so no chart is caught mid-draw,
 * then writes the PDF through a temporary file.
 */
export async function printPackPdf(opts: { url: string; out: string; browser: string; timeoutMs?: number }): Promise<PdfResult> {
  const browser = await chromium.launch({ executablePath: opts.browser, headless: true, args: HEADLESS_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(opts.url);
    const state = await page.waitForFunction(
      () => document.documentElement.dataset.packReady ?? (document.documentElement.dataset.packError ? `error:${document.documentElement.dataset.packError}` : undefined),
      undefined,
      { timeout: opts.timeoutMs ?? 120_000, polling: 50 },
    );
    const signal = (await state.jsonValue()) as string;
    if (signal.startsWith('error:')) throw new Error(signal.slice(6));
    const pages = Number(await page.locator('.pack-pages').getAttribute('data-pages'));
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await writeFileAtomic(opts.out, pdf);
    return { pages, bytes: pdf.length };
  } finally {
    await browser.close();
  }
}
