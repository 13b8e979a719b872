/**
 * The Bot API methods the emulator implements. Telegram matches method names without regard to
 * case, so the table is looked up in lower case; anything else is 404 Not Found.
 */
import { answerCallbackQuery, getChat, getMe } from './chats';
import { deleteMyCommands, getChatMenuButton, getMyCommands, setChatMenuButton, setMyCommands } from './commands';
import type { MethodHandler } from './context';
import { getFile, sendDocument, sendPhoto } from './media';
import { deleteMessage, editMessageCaption, editMessageReplyMarkup, editMessageText, sendChatAction, sendMessage } from './messages';
import { getMyDescription, getMyName, getMyShortDescription, setMyDescription, setMyName, setMyShortDescription } from './profile';
import { deleteWebhook, getUpdates, getWebhookInfo, setWebhook } from './updates';

const HANDLERS: Record<string, MethodHandler> = {
  getMe,
  getUpdates,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
  setChatMenuButton,
  getChatMenuButton,
  setMyName,
  getMyName,
  setMyDescription,
  getMyDescription,
  setMyShortDescription,
  getMyShortDescription,
  sendMessage,
  editMessageText,
  editMessageCaption,
  editMessageReplyMarkup,
  deleteMessage,
  sendChatAction,
  sendPhoto,
  sendDocument,
  getFile,
  getChat,
  answerCallbackQuery,
};

const BY_LOWER_NAME = new Map(Object.entries(HANDLERS).map(([name, handler]) => [name.toLowerCase(), { name, handler }]));

/** The handler and the method's proper name, or undefined for a method the emulator does not know. */
export function findMethod(name: string): { name: string; handler: MethodHandler } | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}

export const SUPPORTED_METHODS = Object.keys(HANDLERS);
