/**
 * Checks `reply_markup` the way the Bot API does before a message is sent or edited, and
 * brings it to the form Telegram stores: inline keyboards without empty rows, reply keyboard
 * buttons given as plain strings turned into `{ text }`.
 */
import type {
  ForceReply,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  KeyboardButton,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
} from 'grammy/types';
import { badRequest } from './api-error';

export type ReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;

/** Any one of these makes a button do something; a button with none is a "text button". */
const INLINE_ACTIONS = [
  'url', 'callback_data', 'web_app', 'login_url', 'switch_inline_query', 'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat', 'copy_text', 'callback_game', 'pay', 'disabled',
] as const;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isRows = (value: unknown): value is unknown[][] => Array.isArray(value) && value.every(Array.isArray);

function checkInlineButton(button: unknown): InlineKeyboardButton {
  if (!isObject(button)) throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  if (typeof button.text !== 'string') {
    throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
  }
  const actions = INLINE_ACTIONS.filter((action) => button[action] !== undefined);
  if (actions.length === 0) throw badRequest('text buttons are unallowed in the inline keyboard');
  if (button.callback_data !== undefined) {
    const data = button.callback_data;
    // Telegram counts bytes, so 22 Chinese characters (66 bytes) are already too long.
    if (typeof data !== 'string' || Buffer.byteLength(data, 'utf8') < 1 || Buffer.byteLength(data, 'utf8') > 64) {
      throw badRequest('BUTTON_DATA_INVALID');
    }
  }
  if (button.url !== undefined) {
    const url = button.url;
    if (typeof url !== 'string' || !/^(https?|tg):\/\/\S+$/i.test(url)) {
      throw badRequest(`inline keyboard button URL '${String(url)}' is invalid: Wrong HTTP URL`);
    }
  }
  return button as unknown as InlineKeyboardButton;
}

function checkReplyButton(button: unknown): KeyboardButton {
  if (typeof button === 'string') return { text: button };
  if (!isObject(button) || typeof button.text !== 'string') {
    throw badRequest('can\'t parse keyboard button: Field "text" must be of type String');
  }
  return button as unknown as KeyboardButton;
}

/** Returns the markup to store, or undefined when it asks for no keyboard (an empty inline keyboard). */
export function checkReplyMarkup(value: unknown): ReplyMarkup | undefined {
  if (!isObject(value)) throw badRequest("can't parse reply keyboard markup JSON object");
  if ('inline_keyboard' in value) {
    if (!isRows(value.inline_keyboard)) {
      throw badRequest('Field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
    }
    const rows = value.inline_keyboard.map((row) => row.map(checkInlineButton)).filter((row) => row.length > 0);
    return rows.length === 0 ? undefined : { inline_keyboard: rows };
  }
  if ('keyboard' in value) {
    if (!isRows(value.keyboard)) {
      throw badRequest('Field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays');
    }
    return { ...value, keyboard: value.keyboard.map((row) => row.map(checkReplyButton)) } as ReplyKeyboardMarkup;
  }
  if (value.remove_keyboard === true) return value as unknown as ReplyKeyboardRemove;
  if (value.force_reply === true) return value as unknown as ForceReply;
  throw badRequest("can't parse reply keyboard markup JSON object");
}

export function inlineKeyboardOf(markup: ReplyMarkup | undefined): InlineKeyboardMarkup | undefined {
  return markup !== undefined && 'inline_keyboard' in markup ? markup : undefined;
}
