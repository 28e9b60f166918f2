/** Steering pack types shared by main, the CLI and the renderer. Pure types and constants. */
import type { Rag } from './types.js';

/** The sections of the brief's "Steering pack", in their default order. */
export const PACK_SECTIONS = [
  'summary',
  'decisions',
  'actions',
  'changes',
  'status',
  'milestones',
  'value',
  'risks',
  'workflows',
  'decision_rights',
  'service_kpis',
  'appendix_measures',
  'appendix_raid',
  'appendix_decisions',
] as const;
export type PackSectionKey = (typeof PACK_SECTIONS)[number];

export const PACK_SECTION_TITLES: Record<PackSectionKey, string> = {
  summary: 'Executive summary',
  decisions: 'Decisions required',
  actions: 'Actions from the last meeting',
  changes: 'What changed since the last meeting',
  status: 'Delivery and value status',
  milestones: 'Milestones: overdue, and due in the next 90 days',
  value: 'Value',
  risks: 'Top risks, issues and escalations',
  workflows: 'Service workflows',
  decision_rights: 'Decision rights',
  service_kpis: 'Service KPIs',
  appendix_measures: 'Appendix: measure list',
  appendix_raid: 'Appendix: RAID log',
  appendix_decisions: 'Appendix: decision log',
};

export const PAPER_SIZES = ['A4', 'Letter'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

/**
 * Fonts a pack can be set in. All are no wider than DejaVu Sans, whose widths the slides are
 * laid out with, so no text set in them overflows its box (see main/exchange/text-measure.ts).
 */
export const BRAND_FONTS = ['Arial', 'Calibri', 'Helvetica', 'Segoe UI', 'IBM Plex Sans', 'Liberation Sans', 'Georgia', 'Times New Roman'] as const;
export type BrandFont = (typeof BRAND_FONTS)[number];
export const LOGO_MIMES = ['image/png', 'image/jpeg'] as const;
/** Largest logo accepted (bytes of the image file): it travels in every pack, slide master and sync of the settings. */
export const LOGO_MAX_BYTES = 300_000;

/** The client's logo as the pack shows it: the image file's bytes (base64) and its size in pixels. */
export interface PackLogo {
  name: string;
  mime: (typeof LOGO_MIMES)[number];
  data: string;
  width: number;
  height: number;
}

/** A logo's box in a header `h` high (any unit), never wider than `maxW`: its own proportions. */
/* Shared by the PDF page header (renderer) and the slide master (main/exchange). */
export function logoBox(logo: Pick<PackLogo, 'width' | 'height'>, h: number, maxW: number): { w: number; h: number } {
  const w = (logo.width / logo.height) * h;
  return w <= maxW ? { w, h } : { w: maxW, h: (maxW * logo.height) / logo.width };
}

/** The workspace's branding of its packs (PDF, preview, PowerPoint); carried by the method file. */
export interface PackBranding {
  /** Titles and the workspace name (#RRGGBB). */
  primary: string;
  /** The rule under the page header and the slide title (#RRGGBB). */
  accent: string;
  font: BrandFont;
  logo: PackLogo | null;
}

/** Per-workspace pack layout: which sections, in which order, on which paper, and its branding. */
export interface PackSettings {
  sections: { key: PackSectionKey; enabled: boolean }[];
  paper: PaperSize;
  orientation: 'landscape' | 'portrait';
  confidentiality: string;
  branding: PackBranding;
}

/** The parts of a pack a person writes (per meeting and scope). */
export interface PackTexts {
  overallStatus: Rag;
  statusReason: string;
  summary: string;
  keyAchievement: string;
  keyConcern: string;
}

/** Where the texts shown come from: the meeting's own, carried over from the draft, or none written yet. */
export interface PackTextsState {
  texts: PackTexts;
  source: 'meeting' | 'draft' | 'none';
}

/** What holding a meeting would freeze, and what is still empty in it. */
export interface PackHoldCheck {
  meetingId: string;
  meetingTitle: string;
  /** The meeting already has a frozen pack. */
  held: boolean;
  empty: string[];
}

export interface PackColumn {
  label: string;
  /** Relative width (fractions of the table width are derived from the sum). */
  width: number;
  align?: 'left' | 'right' | 'center';
}

/** A cell: display text, optionally a RAG colour for status cells. */
export type PackCell = string | { text: string; rag: Rag };

export interface PackChart {
  kind: 'bar' | 'stacked' | 'line' | 'waterfall';
  /** What the numbers are, e.g. "EUR thousand". */
  unit: string;
  labels: string[];
  series: { name: string; data: number[]; type?: 'bar' | 'line'; color: string }[];
}

/** One piece of a section; pagination never splits a block except tables between rows. */
export type PackBlock =
  | { type: 'text'; title?: string; text: string }
  | { type: 'kpis'; items: { label: string; value: string; hint?: string; rag?: Rag }[] }
  | { type: 'table'; title?: string; columns: PackColumn[]; rows: PackCell[][]; empty: string }
  | { type: 'chart'; title: string; chart: PackChart }
  | { type: 'note'; text: string };

export interface PackSection {
  key: PackSectionKey;
  title: string;
  blocks: PackBlock[];
}

/** A measure with an escalated RAID item: one slide each in the PowerPoint pack. */
export interface EscalatedMeasure {
  code: string;
  title: string;
  owner: string;
  implementationStatus: Rag;
  potentialStatus: Rag;
  items: { subject: string; rule: string; level: string; reason: string; due: string }[];
}

/** The state a snapshot remembers so the next pack can say what changed. */
export interface PackBaseline {
  measures: Record<string, { code: string; title: string; di: number; impl: Rag; pot: Rag; forecast: number; lifecycle: string }>;
  raid: Record<string, { code: string; title: string; kind: string; status: string }>;
  decisions: string[];
}

export interface PackMeta {
  workspaceName: string;
  scopeId: string | null;
  scopeName: string;
  meetingId: string | null;
  meetingTitle: string;
  /** The meeting's date or, without one, the day the pack was built (YYYY-MM-DD). */
  date: string;
  generatedAt: string;
  /** The locale its dates are written in (the one who built it); absent: ISO (older packs, the CLI). */
  locale?: string | null;
  currency: string;
  confidentiality: string;
  paper: PaperSize;
  orientation: 'landscape' | 'portrait';
  /** The branding it was built with (absent in snapshots made before branding existed: the defaults). */
  branding?: PackBranding;
  /** Set when this pack is a frozen snapshot. */
  frozen: { at: string; by: string; snapshotId: string } | null;
  /** Safe file name stem: workspace, scope and date. */
  fileStem: string;
  measureCount: number;
  /** The written parts still empty (see emptyTexts): holding the meeting warns about them first. Absent in old snapshots. */
  emptyTexts?: string[];
}

/** An assembled pack: everything the preview, the PDF and the slides show. */
export interface Pack {
  meta: PackMeta;
  texts: PackTexts;
  sections: PackSection[];
  escalated: EscalatedMeasure[];
  baseline: PackBaseline;
}

export interface PackSnapshotInfo {
  id: string;
  meetingId: string | null;
  meetingTitle: string;
  scopeId: string | null;
  scopeName: string;
  date: string;
  takenAt: string;
  takenBy: string;
}

export interface PackMeetingRef {
  id: string;
  title: string;
  date: string;
  /** Snapshot frozen for this meeting, if held. */
  snapshotId: string | null;
}
