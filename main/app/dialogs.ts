import { basename, join } from 'node:path';
import { dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { WORKSPACE_EXTENSION } from './paths.js';

export type PickMode = 'open' | 'create' | 'copy';

const FILTERS = [{ name: 'Steerco workspace', extensions: [WORKSPACE_EXTENSION.slice(1)] }];

/** Native open/save dialog for a workspace file; null when the user cancels. */
export async function pickPath(win: BrowserWindow | null, mode: PickMode, suggestedFolder: string, currentPath?: string | null): Promise<string | null> {
  if (mode === 'open') {
    const options: OpenDialogOptions = {
      title: 'Open workspace',
      defaultPath: suggestedFolder,
      properties: ['openFile'],
      filters: FILTERS,
    };
    const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return r.canceled ? null : (r.filePaths[0] ?? null);
  }
  const name =
    mode === 'copy' && currentPath ? `${basename(currentPath, WORKSPACE_EXTENSION)} copy${WORKSPACE_EXTENSION}` : `Workspace${WORKSPACE_EXTENSION}`;
  const options: SaveDialogOptions = {
    title: mode === 'copy' ? 'Save a copy of the workspace' : 'New workspace',
    buttonLabel: mode === 'copy' ? 'Save copy' : 'Create',
    defaultPath: join(suggestedFolder, name),
    filters: FILTERS,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return r.canceled || !r.filePath ? null : r.filePath;
}

/** Tells the user why a menu action failed; API errors carry a message meant for people. */
export async function showError(win: BrowserWindow | null, title: string, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const options = { type: 'error' as const, title, message: title, detail: message, buttons: ['OK'] };
  if (win) await dialog.showMessageBox(win, options);
  else await dialog.showMessageBox(options);
}

/** Save dialog for an exported pack (PDF or PowerPoint). */
export async function pickExportPath(win: BrowserWindow | null, format: 'pdf' | 'pptx', suggestedFolder: string, name: string): Promise<string | null> {
  const options: SaveDialogOptions = {
    title: format === 'pdf' ? 'Export steering pack as PDF' : 'Export steering pack as PowerPoint',
    defaultPath: join(suggestedFolder, name),
    filters: [format === 'pdf' ? { name: 'PDF', extensions: ['pdf'] } : { name: 'PowerPoint', extensions: ['pptx'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return r.canceled || !r.filePath ? null : r.filePath;
}

/** Save dialog for measures exported to Excel or CSV. */
export async function pickMeasuresExportPath(win: BrowserWindow | null, format: 'xlsx' | 'csv', suggested: string): Promise<string | null> {
  const options: SaveDialogOptions = {
    title: 'Export measures',
    defaultPath: suggested,
    filters: [format === 'xlsx' ? { name: 'Excel workbook', extensions: ['xlsx'] } : { name: 'CSV', extensions: ['csv'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return r.canceled || !r.filePath ? null : r.filePath;
}

/** Open dialog for a workbook or CSV to import (File › Import…, the import dialog's Browse…). */
export async function pickImportPath(win: BrowserWindow | null, folder: string): Promise<string | null> {
  const options: OpenDialogOptions = {
    title: 'Import measures',
    defaultPath: folder,
    properties: ['openFile'],
    filters: [
      { name: 'Excel workbook or CSV', extensions: ['xlsx', 'xlsm', 'csv', 'tsv', 'txt'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return r.canceled ? null : (r.filePaths[0] ?? null);
}
