/**
 * Files the emulator holds: what bots upload and what users send. Each gets a file_id, a
 * file_unique_id and a file_path under which GET /file/bot<token>/<file_path> serves the bytes,
 * as the Bot API does. One difference: a file_id here works for every bot of the emulator,
 * while Telegram's file_ids are per bot (file_unique_ids are shared on both).
 */
import { randomBytes } from 'node:crypto';
import { extname } from 'node:path';
import type { Document, PhotoSize } from 'grammy/types';
import { imageSize, photoSizesFor } from './image-size';

export type StoredFileKind = 'document' | 'photo';

export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  filePath: string;
  kind: StoredFileKind;
  data: Buffer;
  fileName?: string;
  mimeType?: string;
  width?: number;
  height?: number;
  /** For a photo: the file_ids of all its sizes, smallest first (this one among them). */
  photoSizeIds?: string[];
}

/** Telegram serves files up to 20 MB through getFile. */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

const MIME_TYPES: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.xls': 'application/vnd.ms-excel',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.doc': 'application/msword',
  '.pdf': 'application/pdf',
  '.csv': 'text/csv',
  '.tsv': 'text/tab-separated-values',
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.zip': 'application/zip',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

/** Telegram names a document's type from its file name, not from what the client declared. */
export function mimeTypeFor(fileName: string, declared?: string): string {
  const known = MIME_TYPES[extname(fileName).toLowerCase()];
  if (known !== undefined) return known;
  if (declared !== undefined && declared !== '' && declared !== 'application/octet-stream') return declared;
  return 'application/octet-stream';
}

const ID_PREFIX: Record<StoredFileKind, string> = { document: 'BQACAgUAAx', photo: 'AgACAgUAAx' };

export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private readonly byPath = new Map<string, StoredFile>();
  private counter = 0;

  add(input: { kind: StoredFileKind; data: Buffer; fileName?: string; mimeType?: string; width?: number; height?: number }): StoredFile {
    const number = ++this.counter;
    const extension = input.kind === 'photo' ? '.jpg' : extname(input.fileName ?? '') || '';
    const file: StoredFile = {
      ...input,
      // A copy, so that a stored file does not pin the whole request body it came in.
      data: Buffer.from(input.data),
      fileId: `${ID_PREFIX[input.kind]}${number.toString(36)}${randomBytes(9).toString('base64url')}`,
      fileUniqueId: `AgAD${number.toString(36).padStart(4, '0')}`,
      filePath: `${input.kind === 'photo' ? 'photos' : 'documents'}/file_${number}${extension}`,
    };
    this.byId.set(file.fileId, file);
    this.byPath.set(file.filePath, file);
    return file;
  }

  get(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId);
  }

  atPath(filePath: string): StoredFile | undefined {
    return this.byPath.get(filePath);
  }

  addDocument(data: Buffer, fileName: string, declaredType?: string): StoredFile {
    return this.add({ kind: 'document', data, fileName, mimeType: mimeTypeFor(fileName, declaredType) });
  }

  /**
   * Stores a photo as the sizes Telegram lists for it. Every size serves the original bytes:
   * the emulator does not resize images, it only reports the sizes Telegram would make.
   * Returns undefined for bytes that are not an image.
   */
  addPhoto(data: Buffer): PhotoSize[] | undefined {
    const size = imageSize(data);
    if (size === undefined) return undefined;
    const files = photoSizesFor(size.width, size.height).map(({ width, height }) => this.add({ kind: 'photo', data, width, height }));
    const ids = files.map((file) => file.fileId);
    for (const file of files) file.photoSizeIds = ids;
    return files.map(photoSizeOf);
  }

  /** All sizes of the photo that `file` is one size of, as a message lists them. */
  photoSizesOf(file: StoredFile): PhotoSize[] {
    const ids = file.photoSizeIds ?? [file.fileId];
    return ids
      .map((id) => this.byId.get(id))
      .filter((f): f is StoredFile => f !== undefined)
      .map(photoSizeOf);
  }
}

export function documentOf(file: StoredFile): Document {
  const document: Document = { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.data.length };
  if (file.fileName !== undefined) document.file_name = file.fileName;
  if (file.mimeType !== undefined) document.mime_type = file.mimeType;
  return document;
}

export function photoSizeOf(file: StoredFile): PhotoSize {
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    width: file.width ?? 0,
    height: file.height ?? 0,
    file_size: file.data.length,
  };
}
