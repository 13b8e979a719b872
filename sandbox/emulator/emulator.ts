/**
 * The emulator as tests, benchmarks and the offline demo use it: the HTTP server speaking the
 * Bot API, and methods to create people and chats, act as them, read chats as they see them,
 * inject faults and wait for the bot. Options that name a bot (`bot: id`) default to the first
 * bot created.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BotCommand, CallbackQuery, Chat, Message, User, UserFromGetMe } from 'grammy/types';
import type { Clock } from './clock';
import { createControlHandler } from './control-api';
import type { Conversation } from './conversation';
import { EmulatorCore, type CallbackAnswer, type EmulatorEvents, type MessageEvent } from './core';
import type { FaultPlan } from './faults';
import { startHttpServer, type RunningServer } from './http-server';
import * as membership from './membership';
import { visibleCommands, type CommandViewer } from './methods/commands';
import { DEFAULT_SEED, seededRandom } from './random';
import { mergeFloodLimits, type FloodLimits } from './rate-limit';
import type { BotCall, CallCounts, CallFilter } from './recorder';
import { transcriptEntry, type TranscriptEntry } from './transcript';
import { TELEGRAM_UPDATE_RETENTION, UPDATE_ID_RESTART_AFTER_MS, type UpdateRetention } from './update-queue';
import * as actions from './user-actions';
import { DEFAULT_WAIT_MS, waitUntil, type WaitOptions } from './wait';
import { botInfo, type BotSpec, type BotState, type GroupSpec, type UserSpec } from './world';

export interface EmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** The emulator's clock (ms), for message dates, flood control and fault spans. Default Date.now. */
  now?: Clock;
  /** Default: one bot, DEFAULT_BOT. */
  bots?: BotSpec[];
  users?: UserSpec[];
  groups?: GroupSpec[];
  /**
   * Telegram's limits by default (see rate-limit.ts); `false` turns flood control off; a
   * partial object overrides some: whole kinds (`perPrivateChat: { burst, perSecond }`), or
   * single methods in `methods` (`{ methods: { editMessageText: false } }`), merged into the defaults.
   */
  floodLimits?: Partial<FloodLimits> | false;
  /** Seeds every random choice: lost replies by probability, retry_after ranges, restarted update ids. */
  seed?: number;
  /**
   * answerCallbackQuery refuses ("query is too old and response timeout expired or query ID is
   * invalid") a query pressed longer ago than this on the emulator's clock; `false`: never.
   * Default 15 000 ms, about when Telegram's client gives up waiting.
   */
  callbackAnswerWindowMs?: number | false;
  /**
   * How long an update not confirmed by getUpdates is kept before it is dropped unseen;
   * `false` keeps it for ever. Default Telegram's: 24 hours, a callback_query 150 seconds.
   */
  updateRetention?: Partial<UpdateRetention> | false;
  /** After this long without any update, the next update_id is a random one; `false`: never. Default a week. */
  updateIdRestartAfterMs?: number | false;
  /**
   * Sending to a user the bot never met (never wrote to it, never shared a group, not
   * `hasStartedBots`) answers "chat not found", as Telegram does. Default true; with false such
   * users get "bot can't initiate conversation with a user" like known ones.
   */
  chatNotFoundForUnseenUsers?: boolean;
  /** Inline keyboards: at most 100 buttons, 8 a row; empty-text buttons dropped (see keyboard.ts). Default true. */
  keyboardLimits?: boolean;
  /** Photos: at most 10 MB, width + height ≤ 10000, sides within 20 : 1 (see methods/media.ts). Default true. */
  photoLimits?: boolean;
  /** Refuse a lone "&" in HTML texts (Telegram accepts it; see html.ts). Default true. */
  rejectBareAmpersand?: boolean;
  /** The first update_id of every bot. Default 1. */
  firstUpdateId?: number;
  /**
   * Serves every request outside /bot…, /file/… and /sandbox/api/… (a web page on the same
   * port, say); without it those answer 404.
   */
  fallback?: (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void> | void;
}

export const DEFAULT_BOT: BotSpec = {
  token: '1000001:EMULATOR-duban-test-token-0000000',
  username: 'duban_test_bot',
  firstName: 'Duban',
};

export interface BotOption {
  /** The bot's id; default the first bot. */
  bot?: number;
}

export interface ChatSummary {
  id: number;
  type: 'private' | 'group' | 'supergroup';
  title: string;
  /** For a group that became a supergroup. */
  migrated_to?: number;
}

