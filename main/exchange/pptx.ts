import PptxGenJS from 'pptxgenjs';
import type { Pack } from '../../preload/contract/pack-types.js';
import { drawItem, FONT, INK } from './pptx-blocks.js';
import { footerLayout, MARGIN_X, planSlides, SLIDE_W, TITLE_BOX, type SlidePlan } from './pptx-layout.js';

const MASTER = 'STEERCO_PACK';

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function footerText(pack: Pack): string {
  const m = pack.meta;
  return `${m.workspaceName} · ${m.scopeName} · ${m.meetingTitle} · ${m.date}${m.frozen ? ` · frozen ${m.frozen.at.slice(0, 10)}` : ''} · ${m.confidentiality}`;
}

/** The slides a pack makes, and the bottom of their content area (above the footer). */
export function packPlan(pack: Pack): SlidePlan[] {
  const footer = footerLayout(footerText(pack));
  return planSlides(pack, footer.y - 0.15);
}

/**
 * The slide master: the title placeholder every slide fills (so a client's template restyles
 * the titles), the rule under it, the footer and a slide-number field.
 */
function defineMaster(pptx: PptxGenJS, pack: Pack): void {
  const text = footerText(pack);
  const footer = footerLayout(text);
  pptx.defineSlideMaster({
    title: MASTER,
    background: { color: 'FFFFFF' },
    objects: [
      { placeholder: { options: { name: 'title', type: 'title', ...TITLE_BOX, fontFace: FONT, fontSize: 22, bold: true, color: INK, align: 'left', valign: 'top', margin: 0 }, text: '' } },
      { line: { x: MARGIN_X, y: TITLE_BOX.y + TITLE_BOX.h + 0.04, w: SLIDE_W - 2 * MARGIN_X, h: 0, line: { color: '2F6FB3', width: 1.5 } } },
      { text: { text, options: { x: MARGIN_X, y: footer.y, w: SLIDE_W - 2 * MARGIN_X - 0.9, h: footer.h, fontFace: FONT, fontSize: footer.pt, color: '666666', margin: 0, valign: 'top', fit: 'none' } } },
    ],
    slideNumber: { x: SLIDE_W - MARGIN_X - 0.7, y: footer.y, w: 0.7, h: 0.25, fontFace: FONT, fontSize: 8, color: '666666', align: 'right', margin: 0 },
  });
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
  for (const plan of plans) {
    const slide = pptx.addSlide({ masterName: MASTER });
    slide.addText(plan.title, { placeholder: 'title', fontSize: plan.titlePt, align: 'left' });
    for (const item of plan.items) drawItem(pptx, slide, item);
  }
  // write() drops `compression` when an output type is given (pptxgenjs 4.0); stream() keeps it and returns a Buffer.
  return { data: (await pptx.stream({ compression: true })) as Buffer, slides: plans.length };
}

