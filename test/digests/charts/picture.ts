/** Small readers for what the chart modules produce: PNG headers, SVG text, RGBA pixels. */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk (always first: bytes 16–23, big-endian). */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG');
  if (png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG without IHDR first');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The text content of every <text> element, entities decoded, in document order. */
export function svgTexts(svg: string): string[] {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((match) =>
    match[1]!.replace(/&(amp|lt|gt|quot|apos|#39);/g, (_, name: string) => entities[name]!),
  );
}

/** Number of pixels (RGBA, row by row) that are not near-white. */
export function inkPixels(rgba: Buffer): number {
  let count = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i]! < 200 || rgba[i + 1]! < 200 || rgba[i + 2]! < 200) count++;
  }
  return count;
}

/** Number of pixels whose colour differs noticeably between two same-sized RGBA images. */
export function differingPixels(a: Buffer, b: Buffer): number {
  if (a.length !== b.length) throw new Error('images of different sizes');
  let count = 0;
  for (let i = 0; i < a.length; i += 4) {
    const delta = Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!);
    if (delta > 96) count++;
  }
  return count;
}

/** Width and height attributes of an SVG document's root element. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const attribute = (name: string) => Number(new RegExp(`\\s${name}="([\\d.]+)"`).exec(root)?.[1]);
  return { width: attribute('width'), height: attribute('height') };
}
