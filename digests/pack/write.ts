/**
 * The inspection pack written to a zip file (issue 15, item 5): `duban pack --out FILE.zip`.
 *
 * Streamed: each evidence file is read from the archive folder as a stream, hashed on the way
 * (a file whose bytes no longer have their sha256 is packed and marked 损坏 in the index) and
 * stored in the zip one after the other, so memory does not grow with the pack. 索引.xlsx comes
 * last, streamed too, once it is known which files made it. The zip writer is yazl: every name
 * carries the UTF-8 flag, packs over 4 GB or 65,535 entries get zip64 records, and its central
 * directory costs one small buffer per file (archiver's cost ~10 KB of heap per file at the end,
 * 100 MB for 10,000 files). Entry times are the real instants (the zip's UTC timestamp field);
 * the old DOS time beside it is the server's local time. Photos, PDFs and Office files are stored
 * as they are (they are compressed already); plain text and old Office formats are deflated.
 *
 * All or nothing: the zip is written to FILE.tmp, flushed to disk (fsync), then renamed to FILE,
 * and the folder flushed; a crash or kill -9 leaves at most FILE.tmp, which the next pack
 * overwrites. Tasks are read twice (once for the files, once for the index), so the database
 * must not change during the pack: the command line packs from a snapshot.
 */
