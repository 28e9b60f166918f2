import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { protocol } from 'electron';
import { APP_SCHEME, mimeType, resolveAppUrl } from './paths.js';
import { responseHeaders } from './policy.js';

/** Must run before `app` is ready: privileges cannot be granted to a scheme later. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: responseHeaders('text/plain; charset=utf-8') });
}

async function readOrNull(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch {
    // Missing files and directories alike are "not found"; readFile works inside app.asar too.
    return null;
  }
}

/** Serves the built renderer folder on app://steerco/, read-only, with the CSP on every response. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method not allowed');
    const target = resolveAppUrl(request.url, rendererDir);
    if (target.kind === 'refused') return text(403, 'Forbidden');
    let file = target.path;
    let body = await readOrNull(file);
    if (!body && target.spaFallback) {
      file = join(rendererDir, 'index.html');
      body = await readOrNull(file);
    }
    if (!body) return text(404, 'Not found');
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: responseHeaders(mimeType(file)),
    });
  });
}
