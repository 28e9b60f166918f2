/**
 * Entry of the desktop app (bundled to dist/main/app.mjs). Order matters: the app://
 * scheme privileges, the sandbox switch and the single-instance lock must all be settled
 * before `ready`; the protocol handler, permissions and IPC need it.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog } from 'electron';
import { createApi, type Api } from '../api/index.js';
import { closeWorkspace, exportPack, historyStep, newWorkspace, openStartWorkspace, openWorkspace, saveWorkspaceCopy } from './actions.js';
import { pickExportPath, pickImportPath, pickMeasuresExportPath, pickPath, showError } from './dialogs.js';
import { forwardEvents, registerIpc } from './ipc.js';
import { installMenu, type MenuActions } from './menu.js';
import { printPackWithElectron } from './pack-print.js';
import { distPaths, fileFromArgv } from './paths.js';
import { handleAppProtocol, registerAppScheme } from './protocol.js';
import { denyPermissions, hardenApp } from './security.js';
import { createMainWindow, focusMainWindow, getMainWindow } from './window.js';
import { applyTodayFromEnv } from '../../db/clock.js';

const isMac = process.platform === 'darwin';
const dist = distPaths(dirname(fileURLToPath(import.meta.url)));

let api: Api | null = null;
/** A file macOS asked us to open (Finder, dock) before the API existed. */
let pendingFile: string | null = null;

function report(title: string, task: () => Promise<unknown>): () => void {
  return () => {
    void task().catch((e: unknown) => showError(getMainWindow(), title, e));
  };
}

function openFile(path: string): void {
  focusMainWindow();
  if (!api) {
    pendingFile = path;
    return;
  }
  const ready = api;
  report('Could not open the workspace', () => openWorkspace(ready, path))();
}

function menuActions(a: Api): MenuActions {
  return {
    newWorkspace: report('Could not create the workspace', () => newWorkspace(a)),
    newDemoWorkspace: report('Could not create the demo workspace', () => newWorkspace(a, { demo: true })),
    open: report('Could not open the workspace', () => openWorkspace(a)),
    openRecent: (path) => report('Could not open the workspace', () => openWorkspace(a, path))(),
    saveCopy: report('Could not save a copy', () => saveWorkspaceCopy(a)),
    // The page shows the preview: the menu only picks the file.
    importMeasures: report('Could not import', async () => {
      const path = await pickImportPath(getMainWindow(), a.session.defaultFolder());
      if (path) a.session.emit('import:requested', { path });
    }),
    exportPack: (format) =>
      report('Could not export the steering pack', () =>
        exportPack(a, format, (name) => pickExportPath(getMainWindow(), format, a.session.defaultFolder(), name)),
      )(),
    closeWorkspace: report('Could not close the workspace', () => closeWorkspace(a)),
    undo: report('Could not undo', () => historyStep(a, 'undo')),
    redo: report('Could not redo', () => historyStep(a, 'redo')),
  };
}

async function refreshMenu(a: Api): Promise<void> {
  const info = await a.call('app:info', {});
  installMenu({ recent: info.recent, hasWorkspace: info.workspace !== null, isPackaged: app.isPackaged, isMac }, menuActions(a));
}

async function start(): Promise<void> {
  await app.whenReady();
  const badToday = applyTodayFromEnv();
  if (badToday) {
    dialog.showErrorBox('Steerco cannot start', badToday);
    app.exit(2);
    return;
  }
  handleAppProtocol(dist.renderer);
  denyPermissions();

  const userData = app.getPath('userData');
  const created = createApi({
    configDir: userData,
    version: app.getVersion(),
    shell: {
      pickPath: (mode, folder) => pickPath(getMainWindow(), mode, folder, created.session.path),
      pickSavePath: (format, suggested) => pickMeasuresExportPath(getMainWindow(), format, suggested),
      pickImportPath: () => pickImportPath(getMainWindow(), created.session.defaultFolder()),
      printPackPdf: printPackWithElectron,
    },
  });
  api = created;
  registerIpc(created, getMainWindow);
  forwardEvents(created, getMainWindow);
  created.session.on('workspace:opened', () => void refreshMenu(created).catch(() => undefined));

  const argvFile = pendingFile ?? fileFromArgv(process.argv, process.cwd());
  pendingFile = null;
  const { problems } = await openStartWorkspace(created, { argvFile, demoPath: join(userData, 'demo.steerco') });
  await refreshMenu(created);
  const win = createMainWindow(dist.preload);
  for (const p of problems) await showError(win, `Could not open ${p.path}`, p.message);
}

registerAppScheme();
hardenApp();

if (!app.requestSingleInstanceLock()) {
  // The running copy receives our argv through 'second-instance' and opens the file.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    focusMainWindow();
    const file = fileFromArgv(argv, workingDirectory);
    if (file) openFile(file);
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openFile(path);
  });
  app.on('window-all-closed', () => {
    if (!isMac) app.quit();
  });
  app.on('activate', () => {
    if (api && !getMainWindow()) createMainWindow(dist.preload);
  });
  app.on('will-quit', () => {
    // Closes the database and releases the workspace lock so another copy can open it.
    api?.close();
    api = null;
  });
  start().catch((e: unknown) => {
    dialog.showErrorBox('Steerco could not start', e instanceof Error ? (e.stack ?? e.message) : String(e));
    app.exit(1);
  });
}
