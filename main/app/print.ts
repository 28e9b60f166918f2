import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PrintToPDFOptions, WebContents } from 'electron';

/** Steering packs are landscape slides with their own @page rules and coloured status cells. */
const PACK_DEFAULTS: PrintToPDFOptions = {
  landscape: true,
  printBackground: true,
  preferCSSPageSize: true,
  pageSize: 'A4',
  generateDocumentOutline: true,
  generateTaggedPDF: true,
};

/** Renders a page to PDF bytes; options override the steering pack defaults. */
export function printToPDF(webContents: WebContents, options: PrintToPDFOptions = {}): Promise<Buffer> {
  return webContents.printToPDF({ ...PACK_DEFAULTS, ...options });
}

/** Renders to a file through a temporary name, so a reader never sees half a PDF. */
export async function printToPDFFile(webContents: WebContents, file: string, options: PrintToPDFOptions = {}): Promise<string> {
  const pdf = await printToPDF(webContents, options);
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  await writeFile(tmp, pdf);
  await rename(tmp, file);
  return file;
}
