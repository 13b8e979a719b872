/**
 * What every Bot API method handler gets, and the checks several of them share: which chat a
 * `chat_id` means for this bot (with Telegram's refusals), message text with parse modes and
 * limits, reply markup, the message being replied to, flood control.
 */
import type { Message, MessageEntity, User } from 'grammy/types';
import { ApiError, badRequest, errors, tooManyRequests } from '../api-error';
import type { Conversation } from '../conversation';
import type { EmulatorCore } from '../core';
import { HtmlParseError, parseTelegramHtml, sortEntities, type FormattedText } from '../html';
import { checkReplyMarkup, type ReplyMarkup } from '../keyboard';
import type { Params } from '../params';
import { trimFormattedText } from '../text-entities';
import type { BotState, GroupState } from '../world';

export interface MethodContext {
  core: EmulatorCore;
  bot: BotState;
  /** Aborted when the client disconnects. */
  signal: AbortSignal;
}

/** A successful answer that, like some of Telegram's, also carries a description. */
export class DescribedResult {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}

export type MethodHandler = (context: MethodContext, params: Params) => unknown;

export interface ChatTarget {
  chatId: number;
  kind: 'private' | 'group';
  conversation: Conversation;
  user?: User;
  group?: GroupState;
}

/**
 * `send` is for anything that changes a chat: Telegram refuses it when the user blocked the
 * bot or never started it, or when the bot is not in the group. `read` (getChat) only needs
 * the chat to be known to the bot.
 */
export function resolveChat(context: MethodContext, params: Params, purpose: 'send' | 'read'): ChatTarget {
  const { core, bot } = context;
  const raw = params.raw('chat_id');
  if (raw === undefined || raw === '') throw badRequest('chat_id is empty');
  // "@username" works for public supergroups and channels only; the emulator has neither with usernames.
  if (typeof raw === 'string' && !/^\s*-?\d+\s*$/.test(raw)) throw errors.chatNotFound();
  const chatId = params.integer('chat_id') as number;
  if (core.faults.isChatMissing(chatId)) throw errors.chatNotFound();

  if (chatId > 0) {
    if (core.world.bot(chatId) !== undefined) {
      throw purpose === 'send' ? errors.cantSendToBots() : errors.chatNotFound();
    }
    const user = core.world.user(chatId);
    if (user === undefined) throw errors.chatNotFound();
    if (core.rules.chatNotFoundForUnseenUsers && !knowsUser(context, chatId)) throw errors.chatNotFound();
    if (purpose === 'send' && core.access.isDeactivated(chatId)) throw errors.userDeactivated();
    if (purpose === 'send' && bot.blockedBy.has(chatId)) throw errors.blockedByUser();
    if (!bot.startedBy.has(chatId)) {
      throw purpose === 'send' ? errors.cantInitiateConversation() : errors.chatNotFound();
    }
    const conversation = core.world.conversation(bot, chatId) as Conversation;
    return { chatId, kind: 'private', conversation, user };
  }

  const group = core.world.group(chatId);
  if (group === undefined) throw errors.chatNotFound();
  if (group.migratedTo !== undefined) throw errors.groupUpgraded(group.migratedTo);
  if (!group.bots.has(bot.id)) {
    if (core.access.wasKicked(chatId, bot.id)) {
      // A kicked bot may still read a basic group's details, not a supergroup's.
      if (purpose === 'send' || group.chat.type === 'supergroup') throw errors.kickedFromGroup(group.chat.type);
      return { chatId, kind: 'group', conversation: core.world.conversation(bot, chatId) as Conversation, group };
    }
    throw purpose === 'send' ? errors.notMemberOfGroup(group.chat.type) : errors.chatNotFound();
  }
  const conversation = core.world.conversation(bot, chatId) as Conversation;
  return { chatId, kind: 'group', conversation, group };
}

/**
 * Whether the bot has met the user: they started it (or UserSpec.hasStartedBots says so), an
 * update told the bot about them, or they are in a group with the bot.
 */
export function knowsUser(context: MethodContext, userId: number): boolean {
  const { core, bot } = context;
  if (bot.startedBy.has(userId) || core.access.hasSeen(bot.id, userId)) return true;
  return core.world.groups().some((group) => group.members.has(userId) && group.bots.has(bot.id));
}

export const MAX_TEXT_LENGTH = 4096;
export const MAX_CAPTION_LENGTH = 1024;

/**
 * Reads a text or caption with its parse mode or explicit entities, and applies Telegram's
 * trimming and length limits (counted in UTF-16 units of the plain text, as Telegram counts).
 */
