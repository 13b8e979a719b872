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
  /** Write ZIP64 records, as some libraries do even for small files: sizes and offsets in 64 bits. */
  zip64?: boolean;
  /** Sizes to claim in the headers instead of the true ones, by entry name: archives that lie. */
  claimedSizes?: Map<string, number>;
}

/** An archive of the given files, in order. */
export function writeZip(entries: Entries, options: WriteOptions = {}): Uint8Array {
  const zip64 = options.zip64 === true;
  const FULL = 0xffffffff;
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = options.store ? Buffer.from(content) : deflateRawSync(content);
    const size = options.claimedSizes?.get(name) ?? content.byteLength;
    const method = options.store ? 0 : 8;
    const version = zip64 ? 45 : 20;
    // The ZIP64 extra field holds what the 32-bit fields then leave at 0xFFFFFFFF.
    const localExtra = zip64 ? extraField([size, data.byteLength]) : Buffer.alloc(0);
    const centralExtra = zip64 ? extraField([size, data.byteLength, offset]) : Buffer.alloc(0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(version, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc32(content), 14);
    local.writeUInt32LE(zip64 ? FULL : data.byteLength, 18);
    local.writeUInt32LE(zip64 ? FULL : size, 22);
    local.writeUInt16LE(nameBytes.byteLength, 26);
    local.writeUInt16LE(localExtra.byteLength, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(DIRECTORY_ENTRY, 0);
    central.writeUInt16LE(version, 4); // version made by
    central.writeUInt16LE(version, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc32(content), 16);
    central.writeUInt32LE(zip64 ? FULL : data.byteLength, 20);
    central.writeUInt32LE(zip64 ? FULL : size, 24);
    central.writeUInt16LE(nameBytes.byteLength, 28);
    central.writeUInt16LE(centralExtra.byteLength, 30);
    central.writeUInt32LE(zip64 ? FULL : offset, 42);
    locals.push(local, nameBytes, localExtra, data);
    directory.push(central, nameBytes, centralExtra);
    offset += 30 + nameBytes.byteLength + localExtra.byteLength + data.byteLength;
  }
  const directorySize = directory.reduce((n, b) => n + b.byteLength, 0);
  const tail: Buffer[] = [];
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4); // the record's size after this field
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(entries.size), 24);
    record.writeBigUInt64LE(BigInt(entries.size), 32);
    record.writeBigUInt64LE(BigInt(directorySize), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directorySize), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_DIRECTORY, 0);
  end.writeUInt16LE(zip64 ? 0xffff : entries.size, 8);
  end.writeUInt16LE(zip64 ? 0xffff : entries.size, 10);
  end.writeUInt32LE(zip64 ? FULL : directorySize, 12);
  end.writeUInt32LE(zip64 ? FULL : offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...directory, ...tail, end]));
}

/** A ZIP64 extra field holding these 64-bit values. */
function extraField(values: number[]): Buffer {
  const field = Buffer.alloc(4 + 8 * values.length);
  field.writeUInt16LE(0x0001, 0);
  field.writeUInt16LE(8 * values.length, 2);
  values.forEach((value, i) => field.writeBigUInt64LE(BigInt(value), 4 + 8 * i));
  return field;
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
