import type { PackFacts } from '../../preload/contract/pack-facts.js';
import {
  PACK_SECTION_TITLES,
  PACK_SECTIONS,
  PAPER_SIZES,
  type Pack,
  type PackBlock,
  type PackSectionKey,
  type PackSettings,
  type PackTexts,
} from '../../preload/contract/pack-types.js';
import { baselineOf, changeBlocks } from './pack-changes.js';
import { fileStem } from './pack-format.js';
import {
  actionBlocks,
  appendixDecisions,
  appendixMeasures,
  appendixRaid,
  decisionBlocks,
  escalatedMeasures,
  riskBlocks,
  statusBlocks,
  summaryBlocks,
} from './pack-sections.js';
import { milestoneBlocks } from './pack-milestones.js';
import { DEFAULT_BRANDING, normalizeBranding } from './pack-branding.js';
import { valueBlocks } from './pack-value.js';
import { rightsBlocks, serviceKpiBlocks, workflowBlocks } from './pack-workflows.js';

export const DEFAULT_CONFIDENTIALITY = 'Confidential: for steering committee members only';
export const MILESTONE_WINDOW_DAYS = 90;

export const DEFAULT_TEXTS: PackTexts = { overallStatus: 'grey', statusReason: '', summary: '', keyAchievement: '', keyConcern: '' };

export function defaultSettings(): PackSettings {
  return { sections: PACK_SECTIONS.map((key) => ({ key, enabled: true })), paper: 'A4', orientation: 'landscape', confidentiality: DEFAULT_CONFIDENTIALITY, branding: DEFAULT_BRANDING };
}

/**
 * Makes stored settings whole: unknown keys dropped, duplicates removed, sections added
 * by a later version appended (enabled) so an old workspace still shows them.
 */
export function normalizeSettings(stored: { sections: unknown; paper?: string; orientation?: string; confidentiality?: string; branding?: unknown } | null): PackSettings {
  const d = defaultSettings();
  if (!stored) return d;
  const seen = new Set<PackSectionKey>();
  const sections: PackSettings['sections'] = [];
  for (const s of Array.isArray(stored.sections) ? (stored.sections as unknown[]) : []) {
    const key = (s as { key?: unknown })?.key;
    if (typeof key !== 'string' || !(PACK_SECTIONS as readonly string[]).includes(key) || seen.has(key as PackSectionKey)) continue;
    seen.add(key as PackSectionKey);
    sections.push({ key: key as PackSectionKey, enabled: (s as { enabled?: unknown }).enabled !== false });
  }
  for (const key of PACK_SECTIONS) if (!seen.has(key)) sections.push({ key, enabled: true });
  return {
    sections,
    paper: (PAPER_SIZES as readonly string[]).includes(stored.paper ?? '') ? (stored.paper as PackSettings['paper']) : d.paper,
    orientation: stored.orientation === 'portrait' ? 'portrait' : 'landscape',
    confidentiality: stored.confidentiality ?? d.confidentiality,
    branding: normalizeBranding(stored.branding),
  };
}

/** The written parts still empty, in words, for the warning before a meeting is held. */
export function emptyTexts(t: PackTexts): string[] {
  const out: string[] = [];
  if (t.overallStatus === 'grey') out.push('Overall status (still "Not reported")');
  if (!t.statusReason.trim()) out.push('One-line reason for the status');
  if (!t.summary.trim()) out.push('Summary');
  if (!t.keyAchievement.trim()) out.push('Key achievement');
  if (!t.keyConcern.trim()) out.push('Key concern / ask of the committee');
  return out;
}

/** Assembles the pack from facts: pure, so a frozen pack and a live one are built the same way. */
export function assemblePack(f: PackFacts): Pack {
  const baseline = baselineOf(f);
  const build: Record<PackSectionKey, () => PackBlock[]> = {
    summary: () => summaryBlocks(f),
    decisions: () => decisionBlocks(f),
    actions: () => actionBlocks(f),
    changes: () => changeBlocks(f, baseline),
    status: () => statusBlocks(f),
    milestones: () => milestoneBlocks(f),
    value: () => valueBlocks(f),
    risks: () => riskBlocks(f),
    workflows: () => workflowBlocks(f),
    decision_rights: () => rightsBlocks(f),
    service_kpis: () => serviceKpiBlocks(f),
    appendix_measures: () => appendixMeasures(f),
    appendix_raid: () => appendixRaid(f),
    appendix_decisions: () => appendixDecisions(f),
  };
  const sections = f.settings.sections.filter((s) => s.enabled).map((s) => ({ key: s.key, title: PACK_SECTION_TITLES[s.key], blocks: build[s.key]() }));
  const date = f.meeting?.date ?? f.today;
  return {
    meta: {
      workspaceName: f.workspaceName,
      scopeId: f.scope.id,
      scopeName: f.scope.name,
      meetingId: f.meeting?.id ?? null,
      meetingTitle: f.meeting?.title ?? 'Steering committee',
      date,
      generatedAt: f.generatedAt,
      locale: f.locale ?? null,
      currency: f.currency,
      confidentiality: f.settings.confidentiality,
      paper: f.settings.paper,
      orientation: f.settings.orientation,
      branding: f.settings.branding,
      frozen: null,
      fileStem: fileStem(f.workspaceName, f.scope.name, date),
      measureCount: f.measures.length,
      emptyTexts: emptyTexts(f.texts),
    },
    texts: f.texts,
    sections,
    escalated: escalatedMeasures(f),
    baseline,
  };
}
