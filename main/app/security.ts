import { app, session, shell, type WebContents } from 'electron';
import { isSafeExternalUrl } from './policy.js';

function openExternally(url: string): void {
  if (isSafeExternalUrl(url)) void shell.openExternal(url).catch(() => undefined);
}

/** Guards every webContents the app ever creates, including ones we did not expect. */
function guardContents(contents: WebContents): void {
  // The app is a single page; any navigation means a link or an injected redirect.
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternally(url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}

/** Process-wide hardening; call before `app` is ready (enableSandbox must precede it). */
export function hardenApp(): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
}

/** No camera, microphone, notifications, geolocation, clipboard reads, HID, serial, ... */
export function denyPermissions(): void {
  const s = session.defaultSession;
  s.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
  s.setDevicePermissionHandler(() => false);
}
