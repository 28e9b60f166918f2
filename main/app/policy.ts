import { isAppUrl } from './paths.js';

/** Only our own files run; inline styles are allowed because chart and grid libraries set them. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers on every app:// response. */
export function responseHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  };
}

/** Links leave the app only as https, in the user's browser; file:, javascript:, smb: etc. never. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.hostname !== '' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** What an IPC handler knows about the frame that called it. */
export interface SenderInfo {
  /** The sending webContents is our main window's. */
  fromOurWindow: boolean;
  /** The frame is the top frame of that window, not an iframe. */
  isMainFrame: boolean;
  /** The frame's current URL ('' when the frame is gone). */
  url: string;
}

/** An IPC call is served only for our own app:// page in our window's top frame. */
export function isTrustedSender(sender: SenderInfo | null): boolean {
  return sender !== null && sender.fromOurWindow && sender.isMainFrame && isAppUrl(sender.url);
}
