import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { EVENT_NAMES, METHOD_NAMES } from '../../preload/contract.js';
import { encodeIpcError } from '../../preload/ipc-error.js';
import { ApiError, type Api } from '../api/index.js';
import { isTrustedSender, type SenderInfo } from './policy.js';

export const CHANNEL_PREFIX = 'steerco:';
export const EVENT_CHANNEL = 'steerco:event';

function describeSender(event: IpcMainInvokeEvent, win: BrowserWindow | null): SenderInfo | null {
  const frame = event.senderFrame;
  if (!win || !frame) return null;
  const main = win.webContents.mainFrame;
  return {
    fromOurWindow: event.sender === win.webContents,
    isMainFrame: frame.parent === null && frame.processId === main.processId && frame.frameToken === main.frameToken,
    url: frame.url,
  };
}

/**
 * One `steerco:<method>` handler per contract method. The API parses the input with the
 * method's schema; here we only make sure the call comes from our own page.
 */
export function registerIpc(api: Api, getWindow: () => BrowserWindow | null): () => void {
  for (const name of METHOD_NAMES) {
    ipcMain.handle(CHANNEL_PREFIX + name, async (event, input: unknown) => {
      if (!isTrustedSender(describeSender(event, getWindow()))) {
        throw new Error(encodeIpcError({ code: 'forbidden', message: 'This page may not call the Steerco API.' }));
      }
      try {
        return await api.callUnknown(name, input);
      } catch (e) {
        const body = e instanceof ApiError ? e.body : { code: 'internal' as const, message: e instanceof Error ? e.message : String(e) };
        throw new Error(encodeIpcError(body));
      }
    });
  }
  return () => {
    for (const name of METHOD_NAMES) ipcMain.removeHandler(CHANNEL_PREFIX + name);
  };
}

/** Relays API events to the page; the preload filters them by name for its listeners. */
export function forwardEvents(api: Api, getWindow: () => BrowserWindow | null): () => void {
  const offs = EVENT_NAMES.map((name) =>
    api.session.on(name, (payload) => {
      const win = getWindow();
      if (win && !win.webContents.isDestroyed()) win.webContents.send(EVENT_CHANNEL, name, payload);
    }),
  );
  return () => offs.forEach((off) => off());
}
