import { existsSync } from 'node:fs';
import type { WorkspaceInfo } from '../../preload/contract.js';
import { ApiError, type Api } from '../api/index.js';
import { today } from '../../db/clock.js';

/**
 * What the menu does, in terms of the API only, so the desktop shell and the renderer's
 * start screen take the same paths (pickPath goes through the shell's native dialogs).
 * Each returns null when the user cancelled.
 */
export async function newWorkspace(api: Api, opts: { demo?: boolean } = {}): Promise<WorkspaceInfo | null> {
  const { path } = await api.call('workspace:pickPath', { mode: 'create' });
  if (!path) return null;
  return api.call('workspace:create', { path, demo: opts.demo === true ? true : undefined });
}

export async function openWorkspace(api: Api, path?: string): Promise<WorkspaceInfo | null> {
  const chosen = path ?? (await api.call('workspace:pickPath', { mode: 'open' })).path;
  if (!chosen) return null;
  return api.call('workspace:open', { path: chosen });
}

export async function saveWorkspaceCopy(api: Api): Promise<string | null> {
  const { path } = await api.call('workspace:pickPath', { mode: 'copy' });
  if (!path) return null;
  return (await api.call('workspace:saveCopy', { path })).path;
}

export async function closeWorkspace(api: Api): Promise<void> {
  await api.call('workspace:close', {});
}

/** Undo/redo from the menu; with no workspace open there is simply nothing to undo. */
export async function historyStep(api: Api, step: 'undo' | 'redo'): Promise<string | null> {
  try {
    const r = await api.call(step === 'undo' ? 'history:undo' : 'history:redo', {});
    return r.done;
  } catch (e) {
    if (e instanceof ApiError && e.body.code === 'no_workspace') return null;
    throw e;
  }
}

export interface StartResult {
  workspace: WorkspaceInfo | null;
  /** Failures the user should hear about (the file they launched with did not open). */
  problems: { path: string; message: string }[];
}

/**
 * The workspace a launch opens: the file it was given, else the most recent one that
 * still exists, else the demo workspace in the user-data folder (created on first run).
 */
export async function openStartWorkspace(api: Api, opts: { argvFile: string | null; demoPath: string }): Promise<StartResult> {
  const problems: StartResult['problems'] = [];
  const attempt = async (path: string, report: boolean): Promise<WorkspaceInfo | null> => {
    try {
      return await api.call('workspace:open', { path });
    } catch (e) {
      if (report) problems.push({ path, message: e instanceof Error ? e.message : String(e) });
      return null;
    }
  };
  if (opts.argvFile) {
    const ws = await attempt(opts.argvFile, true);
    if (ws) return { workspace: ws, problems };
  }
  const recent = api.session.recent().find((p) => existsSync(p));
  if (recent) {
    // A recent file that no longer opens (moved, locked by another copy) is not worth a dialog.
    const ws = await attempt(recent, false);
    if (ws) return { workspace: ws, problems };
  }
  try {
    const ws = existsSync(opts.demoPath)
      ? await api.call('workspace:open', { path: opts.demoPath })
      : await api.call('workspace:create', { path: opts.demoPath, demo: true });
    return { workspace: ws, problems };
  } catch (e) {
    problems.push({ path: opts.demoPath, message: e instanceof Error ? e.message : String(e) });
    return { workspace: null, problems };
  }
}

/**
 * File › Export steering pack: the pack of the whole program for the next meeting, written
 * where the user chooses (the picker is the shell's save dialog). Null when cancelled.
 */
export async function exportPack(api: Api, format: 'pdf' | 'pptx', pick: (suggestedName: string) => Promise<string | null>): Promise<string | null> {
  const info = await api.call('app:info', {});
  if (!info.workspace) return null;
  const date = today();
  const safe = info.workspace.name.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'Steerco';
  const path = await pick(`${safe} - steering pack - ${date}.${format}`);
  if (!path) return null;
  const r = format === 'pptx' ? await api.call('pack:exportPptx', { path }) : await api.call('pack:exportPdf', { path });
  return r.path;
}
