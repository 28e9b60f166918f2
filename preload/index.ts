/**
 * The sandboxed preload: exposes `window.steerco` with two narrow functions. The page
 * never gets ipcRenderer, an IpcRendererEvent (its `sender` is ipcRenderer) or a channel
 * name it chose. Bundled to CommonJS by build/bundle-main.mjs, which swaps the contract
 * module for its method and event names so zod stays out of the preload.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, METHOD_NAMES, type EventName, type Events, type SteercoBridge } from './contract.js';
import { decodeIpcError } from './ipc-error.js';

const methods = new Set<string>(METHOD_NAMES);
const events = new Set<string>(EVENT_NAMES);

function refused(message: string) {
  return { name: 'ApiError', message, body: { code: 'not_found', message } };
}

const bridge: SteercoBridge = {
  invoke(method, input) {
    if (typeof method !== 'string' || !methods.has(method)) return Promise.reject(refused(`Unknown method ${String(method)}`));
    return ipcRenderer.invoke(`steerco:${method}`, input).catch((e: unknown) => {
      throw decodeIpcError(e instanceof Error ? e.message : String(e));
    });
  },
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
    if (typeof event !== 'string' || !events.has(event)) throw new Error(`Unknown event ${String(event)}`);
    if (typeof listener !== 'function') throw new Error('listener must be a function');
    const relay = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload as Events[E]);
    };
    ipcRenderer.on('steerco:event', relay);
    return () => {
      ipcRenderer.removeListener('steerco:event', relay);
    };
  },
};

contextBridge.exposeInMainWorld('steerco', bridge);
