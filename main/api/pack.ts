import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { NotFoundError, ValidationError } from '../../db/errors.js';
import {
  getSnapshotInfo,
  insertSnapshot,
  listSnapshots,
  readPackSettings,
  readPackTexts,
  snapshotData,
  snapshotForMeeting,
  writePackSettings,
  writePackTexts,
} from '../../db/repositories/pack.js';
import type { Pack, PackSnapshotInfo } from '../../preload/contract/pack-types.js';
import { assemblePack, DEFAULT_TEXTS, normalizeSettings } from '../domain/pack.js';
import { writeFileAtomic } from '../exchange/atomic.js';
import { packToPptx, slideCount } from '../exchange/pptx.js';
import { ApiError } from './errors.js';
import type { Handlers } from './handlers.js';
import { gatherFacts, scopeOf, type PackRequest } from './pack-facts.js';
import { listMeetings, meetingById } from './pack-meetings.js';
import type { ApiSession } from './session.js';
import { nowIso } from '../../db/clock.js';
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
  | 'pack:freeze'
  | 'pack:exportPdf'
  | 'pack:exportPptx';

/** Assembles the live pack; a scope without measures has nothing to show, so it is refused. */
export async function buildPack(s: ApiSession, req: PackRequest): Promise<Pack> {
  return assemblePack(await gatherFacts(s, req));
}

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

/** The acting person's name for the snapshot's "frozen by" line. */
function actorName(s: ApiSession): string {
  const actor = s.actor();
  const p = s.db().prepare('SELECT name FROM people WHERE id = ?').get(actor) as { name: string } | undefined;
  return p?.name ?? actor.replace(/^user:/, '');
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
      const clean = normalizeSettings(settings);
      s.act('Change pack layout', (w, db) => writePackSettings(w, db, clean));
      return clean;
    },
    'pack:texts': ({ scopeId, meetingId }) => readPackTexts(s.db(), meetingId ?? null, scopeOf(s.db(), scopeId).id) ?? DEFAULT_TEXTS,
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
    'pack:freeze': async (req) => {
      if (req.meetingId) {
        const held = snapshotForMeeting(s.db(), req.meetingId);
        if (held) throw new ValidationError(`This meeting's pack was already frozen on ${held.takenAt.slice(0, 10)}; reopen that snapshot to reprint it.`);
      }
      const pack = await buildPack(s, req);
      const id = randomUUID();
      const takenAt = nowIso();
      const takenBy = actorName(s);
      const frozen: Pack = { ...pack, meta: { ...pack.meta, frozen: { at: takenAt, by: takenBy, snapshotId: id } } };
      const m = pack.meta;
      // Holding the meeting and freezing its pack are one step (one undo).
      s.act(`Hold ${m.meetingTitle}: freeze pack ${m.date}`, (w, db) => {
        insertSnapshot(w, { id, meetingId: m.meetingId, meetingTitle: m.meetingTitle, scopeId: m.scopeId, scopeName: m.scopeName, date: m.date, takenAt, takenBy, data: JSON.stringify(frozen) });
        if (m.meetingId && meetingById(db, m.meetingId)?.status === 'planned') w.update('meetings', m.meetingId, { status: 'held' });
      });
      return getSnapshotInfo(s.db(), id) as PackSnapshotInfo;
    },
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
      const data = await packToPptx(pack);
      try {
        await writeFileAtomic(file, data);
      } catch (e) {
        throw writeError(e, file);
      }
      return { path: file, slides: slideCount(pack) };
    },
  };
}
