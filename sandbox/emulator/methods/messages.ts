/**
 * Sending, editing and deleting text messages, and chat actions.
 * Note Telegram's rule that editing a message's text without passing reply_markup removes its
 * inline keyboard; bots that want to keep the buttons must send them again.
 */
import type { InlineKeyboardMarkup, Message } from 'grammy/types';
import { badRequest, errors } from '../api-error';
import type { StoredMessage } from '../conversation';
import { inlineKeyboardOf, type ReplyMarkup } from '../keyboard';
import type { Params } from '../params';
import { botAsUser } from '../world';
import {
  readFormattedText,
  readReplyMarkup,
  readReplyTarget,
  requireMessageId,
  resolveChat,
  takeFloodToken,
  withText,
  type ChatTarget,
  type RepliedMessage,
  type MethodContext,
  type MethodHandler,
} from './context';

/** The message fields every new bot message has, before its content is added. */
export function newBotMessage(
  context: MethodContext,
  target: ChatTarget,
  replyTo: RepliedMessage | undefined,
  markup: ReplyMarkup | undefined,
): Message {
  const message: Message = {
    message_id: target.conversation.nextMessageId(),
    from: botAsUser(context.bot),
    chat: target.conversation.chat,
    date: context.core.date(),
  };
  if (replyTo !== undefined) message.reply_to_message = replyTo;
  const keyboard = inlineKeyboardOf(markup);
  if (keyboard !== undefined) message.reply_markup = keyboard;
  return message;
}

export const sendMessage: MethodHandler = (context, params) => {
  const target = resolveChat(context, params, 'send');
  const formatted = readFormattedText(context, params, 'text');
  if (formatted === undefined) throw badRequest('message text is empty');
  const markup = readReplyMarkup(context, params);
  const replyTo = readReplyTarget(params, target.conversation);
  takeFloodToken(context, target);
  const message = withText(newBotMessage(context, target, replyTo, markup), formatted, 'text');
  const stored: StoredMessage = { message, sender: { kind: 'bot', botId: context.bot.id } };
  if (markup !== undefined) stored.markup = markup;
  context.core.addMessage(target.conversation, stored);
  return message;
};

/** The bot's own message that an edit method names, or Telegram's refusal. */
function messageToEdit(context: MethodContext, params: Params): { target: ChatTarget; stored: StoredMessage } {
  if (params.has('inline_message_id')) throw badRequest('MESSAGE_ID_INVALID');
  const target = resolveChat(context, params, 'send');
  const stored = target.conversation.get(requireMessageId(params));
  if (stored === undefined) throw badRequest('message to edit not found');
  if (stored.sender.kind !== 'bot' || stored.sender.botId !== context.bot.id) throw badRequest("message can't be edited");
  return { target, stored };
}

/** Edits may carry inline keyboards only; no reply_markup means no keyboard. */
function readEditMarkup(context: MethodContext, params: Params): InlineKeyboardMarkup | undefined {
  const markup = readReplyMarkup(context, params);
  if (markup !== undefined && !('inline_keyboard' in markup)) throw badRequest('inline keyboard expected');
  return markup;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function commitEdit(context: MethodContext, target: ChatTarget, stored: StoredMessage, message: Message): Message {
  const edited: Message = { ...message, edit_date: context.core.date() };
  const keyboard = message.reply_markup;
  if (keyboard === undefined) delete edited.reply_markup;
  const next: StoredMessage = { message: edited, sender: stored.sender };
  // A reply keyboard sent with the message stays on the user's screen whatever the edit does.
  const replyKeyboard = stored.markup !== undefined && !('inline_keyboard' in stored.markup) ? stored.markup : undefined;
  const markup = keyboard ?? replyKeyboard;
  if (markup !== undefined) next.markup = markup;
  context.core.replaceMessage(target.conversation, next);
  return edited;
}

function withKeyboard(message: Message, keyboard: InlineKeyboardMarkup | undefined): Message {
  const result: Message = { ...message };
  if (keyboard === undefined) delete result.reply_markup;
  else result.reply_markup = keyboard;
  return result;
}

export const editMessageText: MethodHandler = (context, params) => {
  const { target, stored } = messageToEdit(context, params);
  if (stored.message.text === undefined) throw badRequest('there is no text in the message to edit');
  const formatted = readFormattedText(context, params, 'text');
  if (formatted === undefined) throw badRequest('message text is empty');
  const keyboard = readEditMarkup(context, params);
  const old = stored.message;
  if (old.text === formatted.text && sameJson(old.entities ?? [], formatted.entities) && sameJson(old.reply_markup, keyboard)) {
    throw errors.notModified();
  }
  return commitEdit(context, target, stored, withKeyboard(withText(old, formatted, 'text'), keyboard));
};

export const editMessageCaption: MethodHandler = (context, params) => {
  const { target, stored } = messageToEdit(context, params);
  const old = stored.message;
  if (old.photo === undefined && old.document === undefined) {
    throw badRequest('there is no caption in the message to edit');
  }
  const formatted = readFormattedText(context, params, 'caption') ?? { text: '', entities: [] };
  const keyboard = readEditMarkup(context, params);
  if (
    (old.caption ?? '') === formatted.text &&
    sameJson(old.caption_entities ?? [], formatted.entities) &&
    sameJson(old.reply_markup, keyboard)
  ) {
    throw errors.notModified();
  }
  return commitEdit(context, target, stored, withKeyboard(withText(old, formatted, 'caption'), keyboard));
};

export const editMessageReplyMarkup: MethodHandler = (context, params) => {
  const { target, stored } = messageToEdit(context, params);
  const keyboard = readEditMarkup(context, params);
  if (sameJson(stored.message.reply_markup, keyboard)) throw errors.notModified();
  return commitEdit(context, target, stored, withKeyboard(stored.message, keyboard));
};

/** Bots may not delete messages older than 48 hours. */
const DELETE_WINDOW_SECONDS = 48 * 60 * 60;

export const deleteMessage: MethodHandler = (context, params) => {
  const target = resolveChat(context, params, 'send');
  const stored = target.conversation.get(requireMessageId(params));
  if (stored === undefined) throw badRequest('message to delete not found');
  const ownMessage = stored.sender.kind === 'bot' && stored.sender.botId === context.bot.id;
  // In groups a bot needs admin rights to delete others' messages; the emulator has no admins.
  if (!ownMessage && target.kind !== 'private') throw badRequest("message can't be deleted");
  if (context.core.date() - stored.message.date > DELETE_WINDOW_SECONDS) throw badRequest("message can't be deleted");
  context.core.deleteMessage(target.conversation, stored.message.message_id);
  return true;
};

const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);

export const sendChatAction: MethodHandler = (context, params) => {
  const target = resolveChat(context, params, 'send');
  const action = params.string('action') ?? '';
  if (!CHAT_ACTIONS.has(action)) throw badRequest('wrong parameter action in request');
  context.core.events.emit('chatAction', {
    botId: context.bot.id,
    chatId: target.chatId,
    action,
    at: context.core.clock(),
  });
  return true;
};
