/**
 * The archive of evidence files (佐证材料, issue 15): bytes kept on disk by their sha256, so the
 * same file sent twice is stored once and a file is found by its hash alone.
 *
 * Layout under the root (DUBAN_FILES, by default a folder beside the database):
 *   ab/abcdef…  the file whose sha256 is abcdef… (the first two hex digits make 256 folders,
 *               so no folder holds millions of entries)
 *   tmp/        files being written; never read, left-overs of a crash are removed on start
 * A file is written to tmp/, synced, then renamed into place: a crash leaves no half file under
 * a hash name, and a file under a hash name always has that hash.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';

export interface StoredFile {
  sha256: string;
  size: number;
}

/** Refused before a byte is stored: the file is larger than the store takes. */
export class FileTooLargeError extends Error {
  override name = 'FileTooLargeError';
  constructor(readonly max: number) {
    super(`larger than ${max} bytes`);
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Whether a name is a sha256 as the store names files (64 lower-case hex digits). */
export function isSha256(name: string): boolean {
  return SHA256.test(name);
}

/**
 * Where a store root keeps the file with this hash: the layout's one rule. Pure, so that the
 * backup and the pack, which read the archive while the bot runs, find files without
 * constructing a FileStore (which clears tmp/, the bot's to clear).
 */
export function storedFilePath(root: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return join(resolve(root), sha256.slice(0, 2), sha256);
}

/** Every file's hash under a store root, whether or not a FileStore is made on it. */
export function* storedHashes(root: string): Generator<string> {
  if (!existsSync(root)) return;
  for (const folder of readdirSync(root)) {
    if (!/^[0-9a-f]{2}$/.test(folder)) continue;
    let names: string[];
    try {
      names = readdirSync(join(root, folder));
    } catch {
      continue; // not a folder
    }
    for (const name of names) if (SHA256.test(name) && name.startsWith(folder)) yield name;
  }
}

/** The sha256 of a file's bytes, read as a stream (checking a stored or backed-up file against its name). */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The archive's folder for a database file: DUBAN_FILES when set, else `<name>-files` beside it (duban.sqlite → duban-files). */
export function fileStoreRoot(databaseFile: string, configured?: string): string {
  if (configured) return resolve(configured);
  const file = resolve(databaseFile);
  return join(dirname(file), `${basename(file, extname(file))}-files`);
}

export class FileStore {
  readonly root: string;

  /**
   * Only the bot constructs a store (one bot per database: app/instance-lock.ts), and its start
   * is when files a crash left half written are removed. Commands that read the archive while
   * the bot runs (backup, pack) go by its layout (pathOf's rule), never through this.
   */
  constructor(root: string) {
    this.root = resolve(root);
    mkdirSync(join(this.root, 'tmp'), { recursive: true });
    // Files a crash left half written, and packs a crash left half made (bot/features/pack.ts): nothing refers to them.
    for (const name of readdirSync(join(this.root, 'tmp'))) rmSync(join(this.root, 'tmp', name), { recursive: true, force: true });
  }

  /** Where the file with this hash is (whether or not it is there). */
  pathOf(sha256: string): string {
    return storedFilePath(this.root, sha256);
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /** The stored file's bytes as a stream (for sending it back or packing it). */
  read(sha256: string): NodeJS.ReadableStream {
    return createReadStream(this.pathOf(sha256));
  }

  /**
   * Stores the bytes of `chunks` (a download's body, a file read from disk): hashed while
   * written, at most `maxBytes`. Returns the hash and size; the same content again finds the
   * file there and leaves it as it is.
   */
  async put(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, maxBytes = Number.POSITIVE_INFINITY): Promise<StoredFile> {
    const temporary = join(this.root, 'tmp', randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const handle = await open(temporary, 'wx');
    try {
      for await (const chunk of chunks) {
        size += chunk.byteLength;
        if (size > maxBytes) throw new FileTooLargeError(maxBytes);
        hash.update(chunk);
        await handle.write(chunk);
      }
      await handle.sync();
    } catch (error) {
      await handle.close();
      await rm(temporary, { force: true });
      throw error;
    }
    await handle.close();
    const sha256 = hash.digest('hex');
    const target = this.pathOf(sha256);
    if (existsSync(target) && (await stat(target)).size === size) {
      await rm(temporary, { force: true });
    } else {
      mkdirSync(dirname(target), { recursive: true });
      await rename(temporary, target);
    }
    return { sha256, size };
  }

  /** Every stored file's hash (for backups and checks). */
  hashes(): Generator<string> {
    return storedHashes(this.root);
  }
}
