/**
 * Checks `reply_markup` the way the Bot API does before a message is sent or edited, and
 * brings it to the form Telegram stores: inline keyboards without empty rows, reply keyboard
 * buttons given as plain strings turned into `{ text }`.
 *
 * Telegram's limits (on unless `limits: false`):
 * - a button with empty text is dropped without a word, and a row left empty with it (TDLib
 *   skips such buttons before sending), so a keyboard of only such buttons is no keyboard;
 * - an inline keyboard may hold at most 100 buttons and 8 per row; Telegram refuses more with
 *   "reply markup is too long" (its answer for an oversized markup; it documents no separate
 *   wording for the count);
 * - a reply keyboard keeps at most 12 buttons per row and 300 in all: TDLib cuts the rest off.
 */
import type {
  ForceReply,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  KeyboardButton,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
} from 'grammy/types';
import { badRequest, errors } from './api-error';

export type ReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;

/** Any one of these makes a button do something; a button with none is a "text button". */
const INLINE_ACTIONS = [
  'url',
  'callback_data',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
  'disabled',
] as const;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

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

export const MAX_INLINE_BUTTONS = 100;
export const MAX_INLINE_BUTTONS_PER_ROW = 8;
const MAX_REPLY_BUTTONS = 300;
const MAX_REPLY_BUTTONS_PER_ROW = 12;

export interface MarkupOptions {
  /** Telegram's limits (see above); default true. */
  limits?: boolean;
}

/** Returns the markup to store, or undefined when it asks for no keyboard (an empty inline keyboard). */
export function checkReplyMarkup(value: unknown, options: MarkupOptions = {}): ReplyMarkup | undefined {
  const limits = options.limits ?? true;
  if (!isObject(value)) throw badRequest("can't parse reply keyboard markup JSON object");
  if ('inline_keyboard' in value) {
    if (!isRows(value.inline_keyboard)) {
      throw badRequest('Field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
    }
    const rows = value.inline_keyboard
      .map((row) => row.map(checkInlineButton).filter((button) => !limits || button.text !== ''))
      .filter((row) => row.length > 0);
    if (limits) {
      const total = rows.reduce((sum, row) => sum + row.length, 0);
      if (total > MAX_INLINE_BUTTONS || rows.some((row) => row.length > MAX_INLINE_BUTTONS_PER_ROW)) {
        throw errors.replyMarkupTooLong();
      }
    }
    return rows.length === 0 ? undefined : { inline_keyboard: rows };
  }
  if ('keyboard' in value) {
    if (!isRows(value.keyboard)) {
      throw badRequest('Field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays');
    }
    let rows = value.keyboard.map((row) => row.map(checkReplyButton));
    if (limits) rows = cutReplyKeyboard(rows);
    return { ...value, keyboard: rows } as ReplyKeyboardMarkup;
  }
  if (value.remove_keyboard === true) return value as unknown as ReplyKeyboardRemove;
  if (value.force_reply === true) return value as unknown as ForceReply;
  throw badRequest("can't parse reply keyboard markup JSON object");
}

/** What TDLib keeps of a reply keyboard: no empty-text buttons or empty rows, 12 per row, 300 in all. */
function cutReplyKeyboard(rows: KeyboardButton[][]): KeyboardButton[][] {
  const kept: KeyboardButton[][] = [];
  let total = 0;
  for (const row of rows) {
    const buttons = row
      .filter((button) => (typeof button === 'string' ? button : button.text) !== '')
      .slice(0, MAX_REPLY_BUTTONS_PER_ROW)
      .slice(0, MAX_REPLY_BUTTONS - total);
    total += buttons.length;
    if (buttons.length > 0) kept.push(buttons);
    if (total >= MAX_REPLY_BUTTONS) break;
  }
  return kept;
}

export function inlineKeyboardOf(markup: ReplyMarkup | undefined): InlineKeyboardMarkup | undefined {
  return markup !== undefined && 'inline_keyboard' in markup ? markup : undefined;
}
