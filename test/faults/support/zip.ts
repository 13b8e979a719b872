/**
 * Just enough ZIP to take a workbook apart and put it back together with edited XML: the
 * fuzzer mutates sheets, shared strings and styles at the XML level, where a spreadsheet
 * program never would, and hand-writes archives (bombs, lying sizes) no library would make.
 * Reads only archives this project wrote (no ZIP64, no encryption).
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

export type Entries = Map<string, Uint8Array>;

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** The most one entry may unpack to here: a bomb must not take the test thread down with it. */
const MAX_ENTRY_BYTES = 256 * 1024 * 1024;

/** The files of an archive by name, unpacked. */
export function readZip(bytes: Uint8Array): Entries {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.byteLength - 22;
  while (end >= 0 && view.getUint32(end, true) !== END_OF_DIRECTORY) end--;
  if (end < 0) throw new Error('no end-of-directory record');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: Entries = new Map();
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== DIRECTORY_ENTRY) throw new Error('bad directory entry');
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    const data = bytes.subarray(dataStart, dataStart + compressedSize);
    entries.set(name, method === 0 ? data.slice() : new Uint8Array(inflateRawSync(data, { maxOutputLength: MAX_ENTRY_BYTES })));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export interface WriteOptions {
  /** Store instead of deflate (faster to write, and what some writers do). */
  store?: boolean;
  /** Sizes to claim in the headers instead of the true ones, by entry name: archives that lie. */
  claimedSizes?: Map<string, number>;
}

/** An archive of the given files, in order. */
export function writeZip(entries: Entries, options: WriteOptions = {}): Uint8Array {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = options.store ? Buffer.from(content) : deflateRawSync(content);
    const size = options.claimedSizes?.get(name) ?? content.byteLength;
    const fields = {
      method: options.store ? 0 : 8,
      crc: crc32(content),
      compressed: data.byteLength,
      size,
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(fields.method, 8);
    local.writeUInt32LE(fields.crc, 14);
    local.writeUInt32LE(fields.compressed, 18);
    local.writeUInt32LE(fields.size, 22);
    local.writeUInt16LE(nameBytes.byteLength, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(DIRECTORY_ENTRY, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(fields.method, 10);
    central.writeUInt32LE(fields.crc, 16);
    central.writeUInt32LE(fields.compressed, 20);
    central.writeUInt32LE(fields.size, 24);
    central.writeUInt16LE(nameBytes.byteLength, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    directory.push(central, nameBytes);
    offset += 30 + nameBytes.byteLength + data.byteLength;
  }
  const directorySize = directory.reduce((n, b) => n + b.byteLength, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_DIRECTORY, 0);
  end.writeUInt16LE(entries.size, 8);
  end.writeUInt16LE(entries.size, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...directory, end]));
}

/** What an archive's files unpack to, together; the archive's own size when it cannot be read. */
export function unpackedSize(bytes: Uint8Array): number {
  try {
    let total = 0;
    for (const content of readZip(bytes).values()) total += content.byteLength;
    return Math.max(total, bytes.byteLength);
  } catch {
    return bytes.byteLength;
  }
}
