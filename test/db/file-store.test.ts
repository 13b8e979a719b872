/** The evidence archive's store on disk (db/file-store.ts). */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileStore, FileTooLargeError, fileStoreRoot } from '../../db/file-store';
import { tempDir } from '../support/db';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const bytes = (text: string) => new TextEncoder().encode(text);

describe('the file store', () => {
  it('keeps bytes under their sha256, read back whole, in chunks as they came', async () => {
    const store = new FileStore(tempDir());
    const parts = [bytes('会议'), bytes('纪要'), bytes('.pdf')];
    const whole = new Uint8Array(Buffer.concat(parts));
    const stored = await store.put(parts);
    expect(stored).toEqual({ sha256: sha256(whole), size: whole.byteLength });
    expect(new Uint8Array(readFileSync(store.pathOf(stored.sha256)))).toEqual(whole);
    expect(store.pathOf(stored.sha256)).toBe(join(store.root, stored.sha256.slice(0, 2), stored.sha256));
  });

  it('stores the same content once, whoever sends it', async () => {
    const store = new FileStore(tempDir());
    const a = await store.put([bytes('活动照片')]);
    const b = await store.put([bytes('活动'), bytes('照片')]);
    expect(b).toEqual(a);
    expect([...store.hashes()]).toEqual([a.sha256]);
    expect(readdirSync(join(store.root, 'tmp'))).toEqual([]);
  });

  it('refuses more than the limit and keeps nothing of it', async () => {
    const store = new FileStore(tempDir());
    await expect(store.put([bytes('12345'), bytes('67890')], 8)).rejects.toBeInstanceOf(FileTooLargeError);
    expect([...store.hashes()]).toEqual([]);
    expect(readdirSync(join(store.root, 'tmp'))).toEqual([]);
  });

  it('removes what a crash left half written, on start', () => {
    const root = tempDir();
    mkdirSync(join(root, 'tmp'), { recursive: true });
    writeFileSync(join(root, 'tmp', 'half'), 'cut off');
    new FileStore(root);
    expect(existsSync(join(root, 'tmp', 'half'))).toBe(false);
  });

  it('refuses a name that is no sha256 (no path outside the store)', () => {
    const store = new FileStore(tempDir());
    expect(() => store.pathOf('../../etc/passwd')).toThrow('not a sha256');
  });

  it('lives beside the database unless DUBAN_FILES says where', () => {
    expect(fileStoreRoot('/srv/duban/data/duban.sqlite')).toBe('/srv/duban/data/duban-files');
    expect(fileStoreRoot('/srv/duban/data/duban.sqlite', '/mnt/archive')).toBe('/mnt/archive');
  });
});
