import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './index.js';

/** Runs the CLI in-process as `steerco …argv`, collecting what it prints. */
export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A temporary folder (its own config dir) holding a fresh demo workspace made by `steerco demo`. */
export async function demoWorkspace(prefix: string, name = 'demo.steerco'): Promise<{ dir: string; file: string }> {
  const dir = mkdtempSync(join(tmpdir(), `steerco-cli-${prefix}-`));
  process.env.STEERCO_CONFIG_DIR = join(dir, 'config');
  const file = join(dir, name);
  const r = await runCli('demo', file);
  if (r.code !== 0) throw new Error(`steerco demo failed: ${r.err}`);
  return { dir, file };
}
