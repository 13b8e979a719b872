/**
 * A chat as a person in it sees it: who said what, the current text with its formatting, the
 * buttons under each message, attachments. Built from the stored Bot API messages.
 */
import type { Document, InlineKeyboardButton, KeyboardButton, Message, MessageEntity, PhotoSize } from 'grammy/types';
import type { Sender, StoredMessage } from './conversation';
import { renderHtml } from './render-html';
import { displayName } from './world';

export interface TranscriptEntry {
  message_id: number;
  date: number;
  edit_date?: number;
  from: { kind: Sender['kind']; id: number; name: string; username?: string };
  /** The text, or the caption of a photo or document. */
  text?: string;
  entities?: MessageEntity[];
  /** `text` with its entities as Telegram HTML. */
  html?: string;
  /** The inline keyboard as it is now (after editMessageReplyMarkup / editMessageText). */
  inline_keyboard?: InlineKeyboardButton[][];
  /** A reply keyboard sent with this message, as the user's keyboard shows it. */
  reply_keyboard?: KeyboardButton[][];
  photo?: PhotoSize[];
  document?: Document;
  reply_to_message_id?: number;
  /** Service messages: the group was upgraded to / from this chat. */
  migrate_to_chat_id?: number;
  migrate_from_chat_id?: number;
  /** The Bot API message itself. */
  message: Message;
}

export function transcriptEntry(stored: StoredMessage): TranscriptEntry {
  const { message, sender, markup } = stored;
  const from = message.from;
  const entry: TranscriptEntry = {
    message_id: message.message_id,
    date: message.date,
    from: {
      kind: sender.kind,
      id: from?.id ?? 0,
      // An anonymous admin's message shows the group as its author, as clients show it.
      name: message.sender_chat?.title ?? (from === undefined ? '' : displayName(from)),
    },
    message,
  };
  if (from?.username !== undefined) entry.from.username = from.username;
  if (message.edit_date !== undefined) entry.edit_date = message.edit_date;
  const text = message.text ?? message.caption;
  const entities = message.entities ?? message.caption_entities ?? [];
  if (text !== undefined) {
    entry.text = text;
    entry.entities = entities;
    entry.html = renderHtml(text, entities);
  }
  if (message.reply_markup !== undefined) entry.inline_keyboard = message.reply_markup.inline_keyboard;
  if (markup !== undefined && 'keyboard' in markup) entry.reply_keyboard = markup.keyboard;
  if (message.photo !== undefined) entry.photo = message.photo;
  if (message.document !== undefined) entry.document = message.document;
  if (message.reply_to_message !== undefined) entry.reply_to_message_id = message.reply_to_message.message_id;
  if (message.migrate_to_chat_id !== undefined) entry.migrate_to_chat_id = message.migrate_to_chat_id;
  if (message.migrate_from_chat_id !== undefined) entry.migrate_from_chat_id = message.migrate_from_chat_id;
  return entry;
}
