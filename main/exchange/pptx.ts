import PptxGenJS from 'pptxgenjs';
import type { Pack, PackBlock } from '../../preload/contract/pack-types.js';
import { RAG_LABELS, type Rag } from '../../preload/contract/types.js';
import { drawBlock, grid, INK, RAG_HEX, type Box } from './pptx-blocks.js';

const W = 13.333;
const H = 7.5;
const CONTENT: Box = { x: 0.4, y: 1.0, w: W - 0.8, h: H - 1.55 };

function frame(pptx: PptxGenJS, pack: Pack, title: string, n: { i: number }): PptxGenJS.Slide {
  const s = pptx.addSlide();
  s.addText(title, { x: 0.4, y: 0.25, w: W - 0.8, h: 0.55, fontSize: 22, bold: true, color: INK, margin: 0 });
  const m = pack.meta;
  const footer = `${m.workspaceName} · ${m.scopeName} · ${m.meetingTitle} · ${m.date}${m.frozen ? ' · frozen' : ''} · ${m.confidentiality}`;
  s.addText(footer, { x: 0.4, y: H - 0.45, w: W - 1.6, h: 0.3, fontSize: 8, color: '666666', margin: 0 });
  s.addText(String(++n.i), { x: W - 1.1, y: H - 0.45, w: 0.7, h: 0.3, fontSize: 8, color: '666666', align: 'right', margin: 0 });
  return s;
}

/** Text for an XML element that a library writes verbatim. */
function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Number of slides a pack makes: executive summary, one per other section, one per escalated measure. */
export function slideCount(pack: Pack): number {
  return 1 + pack.sections.filter((s) => s.key !== 'summary').length + pack.escalated.length;
}

function escalationSlide(pptx: PptxGenJS, pack: Pack, e: Pack['escalated'][number], n: { i: number }): void {
  const slide = frame(pptx, pack, `Escalation: ${e.code} ${e.title}`, n);
  const badge = (label: string, rag: Rag, x: number) =>
    slide.addText(`${label}: ${RAG_LABELS[rag]}`, { x, y: 1.0, w: 3, h: 0.45, fill: { color: RAG_HEX[rag] }, color: 'FFFFFF', bold: true, fontSize: 12, align: 'center' });
  slide.addText(`Owner: ${e.owner}`, { x: 0.4, y: 1.0, w: 5, h: 0.45, fontSize: 12, color: INK });
  badge('Delivery', e.implementationStatus, 6.5);
  badge('Value', e.potentialStatus, 9.8);
  const table: PackBlock = {
    type: 'table',
    columns: [
      { label: 'Escalated', width: 3.5 },
      { label: 'Rule', width: 2 },
      { label: 'Level', width: 1.1 },
      { label: 'Reason', width: 4 },
      { label: 'Due', width: 1.2 },
    ],
    rows: e.items.map((it) => [it.subject, it.rule, it.level, it.reason, it.due]),
    empty: '',
  };
  drawBlock(pptx, slide, table, { x: 0.4, y: 1.7, w: W - 0.8, h: H - 2.3 });
}

/** Builds the PowerPoint pack in memory: native, editable tables and charts. */
export async function packToPptx(pack: Pack): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = `${pack.meta.meetingTitle}: ${pack.meta.scopeName}`;
  // pptxgenjs writes the company into docProps/app.xml without escaping it (the title it escapes).
  pptx.company = xmlText(pack.meta.workspaceName);
  const n = { i: 0 };
  const summary = pack.sections.find((s) => s.key === 'summary');
  const exec = frame(pptx, pack, `Executive summary: ${pack.meta.scopeName}, ${pack.meta.date}`, n);
  if (summary) {
    // Figures across the top, the three written parts in a row, the charts below.
    const kpis = summary.blocks.filter((b) => b.type === 'kpis');
    const texts = summary.blocks.filter((b) => b.type === 'text' || b.type === 'note');
    const charts = summary.blocks.filter((b) => b.type === 'chart');
    kpis.forEach((b, i) => drawBlock(pptx, exec, b, { x: 0.4, y: 0.95 + i * 1.2, w: W - 0.8, h: 1.1 }));
    const textY = 0.95 + kpis.length * 1.2;
    grid(texts.length, { x: 0.4, y: textY, w: W - 0.8, h: 1.3 }, texts.length).forEach((box, i) => drawBlock(pptx, exec, texts[i]!, box));
    const chartY = textY + 1.45;
    if (charts.length) grid(charts.length, { x: 0.4, y: chartY, w: W - 0.8, h: H - chartY - 0.55 }, charts.length).forEach((box, i) => drawBlock(pptx, exec, charts[i]!, box));
  } else {
    exec.addText(`Overall status: ${RAG_LABELS[pack.texts.overallStatus]}. ${pack.texts.statusReason}`, { ...CONTENT, h: 1, fontSize: 14, color: INK });
  }
  for (const section of pack.sections) {
    if (section.key === 'summary') continue;
    const slide = frame(pptx, pack, section.title, n);
    grid(section.blocks.length, CONTENT).forEach((box, i) => drawBlock(pptx, slide, section.blocks[i]!, box));
  }
  for (const e of pack.escalated) escalationSlide(pptx, pack, e, n);
  return (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
}
