import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiWithWorkspace } from '../api/test-helpers.js';
import { startHost, type Host } from './server.js';

let host: Host;
let cleanup: () => void;

beforeEach(async () => {
  const w = await apiWithWorkspace();
  cleanup = w.cleanup;
  host = await startHost({ api: w.api, rendererDir: w.dir });
});
afterEach(async () => {
  await host.close();
  cleanup();
});

const post = (method: string, body: string, token: string | null = host.token) =>
  fetch(`${host.url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });

describe('HTTP host', () => {
  it('binds loopback and serves the contract with the token', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const r = await post('measures:list', '{}');
    expect(r.status).toBe(200);
    const body = (await r.json()) as { ok: boolean; result: unknown[] };
    expect(body.result.length).toBeGreaterThan(40);
  });

  it('rejects a request without the token or with a wrong one (401)', async () => {
    expect((await post('measures:list', '{}', null)).status).toBe(401);
    expect((await post('measures:list', '{}', 'x'.repeat(32))).status).toBe(401);
  });

  it('rejects malformed JSON and input failing the schema (400 with the message)', async () => {
    const bad = await post('measures:list', '{nope');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/Malformed JSON/);
    const schema = await post('measures:update', JSON.stringify({ id: 1, patch: {} }));
    expect(schema.status).toBe(400);
    expect(((await schema.json()) as { code: string; message: string }).message).toMatch(/id/);
  });

  it('returns 400 with the rule message for a refused edit and 404 for an unknown method', async () => {
    const list = (await (await post('measures:list', '{}')).json()) as { result: { id: string }[] };
    const r = await post('measures:update', JSON.stringify({ id: list.result[0]!.id, patch: { title: '' } }));
    expect(r.status).toBe(400);
    expect(((await r.json()) as { message: string }).message).toMatch(/Title: is required/);
    expect((await post('nope:nothing', '{}')).status).toBe(404);
  });

  it('refuses to bind a non-loopback address unless asked', async () => {
    await expect(startHost({ api: (await apiWithWorkspace()).api, host: '0.0.0.0' })).rejects.toThrow(/only binds loopback/);
  });

  it('streams change events to a subscriber with the token', async () => {
    expect((await fetch(`${host.url}/events`)).status).toBe(401);
    const ctrl = new AbortController();
    const res = await fetch(`${host.url}/events?token=${host.token}`, { signal: ctrl.signal });
    const reader = res.body!.getReader();
    const list = (await (await post('measures:list', '{}')).json()) as { result: { id: string }[] };
    await post('measures:update', JSON.stringify({ id: list.result[0]!.id, patch: { title: 'Via HTTP' } }));
    let text = '';
    while (!text.includes('workspace:changed')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/"tables":\["measures"\]/);
    ctrl.abort();
  });
});
