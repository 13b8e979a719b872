/**
 * Errors in the exact shape the Bot API answers with. Method handlers throw these; the HTTP
 * layer turns them into `{"ok":false,"error_code":…,"description":…,"parameters":…}` with the
 * HTTP status equal to the error code, as Telegram does.
 */
import type { ResponseParameters } from 'grammy/types';

export interface ApiErrorBody {
  ok: false;
  error_code: number;
  description: string;
  parameters?: ResponseParameters;
}

export class ApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(`${errorCode}: ${description}`);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    const body: ApiErrorBody = { ok: false, error_code: this.errorCode, description: this.description };
    if (this.parameters !== undefined) body.parameters = this.parameters;
    return body;
  }
}

// Telegram prefixes every description with the HTTP reason phrase; these keep that consistent.
export const badRequest = (reason: string, parameters?: ResponseParameters) => new ApiError(400, `Bad Request: ${reason}`, parameters);
export const forbidden = (reason: string) => new ApiError(403, `Forbidden: ${reason}`);
export const conflict = (reason: string) => new ApiError(409, `Conflict: ${reason}`);
export const unauthorized = () => new ApiError(401, 'Unauthorized');
export const methodNotFound = () => new ApiError(404, 'Not Found');
export const tooManyRequests = (retryAfterSeconds: number) =>
  new ApiError(429, `Too Many Requests: retry after ${retryAfterSeconds}`, { retry_after: retryAfterSeconds });

/** The descriptions Telegram uses for the same condition everywhere, so handlers do not drift apart. */
export const errors = {
  chatNotFound: () => badRequest('chat not found'),
  blockedByUser: () => forbidden('bot was blocked by the user'),
  cantInitiateConversation: () => forbidden("bot can't initiate conversation with a user"),
  cantSendToBots: () => forbidden("bot can't send messages to bots"),
  notMemberOfGroup: (type: 'group' | 'supergroup') =>
    forbidden(type === 'group' ? 'bot is not a member of the group chat' : 'bot is not a member of the supergroup chat'),
  groupUpgraded: (supergroupId: number) => badRequest('group chat was upgraded to a supergroup chat', { migrate_to_chat_id: supergroupId }),
  notModified: () =>
    badRequest(
      'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    ),
  queryTooOld: () => badRequest('query is too old and response timeout expired or query ID is invalid'),
  wrongFileId: () => badRequest('wrong file identifier/HTTP URL specified'),
  userDeactivated: () => forbidden('user is deactivated'),
  kickedFromGroup: (type: 'group' | 'supergroup') =>
    forbidden(type === 'group' ? 'bot was kicked from the group chat' : 'bot was kicked from the supergroup chat'),
  replyMarkupTooLong: () => badRequest('reply markup is too long'),
  photoInvalidDimensions: () => badRequest('PHOTO_INVALID_DIMENSIONS'),
  photoTooBig: (size: number, maximum: number) =>
    badRequest(`file of size ${size} bytes is too big for a photo; the maximum size is ${maximum} bytes`),
  /** Telegram's front server refuses an upload over its limit before the Bot API sees it. */
  requestEntityTooLarge: () => new ApiError(413, 'Request Entity Too Large'),
};
