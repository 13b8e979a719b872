import { describe, expect, it } from 'vitest';
import { imageSize, photoSizesFor } from '../../../sandbox/emulator/image-size';
import { gifBytes, jpegBytes, pngBytes } from './images';

describe('imageSize', () => {
  it('reads PNG, JPEG and GIF headers', () => {
    expect(imageSize(pngBytes(1600, 900))).toEqual({ format: 'png', width: 1600, height: 900 });
    expect(imageSize(jpegBytes(640, 480))).toEqual({ format: 'jpeg', width: 640, height: 480 });
    expect(imageSize(gifBytes(10, 20))).toEqual({ format: 'gif', width: 10, height: 20 });
  });

  it('finds nothing in bytes that are no image, or an image of zero size', () => {
    expect(imageSize(Buffer.from('PK\u0003\u0004 an xlsx file'))).toBeUndefined();
    expect(imageSize(pngBytes(0, 10))).toBeUndefined();
    expect(imageSize(Buffer.from([0xff, 0xd8, 0x00]))).toBeUndefined();
  });
});

describe('photoSizesFor', () => {
  it('lists thumbnails of 90, 320, 800 and 1280 px and the photo, smallest first', () => {
    expect(photoSizesFor(1600, 900)).toEqual([
      { width: 90, height: 51 },
      { width: 320, height: 180 },
      { width: 800, height: 450 },
      { width: 1280, height: 720 },
      { width: 1600, height: 900 },
    ]);
  });

  it('never enlarges a small photo and shrinks a huge one to 2560', () => {
    expect(photoSizesFor(60, 40)).toEqual([{ width: 60, height: 40 }]);
    expect(photoSizesFor(300, 100)).toEqual([
      { width: 90, height: 30 },
      { width: 300, height: 100 },
    ]);
    expect(photoSizesFor(5120, 2560).at(-1)).toEqual({ width: 2560, height: 1280 });
  });
});
