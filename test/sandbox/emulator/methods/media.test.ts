import { randomBytes } from 'node:crypto';
import { InputFile } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { jpegBytes, pngBytes } from '../images';
import { LIAISON, openHarness, telegramError, type Harness } from '../harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.close();
  harness = undefined;
});

async function download(h: Harness, fileId: string): Promise<{ bytes: Buffer; type: string | null }> {
  const file = await h.api.getFile(fileId);
  const response = await fetch(`${h.emulator.apiRoot}/file/bot${h.emulator.token}/${file.file_path}`);
  expect(response.status).toBe(200);
  return { bytes: Buffer.from(await response.arrayBuffer()), type: response.headers.get('content-type') };
}

describe('sendDocument and getFile', () => {
  it('stores a document uploaded by grammY and serves it back byte for byte', async () => {
    harness = await openHarness({ floodLimits: false });
    const bytes = randomBytes(300_000);
    const sent = await harness.api.sendDocument(LIAISON.id, new InputFile(bytes, '2026年 任务分解表.xlsx'), {
      caption: '<b>本月</b>任务',
      parse_mode: 'HTML',
    });
    expect(sent.document).toMatchObject({
      file_name: '2026年 任务分解表.xlsx',
      mime_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      file_size: bytes.length,
    });
    expect(sent).toMatchObject({ caption: '本月任务', caption_entities: [{ type: 'bold', offset: 0, length: 2 }] });
    const file = await harness.api.getFile(sent.document!.file_id);
    expect(file).toMatchObject({ file_id: sent.document!.file_id, file_unique_id: sent.document!.file_unique_id, file_size: bytes.length });
    const downloaded = await download(harness, sent.document!.file_id);
    expect(downloaded.bytes.equals(bytes)).toBe(true);
    expect(downloaded.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(harness.emulator.botCalls({ method: 'sendDocument' })[0]?.params.document).toEqual({
      file: { name: '2026年 任务分解表.xlsx', size: bytes.length, content_type: 'application/octet-stream' },
    });
  });

  it('lets the bot download a document a user sent', async () => {
    harness = await openHarness({ floodLimits: false });
    const bytes = Buffer.from('序号\t任务\n1\t宣传\n', 'utf8');
    const message = harness.emulator.sendDocument(LIAISON.id, { fileName: '进度.tsv', data: bytes, caption: '三月进度' });
    const [update] = await harness.api.getUpdates();
    expect(update?.message).toMatchObject({
      caption: '三月进度',
      document: { file_name: '进度.tsv', mime_type: 'text/tab-separated-values' },
    });
    expect((await download(harness, message.document!.file_id)).bytes.equals(bytes)).toBe(true);
  });

  it('re-sends a stored document by file_id and refuses unknown ids, URLs, photos and empty files', async () => {
    harness = await openHarness({ floodLimits: false });
    const first = await harness.api.sendDocument(LIAISON.id, new InputFile(Buffer.from('x'), 'a.txt'));
    const again = await harness.api.sendDocument(LIAISON.id, first.document!.file_id);
    expect(again.document).toEqual(first.document);
    expect((await telegramError(harness.api.sendDocument(LIAISON.id, 'nonsense'))).description).toBe(
      'Bad Request: wrong file identifier/HTTP URL specified',
    );
    expect((await telegramError(harness.api.sendDocument(LIAISON.id, 'https://example.com/a.pdf'))).description).toBe(
      'Bad Request: failed to get HTTP URL content',
    );
    const photo = await harness.api.sendPhoto(LIAISON.id, new InputFile(pngBytes(10, 10), 'p.png'));
    expect((await telegramError(harness.api.sendDocument(LIAISON.id, photo.photo!.at(-1)!.file_id))).description).toBe(
      "Bad Request: can't use file of type Photo as Document",
    );
    expect((await telegramError(harness.api.sendDocument(LIAISON.id, new InputFile(Buffer.alloc(0), 'e.txt')))).description).toBe(
      'Bad Request: file must be non-empty',
    );
    expect((await telegramError(harness.api.getFile('nonsense'))).description).toBe('Bad Request: invalid file_id');
  });

  it('answers 413 for a document over 50 MB, as api.telegram.org does', async () => {
    harness = await openHarness({ floodLimits: false });
    const error = await telegramError(harness.api.sendDocument(LIAISON.id, new InputFile(Buffer.alloc(50 * 1024 * 1024 + 1), 'huge.bin')));
    expect([error.error_code, error.description]).toEqual([413, 'Request Entity Too Large']);
    expect(harness.emulator.transcript(LIAISON.id)).toEqual([]);
  });

  it('refuses a caption over 1024 characters', async () => {
    harness = await openHarness({ floodLimits: false });
    const error = await telegramError(
      harness.api.sendDocument(LIAISON.id, new InputFile(Buffer.from('x'), 'a.txt'), { caption: 'x'.repeat(1025) }),
    );
    expect(error.description).toBe('Bad Request: message caption is too long');
  });
});

describe('sendPhoto', () => {
  it('lists the photo sizes Telegram would, each downloadable', async () => {
    harness = await openHarness({ floodLimits: false });
    const bytes = jpegBytes(1280, 960);
    const sent = await harness.api.sendPhoto(LIAISON.id, new InputFile(bytes, 'scan.jpg'));
    expect(sent.photo?.map((size) => [size.width, size.height])).toEqual([
      [90, 68],
      [320, 240],
      [800, 600],
      [1280, 960],
    ]);
    expect((await download(harness, sent.photo![0]!.file_id)).bytes.equals(bytes)).toBe(true);
    const again = await harness.api.sendPhoto(LIAISON.id, sent.photo![1]!.file_id);
    expect(again.photo).toEqual(sent.photo);
    expect(harness.emulator.transcript(LIAISON.id)[0]?.photo).toEqual(sent.photo);
  });

  it('refuses photos over 10000 pixels across both sides, or longer than 20 times their width', async () => {
    harness = await openHarness({ floodLimits: false });
    const send = (bytes: Buffer) => telegramError(harness!.api.sendPhoto(LIAISON.id, new InputFile(bytes, 'p.png')));
    for (const [width, height] of [
      [5001, 5000],
      [2100, 100],
      [100, 2001],
    ] as const) {
      const error = await send(pngBytes(width, height));
      expect([width, height, error.error_code, error.description]).toEqual([width, height, 400, 'Bad Request: PHOTO_INVALID_DIMENSIONS']);
    }
    await expect(harness.api.sendPhoto(LIAISON.id, new InputFile(pngBytes(5000, 5000), 'p.png'))).resolves.toBeDefined();
    await expect(harness.api.sendPhoto(LIAISON.id, new InputFile(pngBytes(2000, 100), 'p.png'))).resolves.toBeDefined();
    expect(harness.emulator.transcript(LIAISON.id)).toHaveLength(2);
  });

  it('refuses a photo over 10 MB before reading it, and accepts anything with photoLimits false', async () => {
    harness = await openHarness({ floodLimits: false });
    const big = Buffer.concat([jpegBytes(1000, 800), Buffer.alloc(10 * 1024 * 1024 + 1 - jpegBytes(1000, 800).length)]);
    const error = await telegramError(harness.api.sendPhoto(LIAISON.id, new InputFile(big, 'big.jpg')));
    expect(error.description).toBe(
      `Bad Request: file of size ${big.length} bytes is too big for a photo; the maximum size is 10485760 bytes`,
    );
    await harness.emulator.close();
    harness = await openHarness({ floodLimits: false, photoLimits: false });
    await expect(harness.api.sendPhoto(LIAISON.id, new InputFile(big, 'big.jpg'))).resolves.toBeDefined();
    await expect(harness.api.sendPhoto(LIAISON.id, new InputFile(pngBytes(100, 2001), 'p.png'))).resolves.toBeDefined();
  });

  it('refuses bytes that are no image', async () => {
    harness = await openHarness({ floodLimits: false });
    const error = await telegramError(harness.api.sendPhoto(LIAISON.id, new InputFile(Buffer.from('not a picture'), 'x.jpg')));
    expect(error.description).toBe('Bad Request: IMAGE_PROCESS_FAILED');
    expect(harness.emulator.transcript(LIAISON.id)).toEqual([]);
  });
});

describe('the /file/ route', () => {
  it('answers 404 for unknown paths and 401 for unknown tokens', async () => {
    harness = await openHarness();
    expect((await fetch(`${harness.emulator.apiRoot}/file/bot${harness.emulator.token}/documents/nothing.txt`)).status).toBe(404);
    expect((await fetch(`${harness.emulator.apiRoot}/file/bot1:wrong/documents/nothing.txt`)).status).toBe(401);
  });
});
