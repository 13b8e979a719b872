import { describe, expect, it } from 'vitest';
import { documentOf, FileStore, mimeTypeFor } from '../../../sandbox/emulator/files';
import { pngBytes } from './images';

describe('FileStore', () => {
  it('stores documents with distinct ids and a path that finds them again', () => {
    const store = new FileStore();
    const a = store.addDocument(Buffer.from('one'), '计划.xlsx');
    const b = store.addDocument(Buffer.from('two'), 'notes.txt', 'text/plain');
    expect(a.fileId).not.toBe(b.fileId);
    expect(a.fileUniqueId).not.toBe(b.fileUniqueId);
    expect(a.filePath).toMatch(/^documents\/file_\d+\.xlsx$/);
    expect(store.get(a.fileId)?.data.toString()).toBe('one');
    expect(store.atPath(b.filePath)?.fileName).toBe('notes.txt');
    expect(documentOf(a)).toEqual({
      file_id: a.fileId,
      file_unique_id: a.fileUniqueId,
      file_size: 3,
      file_name: '计划.xlsx',
      mime_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
  });

  it('keeps a copy, so later changes to the caller’s buffer do not change the file', () => {
    const store = new FileStore();
    const bytes = Buffer.from('abc');
    const file = store.addDocument(bytes, 'a.txt');
    bytes.write('xyz');
    expect(store.get(file.fileId)?.data.toString()).toBe('abc');
  });

  it('stores a photo as all its sizes, each findable, and refuses bytes that are no image', () => {
    const store = new FileStore();
    const sizes = store.addPhoto(pngBytes(1000, 500));
    expect(sizes?.map((size) => [size.width, size.height])).toEqual([
      [90, 45],
      [320, 160],
      [800, 400],
      [1000, 500],
    ]);
    const largest = store.get(sizes?.at(-1)?.file_id ?? '');
    expect(largest?.filePath).toMatch(/^photos\//);
    expect(store.photoSizesOf(largest!)).toEqual(sizes);
    expect(store.addPhoto(Buffer.from('not an image'))).toBeUndefined();
  });
});

describe('mimeTypeFor', () => {
  it('goes by the file name first, then a declared type, then octet-stream', () => {
    expect(mimeTypeFor('A.XLSX', 'application/octet-stream')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(mimeTypeFor('a.unknown', 'application/x-custom')).toBe('application/x-custom');
    expect(mimeTypeFor('a.unknown', 'application/octet-stream')).toBe('application/octet-stream');
    expect(mimeTypeFor('noext')).toBe('application/octet-stream');
  });
});
