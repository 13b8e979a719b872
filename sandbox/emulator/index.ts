/**
 * A local emulator of the Telegram Bot API, for tests, benchmarks and the offline demo.
 * The real bot talks to it over HTTP with only `client.apiRoot` changed:
 *
 *   const emulator = await startEmulator({ users: [{ id: 42, firstName: '王', languageCode: 'zh-hans' }] });
 *   const bot = new Bot(emulator.token, { client: { apiRoot: emulator.apiRoot } });
 *   …
 *   await emulator.close();
 *
 * Module map: emulator.ts (the public object), http-server.ts / bot-api.ts / params.ts /
 * multipart.ts (HTTP and requests), methods/ (the Bot API methods), world.ts / conversation.ts
 * (who and what exists), user-actions.ts (acting as people), html.ts / render-html.ts /
 * text-entities.ts / keyboard.ts (Telegram's text rules), rate-limit.ts, faults.ts,
 * update-queue.ts, files.ts / image-size.ts, recorder.ts, transcript.ts, control-api.ts.
 *
 * Known differences from Telegram, on purpose or for want of need:
 * - HTML: a lone "&" is refused by default (Telegram keeps it as text); Markdown parse modes
 *   are refused with a message saying so. Links are not normalised (no trailing "/" added).
 * - Bot messages get no automatic url / mention / bot_command entities; typed user text gets
 *   bot_command and mention entities only.
 * - Webhooks are stored but never called; updates stay queued for getWebhookInfo to count.
 * - file_ids work for every bot of one emulator; photos are not resized (every size serves the
 *   original bytes); URLs as files are refused ("failed to get HTTP URL content").
 * - Callback queries never expire; group administrators, channels, forums, inline mode,
 *   payments and most methods beyond the ones in methods/index.ts are not emulated (404).
 * - Flood control counts new messages only, not edits; see rate-limit.ts for the buckets.
 */
import { Emulator, type EmulatorOptions } from './emulator';

export function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return Emulator.start(options);
}

export { Emulator, DEFAULT_BOT } from './emulator';
export type { BotOption, ChatSummary, EmulatorOptions, Faults } from './emulator';
export type { CallbackAnswer, ChatActionEvent, EmulatorEvents, MessageEvent, PollingEvent, UpdateEvent } from './core';
export type { ApiErrorBody } from './api-error';
export type { Clock } from './clock';
export type { DropFault, FaultHandle, ServerErrorFault, ServerErrorStatus } from './faults';
export type { FormattedText, HtmlParseOptions } from './html';
export { parseTelegramHtml, HtmlParseError } from './html';
export { renderHtml } from './render-html';
export type { CommandViewer } from './methods/commands';
export { TELEGRAM_FLOOD_LIMITS } from './rate-limit';
export type { BucketSpec, FloodLimits } from './rate-limit';
export type { ApiResponseBody, BotCall, CallFilter } from './recorder';
export type { TranscriptEntry } from './transcript';
export type { ButtonChoice, UserDocument, UserMessageOptions, UserPhoto } from './user-actions';
export type { BotSpec, GroupSpec, UserSpec } from './world';
export type {
  CallbackQuery,
  Chat,
  Document,
  InlineKeyboardButton,
  Message,
  MessageEntity,
  PhotoSize,
  Update,
  User,
  UserFromGetMe,
} from 'grammy/types';