import { createHash } from 'node:crypto';
import { closeSync, createWriteStream, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { PassThrough, Transform, type TransformCallback } from 'node:stream';
import { ZipFile } from 'yazl';
import type { DB } from '../../db';
import { storedFilePath } from '../../db/file-store';
import { choosePackPlan, packOutline, packTaskRows, type PackPlan } from './data';
import { IndexWriter } from './index-sheet';
import { INDEX_FILE, lacksEvidence, layoutTask, taskFolders, type FileOutcome, type IndexRow } from './layout';
import { splitExtension } from './names';

export interface PackSummary {
  plan: PackPlan;
  /** The zip written (absolute). */
  out: string;
  /** Evidence files in the zip (索引.xlsx not counted). */
  files: number;
  /** Their bytes. */
  bytes: number;
  /** The zip's size. */
  zipBytes: number;
  /** Requirement × unit assignments listed in the index. */
  assignments: number;
  /** Assignments with no sound file in the pack (no report, no files, none archived …). */
  missingItems: number;
  /** Files listed without their bytes in the pack: not yet archived, not in the store, or damaged. */
  missingFiles: number;
  /** Archived files whose bytes were not in the store. */
  notInStore: number;
  /** Files whose bytes no longer match their sha256. */
  damaged: number;
}

export interface PackOptions {
  /** The plan to pack; without it the only live plan (choosePackPlan). */
  planId?: number;
  now: Date;
  /** Called after each file is packed (the bench and the kill test watch progress). */
  onFile?: (done: number) => void;
  /** One volume of a pack cut for Telegram (packVolumes): only its files, and the whole index. */
  volume?: PackVolume;
}

/** A volume to write: its number, how many there are, each file's volume, and what checking every stored file found. */
export interface PackVolume {
  number: number;
  count: number;
  partOf: ReadonlyMap<string, number>;
  outcomes: ReadonlyMap<number, FileOutcome>;
}

/** Where the archive keeps the file with this hash (db/file-store.ts's layout; no FileStore: see storedFilePath). */
export const storedPath = storedFilePath;

/** Deflated in the zip; everything else (photos, PDF, Office XML, archives, video) is stored as it is. */
const COMPRESSIBLE = new Set([
  '.txt',
  '.csv',
  '.doc',
  '.xls',
  '.ppt',
  '.rtf',
  '.wps',
  '.et',
  '.dps',
  '.xml',
  '.htm',
  '.html',
  '.json',
  '.md',
  '.log',
  '.bmp',
  '.tif',
  '.tiff',
  '.svg',
]);

function compressible(path: string): boolean {
  return COMPRESSIBLE.has(splitExtension(path.slice(path.lastIndexOf('/') + 1))[1].toLowerCase());
}

interface StreamBox {
  make: (() => NodeJS.ReadableStream) | null;
}

/**
 * yazl's getter of a lazy entry's stream. Made out here, so that what it keeps (yazl keeps it
 * with the entry until the zip ends) is the box, emptied once the stream is made, and not the
 * stream, its hash and its file handle: 10,000 entries would keep 60 MB.
 */
function lazyStream(box: StreamBox, resolve: () => void, reject: (error: Error) => void) {
  return (callback: (error: Error | null, stream: NodeJS.ReadableStream) => void) => {
    const source = box.make!();
    box.make = null;
    source.once('end', resolve);
    source.once('error', reject);
    callback(null, source);
  };
}

/** Passes bytes through, counting and hashing them. */
class Hashing extends Transform {
  readonly hash = createHash('sha256');
  bytes = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

/**
 * Writes the pack of a plan to `out` (through `out.tmp`). The plan is chosen, and refused with a
 * PackPlanError, before any file is created.
 */
export async function writePack(db: DB, storeRoot: string, out: string, options: PackOptions): Promise<PackSummary> {
  const plan = choosePackPlan(db, options.planId);
  const outline = packOutline(db, plan.id);
  const folders = taskFolders(outline);
  const target = resolve(out);
  const temporary = `${target}.tmp`;

  // Opened here so a missing or read-only folder fails at once; 'w' truncates a crash's leftover.
  const file = createWriteStream(temporary, { fd: openSync(temporary, 'w') });
  const zip = new ZipFile();
  // A failure of the zip or the file rejects what is being waited for. (Not one Promise.race per
  // entry against a pending "failed" promise: each race would stay attached to it until the end.)
  let failure: Error | null = null;
  const waiting = new Set<(error: Error) => void>();
  const fail = (error: Error) => {
    failure ??= error;
    for (const reject of waiting) reject(failure);
  };
  zip.on('error', fail);
  (zip.outputStream as PassThrough).on('error', fail);
  file.on('error', fail);
  /** Waits for what `settle` waits for, or rejects on a failure of the zip or the file. */
  const until = (settle: (resolve: () => void, reject: (error: Error) => void) => void) =>
    new Promise<void>((resolve, reject) => {
      if (failure) return reject(failure);
      const done = (finish: () => void) => {
        waiting.delete(reject);
        finish();
      };
      waiting.add(reject);
      settle(
        () => done(resolve),
        (error) => done(() => reject(error)),
      );
    });
  const closed = new Promise<void>((resolve) => file.once('close', () => resolve()));
  zip.outputStream.pipe(file);

  /**
   * Adds the next entry and waits until all of its stream has been read into the zip: one entry,
   * one open file, at a time. The stream is made when the zip gets to the entry (yazl's lazy
   * entry), so the finished entries the zip keeps for its central directory hold no stream.
   */
  const append = (name: string, date: Date, compress: boolean, make: () => NodeJS.ReadableStream) => {
    const box: StreamBox = { make };
    return until((resolve, reject) => zip.addReadStreamLazy(name, { mtime: date, compress }, lazyStream(box, resolve, reject)));
  };

  /** A stored file as the next entry, hashed on the way; resolves with what was read once all of it is in the zip. */
  const appendStored = async (handle: FileHandle, name: string, date: Date) => {
    const hashing = new Hashing();
    let opened = false;
    try {
      await append(name, date, compressible(name), () => {
        opened = true;
        const source = handle.createReadStream(); // closes the handle at its end
        source.on('error', (error) => hashing.destroy(error));
        return source.pipe(hashing);
      });
    } finally {
      if (!opened) await handle.close();
    }
    return hashing;
  };

  const summary: PackSummary = {
    plan,
    out: target,
    files: 0,
    bytes: 0,
    zipBytes: 0,
    assignments: 0,
    missingItems: 0,
    missingFiles: 0,
    notInStore: 0,
    damaged: 0,
  };
  const outcomes = new Map<number, FileOutcome>();
  try {
    // The files, task by task.
    const volume = options.volume;
    for (const [i, task] of outline.entries()) {
      const { entries } = layoutTask(task, folders[i]!, packTaskRows(db, task));
      for (const entry of entries) {
        if (volume && volume.partOf.get(entry.path) !== volume.number) continue;
        if (entry.kind === 'text') {
          const bytes = Buffer.from(entry.content, 'utf8');
          zip.addBuffer(bytes, entry.path, { mtime: entry.date, compress: false });
          summary.files++;
          summary.bytes += bytes.length;
          options.onFile?.(summary.files);
          continue;
        }
        let handle;
        try {
          handle = await open(storedPath(storeRoot, entry.sha256), 'r');
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
          outcomes.set(entry.evidenceId, 'not-in-store');
          continue;
        }
        const hashing = await appendStored(handle, entry.path, entry.date);
        if (hashing.hash.digest('hex') !== entry.sha256) outcomes.set(entry.evidenceId, 'damaged');
        summary.files++;
        summary.bytes += hashing.bytes;
        options.onFile?.(summary.files);
      }
    }

    // The index, once the outcome of every file is known.
    const indexStream = new PassThrough();
    const indexTaken = append(INDEX_FILE, options.now, false, () => indexStream);
    const index = new IndexWriter(indexStream, options.now, volume && { count: volume.count, of: (path) => volume.partOf.get(path) });
    // A volume's index covers the whole pack: what the check of every file found, and what this volume's packing found.
    const known = volume ? new Map([...volume.outcomes, ...outcomes]) : outcomes;
    for (const [i, task] of outline.entries()) {
      const { rows } = layoutTask(task, folders[i]!, packTaskRows(db, task), known);
      let pair: IndexRow[] = [];
      const closePair = () => {
        if (pair.length === 0) return;
        summary.assignments++;
        if (lacksEvidence(pair)) summary.missingItems++;
        pair = [];
      };
      for (const row of rows) {
        const previous = pair[0];
        if (previous && (previous.item !== row.item || previous.unit !== row.unit)) closePair();
        pair.push(row);
        if (row.file && row.missing) summary.missingFiles++;
        if (row.missing === 'not-in-store') summary.notInStore++;
        if (row.missing === 'damaged') summary.damaged++;
        index.add(row);
      }
      closePair();
      // Lets the sheet's rows stream out into the zip before the next task's are made.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const totals = {
      planTitle: plan.title,
      generatedAt: options.now,
      tasks: outline.length,
      ...summary,
      volume: volume && { number: volume.number, count: volume.count },
    };
    await until((resolve, reject) => void index.finish(totals).then(resolve, reject));
    await indexTaken;

    zip.end();
    await until((resolve) => void closed.then(resolve));
    summary.zipBytes = statSync(temporary).size;
    const fd = openSync(temporary, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, target);
    syncFolder(dirname(target));
    return summary;
  } catch (error) {
    zip.outputStream.unpipe(file);
    file.destroy();
    await closed;
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Makes a rename durable: the folder's entry is flushed too (where the system allows it). */
function syncFolder(folder: string) {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a folder for fsync; the rename is then as durable as the system makes it.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