export function readFormattedText(context: MethodContext, params: Params, field: 'text' | 'caption'): FormattedText | undefined {
  const raw = params.string(field);
  if (raw === undefined) return undefined;
  const entitiesField = field === 'text' ? 'entities' : 'caption_entities';
  let formatted: FormattedText;
  const explicit = params.json(entitiesField, () => badRequest(`can't parse ${entitiesField} JSON object`));
  if (explicit !== undefined) {
    if (!Array.isArray(explicit)) throw badRequest(`can't parse ${entitiesField} JSON object`);
    formatted = { text: raw, entities: sortEntities(explicit as MessageEntity[]) };
  } else {
    formatted = parseWithMode(context, raw, params.string('parse_mode'));
  }
  formatted = trimFormattedText(formatted);
  if (field === 'text') {
    if (formatted.text.length === 0) throw badRequest('message text is empty');
    if (formatted.text.length > MAX_TEXT_LENGTH) throw badRequest('message is too long');
  } else if (formatted.text.length > MAX_CAPTION_LENGTH) {
    throw badRequest('message caption is too long');
  }
  return formatted;
}

function parseWithMode(context: MethodContext, text: string, parseMode: string | undefined): FormattedText {
  const mode = (parseMode ?? '').toLowerCase();
  if (mode === '') return { text, entities: [] };
  if (mode === 'html') {
    try {
      return parseTelegramHtml(text, context.core.htmlOptions());
    } catch (error) {
      if (error instanceof HtmlParseError) throw badRequest(error.message);
      throw error;
    }
  }
  if (mode === 'markdown' || mode === 'markdownv2') {
    // Not Telegram's answer: the emulator does not implement Markdown, and says so rather than guess.
    throw badRequest(`the emulator supports parse_mode "HTML" only, not "${parseMode}"`);
  }
  throw badRequest('unsupported parse_mode');
}

/** Puts text or caption fields on a message, leaving `entities` out when there are none, as Telegram does. */
export function withText(message: Message, formatted: FormattedText, field: 'text' | 'caption'): Message {
  const result: Message = { ...message };
  delete result.text;
  delete result.entities;
  delete result.caption;
  delete result.caption_entities;
  if (field === 'text') {
    result.text = formatted.text;
    if (formatted.entities.length > 0) result.entities = formatted.entities;
  } else if (formatted.text !== '') {
    result.caption = formatted.text;
    if (formatted.entities.length > 0) result.caption_entities = formatted.entities;
  }
  return result;
}

export function readReplyMarkup(context: MethodContext, params: Params): ReplyMarkup | undefined {
  const value = params.json('reply_markup', () => badRequest("can't parse reply keyboard markup JSON object"));
  return value === undefined ? undefined : checkReplyMarkup(value, { limits: context.core.rules.keyboardLimits });
}

/** A message as it appears in another's reply_to_message. */
export type RepliedMessage = NonNullable<Message['reply_to_message']>;

/** Telegram does not nest replies: the replied-to message comes without its own reply_to_message. */
export function asRepliedMessage(message: Message): RepliedMessage {
  const { reply_to_message: _nested, ...rest } = message;
  return rest as RepliedMessage;
}

/** The message a new message replies to: reply_parameters, or the older reply_to_message_id. */
export function readReplyTarget(params: Params, conversation: Conversation): RepliedMessage | undefined {
  const parameters = params.json('reply_parameters', () => badRequest("can't parse reply parameters JSON object"));
  let messageId: number | undefined;
  let allowWithoutReply = params.boolean('allow_sending_without_reply') ?? false;
  if (parameters !== undefined) {
    if (typeof parameters !== 'object' || parameters === null) throw badRequest("can't parse reply parameters JSON object");
    const fields = parameters as { message_id?: unknown; allow_sending_without_reply?: unknown };
    if (typeof fields.message_id !== 'number') throw badRequest('message to be replied not found');
    messageId = fields.message_id;
    allowWithoutReply = fields.allow_sending_without_reply === true;
  } else {
    messageId = params.integer('reply_to_message_id');
  }
  if (messageId === undefined) return undefined;
  const replied = conversation.get(messageId);
  if (replied === undefined) {
    if (allowWithoutReply) return undefined;
    throw badRequest('message to be replied not found');
  }
  return asRepliedMessage(replied.message);
}

/** Counts a new message against flood control; throws 429 with retry_after when over the limit. */
export function takeFloodToken(context: MethodContext, target: ChatTarget): void {
  const verdict = context.core.flood.trySend(context.bot.id, { id: target.chatId, kind: target.kind });
  if (!verdict.ok) throw tooManyRequests(verdict.retryAfterSeconds);
}

export function requireMessageId(params: Params): number {
  const messageId = params.integer('message_id');
  if (messageId === undefined) throw badRequest('message identifier is not specified');
  return messageId;
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
