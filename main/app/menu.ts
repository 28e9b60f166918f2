import { basename } from 'node:path';
import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuState {
  recent: string[];
  hasWorkspace: boolean;
  isPackaged: boolean;
  isMac: boolean;
}

/** Menu commands; each is wired to the API by main.ts and reports its own errors. */
export interface MenuActions {
  newWorkspace(): void;
  newDemoWorkspace(): void;
  open(): void;
  openRecent(path: string): void;
  saveCopy(): void;
  importMeasures(): void;
  exportPack(format: 'pdf' | 'pptx'): void;
  closeWorkspace(): void;
  undo(): void;
  redo(): void;
}

function fileMenu(state: MenuState, a: MenuActions): MenuItemConstructorOptions {
  const recent: MenuItemConstructorOptions[] = state.recent.length
    ? state.recent.map((path) => ({ label: basename(path), sublabel: path, toolTip: path, click: () => a.openRecent(path) }))
    : [{ label: 'No recent workspaces', enabled: false }];
  return {
    label: '&File',
    submenu: [
      { label: 'New workspace…', accelerator: 'CmdOrCtrl+N', click: () => a.newWorkspace() },
      { label: 'New demo workspace…', click: () => a.newDemoWorkspace() },
      { type: 'separator' },
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => a.open() },
      { label: 'Open recent', submenu: recent },
      { type: 'separator' },
      { label: 'Save a copy…', accelerator: 'CmdOrCtrl+Shift+S', enabled: state.hasWorkspace, click: () => a.saveCopy() },
      { type: 'separator' },
      { label: 'Import measures…', accelerator: 'CmdOrCtrl+I', enabled: state.hasWorkspace, click: () => a.importMeasures() },
      { label: 'Export steering pack as PDF…', enabled: state.hasWorkspace, click: () => a.exportPack('pdf') },
      { label: 'Export steering pack as PowerPoint…', enabled: state.hasWorkspace, click: () => a.exportPack('pptx') },
      { type: 'separator' },
      { label: 'Close workspace', accelerator: 'CmdOrCtrl+W', enabled: state.hasWorkspace, click: () => a.closeWorkspace() },
      // macOS keeps Quit in the application menu.
      ...(state.isMac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const, label: 'Quit' }]),
    ],
  };
}

function editMenu(a: MenuActions): MenuItemConstructorOptions {
  return {
    label: '&Edit',
    submenu: [
      // Workspace undo (the change log), not the text field's: every edit is saved as it is made.
      // The keys are not registered here: the page handles Ctrl+Z itself, so a focused
      // text field keeps its native undo and everywhere else the workspace undoes.
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', registerAccelerator: false, click: () => a.undo() },
      { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', registerAccelerator: false, click: () => a.redo() },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
}

function viewMenu(state: MenuState): MenuItemConstructorOptions {
  const dev: MenuItemConstructorOptions[] = state.isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  return {
    label: '&View',
    submenu: [...dev, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
  };
}

export function buildMenuTemplate(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  return [
    ...(state.isMac ? [{ role: 'appMenu' as const }] : []),
    fileMenu(state, actions),
    editMenu(actions),
    viewMenu(state),
    { role: 'windowMenu' },
  ];
}

/** Rebuilt whenever a workspace opens or closes, so Open recent and the enabled items stay current. */
export function installMenu(state: MenuState, actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(state, actions)));
}
