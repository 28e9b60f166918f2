import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEntryText, zipEntries } from '../exchange/zip-entries.js';
import { demoWorkspace, runCli } from './test-cli.js';

let dir: string;
let file: string;
beforeAll(async () => {
  ({ dir, file } = await demoWorkspace('pack'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every text run of every slide. */
async function slideText(path: string): Promise<string> {
  const buf = readFileSync(path);
  const parts: string[] = [];
  for (const [name, e] of zipEntries(buf)!) if (/^ppt\/slides\/slide\d+\.xml$/.test(name)) parts.push(await readEntryText(buf, e));
  return parts.join('\n').replace(/<[^>]+>/g, ' ');
}

describe('steerco pack --locale', () => {
  it('writes dates and money the way the locale does; without it, ISO days and "EUR 1,234"', async () => {
    const de = join(dir, 'de.pptx');
    const r = await runCli('pack', file, '--format', 'pptx', '--out', de, '--locale', 'de-DE');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const text = await slideText(de);
    expect(text).toMatch(/\b\d{1,3}(\.\d{3})+\s+EUR\b/);
    expect(text).toMatch(/\b\d{2}\.\d{2}\.\d{4}\b/);
    const plain = join(dir, 'plain.pptx');
    expect((await runCli('pack', file, '--format', 'pptx', '--out', plain)).code).toBe(0);
    const iso = await slideText(plain);
    expect(iso).toMatch(/\bEUR \d{1,3}(,\d{3})+\b/);
    expect(iso).toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  });

  it('refuses a locale that is not a language tag: exit 2, the reason, nothing written', async () => {
    const out = join(dir, 'bad.pptx');
    const r = await runCli('pack', file, '--format', 'pptx', '--out', out, '--locale', 'klingon!');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--locale klingon!: not a language tag .* Nothing was written/);
    expect(existsSync(out)).toBe(false);
  });
});
