import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApi, type Api } from './index.js';

/** A real API over a real workspace file in a fresh temp folder. */
export async function apiWithWorkspace(opts: { demo?: boolean } = {}): Promise<{ api: Api; dir: string; path: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'steerco-test-'));
  const api = createApi({ configDir: join(dir, 'config'), version: 'test' });
  const path = join(dir, 'ws.steerco');
  await api.call('workspace:create', { path, name: 'Test', demo: opts.demo ?? true });
  return {
    api,
    dir,
    path,
    cleanup: () => {
      api.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
