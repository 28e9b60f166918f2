import { accessSync, constants } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Api } from '../../api/index.js';
import { FileError } from '../../../db/errors.js';
import { checkWriteTarget } from '../../../db/files.js';
import { CliError, withWorkspace, type CliIO, type Command } from '../context.js';
import { ensureRendererBuilt } from './serve.js';
import { isLocaleTag } from '../../../preload/contract/parse.js';

const USAGE = 'pack FILE [--meeting ID | --latest | --snapshot ID] [--scope NODE] [--out PATH] [--format pdf|pptx] [--browser PATH] [--as-of DATE] [--locale TAG] [--force]';

/** Refuses an output path that cannot be written before any work is done. */
/** The output may be written: its folder exists, and an existing file is replaced only with --force. */
function checkOut(out: string, force: boolean): void {
  try {
    checkWriteTarget(out, { overwrite: force });
  } catch (e) {
    if (e instanceof FileError) throw new CliError(e.reason === 'exists' ? `${out} already exists; add --force to replace it. Nothing was written.` : e.message);
    throw e;
  }
  try {
    accessSync(dirname(out), constants.W_OK);
  } catch {
    throw new CliError(`Cannot write ${out}: permission denied on ${dirname(out)}. Nothing was written.`);
  }
}

interface Target {
  scopeId: string | null;
  meetingId: string | null;
  snapshotId: string | null;
}

/** --latest: the newest meeting, else the newest frozen pack. */
async function resolveTarget(api: Api, v: { meeting?: string; latest?: boolean; snapshot?: string; scope?: string }): Promise<Target> {
  const picked = [v.meeting, v.latest, v.snapshot].filter(Boolean).length;
  if (picked > 1) throw new CliError('Give only one of --meeting, --latest and --snapshot.');
  const scopeId = v.scope ?? null;
  if (v.snapshot) return { scopeId, meetingId: null, snapshotId: v.snapshot };
  if (v.latest) {
    const meetings = await api.call('pack:meetings', {});
    if (meetings[0]) return { scopeId, meetingId: meetings[0].id, snapshotId: meetings[0].snapshotId };
    const snaps = await api.call('pack:snapshots', {});
    if (snaps[0]) return { scopeId, meetingId: null, snapshotId: snaps[0].id };
    throw new CliError('--latest: this workspace has no meetings and no frozen packs yet. Leave out --latest to print the live pack.');
  }
  if (v.meeting) {
    const held = (await api.call('pack:meetings', {})).find((m) => m.id === v.meeting);
    return { scopeId, meetingId: v.meeting, snapshotId: held?.snapshotId ?? null };
  }
  return { scopeId, meetingId: null, snapshotId: null };
}

async function run(args: string[], io: CliIO): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      meeting: { type: 'string' },
      latest: { type: 'boolean' },
      snapshot: { type: 'string' },
      scope: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      browser: { type: 'string' },
      'as-of': { type: 'string' },
      locale: { type: 'string' },
      force: { type: 'boolean' },
    },
  });
  const format = values.format ?? (values.out && extname(values.out).toLowerCase() === '.pptx' ? 'pptx' : 'pdf');
  if (format !== 'pdf' && format !== 'pptx') throw new CliError(`--format ${format}: use pdf or pptx.`);
  const locale = values.locale;
  if (locale !== undefined && !isLocaleTag(locale)) throw new CliError(`--locale ${locale}: not a language tag (for example de-DE or en-US). Nothing was written.`);
  // Loaded here, not at start: `steerco --help` stays fast.
  const [{ toApiError }, { frozenPack, packForMeeting, writeError }, { BrowserNotFoundError, findBrowser, printPackPdf }, { startHost }] = await Promise.all([
    import('../../api/index.js'),
    import('../../api/pack.js'),
    import('../../exchange/pdf.js'),
    import('../../host/server.js'),
  ]);
  // Fail fast on a missing browser, before opening the workspace.
  let browser = '';
  if (format === 'pdf') {
    try {
      browser = findBrowser(values.browser);
    } catch (e) {
      if (e instanceof BrowserNotFoundError) throw new CliError(e.message);
      throw e;
    }
  }
  return withWorkspace(positionals[0], async (api) => {
    const t = await resolveTarget(api, values);
    const asOf = values['as-of'];
    // Dates and money in --locale's way (the PDF and the slides alike); without it the PDF follows the browser, the slides ISO.
    const req = { scopeId: t.scopeId, meetingId: t.meetingId, asOf, ...(locale ? { locale } : {}) };
    // Called directly (not through api.call), so map domain errors to the API's here.
    const pack = await (t.snapshotId ? Promise.resolve().then(() => frozenPack(api.session, t.snapshotId!)) : packForMeeting(api.session, req)).catch((e: unknown) => {
      throw toApiError(e);
    });
    const out = resolve(values.out ?? `${pack.meta.fileStem}.${format}`);
    checkOut(out, values.force === true);
    const what = `${pack.meta.meetingTitle}, ${pack.meta.scopeName}, ${pack.meta.date}${pack.meta.frozen ? ' (frozen)' : ''}`;
    if (format === 'pptx') {
      const r = await api.call('pack:exportPptx', { ...req, snapshotId: t.snapshotId ?? undefined, path: out, overwrite: values.force === true });
      io.out(`Wrote ${r.path}: ${r.slides} slides (${what}).`);
      return 0;
    }
    ensureRendererBuilt(io);
    io.out(`Rendering ${what} (${pack.meta.measureCount} measures) in ${browser}…`);
    const host = await startHost({ api });
    try {
      const q = new URLSearchParams({ print: 'pack' });
      if (t.snapshotId) q.set('snapshot', t.snapshotId);
      else {
        if (t.scopeId) q.set('scope', t.scopeId);
        if (t.meetingId) q.set('meeting', t.meetingId);
        if (asOf) q.set('asOf', asOf);
        if (locale) q.set('locale', locale);
      }
      const r = await printPackPdf({ url: `${host.url}/?${q.toString()}#token=${host.token}`, out, browser, pack }).catch((e: unknown) => {
        throw (e as { code?: string }).code ? writeError(e, out) : e;
      });
      io.out(`Wrote ${out}: ${r.pages} pages (${what}).`);
      return 0;
    } finally {
      await host.close();
    }
  });
}

export const packCommands: Command[] = [
  { path: ['pack'], usage: USAGE, summary: 'Print the steering pack to PDF (headless Chromium) or PowerPoint', run },
];