/** What a test may do to make Telegram fail; see faults.ts. */
export type Faults = Pick<
  FaultPlan,
  'chatNotFound' | 'serverErrors' | 'dropConnections' | 'slowResponses' | 'loseReplies' | 'floodWait' | 'clear'
>;

export class Emulator {
  readonly apiRoot: string;
  readonly faults: Faults;

  private constructor(
    private readonly core: EmulatorCore,
    private readonly server: RunningServer,
  ) {
    this.apiRoot = server.apiRoot;
    this.faults = core.faults;
  }

  static async start(options: EmulatorOptions = {}): Promise<Emulator> {
    const retention = options.updateRetention;
    const core = new EmulatorCore({
      clock: options.now ?? Date.now,
      floodLimits: mergeFloodLimits(options.floodLimits),
      rejectBareAmpersand: options.rejectBareAmpersand ?? true,
      firstUpdateId: options.firstUpdateId ?? 1,
      random: seededRandom(options.seed ?? DEFAULT_SEED),
      rules: {
        callbackAnswerWindowMs: options.callbackAnswerWindowMs ?? 15_000,
        chatNotFoundForUnseenUsers: options.chatNotFoundForUnseenUsers ?? true,
        keyboardLimits: options.keyboardLimits ?? true,
        photoLimits: options.photoLimits ?? true,
      },
      updates: {
        retention: retention === false ? false : { ...TELEGRAM_UPDATE_RETENTION, ...retention },
        idRestartAfterMs: options.updateIdRestartAfterMs ?? UPDATE_ID_RESTART_AFTER_MS,
      },
    });
    for (const bot of options.bots ?? [DEFAULT_BOT]) core.world.addBot(bot);
    for (const user of options.users ?? []) core.world.addUser(user);
    for (const group of options.groups ?? []) core.world.addGroup(group);
    const fallback = options.fallback;
    const server = await startHttpServer(
      core,
      // Called for requests only, once the emulator below exists.
      createControlHandler(() => emulator),
      {
        host: options.host ?? '127.0.0.1',
        port: options.port ?? 0,
        ...(fallback === undefined ? {} : { fallback: async (request, response, url) => fallback(request, response, url) }),
      },
    );
    const emulator = new Emulator(core, server);
    return emulator;
  }

  /** Ends waiting long polls and closes the server with all its connections. */
  async close(): Promise<void> {
    for (const bot of this.core.world.bots()) bot.updates.releaseWaiting();
    await this.server.close();
  }

  // ---- bots, people and chats

  /** The first bot's token, for `new Bot(emulator.token, { client: { apiRoot: emulator.apiRoot } })`. */
  get token(): string {
    return this.bot().token;
  }

  createBot(spec: BotSpec): UserFromGetMe {
    return botInfo(this.core.world.addBot(spec));
  }

  bots(): Array<UserFromGetMe & { token: string }> {
    return this.core.world.bots().map((bot) => ({ ...botInfo(bot), token: bot.token }));
  }

  createUser(spec: UserSpec): User {
    return this.core.world.addUser(spec);
  }

  users(): User[] {
    return this.core.world.users();
  }

  createGroup(spec: GroupSpec): Chat.GroupChat | Chat.SupergroupChat {
    return this.core.world.addGroup(spec).chat;
  }

  addGroupMembers(groupId: number, userIds: number[]): void {
    const group = this.core.world.requireGroup(groupId);
    for (const id of userIds) group.members.add(this.core.world.requireUser(id).id);
  }

  /** Private chats (one per user) and groups, as the bot's side of Telegram knows them. */
  chats(): ChatSummary[] {
    const privateChats: ChatSummary[] = this.core.world.users().map((user) => ({
      id: user.id,
      type: 'private',
      title: user.last_name === undefined ? user.first_name : `${user.first_name} ${user.last_name}`,
    }));
    const groups: ChatSummary[] = this.core.world.groups().map((group) => ({
      id: group.chat.id,
      type: group.chat.type,
      title: group.chat.title,
      ...(group.migratedTo === undefined ? {} : { migrated_to: group.migratedTo }),
    }));
    return [...privateChats, ...groups];
  }

  /** Upgrades a group to a supergroup (default id: -100 followed by the group's digits); returns the new id. */
  upgradeGroup(groupId: number, options: { supergroupId?: number; byUserId?: number } = {}): number {
    const supergroupId = options.supergroupId ?? -Number(`100${Math.abs(groupId)}`);
    return actions.upgradeGroup(this.core, groupId, supergroupId, options.byUserId).chat.id;
  }

  // ---- acting as a user

