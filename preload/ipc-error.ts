import type { ApiErrorBody } from './contract.js';

/**
 * Electron passes only an error's message from ipcMain.handle to ipcRenderer.invoke
 * (and prefixes it with "Error invoking remote method ..."), so the API error body
 * travels as JSON inside the message.
 */
const MARKER = '{"steercoError":';

export function encodeIpcError(body: ApiErrorBody): string {
  return JSON.stringify({ steercoError: body });
}

/** The error a bridge call rejects with: a plain object, because contextBridge drops custom properties of Errors. */
export interface BridgeError {
  name: 'ApiError';
  message: string;
  body: ApiErrorBody;
}

export function decodeIpcError(message: string): BridgeError {
  const at = message.indexOf(MARKER);
  if (at >= 0) {
    try {
      const parsed = JSON.parse(message.slice(at)) as { steercoError?: Partial<ApiErrorBody> };
      const b = parsed.steercoError;
      if (b && typeof b.code === 'string' && typeof b.message === 'string') {
        const body: ApiErrorBody = { code: b.code, message: b.message };
        if (Array.isArray(b.issues)) body.issues = b.issues;
        return { name: 'ApiError', message: body.message, body };
      }
    } catch {
      // Not our payload after all; fall through to a generic internal error.
    }
  }
  return { name: 'ApiError', message, body: { code: 'internal', message } };
}
