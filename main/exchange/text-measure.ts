/**
 * Text measurement for the slides, which have no layout engine of their own: advance widths
 * of DejaVu Sans (regular and bold, read from the font files), the widest of the sans fonts a
 * slide is drawn with (PowerPoint's Arial and LibreOffice's Liberation Sans are narrower), so a
 * row measured here never needs more lines than it was given.
 */
const FIRST = 32;
// Advance widths in 1/1000 em of U+0020..U+007E.
const REGULAR = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686,
  698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615,
  352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];
const BOLD = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774,
  762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593,
  716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];
const OTHER: Record<string, [number, number]> = {
  '—': [1000, 1000],
  '–': [500, 500],
  '·': [318, 380],
  '…': [1000, 1000],
  '−': [838, 838],
  '€': [636, 696],
  '✓': [838, 838],
  '✗': [838, 838],
  '→': [838, 838],
  '↓': [838, 838],
  '“': [518, 657],
  '”': [518, 657],
  '‘': [318, 380],
  '’': [318, 380],
  '×': [838, 838],
  '\u00a0': [318, 348],
};
/** Room for rounding and hinting differences between renderers (measured renderings come out a few per cent narrower). */
const SAFETY = 1.01;

function charWidth(ch: string, bold: boolean): number {
  const c = ch.codePointAt(0)!;
  if (c >= FIRST && c < FIRST + REGULAR.length) return (bold ? BOLD : REGULAR)[c - FIRST]!;
  const o = OTHER[ch];
  if (o) return bold ? o[1] : o[0];
  // East Asian wide characters take a full em; other letters (accented Latin, Greek, Cyrillic) about a digit.
  if (c >= 0x2e80) return 1000;
  return bold ? 780 : 700;
}

/** Width of a single line of text, in inches, at `pt` points. */
export function textWidth(s: string, pt: number, bold = false): number {
  let em = 0;
  for (const ch of s) em += charWidth(ch, bold);
  return (em / 1000) * (pt / 72) * SAFETY;
}

/** Height of one line of text at `pt` points, in inches (the font's ascent + descent, with leading). */
export function lineHeight(pt: number): number {
  return (pt * 1.2) / 72;
}

/** Splits a word wider than the line into pieces that fit. */
function breakWord(word: string, width: number, pt: number, bold: boolean): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of word) {
    if (cur && textWidth(cur + ch, pt, bold) > width) {
      out.push(cur);
      cur = ch;
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * The lines `text` wraps into in a box `width` inches wide: at spaces, breaking a word only
 * when it is wider than the line on its own (as PowerPoint and LibreOffice do). Line breaks in
 * the text start a new line.
 */
export function wrapText(text: string, width: number, pt: number, bold = false): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      const candidate = line ? `${line} ${word}` : word;
      if (textWidth(candidate, pt, bold) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      if (textWidth(word, pt, bold) <= width) line = word;
      else {
        const pieces = breakWord(word, width, pt, bold);
        lines.push(...pieces.slice(0, -1));
        line = pieces[pieces.length - 1] ?? '';
      }
    }
    lines.push(line);
  }
  return lines;
}