  sendText(userId: number, text: string, options: actions.UserMessageOptions & BotOption = {}): Message {
    return actions.sendText(this.core, this.bot(options.bot), userId, text, options);
  }

  sendDocument(userId: number, document: actions.UserDocument, options: actions.UserMessageOptions & BotOption = {}): Message {
    return actions.sendDocument(this.core, this.bot(options.bot), userId, document, options);
  }

  sendPhoto(userId: number, photo: actions.UserPhoto, options: actions.UserMessageOptions & BotOption = {}): Message {
    return actions.sendPhoto(this.core, this.bot(options.bot), userId, photo, options);
  }

  pressButton(userId: number, choice: actions.ButtonChoice & BotOption): CallbackQuery {
    return actions.pressButton(this.core, this.bot(choice.bot), userId, choice);
  }

  blockBot(userId: number, options: BotOption = {}): void {
    actions.blockBot(this.core, this.bot(options.bot), userId);
  }

  unblockBot(userId: number, options: BotOption = {}): void {
    actions.unblockBot(this.core, this.bot(options.bot), userId);
  }

  /** The person deletes their account: messages to them fail with 403 "user is deactivated". */
  deactivateUser(userId: number): void {
    membership.deactivateUser(this.core, userId);
  }

  reactivateUser(userId: number): void {
    membership.reactivateUser(this.core, userId);
  }

  /** A member (default the first) kicks the bot from a group: my_chat_member, then 403 "bot was kicked from the … chat". */
  kickBot(groupId: number, options: BotOption & { byUserId?: number } = {}): void {
    membership.kickBot(this.core, this.bot(options.bot), groupId, options.byUserId);
  }

  /** A member (default the first) adds the bot (back) to a group. */
  addBotToGroup(groupId: number, options: BotOption & { byUserId?: number } = {}): void {
    membership.addBotToGroup(this.core, this.bot(options.bot), groupId, options.byUserId);
  }

  // ---- the update queue

  /**
   * Restarts a bot's update ids now, as Telegram does after a week without updates (which the
   * emulator also does by itself, see `updateIdRestartAfterMs`): the next update gets
   * `nextUpdateId`, by default a random id lower than the ones before. Refused while updates
   * are pending. Returns the next update_id.
   */
  restartUpdateIds(options: BotOption & { nextUpdateId?: number } = {}): number {
    return this.bot(options.bot).updates.restartIds(options.nextUpdateId);
  }

  /** How many of a bot's updates were dropped unseen, not confirmed within their lifetime (see `updateRetention`). */
  expiredUpdateCount(options: BotOption = {}): number {
    return this.bot(options.bot).updates.expiredUpdateCount;
  }

  // ---- reading

  /** The chat as its people see it now, oldest message first. A private chat is the one with the given bot. */
  transcript(chatId: number, options: BotOption = {}): TranscriptEntry[] {
    return this.conversation(chatId, options.bot).list().map(transcriptEntry);
  }

  /** Every Bot API request received, oldest first (see recorder.ts). */
  botCalls(filter: CallFilter = {}): BotCall[] {
    return this.core.recorder.list(filter);
  }

  clearBotCalls(): void {
    this.core.recorder.clear();
  }

  /**
   * Totals since the start, kept however long the record grows: calls, connections dropped,
   * replies lost after the method ran, and how many of those were delivered messages, i.e. the
   * duplicates a retrying bot can have caused (see faults.loseReplies).
   */
  callCounts(): CallCounts {
    return this.core.recorder.counts();
  }

  /** The command menu a person's client would show in a chat (Telegram's scope and language order). */
  commandsShown(viewer: CommandViewer & BotOption): BotCommand[] {
    return visibleCommands(this.core.world, this.bot(viewer.bot), viewer);
  }

  /** A stored file's bytes and names, by file_id. */
  file(fileId: string): { data: Buffer; fileName?: string; mimeType?: string } | undefined {
    const file = this.core.files.get(fileId);
    if (file === undefined) return undefined;
    const result: { data: Buffer; fileName?: string; mimeType?: string } = { data: file.data };
    if (file.fileName !== undefined) result.fileName = file.fileName;
    if (file.mimeType !== undefined) result.mimeType = file.mimeType;
    return result;
  }

  /** Whether the bot has a long poll waiting now, i.e. is running and idle. */
  isPolling(options: BotOption = {}): boolean {
    return this.bot(options.bot).updates.isWaiting;
  }

  /** Updates queued for a bot and not yet confirmed by getUpdates. */
  pendingUpdateCount(options: BotOption = {}): number {
    return this.bot(options.bot).updates.pendingCount;
  }

