/**
 * Photos and documents from the bot, and getFile. Uploads arrive as multipart parts (grammY
 * sends `attach://` references); a file_id re-sends a stored file. URLs are refused: the
 * emulator has no network to fetch them from.
 *
 * Telegram's upload limits (EmulatorOptions.photoLimits turns the photo ones off): a photo
 * of at most 10 MB, refused before it is read; its width and height at most 10000 together
 * and neither more than 20 times the other (PHOTO_INVALID_DIMENSIONS); any upload at most
 * 50 MB, above which api.telegram.org answers 413 without reading the request.
 */
import type { Document, Message, PhotoSize } from 'grammy/types';
import { badRequest, errors } from '../api-error';
import type { StoredMessage } from '../conversation';
import { documentOf, MAX_DOWNLOAD_BYTES, type StoredFile } from '../files';
import { imageSize } from '../image-size';
import type { FileInput, Params } from '../params';
import {
  readFormattedText,
  readReplyMarkup,
  readReplyTarget,
  resolveChat,
  takeFloodToken,
  withText,
  type MethodContext,
  type MethodHandler,
} from './context';
import { newBotMessage } from './messages';

const TYPE_NAMES = { document: 'Document', photo: 'Photo' } as const;

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const MAX_PHOTO_SIDES_SUM = 10_000;
export const MAX_PHOTO_ASPECT_RATIO = 20;

/** Telegram's checks on an uploaded photo, before it is stored. */
function checkPhotoUpload(context: MethodContext, data: Buffer): void {
  if (!context.core.rules.photoLimits) return;
  if (data.length > MAX_PHOTO_BYTES) throw errors.photoTooBig(data.length, MAX_PHOTO_BYTES);
  const size = imageSize(data);
  if (size === undefined) return; // refused as IMAGE_PROCESS_FAILED below
  const { width, height } = size;
  if (width + height > MAX_PHOTO_SIDES_SUM || Math.max(width, height) > MAX_PHOTO_ASPECT_RATIO * Math.min(width, height)) {
    throw errors.photoInvalidDimensions();
  }
}

function storedFileFor(context: MethodContext, input: FileInput, expected: StoredFile['kind']): StoredFile {
  if (input.kind === 'url') throw badRequest('failed to get HTTP URL content');
  if (input.kind === 'upload') throw new Error('uploads are stored by the caller');
  const file = context.core.files.get(input.fileId);
  if (file === undefined) throw errors.wrongFileId();
  if (file.kind !== expected) {
    throw badRequest(`can't use file of type ${TYPE_NAMES[file.kind]} as ${TYPE_NAMES[expected]}`);
  }
  return file;
}

function readDocument(context: MethodContext, params: Params): Document {
  const input = params.file('document');
  if (input === undefined) throw badRequest('there is no document in the request');
  if (input.kind !== 'upload') return documentOf(storedFileFor(context, input, 'document'));
  if (input.file.data.length === 0) throw badRequest('file must be non-empty');
  if (input.file.data.length > MAX_UPLOAD_BYTES) throw errors.requestEntityTooLarge();
  return documentOf(context.core.files.addDocument(input.file.data, input.file.filename, input.file.contentType));
}

function readPhoto(context: MethodContext, params: Params): PhotoSize[] {
  const input = params.file('photo');
  if (input === undefined) throw badRequest('there is no photo in the request');
  if (input.kind !== 'upload') return context.core.files.photoSizesOf(storedFileFor(context, input, 'photo'));
  if (input.file.data.length === 0) throw badRequest('file must be non-empty');
  checkPhotoUpload(context, input.file.data);
  const sizes = context.core.files.addPhoto(input.file.data);
  if (sizes === undefined) throw badRequest('IMAGE_PROCESS_FAILED');
  return sizes;
}

/** Reads and stores the attachment of a media message; called only after the cheap checks passed. */
type Attach = (context: MethodContext, params: Params) => Partial<Message>;

function sendMedia(context: MethodContext, params: Params, attach: Attach): Message {
  const target = resolveChat(context, params, 'send');
  const caption = readFormattedText(context, params, 'caption');
  const markup = readReplyMarkup(context, params);
  const replyTo = readReplyTarget(params, target.conversation);
  const content = attach(context, params);
  // Last, so that a refused request neither uses a flood token nor a message id.
  takeFloodToken(context, target);
  let message = { ...newBotMessage(context, target, replyTo, markup), ...content };
  if (caption !== undefined) message = withText(message, caption, 'caption');
  const stored: StoredMessage = { message, sender: { kind: 'bot', botId: context.bot.id } };
  if (markup !== undefined) stored.markup = markup;
  context.core.addMessage(target.conversation, stored);
  return message;
}

export const sendDocument: MethodHandler = (context, params) => sendMedia(context, params, (c, p) => ({ document: readDocument(c, p) }));

export const sendPhoto: MethodHandler = (context, params) => sendMedia(context, params, (c, p) => ({ photo: readPhoto(c, p) }));

export const getFile: MethodHandler = (context, params) => {
  const fileId = params.string('file_id') ?? '';
  if (fileId === '') throw badRequest('file_id is empty');
  const file = context.core.files.get(fileId);
  if (file === undefined) throw badRequest('invalid file_id');
  if (file.data.length > MAX_DOWNLOAD_BYTES) throw badRequest('file is too big');
  return { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.data.length, file_path: file.filePath };
};
