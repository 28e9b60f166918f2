import { BRAND_FONTS, LOGO_MAX_BYTES, LOGO_MIMES, type BrandFont, type PackBranding, type PackLogo } from '../../preload/contract/pack-types.js';

/** What every pack looked like before branding: dark titles, the blue rule, DejaVu-like metrics in Arial. */
export const DEFAULT_BRANDING: PackBranding = { primary: '#1F2733', accent: '#2F6FB3', font: 'Arial', logo: null };

const HEX = /^#[0-9A-Fa-f]{6}$/;

export interface BrandingIssue {
  field: 'primary' | 'accent' | 'font' | 'logo';
  message: string;
}

/** A stored branding made whole: anything unreadable falls back to the default, so a pack always prints. */
export function normalizeBranding(stored: unknown): PackBranding {
  const b = (stored && typeof stored === 'object' ? stored : {}) as Partial<Record<keyof PackBranding, unknown>>;
  const colour = (v: unknown, d: string) => (typeof v === 'string' && HEX.test(v) ? v.toUpperCase() : d);
  const font = (BRAND_FONTS as readonly unknown[]).includes(b.font) ? (b.font as BrandFont) : DEFAULT_BRANDING.font;
  const l = b.logo as Partial<PackLogo> | null | undefined;
  const logo =
    l && typeof l.data === 'string' && (LOGO_MIMES as readonly unknown[]).includes(l.mime) && typeof l.width === 'number' && typeof l.height === 'number'
      ? { name: typeof l.name === 'string' ? l.name : 'logo', mime: l.mime!, data: l.data, width: l.width, height: l.height }
      : null;
  return { primary: colour(b.primary, DEFAULT_BRANDING.primary), accent: colour(b.accent, DEFAULT_BRANDING.accent), font, logo };
}

/** Relative luminance of an sRGB colour (WCAG 2.x). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** Contrast ratio of two colours (1–21). */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

/** Width and height in pixels of a PNG or JPEG, or null when the bytes are not one. */
export function imageSize(bytes: Uint8Array, mime: PackLogo['mime']): { width: number; height: number } | null {
  const u32 = (i: number) => ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0;
  const u16 = (i: number) => (bytes[i]! << 8) | bytes[i + 1]!;
  if (mime === 'image/png') {
    const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    if (bytes.length < 24 || sig.some((v, i) => bytes[i] !== v) || String.fromCharCode(...bytes.slice(12, 16)) !== 'IHDR') return null;
    return { width: u32(16), height: u32(20) };
  }
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  // Walk the JPEG's segments to its frame header (SOF0–SOF15 but DHT, JPG and DAC).
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1]!;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { width: u16(i + 7), height: u16(i + 5) };
    i += 2 + u16(i + 2);
  }
  return null;
}

/**
 * Checks a branding someone wants to save, field by field: colours readable on white (the
 * page) — a title colour lighter than 3:1 on white cannot be read on a projector —, the font
 * from the list, the logo a real PNG or JPEG of reasonable size. Returns the branding with the
 * logo's size read from its bytes, or the issues.
 */
export function checkBranding(b: { primary: string; accent: string; font: string; logo: { name: string; mime: PackLogo['mime']; data: string } | null }): { branding: PackBranding } | { issues: BrandingIssue[] } {
  const issues: BrandingIssue[] = [];
  for (const field of ['primary', 'accent'] as const) {
    const v = b[field];
    const label = field === 'primary' ? 'Title colour' : 'Accent colour';
    if (!HEX.test(v)) issues.push({ field, message: `${label}: "${v.slice(0, 20)}" is not a colour; use #RRGGBB, e.g. #1F4E79` });
    else if (contrast(v, '#FFFFFF') < 3) issues.push({ field, message: `${label} ${v.toUpperCase()} is too light to read on a white page (contrast ${contrast(v, '#FFFFFF').toFixed(1)}:1; at least 3:1 is needed)` });
  }
  if (!(BRAND_FONTS as readonly string[]).includes(b.font)) issues.push({ field: 'font', message: `Font "${b.font.slice(0, 40)}" is not one a pack can be set in (${BRAND_FONTS.join(', ')})` });
  let logo: PackLogo | null = null;
  if (b.logo) {
    const bytes = /^[A-Za-z0-9+/]*={0,2}$/.test(b.logo.data) ? Buffer.from(b.logo.data, 'base64') : null;
    const size = bytes ? imageSize(bytes, b.logo.mime) : null;
    const kind = b.logo.mime === 'image/png' ? 'PNG' : 'JPEG';
    if (!bytes || bytes.length === 0) issues.push({ field: 'logo', message: `Logo ${b.logo.name}: the file is empty or unreadable` });
    else if (bytes.length > LOGO_MAX_BYTES) issues.push({ field: 'logo', message: `Logo ${b.logo.name} is ${Math.round(bytes.length / 1000)} KB; at most ${LOGO_MAX_BYTES / 1000} KB (save it smaller, e.g. 600 px wide)` });
    else if (!size) issues.push({ field: 'logo', message: `Logo ${b.logo.name} is not a ${kind} image (choose a PNG or JPEG file)` });
    else if (size.width < 16 || size.height < 16) issues.push({ field: 'logo', message: `Logo ${b.logo.name} is ${size.width}×${size.height} px; at least 16×16 px is needed` });
    else if (size.width / size.height > 12 || size.height / size.width > 4) issues.push({ field: 'logo', message: `Logo ${b.logo.name} is ${size.width}×${size.height} px; a logo between 4:1 tall and 12:1 wide fits a page header` });
    else logo = { name: b.logo.name, mime: b.logo.mime, data: b.logo.data, ...size };
  }
  if (issues.length) return { issues };
  return { branding: { primary: b.primary.toUpperCase(), accent: b.accent.toUpperCase(), font: b.font as BrandFont, logo } };
}
