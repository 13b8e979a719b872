/**
 * SVG in, PNG (or raw pixels) out, with resvg and the bundled CJK font only: system fonts are
 * never loaded, so a picture looks the same on every machine, and a machine without Chinese
 * fonts still draws Chinese text.
 *
 * Each render gets a font subset with exactly the characters of its SVG (see font-subset.ts for
 * why). resvg-js takes fonts only as file paths, so the subset goes to a temporary file for the
 * length of the render.
 */
import { randomUUID } from 'node:crypto';
import { unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderAsync, type RenderedImage } from '@resvg/resvg-js';
import { CJK_FONT_FAMILY, cjkFontPath } from './cjk-font';
import { FontSubsetter } from './font-subset';

let subsetter: FontSubsetter | undefined;

/** The full font, loaded into HarfBuzz on first use and kept: later renders only subset it. */
function fontSubsetter(): FontSubsetter {
  subsetter ??= FontSubsetter.fromFile(cjkFontPath());
  return subsetter;
}

/**
 * The characters a render may need: everything in the SVG text. The markup itself is ASCII, so
 * taking the whole string costs a few extra Latin glyphs and needs no XML parsing (the five
 * characters XML escapes as entities are ASCII too).
 */
export function svgCodePoints(svg: string): Set<number> {
  const codePoints = new Set<number>();
  for (let c = 0x20; c < 0x7f; c++) codePoints.add(c);
  for (const ch of svg) {
    const codePoint = ch.codePointAt(0)!;
    if (codePoint >= 0x20) codePoints.add(codePoint);
  }
  return codePoints;
}

export interface RasterOptions {
  /** Device pixels per SVG unit: 2 draws a 800-wide chart as a 1600-pixel-wide PNG. */
  zoom?: number;
}

async function renderWithCjkFont(svg: string, { zoom = 1 }: RasterOptions): Promise<RenderedImage> {
  const font = fontSubsetter().subset(svgCodePoints(svg));
  const fontFile = path.join(tmpdir(), `duban-chart-font-${process.pid}-${randomUUID()}.otf`);
  await writeFile(fontFile, font);
  try {
    // renderAsync runs on libuv's thread pool, so a big chart does not stall the bot.
    return await renderAsync(svg, {
      fitTo: { mode: 'zoom', value: zoom },
      background: '#ffffff',
      font: {
        fontFiles: [fontFile],
        loadSystemFonts: false,
        defaultFontFamily: CJK_FONT_FAMILY,
        sansSerifFamily: CJK_FONT_FAMILY,
        serifFamily: CJK_FONT_FAMILY,
        monospaceFamily: CJK_FONT_FAMILY,
      },
      logLevel: 'off',
    });
  } finally {
    await unlink(fontFile).catch(() => undefined);
  }
}

/** The SVG as PNG bytes. */
export async function svgToPng(svg: string, options: RasterOptions = {}): Promise<Buffer> {
  return (await renderWithCjkFont(svg, options)).asPng();
}

/** The SVG as raw RGBA pixels, row by row (for tests and checks: no PNG decoding needed). */
export async function svgToPixels(svg: string, options: RasterOptions = {}): Promise<{ width: number; height: number; rgba: Buffer }> {
  const image = await renderWithCjkFont(svg, options);
  return { width: image.width, height: image.height, rgba: image.pixels };
}
