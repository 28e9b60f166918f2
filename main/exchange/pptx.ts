import PptxGenJS from 'pptxgenjs';
import { logoBox, type Pack } from '../../preload/contract/pack-types.js';
import { drawItem } from './pptx-blocks.js';
import { DEFAULT_BRANDING } from '../domain/pack-branding.js';
import { day } from '../domain/pack-format.js';
import { footerLayout, MARGIN_X, planSlides, SLIDE_W, TITLE_BOX, type SlidePlan } from './pptx-layout.js';

const MASTER = 'STEERCO_PACK';

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function footerText(pack: Pack): string {
  const m = pack.meta;
  return `${m.workspaceName} · ${m.scopeName} · ${m.meetingTitle} · ${day(m.date, m.locale)}${m.frozen ? ` · frozen ${day(m.frozen.at.slice(0, 10), m.locale)}` : ''} · ${m.confidentiality}`;
}

/** The logo's box at the right of the title area (inches), or null without a logo. */
function logoPlace(pack: Pack): { x: number; y: number; w: number; h: number } | null {
  const logo = pack.meta.branding?.logo;
  if (!logo) return null;
  const box = logoBox(logo, TITLE_BOX.h - 0.1, 2.4);
  return { x: SLIDE_W - MARGIN_X - box.w, y: TITLE_BOX.y + (TITLE_BOX.h - box.h) / 2, ...box };
}

/** The title placeholder's width: the whole title area, less the logo and a gap beside it. */
function titleWidth(pack: Pack): number {
  const logo = logoPlace(pack);
  return logo ? TITLE_BOX.w - logo.w - 0.25 : TITLE_BOX.w;
}

/** The slides a pack makes, and the bottom of their content area (above the footer). */
export function packPlan(pack: Pack): SlidePlan[] {
  const footer = footerLayout(footerText(pack));
  return planSlides(pack, footer.y - 0.15, titleWidth(pack));
}

/**
 * The slide master: the title placeholder every slide fills (so a client's template restyles
 * the titles), the rule under it, the footer and a slide-number field.
 */
function defineMaster(pptx: PptxGenJS, pack: Pack): void {
  const text = footerText(pack);
  const footer = footerLayout(text);
  const b = brandOf(pack);
  const logo = logoPlace(pack);
  const objects: PptxGenJS.SlideMasterProps['objects'] = [
    { placeholder: { options: { name: 'title', type: 'title', ...TITLE_BOX, w: titleWidth(pack), fontFace: b.font, fontSize: 22, bold: true, color: b.primary, align: 'left', valign: 'top', margin: 0 }, text: '' } },
    { line: { x: MARGIN_X, y: TITLE_BOX.y + TITLE_BOX.h + 0.04, w: SLIDE_W - 2 * MARGIN_X, h: 0, line: { color: b.accent, width: 1.5 } } },
    { text: { text, options: { x: MARGIN_X, y: footer.y, w: SLIDE_W - 2 * MARGIN_X - 0.9, h: footer.h, fontFace: b.font, fontSize: footer.pt, color: '666666', margin: 0, valign: 'top', fit: 'none' } } },
  ];
  if (logo && pack.meta.branding?.logo) {
    const l = pack.meta.branding.logo;
    objects.push({ image: { ...logo, data: `${l.mime};base64,${l.data}`, altText: `${pack.meta.workspaceName} logo` } as PptxGenJS.ImageProps });
  }
  pptx.defineSlideMaster({
    title: MASTER,
    background: { color: 'FFFFFF' },
    objects,
    slideNumber: { x: SLIDE_W - MARGIN_X - 0.7, y: footer.y, w: 0.7, h: 0.25, fontFace: b.font, fontSize: 8, color: '666666', align: 'right', margin: 0 },
  });
}

/** The pack's branding for the slides: colours as pptxgenjs wants them (no #). */
function brandOf(pack: Pack): { font: string; primary: string; accent: string } {
  const b = pack.meta.branding ?? DEFAULT_BRANDING;
  return { font: b.font, primary: b.primary.slice(1), accent: b.accent.slice(1) };
}

/** Builds the PowerPoint pack in memory: native, editable tables and charts, every row of every table, compressed. */
export async function packToPptx(pack: Pack): Promise<{ data: Buffer; slides: number }> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = `${pack.meta.workspaceName} – steering pack – ${pack.meta.meetingTitle} – ${pack.meta.date}`;
  pptx.subject = `${pack.meta.scopeName}: ${pack.meta.meetingTitle}`;
  pptx.author = 'Steerco';
  // pptxgenjs writes the company into docProps/app.xml as it is given.
  pptx.company = xmlEscape(pack.meta.workspaceName);
  defineMaster(pptx, pack);
  const plans = packPlan(pack);
  const brand = brandOf(pack);
  for (const plan of plans) {
    const slide = pptx.addSlide({ masterName: MASTER });
    slide.addText(plan.title, { placeholder: 'title', fontSize: plan.titlePt, align: 'left' });
    for (const item of plan.items) drawItem(pptx, slide, item, brand);
  }
  // write() drops `compression` when an output type is given (pptxgenjs 4.0); stream() keeps it and returns a Buffer.
  return { data: (await pptx.stream({ compression: true })) as Buffer, slides: plans.length };
}

