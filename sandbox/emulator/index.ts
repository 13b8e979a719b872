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
 * (who and what exists), access.ts (whom a bot may reach), user-actions.ts / membership.ts
 * (acting as people), html.ts / render-html.ts / text-entities.ts / keyboard.ts (Telegram's
 * text rules), rate-limit.ts, faults.ts, random.ts, update-queue.ts, files.ts / image-size.ts,
 * recorder.ts, transcript.ts, control-api.ts.
 *
 * As harsh as Telegram by default (each switchable by an EmulatorOptions field):
 * - flood control on new messages and on other methods (edits, answerCallbackQuery,
 *   setMyCommands / deleteMyCommands) with Telegram's long waits for the latter (rate-limit.ts);
 * - answerCallbackQuery fails with "query is too old…" 15 s after the press, or when repeated;
 * - unconfirmed updates are dropped after 24 h (callback queries after 150 s); after a week
 *   without updates the update_id restarts at a random value (lower than before, see below);
 * - "chat not found" for users the bot never met, 403 for deactivated users and kicked bots;
 * - inline keyboards of at most 100 buttons and 8 a row, empty-text buttons dropped;
 * - photos of at most 10 MB, width + height ≤ 10000, sides within 20 : 1; uploads ≤ 50 MB (413).
 * Forced by a test where Telegram does it at random (Emulator.faults, or /sandbox/api/faults):
 * replies lost after the method ran (loseReplies; counted in callCounts()), 429 with a given
 * retry_after on any method (floodWait), 5xx, dropped connections, slow answers; and by
 * actions: deactivateUser, kickBot, blockBot, restartUpdateIds, asAnonymousAdmin posts.
 *
 * Known differences from Telegram, on purpose or for want of need:
 * - HTML: a lone "&" is refused by default (Telegram keeps it as text); Markdown parse modes
 *   are refused with a message saying so. Links are not normalised (no trailing "/" added).
 * - Bot messages get no automatic url / mention / bot_command entities; typed user text gets
 *   bot_command and mention entities only.
 * - Webhooks are stored but never called; updates stay queued for getWebhookInfo to count.
 * - file_ids work for every bot of one emulator; photos are not resized (every size serves the
 *   original bytes); URLs as files are refused ("failed to get HTTP URL content").
 * - Group administrators are not emulated: any member may kick the bot or post as the
 *   anonymous admin (GroupAnonymousBot). Channels, forums, inline mode, payments and most
 *   methods beyond the ones in methods/index.ts are not emulated (404).
 * - Flood limits other than the published message rates are estimates (Telegram publishes
 *   none): edits 20 per chat then 1/s, answerCallbackQuery 30/s, command menus 20 then one per
 *   2 s, with retry_after drawn from 5–60 s ranges. Every request counts, also one refused as
 *   a bad request; the message buckets count only messages actually sent.
 * - The callback answer window is a fixed 15 s; Telegram's is "roughly 10–15 s".
 * - After a week without updates Telegram draws the next update_id from about 1e6–1e9, so it
 *   is as likely higher as lower; the emulator draws below half the old ids when it can, the
 *   case that breaks bots that skip "already seen" ids (restartUpdateIds forces any value).
 * - "Seen" users are those in an update to the bot, in a group with it, or `hasStartedBots`;
 *   Telegram's real notion (which users' access hashes the bot holds) is wider in some corners.
 * - More than 8 inline buttons in a row is answered like an oversized markup ("reply markup is
 *   too long"); Telegram's wording for that case is not documented. Keyboard size in bytes is
 *   not checked.
 * - Kicked bots and deactivated users do not change what people see (no "Deleted Account").
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
export type { DropFault, FaultHandle, FloodWaitFault, LostReplyFault, ServerErrorFault, ServerErrorStatus } from './faults';
export { GROUP_ANONYMOUS_BOT } from './access';
export type { TelegramRules } from './core';
export type { FormattedText, HtmlParseOptions } from './html';
export { parseTelegramHtml, HtmlParseError } from './html';
export { renderHtml } from './render-html';
export type { CommandViewer } from './methods/commands';
export { TELEGRAM_FLOOD_LIMITS } from './rate-limit';
export type { BucketSpec, FloodLimits, MethodLimit } from './rate-limit';
export type { ApiResponseBody, BotCall, CallCounts, CallFilter } from './recorder';
export { TELEGRAM_UPDATE_RETENTION, UPDATE_ID_RESTART_AFTER_MS } from './update-queue';
export type { UpdateRetention } from './update-queue';
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
