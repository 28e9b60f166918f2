import { resolve } from 'node:path';
import { NotFoundError, ValidationError } from '../../db/errors.js';
import { checkBranding } from '../domain/pack-branding.js';
import { listSnapshots, readPackSettings, snapshotData, snapshotForMeeting, writePackSettings, writePackTexts } from '../../db/repositories/pack.js';
import type { Pack } from '../../preload/contract/pack-types.js';
import { normalizeSettings } from '../domain/pack.js';
import { writeFileAtomic } from '../exchange/atomic.js';
import { packToPptx } from '../exchange/pptx.js';
import { ApiError } from './errors.js';
import type { Handlers } from './handlers.js';
import { buildPack, type PackRequest } from './pack-facts.js';
import { scopeOf } from './pack-scope.js';
import { freezePack, holdCheck } from './pack-hold.js';
import { textsFor } from './pack-texts.js';
import { listMeetings } from './pack-meetings.js';
import type { ApiSession } from './session.js';
import { checkWriteTarget } from '../../db/files.js';

type K =
  | 'pack:settings'
  | 'pack:saveSettings'
  | 'pack:texts'
  | 'pack:saveTexts'
  | 'pack:build'
  | 'pack:meetings'
  | 'pack:snapshots'
  | 'pack:snapshot'
  | 'pack:holdCheck'
  | 'pack:freeze'
  | 'pack:exportPdf'
  | 'pack:exportPptx';

export function frozenPack(s: ApiSession, id: string): Pack {
  const data = snapshotData(s.db(), id);
  if (!data) throw new NotFoundError(`No pack snapshot ${id} (it may have been deleted).`);
  return JSON.parse(data) as Pack;
}

/** The pack for a meeting: its frozen snapshot when the meeting was held, else the live pack. */
export async function packForMeeting(s: ApiSession, req: PackRequest): Promise<Pack> {
  const held = req.meetingId ? snapshotForMeeting(s.db(), req.meetingId) : undefined;
  return held ? frozenPack(s, held.id) : buildPack(s, req);
}

/** Turns file-system refusals into messages a person can act on. */
export function writeError(e: unknown, path: string): ApiError {
  const code = (e as { code?: string }).code;
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'ENOENT' || code === 'ENOTDIR'
        ? 'the folder does not exist'
        : code === 'EROFS'
          ? 'the disk is read-only'
          : code === 'EISDIR'
            ? 'it is a folder'
            : (e as Error).message;
  return new ApiError({ code: 'validation', message: `Cannot write ${path}: ${why}. Nothing was written; choose another location.` });
}

export function packHandlers(s: ApiSession): Pick<Handlers, K> {
  return {
    'pack:settings': () => normalizeSettings(readPackSettings(s.db())),
    'pack:saveSettings': ({ settings }) => {
      const checked = checkBranding(settings.branding);
      if ('issues' in checked) {
        throw new ValidationError(`Branding not saved: ${checked.issues.map((i) => i.message).join('; ')}.`, checked.issues.map((i) => ({ field: i.field, message: i.message })));
      }
      const before = normalizeSettings(readPackSettings(s.db()));
      const clean = normalizeSettings({ ...settings, branding: checked.branding });
      const { branding, ...layout } = clean;
      const { branding: was, ...wasLayout } = before;
      const brandingChanged = JSON.stringify(branding) !== JSON.stringify(was);
      const layoutChanged = JSON.stringify(layout) !== JSON.stringify(wasLayout);
      if (brandingChanged || layoutChanged) {
        const label = brandingChanged && !layoutChanged ? 'Change pack branding' : brandingChanged ? 'Change pack layout and branding' : 'Change pack layout';
        s.act(label, (w, db) => writePackSettings(w, db, clean));
      }
      return clean;
    },
    'pack:texts': ({ scopeId, meetingId }) => textsFor(s.db(), meetingId ?? null, scopeOf(s.db(), scopeId).id),
    'pack:saveTexts': ({ scopeId, meetingId, texts }) => {
      const scope = scopeOf(s.db(), scopeId);
      if (meetingId && snapshotForMeeting(s.db(), meetingId)) {
        throw new ValidationError('This meeting was held: its pack is frozen and its texts can no longer change.');
      }
      s.act('Edit pack texts', (w, db) => writePackTexts(w, db, meetingId ?? null, scope.id, texts));
      return texts;
    },
    'pack:build': (req) => buildPack(s, req),
    'pack:meetings': () => listMeetings(s.db()),
    'pack:snapshots': () => listSnapshots(s.db()),
    'pack:snapshot': ({ id }) => frozenPack(s, id),
    'pack:holdCheck': (req) => holdCheck(s, req),
    'pack:freeze': (req) => freezePack(s, req),
    'pack:exportPdf': async ({ path, snapshotId, overwrite, ...req }) => {
      const print = s.options.shell?.printPackPdf;
      if (!print) {
        throw new ApiError({
          code: 'unsupported',
          message: 'Saving a PDF directly needs the desktop app. In the browser use Print / PDF… (the browser saves it), or run: steerco pack FILE --out pack.pdf',
        });
      }
      const pack = snapshotId ? frozenPack(s, snapshotId) : await packForMeeting(s, req);
      const file = resolve(path);
      checkWriteTarget(file, { overwrite });
      const r = await print(pack, file).catch((e: unknown) => {
        throw (e as { code?: string }).code ? writeError(e, file) : e;
      });
      return { path: file, pages: r.pages };
    },
    'pack:exportPptx': async ({ path, snapshotId, overwrite, ...req }) => {
      const file = resolve(path);
      checkWriteTarget(file, { overwrite });
      const pack = snapshotId ? frozenPack(s, snapshotId) : await packForMeeting(s, req);
      const { data, slides } = await packToPptx(pack);
      try {
        await writeFileAtomic(file, data);
      } catch (e) {
        throw writeError(e, file);
      }
      return { path: file, slides };
    },
  };
}
