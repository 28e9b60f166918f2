import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/** The renderer's origin: a privileged standard scheme, so it behaves like https (origin, storage, CSP). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'steerco';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
export const WORKSPACE_EXTENSION = '.steerco';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** Content type by extension; unknown files are served as opaque bytes, never sniffed into script. */
export function mimeType(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** True when `url` is a page of our own renderer (`app://steerco/...`). */
export function isAppUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  // URL#origin is "null" for schemes Node does not know, so compare the parts.
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

export type AppFile =
  /** A file inside the renderer folder (it may not exist). */
  | { kind: 'file'; path: string; spaFallback: boolean }
  /** The request is malformed or tries to leave the renderer folder. */
  | { kind: 'refused'; reason: string };

/**
 * Maps an `app://steerco/...` request to a file inside `root`. The URL parser already
 * collapses `..` and `%2e%2e` segments; decoding can still produce separators
 * (`%2f`, `%5c`), so the decoded path is checked again against the root.
 */
export function resolveAppUrl(url: string, root: string): AppFile {
  if (!isAppUrl(url)) return { kind: 'refused', reason: 'not an app:// URL of this app' };
  const { pathname } = new URL(url);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: 'refused', reason: 'malformed percent-encoding' };
  }
  if (decoded.includes('\0')) return { kind: 'refused', reason: 'NUL byte in path' };
  // A backslash is a separator on Windows only; refusing it everywhere keeps behaviour identical.
  if (decoded.includes('\\')) return { kind: 'refused', reason: 'backslash in path' };
  const base = resolve(root);
  const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = resolve(base, rel);
  const inside = relative(base, full);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || !full.startsWith(base + sep)) {
    return { kind: 'refused', reason: 'path escapes the renderer folder' };
  }
  // Client-side routes (`/measures/42`) have no extension; they get index.html when missing.
  return { kind: 'file', path: full, spaFallback: extname(full) === '' };
}

/**
 * The workspace file a launch asks for: the last argument naming a `.steerco` file,
 * relative to the launching shell's folder. Flags (`--inspect`, Chromium switches) are skipped.
 */
export function fileFromArgv(argv: readonly string[], cwd: string): string | null {
  for (let i = argv.length - 1; i >= 1; i--) {
    const arg = argv[i]!;
    if (arg.startsWith('-')) continue;
    if (extname(arg).toLowerCase() !== WORKSPACE_EXTENSION) continue;
    return resolve(cwd, arg);
  }
  return null;
}

/** Where the bundled main module finds its siblings: `dist/main/app.mjs` → `dist/renderer`, `dist/preload`. */
export function distPaths(mainModuleDir: string): { renderer: string; preload: string } {
  return {
    renderer: resolve(mainModuleDir, '..', 'renderer'),
    preload: resolve(mainModuleDir, '..', 'preload', 'index.cjs'),
  };
}
