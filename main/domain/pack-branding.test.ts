import { describe, expect, it } from 'vitest';
import { logoBox } from '../../preload/contract/pack-types.js';
import { checkBranding, contrast, DEFAULT_BRANDING, imageSize, normalizeBranding } from './pack-branding.js';
import { jpegHeader, pngOf } from './test-images.js';

const png = (w: number, h: number) => ({ name: 'logo.png', mime: 'image/png' as const, data: pngOf(w, h).toString('base64') });

describe('pack branding', () => {
  it('reads the pixel size of a PNG and a JPEG, and nothing from other bytes', () => {
    expect(imageSize(pngOf(240, 60), 'image/png')).toEqual({ width: 240, height: 60 });
    expect(imageSize(jpegHeader(800, 200), 'image/jpeg')).toEqual({ width: 800, height: 200 });
    expect(imageSize(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/png')).toBeNull();
    expect(imageSize(pngOf(20, 20), 'image/jpeg')).toBeNull();
    expect(imageSize(Buffer.alloc(0), 'image/png')).toBeNull();
  });

  it('accepts colours, a listed font and a logo, reading the logo size from its bytes', () => {
    const r = checkBranding({ primary: '#1f4e79', accent: '#C0392B', font: 'Calibri', logo: png(240, 60) });
    expect(r).toEqual({ branding: { primary: '#1F4E79', accent: '#C0392B', font: 'Calibri', logo: { ...png(240, 60), width: 240, height: 60 } } });
  });

  it('refuses each bad field with its reason', () => {
    const r = checkBranding({ primary: 'navy', accent: '#FFEE00', font: 'Comic Sans MS', logo: { name: 'x.png', mime: 'image/png', data: Buffer.from('GIF89a').toString('base64') } });
    expect('issues' in r && r.issues).toEqual([
      { field: 'primary', message: 'Title colour: "navy" is not a colour; use #RRGGBB, e.g. #1F4E79' },
      { field: 'accent', message: expect.stringMatching(/^Accent colour #FFEE00 is too light to read on a white page \(contrast 1\.\d:1; at least 3:1 is needed\)$/) },
      { field: 'font', message: expect.stringContaining('Font "Comic Sans MS" is not one a pack can be set in (Arial, Calibri') },
      { field: 'logo', message: 'Logo x.png is not a PNG image (choose a PNG or JPEG file)' },
    ]);
    const tiny = checkBranding({ ...DEFAULT_BRANDING, logo: png(8, 8) });
    expect('issues' in tiny && tiny.issues[0]!.message).toBe('Logo logo.png is 8×8 px; at least 16×16 px is needed');
    const strip = checkBranding({ ...DEFAULT_BRANDING, logo: png(1300, 100) });
    expect('issues' in strip && strip.issues[0]!.message).toMatch(/1300×100 px; a logo between 4:1 tall and 12:1 wide/);
    const big = checkBranding({ ...DEFAULT_BRANDING, logo: { name: 'photo.png', mime: 'image/png', data: pngOf(400, 300, [0, 0, 0], true).toString('base64') } });
    expect('issues' in big && big.issues[0]!.message).toMatch(/^Logo photo\.png is \d+ KB; at most 300 KB/);
  });

  it('falls back to the defaults for anything unreadable in a stored branding', () => {
    expect(normalizeBranding(undefined)).toEqual(DEFAULT_BRANDING);
    expect(normalizeBranding({ primary: 'red', accent: '#abcdef', font: 'Wingdings', logo: { data: 1 } })).toEqual({ ...DEFAULT_BRANDING, accent: '#ABCDEF' });
  });

  it('computes WCAG contrast and keeps a logo in its box with its proportions', () => {
    expect(contrast('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
    expect(contrast('#FFFFFF', '#FFFFFF')).toBe(1);
    expect(logoBox({ width: 400, height: 100 }, 0.5, 2.4)).toEqual({ w: 2, h: 0.5 });
    expect(logoBox({ width: 1200, height: 100 }, 0.5, 2.4)).toEqual({ w: 2.4, h: 0.2 });
  });
});
