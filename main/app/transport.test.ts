import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeIpcError } from '../../preload/ipc-error.js';
import { createApi, type Api } from '../api/index.js';

/*
 * The desktop transport against stand-ins for Electron's ipcMain, protocol and window (the
 * Electron binary cannot run here): the handlers main/app registers, called as Electron
 * would call them, over the real API and the real built-renderer folder.
 */
type Handler = (event: unknown, input: unknown) => Promise<unknown>;
const handlers = new Map<string, Handler>();
let served: ((request: Request) => Promise<Response>) | null = null;
const sent: unknown[][] = [];

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: Handler) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, fn);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  },
  protocol: {
    registerSchemesAsPrivileged: () => undefined,
    handle: (_scheme: string, fn: (request: Request) => Promise<Response>) => {
      served = fn;
    },
  },
}));

const { registerIpc, forwardEvents, CHANNEL_PREFIX, EVENT_CHANNEL } = await import('./ipc.js');
const { handleAppProtocol } = await import('./protocol.js');

/** Our window: its web contents and main frame, showing app://steerco/index.html. */
function ourWindow() {
  const mainFrame = { parent: null, processId: 7, frameToken: 'main', url: 'app://steerco/index.html' };
  const webContents = { mainFrame, isDestroyed: () => false, send: (...args: unknown[]) => void sent.push(args) };
  return { webContents } as unknown as BrowserWindow;
}

let dir: string;
let api: Api;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'steerco-ipc-'));
  api = createApi({ configDir: join(dir, 'config'), version: 'test' });
  await api.call('workspace:create', { path: join(dir, 'ws.steerco'), name: 'Test', demo: true });
  handlers.clear();
  sent.length = 0;
});
afterEach(() => {
  api.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('IPC (registerIpc, forwardEvents)', () => {
  it('answers our main frame through the real API, refuses other senders and bad input', async () => {
    const win = ourWindow();
    const off = registerIpc(api, () => win);
    const ours = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    const call = (channel: string, input: unknown, event: unknown = ours) => handlers.get(CHANNEL_PREFIX + channel)!(event, input);

    const list = (await call('measures:list', {})) as { id: string; title: string }[];
    expect(list.length).toBe(49);

    // A sub-frame, another page of ours, or a page from elsewhere: refused before the API runs.
    const frame = { parent: win.webContents.mainFrame, processId: 7, frameToken: 'sub', url: 'app://steerco/index.html' };
    for (const event of [
      { sender: win.webContents, senderFrame: frame },
      { sender: {}, senderFrame: win.webContents.mainFrame },
      { sender: win.webContents, senderFrame: { ...win.webContents.mainFrame, url: 'https://evil.example/' } },
    ]) {
      const e = (await call('measures:list', {}, event).catch((x: unknown) => x)) as Error;
      expect(decodeIpcError(e.message).body).toMatchObject({ code: 'forbidden' });
    }

    // Input is parsed by the method's schema; the refusal travels as the contract's error body.
    const bad = (await call('measures:update', { id: list[0]!.id, patch: { title: '' }, extra: 1 }).catch((x: unknown) => x)) as Error;
    expect(decodeIpcError(bad.message).body.code).toBe('bad_input');

    off();
    expect(handlers.size).toBe(0);
  });

  it('relays workspace events to the page on one channel', async () => {
    const win = ourWindow();
    const off = forwardEvents(api, () => win);
    const [m] = await api.call('measures:list', {});
    await api.call('measures:update', { id: m!.id, patch: { title: 'Relayed' } });
    const changed = sent.find((s) => s[0] === EVENT_CHANNEL && s[1] === 'workspace:changed');
    expect(changed?.[2]).toMatchObject({ tables: expect.arrayContaining(['measures']) as unknown, rows: { measures: [m!.id] } });
    off();
  });
});

describe('app:// protocol (handleAppProtocol)', () => {
  it('serves the renderer folder read-only with the CSP, falls back to index.html, refuses the rest', async () => {
    const root = join(dir, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Steerco</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'not for the page');
    handleAppProtocol(root);
    const get = (url: string, method = 'GET') => served!(new Request(url, { method }));

    const page = await get('app://steerco/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<title>Steerco</title>');
    const js = await get('app://steerco/assets/app.js');
    expect([js.status, js.headers.get('content-type')]).toEqual([200, expect.stringContaining('javascript')]);
    // A route of the single-page app gets the page; a missing asset does not.
    expect(await (await get('app://steerco/measures')).text()).toContain('<title>Steerco</title>');
    expect((await get('app://steerco/assets/missing.js')).status).toBe(404);
    // Outside the folder, another host, or a write: refused.
    expect((await get('app://steerco/..%2fsecret.txt')).status).not.toBe(200);
    expect((await get('app://other/index.html')).status).toBe(403);
    expect((await get('app://steerco/index.html', 'POST')).status).toBe(405);
  });
});
