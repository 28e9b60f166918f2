import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { EVENT_NAMES } from '../../preload/contract.js';
import { toApiError, type Api } from '../api/index.js';
import { serveStatic } from './static.js';
import { projectRoot } from './root.js';
import { join } from 'node:path';

export interface HostOptions {
  api: Api;
  port?: number;
  /** Loopback unless `allowRemote`: the host serves a workspace, it must not leak to the network. */
  host?: string;
  allowRemote?: boolean;
  token?: string;
  rendererDir?: string;
  maxBodyBytes?: number;
}

export interface Host {
  url: string;
  /** The URL to open in a browser: carries the token in the fragment (never sent to the server). */
  openUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
export const DEFAULT_RENDERER_DIR = join(projectRoot(), 'dist/renderer/');

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(Object.assign(new Error(`Request body over ${limit} bytes`), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Serves the contract over HTTP on loopback: `POST /api/<method>` with a bearer token,
 * events as server-sent events on `/events?token=…`, and the built renderer.
 */
export async function startHost(opts: HostOptions): Promise<Host> {
  const host = opts.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host) && !opts.allowRemote) {
    throw new Error(`Refusing to listen on ${host}: the host only binds loopback unless remote access is explicitly allowed (--allow-remote).`);
  }
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const rendererDir = opts.rendererDir ?? DEFAULT_RENDERER_DIR;
  const limit = opts.maxBodyBytes ?? 64 * 1024 * 1024;
  const { api } = opts;
  const sse = new Set<ServerResponse>();
  const remote = !LOOPBACK.has(host);
  /** `Host` header values this server answers to (filled once the port is known). */
  const allowedHosts = new Set<string>();

  const unsubscribe = EVENT_NAMES.map((name) =>
    api.session.on(name, (payload) => {
      const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const res of sse) res.write(frame);
    }),
  );

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) json(res, 500, { code: 'internal', message: `Internal error: ${(e as Error).message}` });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A page on another site can reach 127.0.0.1 through a name it controls (DNS rebinding):
    // only requests addressed to this server by a loopback name and its port are served.
    if (!remote && !allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      return json(res, 403, { code: 'forbidden', message: `This Steerco host answers only to ${[...allowedHosts][0]}, not to "${(req.headers.host ?? '').slice(0, 100)}".` });
    }
    let url: URL;
    let method = '';
    try {
      url = new URL(req.url ?? '/', 'http://host');
      if (url.pathname.startsWith('/api/')) method = decodeURIComponent(url.pathname.slice(5));
    } catch {
      return json(res, 400, { code: 'bad_input', message: 'Malformed request address.' });
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return json(res, 405, { code: 'bad_input', message: 'Use POST' });
      const auth = req.headers.authorization;
      if (!sameToken(auth?.startsWith('Bearer ') ? auth.slice(7) : null, token)) {
        return json(res, 401, { code: 'forbidden', message: 'Missing or wrong token' });
      }
      let input: unknown;
      try {
        const body = await readBody(req, limit);
        input = body.trim() === '' ? {} : JSON.parse(body);
      } catch (e) {
        const status = (e as { status?: number }).status ?? 400;
        return json(res, status, { code: 'bad_input', message: status === 413 ? (e as Error).message : `Malformed JSON: ${(e as Error).message}` });
      }
      try {
        const out = await api.callUnknown(method, input);
        return json(res, 200, { ok: true, result: out ?? null });
      } catch (e) {
        const err = toApiError(e);
        return json(res, err.status, err.body);
      }
    }
    if (url.pathname === '/events') {
      if (!sameToken(url.searchParams.get('token'), token)) return json(res, 401, { code: 'forbidden', message: 'Missing or wrong token' });
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      sse.add(res);
      req.on('close', () => sse.delete(res));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { code: 'bad_input', message: 'Method not allowed' });
    serveStatic(rendererDir, url.pathname, res);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  for (const name of [host.includes(':') ? `[${host}]` : host, '127.0.0.1', 'localhost', '[::1]']) allowedHosts.add(`${name}:${port}`.toLowerCase());
  const shown = host.includes(':') ? `[${host}]` : host;
  const base = `http://${shown}:${port}`;
  return {
    url: base,
    openUrl: `${base}/#token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((done) => {
        unsubscribe.forEach((u) => u());
        for (const res of sse) res.end();
        sse.clear();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
