import { describe, expect, it } from 'vitest';
import { join, resolve, sep } from 'node:path';
import { APP_ENTRY_URL, distPaths, fileFromArgv, isAppUrl, mimeType, resolveAppUrl } from './paths.js';
import { CONTENT_SECURITY_POLICY, isSafeExternalUrl, isTrustedSender, responseHeaders } from './policy.js';

const root = resolve('/srv/steerco/dist/renderer');
const inRoot = (...p: string[]) => join(root, ...p);

describe('resolveAppUrl', () => {
  it('serves index.html for the origin and maps paths into the renderer folder', () => {
    expect(resolveAppUrl('app://steerco/', root)).toEqual({ kind: 'file', path: inRoot('index.html'), spaFallback: false });
    expect(resolveAppUrl('app://steerco', root)).toEqual({ kind: 'file', path: inRoot('index.html'), spaFallback: false });
    expect(resolveAppUrl('app://steerco/assets/index-abc.js?v=1#x', root)).toEqual({ kind: 'file', path: inRoot('assets', 'index-abc.js'), spaFallback: false });
    expect(resolveAppUrl('app://steerco/fonts/Inter%20Var.woff2', root)).toMatchObject({ path: inRoot('fonts', 'Inter Var.woff2') });
  });

  it('lets client-side routes fall back to index.html, but not missing assets', () => {
    expect(resolveAppUrl('app://steerco/measures/42', root)).toMatchObject({ kind: 'file', spaFallback: true });
    expect(resolveAppUrl('app://steerco/assets/missing.js', root)).toMatchObject({ kind: 'file', spaFallback: false });
  });

  it.each([
    'app://steerco/../../etc/passwd',
    'app://steerco/%2e%2e/%2e%2e/etc/passwd',
    'app://steerco/%2E%2E/%2E%2E/etc/passwd',
    'app://steerco/.%2e/.%2e/etc/passwd',
    'app://steerco/assets/../../../etc/passwd',
  ])('keeps dot segments inside the root: %s', (url) => {
    const r = resolveAppUrl(url, root);
    // The URL parser collapses these before we see them; whatever remains must stay under the root.
    expect(r.kind === 'refused' || (r.kind === 'file' && r.path.startsWith(root + sep))).toBe(true);
    if (r.kind === 'file') expect(r.path).toBe(inRoot('etc', 'passwd'));
  });

  it.each([
    ['app://steerco/..%2f..%2fetc%2fpasswd', 'escapes'],
    ['app://steerco/%2e%2e%2f%2e%2e%2fetc%2fpasswd', 'escapes'],
    ['app://steerco/assets/..%2F..%2F..%2Fsecret', 'escapes'],
    ['app://steerco/..%5c..%5cwindows%5cwin.ini', 'backslash'],
    ['app://steerco/a%5Cb', 'backslash'],
    ['app://steerco/index.html%00.png', 'NUL'],
    ['app://steerco/%E0%A4%A', 'percent'],
  ])('refuses encoded traversal and malformed paths: %s', (url, reason) => {
    const r = resolveAppUrl(url, root);
    expect(r.kind).toBe('refused');
    if (r.kind === 'refused') expect(r.reason).toContain(reason);
  });

  it('refuses other schemes, hosts and credentials', () => {
    for (const url of ['file:///etc/passwd', 'https://steerco/index.html', 'app://evil/index.html', 'app://user:pw@steerco/index.html', 'not a url']) {
      expect(resolveAppUrl(url, root).kind).toBe('refused');
    }
  });

  it('does not mistake a sibling folder with the same prefix for the root', () => {
    // "/srv/steerco/dist/renderer-evil" starts with the root's string but is outside it.
    expect(resolveAppUrl('app://steerco/..%2frenderer-evil%2fx.js', root).kind).toBe('refused');
  });
});

describe('isAppUrl', () => {
  it('accepts only our origin', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://steerco/measures/1')).toBe(true);
    expect(isAppUrl('app://steerco.evil.com/')).toBe(false);
    expect(isAppUrl('app://steerco:8080/')).toBe(false);
    expect(isAppUrl('https://steerco/')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });
});

describe('mimeType', () => {
  it('knows what a Vite build emits and never guesses the rest', () => {
    expect(mimeType('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeType('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeType('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(mimeType('/x/a.svg')).toBe('image/svg+xml');
    expect(mimeType('/x/a.woff2')).toBe('font/woff2');
    expect(mimeType('/x/a.wasm')).toBe('application/wasm');
    expect(mimeType('/x/a.exe')).toBe('application/octet-stream');
    expect(mimeType('/x/README')).toBe('application/octet-stream');
  });
});

describe('fileFromArgv', () => {
  it('finds the workspace a launch names, relative to the launching folder', () => {
    expect(fileFromArgv(['/opt/Steerco/steerco', 'plan.steerco'], '/home/a')).toBe(resolve('/home/a', 'plan.steerco'));
    expect(fileFromArgv(['electron', '.', '--no-sandbox', '/data/Q3.STEERCO'], '/x')).toBe(resolve('/data/Q3.STEERCO'));
    expect(fileFromArgv(['steerco', '--allow-file-access-from-files', '--x=a.steerco'], '/x')).toBeNull();
    expect(fileFromArgv(['steerco', 'notes.txt'], '/x')).toBeNull();
    expect(fileFromArgv(['/weird/path/app.steerco'], '/x')).toBeNull();
  });
});

describe('distPaths', () => {
  it('places renderer and preload beside the main bundle', () => {
    expect(distPaths(resolve('/app/dist/main'))).toEqual({ renderer: resolve('/app/dist/renderer'), preload: resolve('/app/dist/preload/index.cjs') });
  });
});

describe('policy', () => {
  it('sends a strict CSP with every response', () => {
    for (const d of ["default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "connect-src 'self'", "object-src 'none'", "frame-ancestors 'none'"]) {
      expect(CONTENT_SECURITY_POLICY).toContain(d);
    }
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(responseHeaders('text/html')).toMatchObject({ 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' });
  });

  it('opens only https links outside the app', () => {
    expect(isSafeExternalUrl('https://example.com/report?id=1')).toBe(true);
    for (const url of ['http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://share/x', 'ms-msdt:foo', 'https://user:pw@example.com', 'app://steerco/', '']) {
      expect(isSafeExternalUrl(url)).toBe(false);
    }
  });

  it('serves IPC only to our app:// page in our window top frame', () => {
    const ok = { fromOurWindow: true, isMainFrame: true, url: 'app://steerco/index.html' };
    expect(isTrustedSender(ok)).toBe(true);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender({ ...ok, fromOurWindow: false })).toBe(false);
    expect(isTrustedSender({ ...ok, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ ...ok, url: 'https://evil.example/' })).toBe(false);
    expect(isTrustedSender({ ...ok, url: 'file:///tmp/x.html' })).toBe(false);
    expect(isTrustedSender({ ...ok, url: '' })).toBe(false);
  });
});
