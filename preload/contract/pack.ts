import { z } from 'zod';
import { method } from './define.js';
import { BRAND_FONTS, LOGO_MAX_BYTES, LOGO_MIMES, PACK_SECTIONS, PAPER_SIZES, type Pack, type PackMeetingRef, type PackSettings, type PackHoldCheck, type PackSnapshotInfo, type PackTexts, type PackTextsState } from './pack-types.js';
import { RAG } from './types.js';
import { filePath, overwrite } from './paths.js';
import { localeSchema } from './core.js';


const id = z.string().min(1).max(200);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const text = (max: number) => z.string().max(max);
const colour = z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'a colour as #RRGGBB (e.g. #1F4E79)');
/** Which pack: a scope (null = whole program) and optionally the meeting it is for. */
const target = { scopeId: id.nullable().optional(), meetingId: id.nullable().optional(), asOf: date.optional(), locale: localeSchema.optional() };

export const packSettingsSchema = z
  .object({
    sections: z.array(z.object({ key: z.enum(PACK_SECTIONS), enabled: z.boolean() }).strict()).max(PACK_SECTIONS.length),
    paper: z.enum(PAPER_SIZES),
    orientation: z.enum(['landscape', 'portrait']),
    confidentiality: text(300),
    branding: z
      .object({
        primary: colour,
        accent: colour,
        font: z.enum(BRAND_FONTS),
        logo: z
          .object({
            name: text(300),
            mime: z.enum(LOGO_MIMES),
            // Base64 of at most LOGO_MAX_BYTES: the api reads the image itself and says what is wrong with it.
            data: z.string().max(Math.ceil(LOGO_MAX_BYTES / 3) * 4 + 4, `a logo of at most ${LOGO_MAX_BYTES / 1000} KB`),
            // Read from the image by the api; what a caller sends is ignored.
            width: z.number().int().min(0).max(100_000).optional(),
            height: z.number().int().min(0).max(100_000).optional(),
          })
          .strict()
          .nullable(),
      })
      .strict(),
  })
  .strict();

export const packTextsSchema = z
  .object({
    overallStatus: z.enum(RAG),
    statusReason: text(300),
    summary: text(4000),
    keyAchievement: text(1000),
    keyConcern: text(1000),
  })
  .strict();

/** Steering packs: layout, texts, live assembly, snapshots and exports. */
export const packContract = {
  'pack:settings': method<PackSettings>()(z.object({}).strict()),
  /** Sections on/off and their order, paper, footer: one per workspace. */
  'pack:saveSettings': method<PackSettings>()(z.object({ settings: packSettingsSchema }).strict()),
  /** The texts of a pack: the meeting's own, else the draft's (they carry over until the meeting has its own), else none. */
  'pack:texts': method<PackTextsState>()(z.object({ scopeId: target.scopeId, meetingId: target.meetingId }).strict()),
  /** The written parts of a pack (overall status, summary, achievement, concern/ask), for the meeting when one is given. */
  'pack:saveTexts': method<PackTexts>()(z.object({ scopeId: target.scopeId, meetingId: target.meetingId, texts: packTextsSchema }).strict()),
  /** Assembles the pack live from the workspace; refused for a scope without measures. */
  'pack:build': method<Pack>()(z.object(target).strict()),
  /** Meetings a pack can be built for, with the snapshot frozen for each when held. */
  'pack:meetings': method<PackMeetingRef[]>()(z.object({}).strict()),
  'pack:snapshots': method<PackSnapshotInfo[]>()(z.object({}).strict()),
  /** A frozen pack exactly as it was shown. */
  'pack:snapshot': method<Pack>()(z.object({ id }).strict()),
  /** What holding a meeting would freeze: refused without a meeting; lists the texts still empty. */
  'pack:holdCheck': method<PackHoldCheck>()(z.object({ scopeId: target.scopeId, meetingId: target.meetingId }).strict()),
  /**
   * Holds the meeting: freezes its pack (data and texts) so it can be reprinted identically and
   * marks the meeting held, in one step. A meeting is required; empty texts are refused unless
   * `acceptEmpty` (the person saw the warning).
   */
  'pack:freeze': method<PackSnapshotInfo>()(z.object({ ...target, acceptEmpty: z.boolean().optional() }).strict()),
  /** Desktop app only: prints the pack to a PDF file with Electron's printToPDF (browser mode prints with the browser). */
  'pack:exportPdf': method<{ path: string; pages: number }>()(
    z.object({ ...target, snapshotId: id.optional(), path: filePath(), overwrite }).strict(),
  ),
  /** Writes the pack as PowerPoint slides (native charts and tables) to `path`. */
  'pack:exportPptx': method<{ path: string; slides: number }>()(
    z.object({ ...target, snapshotId: id.optional(), path: filePath(), overwrite }).strict(),
  ),
} as const;
