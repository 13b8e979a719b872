import { unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { afterAll, describe, expect, it } from 'vitest';
import { CJK_FONT_FAMILY, cjkFontPath } from '../../../digests/charts/cjk-font';
import { FontSubsetter } from '../../../digests/charts/font-subset';
import { svgCodePoints, svgToPixels } from '../../../digests/charts/rasterize';
import { differingPixels, inkPixels } from './picture';

/**
 * The machine may or may not have Chinese fonts (this one has WenQuanYi); the renderer must not
 * care. Every render here loads no system font, so "without the bundled font" really is without
 * any Chinese font.
 */

const WIDTH = 220;
const HEIGHT = 60;
const label = (text: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">` +
  `<text x="10" y="44" font-size="36" font-family="${CJK_FONT_FAMILY}" fill="#000000">${text}</text></svg>`;

/** resvg with exactly the given font files and nothing else. */
function renderWithFonts(svg: string, fontFiles: string[]): Buffer {
  const font = { fontFiles, loadSystemFonts: false, defaultFontFamily: CJK_FONT_FAMILY };
  return new Resvg(svg, { background: '#ffffff', font }).render().pixels;
}

const scratchFiles: string[] = [];
/** The bundled font cut down to ASCII: a Latin-only font, with the same .notdef box. */
function latinOnlyFont(): string {
  const ascii = Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i);
  const file = path.join(tmpdir(), `duban-test-latin-${process.pid}.otf`);
  writeFileSync(file, FontSubsetter.fromFile(cjkFontPath()).subset(ascii));
  scratchFiles.push(file);
  return file;
}
afterAll(() => scratchFiles.forEach((file) => unlinkSync(file)));

describe('Chinese text in rendered charts', () => {
  const svg = label('政策法规处');

  it('draws the glyphs with the bundled font', async () => {
    const { width, height, rgba } = await svgToPixels(svg);
    expect([width, height]).toEqual([WIDTH, HEIGHT]);
    // Five 36-px ideographs ink a good share of their 180 × 36 box.
    expect(inkPixels(rgba)).toBeGreaterThan(0.1 * 180 * 36);
  });

  it('draws nothing without a font, tofu with a Latin-only one, and both differ from the real glyphs', async () => {
    const withFont = (await svgToPixels(svg)).rgba;
    const noFont = renderWithFonts(svg, []);
    const latinOnly = renderWithFonts(svg, [latinOnlyFont()]);

    expect(inkPixels(noFont)).toBe(0);
    expect(inkPixels(latinOnly)).toBeGreaterThan(0); // .notdef boxes
    expect(differingPixels(withFont, noFont)).toBeGreaterThan(0.1 * 180 * 36);
    expect(differingPixels(withFont, latinOnly)).toBeGreaterThan(0.1 * 180 * 36);
  });

  it('draws the per-render subset exactly as the full font file would', async () => {
    const text = label('督办 堃喆 (A&amp;B) 12');
    const subset = (await svgToPixels(text)).rgba;
    const full = renderWithFonts(text, [cjkFontPath()]);
    expect(inkPixels(subset)).toBeGreaterThan(500);
    expect(differingPixels(subset, full)).toBeLessThan(0.001 * WIDTH * HEIGHT);
  });

  it('draws different characters differently (no box stands in for all of them)', async () => {
    const a = (await svgToPixels(label('处室科局委'))).rgba;
    const b = (await svgToPixels(label('办中心分中'))).rgba;
    expect(differingPixels(a, b)).toBeGreaterThan(0.05 * 180 * 36);
  });

  it('asks the subsetter for every character of the SVG, ASCII always included', () => {
    const codePoints = svgCodePoints('<text>政𠀋</text>');
    expect(codePoints.has('政'.codePointAt(0)!)).toBe(true);
    expect(codePoints.has(0x2000b)).toBe(true); // outside the BMP: one code point, not two halves
    expect(codePoints.has('Z'.codePointAt(0)!)).toBe(true);
  });
});
