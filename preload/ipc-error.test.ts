import { describe, expect, it } from 'vitest';
import { decodeIpcError, encodeIpcError } from './ipc-error.js';

describe('IPC error transport', () => {
  it('rebuilds the API error body from the message Electron hands the renderer', () => {
    const body = { code: 'bad_input' as const, message: 'an id is required', issues: [{ field: 'id', message: 'an id is required' }] };
    // What ipcRenderer.invoke rejects with when the handler threw new Error(encodeIpcError(body)).
    const message = `Error invoking remote method 'steerco:measures:get': Error: ${encodeIpcError(body)}`;
    expect(decodeIpcError(message)).toEqual({ name: 'ApiError', message: body.message, body });
  });

  it('turns anything else into an internal error that keeps the original text', () => {
    expect(decodeIpcError('Error invoking remote method: boom')).toEqual({
      name: 'ApiError',
      message: 'Error invoking remote method: boom',
      body: { code: 'internal', message: 'Error invoking remote method: boom' },
    });
    expect(decodeIpcError('x {"steercoError": broken').body.code).toBe('internal');
    expect(decodeIpcError('{"steercoError":{"code":1}}').body.code).toBe('internal');
  });
});
