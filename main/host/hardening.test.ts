import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiWithWorkspace } from '../api/test-helpers.js';
import { startHost, type Host } from './server.js';

let host: Host;
let cleanup: () => void;
let api: Awaited<ReturnType<typeof apiWithWorkspace>>['api'];

beforeEach(async () => {
  const w = await apiWithWorkspace();
  cleanup = w.cleanup;
  api = w.api;
  host = await startHost({ api: w.api, rendererDir: w.dir });
});
afterEach(async () => {
  await host.close();
  cleanup();
});

/** A raw request, so the Host header and the path are exactly what a hostile page could send. */
function raw(path: string, opts: { host?: string; body?: string; method?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: opts.method ?? 'POST',
        headers: { host: opts.host ?? `127.0.0.1:${host.port}`, authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => done({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', fail);
    req.end(opts.body ?? '{}');
  });
}

describe('HTTP host hardening', () => {
  it('answers only to its loopback name and port (403 for another Host, e.g. DNS rebinding)', async () => {
    expect((await raw('/api/measures:list')).status).toBe(200);
    expect((await raw('/api/measures:list', { host: `localhost:${host.port}` })).status).toBe(200);
    for (const h of ['evil.example', `evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, `127.0.0.1.evil.example:${host.port}`]) {
      const r = await raw('/api/measures:list', { host: h });
      expect(r.status, h).toBe(403);
      expect(JSON.parse(r.body).code).toBe('forbidden');
    }
    expect((await raw('/', { host: 'evil.example', method: 'GET' })).status).toBe(403);
  });

  it('refuses a malformed address with 400, not an internal error', async () => {
    const r = await raw('/api/measures%E0%A4%A:list');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ code: 'bad_input', message: 'Malformed request address.' });
  });

  it('bounds every input in depth and size before its schema runs, and saved views in size and depth', async () => {
    let deep = '1';
    for (let i = 0; i < 40; i++) deep = `[${deep}]`;
    const r = await raw('/api/measures:list', { body: `{"ids":${deep}}` });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).message).toContain('nested more than 32 levels');

    const before = await api.call('views:list', {});
    const big = await raw('/api/views:save', { body: JSON.stringify({ name: 'Huge', state: { filter: 'x'.repeat(70_000) } }) });
    expect(big.status).toBe(400);
    expect(JSON.parse(big.body).message).toContain('a saved view is at most 64 kB');
    let nested: unknown = 1;
    for (let i = 0; i < 12; i++) nested = { a: nested };
    const tooDeep = await raw('/api/views:save', { body: JSON.stringify({ name: 'Deep', state: { nested } }) });
    expect(tooDeep.status).toBe(400);
    expect(await api.call('views:list', {})).toEqual(before);
    const ok = await raw('/api/views:save', { body: JSON.stringify({ name: 'Fine', state: { sort: [{ colId: 'title', sort: 'asc' }] } }) });
    expect(ok.status).toBe(200);
  });
});
