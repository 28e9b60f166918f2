import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Api } from '../api/index.js';
import { ApiError } from '../api/errors.js';

export const VERSION = '0.1.0';

/** Exit codes: 0 done, 1 failure, 2 bad input (nothing written). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export interface CliIO {
  out(line: string): void;
  err(line: string): void;
}

export function configDir(): string {
  return process.env.STEERCO_CONFIG_DIR ?? join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'steerco');
}

/**
 * The API, loaded when a command needs it: `steerco --help` and usage errors never load
 * the handlers (and exceljs, pptxgenjs … behind them), which keeps the CLI's start fast.
 */
export async function newApi(): Promise<Api> {
  const { createApi } = await import('../api/index.js');
  return createApi({ configDir: configDir(), version: VERSION });
}

/** Opens FILE through the API, runs `fn`, always closes (releases the lock). */
export async function withWorkspace<T>(file: string | undefined, fn: (api: Api) => Promise<T>): Promise<T> {
  if (!file) throw new CliError('A workspace FILE is required.');
  const api = await newApi();
  try {
    await api.call('workspace:open', { path: file });
    return await fn(api);
  } finally {
    api.close();
  }
}

export function describeError(e: unknown): { message: string; code: number } {
  if (e instanceof CliError) return { message: e.message, code: e.exitCode };
  if (e instanceof ApiError) {
    const bad = ['validation', 'bad_input', 'not_found', 'forbidden', 'exists', 'file'].includes(e.body.code);
    return { message: e.body.message, code: bad ? 2 : 1 };
  }
  return { message: e instanceof Error ? e.message : String(e), code: 1 };
}

export interface Command {
  /** Words that select the command, e.g. ['measures', 'set']. */
  path: string[];
  usage: string;
  summary: string;
  run(args: string[], io: CliIO): Promise<number>;
}