  // ---- waiting for the bot

  /**
   * The next message a bot sends in the chat that matches. "Next" means after message `since`
   * (default: the chat's latest message when this is called), so a message the bot already
   * sent after `since` resolves at once: pass the id of the user's message to avoid a race.
   */
  waitForBotMessage(
    chatId: number,
    predicate: (entry: TranscriptEntry) => boolean = () => true,
    options: WaitOptions & BotOption & { since?: number } = {},
  ): Promise<TranscriptEntry> {
    const conversation = this.conversation(chatId, options.bot);
    const since = options.since ?? conversation.latestMessageId;
    const fromBot = (entry: TranscriptEntry) => entry.from.kind === 'bot' && entry.message_id > since && predicate(entry);
    const existing = conversation.list().map(transcriptEntry).find(fromBot);
    if (existing !== undefined) return Promise.resolve(existing);
    const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_MS;
    return waitUntil<MessageEvent>(
      (listener) => this.on('message', listener),
      (event) => event.kind === 'new' && event.chatId === chatId && event.botId === conversation.botId && fromBot(event.entry),
      timeoutMs,
      () => `for a bot message in chat ${chatId} after message ${since}; the chat ends with: ${this.describeChat(conversation)}`,
    ).then((event) => event.entry);
  }

  /** The bot's answerCallbackQuery for a pressed button (at once if it already answered). */
  waitForCallbackAnswer(queryId: string, options: WaitOptions = {}): Promise<CallbackAnswer> {
    const known = this.core.callbackAnswers.get(queryId);
    if (known !== undefined) return Promise.resolve(known);
    return waitUntil<CallbackAnswer>(
      (listener) => this.on('callbackAnswer', listener),
      (answer) => answer.queryId === queryId,
      options.timeoutMs ?? DEFAULT_WAIT_MS,
      () => `for the answer to callback query ${queryId}`,
    );
  }

  /** The next recorded Bot API call of a method (any case) that matches. */
  waitForBotCall(method: string, predicate: (call: BotCall) => boolean = () => true, options: WaitOptions = {}): Promise<BotCall> {
    const lower = method.toLowerCase();
    return waitUntil<BotCall>(
      (listener) => this.on('botCall', listener),
      (call) => call.method.toLowerCase() === lower && predicate(call),
      options.timeoutMs ?? DEFAULT_WAIT_MS,
      () => `for a ${method} call`,
    );
  }

  /** The next event of a kind that matches, e.g. `waitForEvent('polling', (e) => e.waiting)`. */
  waitForEvent<K extends keyof EmulatorEvents>(
    event: K,
    predicate: (payload: EmulatorEvents[K][0]) => boolean = () => true,
    options: WaitOptions = {},
  ): Promise<EmulatorEvents[K][0]> {
    return waitUntil<EmulatorEvents[K][0]>(
      // Every event has a single payload argument, so the listener fits any of them.
      (listener) => this.on(event, listener as (...args: EmulatorEvents[K]) => void),
      predicate,
      options.timeoutMs ?? DEFAULT_WAIT_MS,
      () => `for a "${event}" event`,
    );
  }

  /** Subscribes to emulator events; returns the unsubscribe function. */
  on<K extends keyof EmulatorEvents>(event: K, listener: (...args: EmulatorEvents[K]) => void): () => void {
    // EventEmitter types a listener with a conditional type that TypeScript cannot resolve for a generic K.
    const untyped = listener as never;
    this.core.events.on(event, untyped);
    return () => this.core.events.off(event, untyped);
  }

  // ---- internals

  private bot(id?: number): BotState {
    const bot = id === undefined ? this.core.world.bots()[0] : this.core.world.bot(id);
    if (bot === undefined) throw new Error(id === undefined ? 'the emulator has no bot' : `no bot ${id}`);
    return bot;
  }

  private conversation(chatId: number, botId?: number): Conversation {
    const conversation = this.core.world.conversation(this.bot(botId), chatId);
    if (conversation === undefined) throw new Error(`no chat ${chatId}`);
    return conversation;
  }

  private describeChat(conversation: Conversation): string {
    const last = conversation.list().slice(-3).map(transcriptEntry);
    if (last.length === 0) return '(no messages)';
    return last.map((entry) => `#${entry.message_id} ${entry.from.kind} ${JSON.stringify(entry.text ?? '')}`).join('; ');
  }
}

export type { CallbackAnswer, EmulatorEvents, MessageEvent };
