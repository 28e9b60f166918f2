import { BrowserWindow } from 'electron';
import type { Pack } from '../../preload/contract.js';
import { APP_ENTRY_URL } from './paths.js';
import { printToPDFFile } from './print.js';

const READY_TIMEOUT_MS = 120_000;

/**
 * Prints a steering pack with Electron's printToPDF: a hidden window (no preload, so no
 * API access) loads the renderer's print route, receives the assembled pack as a
 * `steerco-pack` event (and as `window.__STEERCO_PACK__`), and is printed once it signals
 * `data-pack-ready` (laid out from measured heights, charts drawn, animation off). The PDF goes to a temporary file, then is renamed.
 */
export async function printPackWithElectron(pack: Pack, path: string): Promise<{ pages: number }> {
  const win = new BrowserWindow({
    show: false,
    width: 1400,
    height: 1000,
    webPreferences: { contextIsolation: true, nodeIntegration: false, sandbox: true, webSecurity: true, javascript: true, devTools: false },
  });
  try {
    await win.loadURL(`${APP_ENTRY_URL}?print=pack&inject=1`);
    // The print route loads its code after the page: it finds the pack on the window when it mounts later, or gets the event if it is already there.
    const json = JSON.stringify(JSON.stringify(pack));
    await win.webContents.executeJavaScript(`window.__STEERCO_PACK__ = JSON.parse(${json}); window.dispatchEvent(new CustomEvent('steerco-pack', { detail: ${json} })); true`);
    const started = performance.now();
    for (;;) {
      const state = (await win.webContents.executeJavaScript(
        "document.documentElement.dataset.packReady ? 'ready' : (document.documentElement.dataset.packError ?? '')",
      )) as string;
      if (state === 'ready') break;
      if (state) throw new Error(state);
      if (performance.now() - started > READY_TIMEOUT_MS) throw new Error('The pack did not finish drawing in time.');
      await new Promise((r) => setTimeout(r, 50));
    }
    const pages = Number(await win.webContents.executeJavaScript("document.querySelector('.pack-pages')?.dataset.pages ?? '0'"));
    await printToPDFFile(win.webContents, path, { pageSize: pack.meta.paper, landscape: pack.meta.orientation === 'landscape' });
    return { pages };
  } finally {
    win.destroy();
  }
}
