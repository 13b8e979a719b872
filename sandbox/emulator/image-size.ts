/**
 * Reads an image's pixel size from its header (PNG, JPEG, GIF, WebP), so photos get the width
 * and height Telegram reports. Bytes that are no image give undefined, and the photo is refused
 * as Telegram refuses it.
 */
export interface ImageSize {
  format: 'png' | 'jpeg' | 'gif' | 'webp';
  width: number;
  height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function imageSize(data: Buffer): ImageSize | undefined {
  if (data.length >= 24 && data.subarray(0, 8).equals(PNG_SIGNATURE) && data.toString('latin1', 12, 16) === 'IHDR') {
    return positive({ format: 'png', width: data.readUInt32BE(16), height: data.readUInt32BE(20) });
  }
  if (data.length >= 10 && data.toString('latin1', 0, 4) === 'GIF8') {
    return positive({ format: 'gif', width: data.readUInt16LE(6), height: data.readUInt16LE(8) });
  }
  if (data.length >= 30 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') {
    return webpSize(data);
  }
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) return jpegSize(data);
  return undefined;
}

function positive(size: ImageSize): ImageSize | undefined {
  return size.width > 0 && size.height > 0 ? size : undefined;
}

/** Walks the JPEG segments to the first start-of-frame marker, which holds the size. */
function jpegSize(data: Buffer): ImageSize | undefined {
  let position = 2;
  while (position + 9 < data.length) {
    if (data[position] !== 0xff) return undefined;
    const marker = data[position + 1] as number;
    if (marker === 0xff) {
      position++;
      continue;
    }
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) {
      return positive({ format: 'jpeg', height: data.readUInt16BE(position + 5), width: data.readUInt16BE(position + 7) });
    }
    position += 2 + data.readUInt16BE(position + 2);
  }
  return undefined;
}

function webpSize(data: Buffer): ImageSize | undefined {
  const chunk = data.toString('latin1', 12, 16);
  if (chunk === 'VP8X') {
    return positive({ format: 'webp', width: 1 + data.readUIntLE(24, 3), height: 1 + data.readUIntLE(27, 3) });
  }
  if (chunk === 'VP8L') {
    const bits = data.readUInt32LE(21);
    return positive({ format: 'webp', width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) });
  }
  if (chunk === 'VP8 ') {
    return positive({ format: 'webp', width: data.readUInt16LE(26) & 0x3fff, height: data.readUInt16LE(28) & 0x3fff });
  }
  return undefined;
}

/**
 * The sizes Telegram lists for a photo: thumbnails fitting 90, 320, 800 and 1280 pixel boxes,
 * then the photo itself fitted into 2560, never enlarged, smallest first.
 */
export function photoSizesFor(width: number, height: number): Array<{ width: number; height: number }> {
  const sizes: Array<{ width: number; height: number }> = [];
  for (const box of [90, 320, 800, 1280, 2560]) {
    const scale = Math.min(1, box / Math.max(width, height));
    const size = { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
    const last = sizes.at(-1);
    if (last === undefined || last.width !== size.width || last.height !== size.height) sizes.push(size);
    if (scale === 1) break;
  }
  return sizes;
}
