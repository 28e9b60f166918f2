import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventEmitter } from 'node:events';
import type { SteercoBridge } from './contract.js';
import { encodeIpcError } from './ipc-error.js';

// Electron's runtime cannot load here; this stands in for the two objects the preload uses.
const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as [string, unknown][],
  reply: (_channel: string): Promise<unknown> => Promise.resolve(null),
  emitter: null as null | EventEmitter,
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const emitter = new Emitter();
  fake.emitter = emitter;
  return {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
    ipcRenderer: {
      invoke: (channel: string, input: unknown) => {
        fake.invoked.push([channel, input]);
        return fake.reply(channel);
      },
      on: (channel: string, fn: (...a: unknown[]) => void) => emitter.on(channel, fn),
      removeListener: (channel: string, fn: (...a: unknown[]) => void) => emitter.removeListener(channel, fn),
    },
  };
});

let bridge: SteercoBridge;
beforeAll(async () => {
  await import('./index.js');
  bridge = fake.exposed.get('steerco') as SteercoBridge;
});

describe('window.steerco', () => {
  it('exposes only invoke and on', () => {
    expect([...fake.exposed.keys()]).toEqual(['steerco']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards contract methods on their own channel', async () => {
    fake.reply = () => Promise.resolve({ version: '1' });
    await expect(bridge.invoke('app:info', {})).resolves.toEqual({ version: '1' });
    expect(fake.invoked.at(-1)).toEqual(['steerco:app:info', {}]);
  });

  it('refuses names outside the contract without touching IPC', async () => {
    const before = fake.invoked.length;
    await expect(bridge.invoke('shell:exec' as never, {} as never)).rejects.toMatchObject({ body: { code: 'not_found' } });
    await expect(bridge.invoke('__proto__' as never, {} as never)).rejects.toMatchObject({ body: { code: 'not_found' } });
    expect(fake.invoked.length).toBe(before);
  });

  it('rejects with the API error body', async () => {
    const body = { code: 'no_workspace' as const, message: 'No workspace is open' };
    fake.reply = (ch) => Promise.reject(new Error(`Error invoking remote method '${ch}': Error: ${encodeIpcError(body)}`));
    await expect(bridge.invoke('nodes:list', {})).rejects.toEqual({ name: 'ApiError', message: body.message, body });
  });

  it('delivers only the subscribed event, only its payload, until unsubscribed', () => {
    const seen: unknown[] = [];
    const off = bridge.on('workspace:changed', (p) => seen.push(p));
    const emitter = fake.emitter as EventEmitter;
    emitter.emit('steerco:event', { sender: 'ipcRenderer' }, 'workspace:opened', { workspace: null });
    emitter.emit('steerco:event', { sender: 'ipcRenderer' }, 'workspace:changed', { tables: ['measures'] });
    off();
    emitter.emit('steerco:event', { sender: 'ipcRenderer' }, 'workspace:changed', { tables: ['people'] });
    expect(seen).toEqual([{ tables: ['measures'] }]);
    expect(emitter.listenerCount('steerco:event')).toBe(0);
    expect(() => bridge.on('measures:secret' as never, () => undefined)).toThrow(/Unknown event/);
  });
});
