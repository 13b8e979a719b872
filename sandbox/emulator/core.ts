/**
 * The parts of the emulator that the Bot API methods, the user actions and the HTTP layer share:
 * the world, who may reach whom, the file store, flood control, faults, the call record, and
 * the events that tell tests and the control API what changed. Every change to a chat goes
 * through here so that it is announced exactly once.
 */
import { EventEmitter } from 'node:events';
import type { Update } from 'grammy/types';
import { AccessState } from './access';
import { unixSeconds, type Clock } from './clock';
import type { Conversation, StoredMessage } from './conversation';
import { FaultPlan } from './faults';
import { FileStore } from './files';
import type { HtmlParseOptions } from './html';
import { FloodControl, type FloodLimits } from './rate-limit';
import type { Random } from './random';
import { CallRecorder, type BotCall } from './recorder';
import { transcriptEntry, type TranscriptEntry } from './transcript';
import type { UpdateContent, UpdateQueueOptions } from './update-queue';
import { World, type BotState } from './world';

export interface MessageEvent {
  kind: 'new' | 'edited' | 'deleted';
  chatId: number;
  /** The bot of a private chat; undefined for a group. */
  botId?: number;
  entry: TranscriptEntry;
}

export interface CallbackAnswer {
  queryId: string;
  botId: number;
  text?: string;
  showAlert: boolean;
  url?: string;
  cacheTime?: number;
  /** Emulator clock, ms. */
  at: number;
}

export interface ChatActionEvent {
  botId: number;
  chatId: number;
  action: string;
  at: number;
}

export interface UpdateEvent {
  botId: number;
  update: Update;
}

/** A bot's long poll started (waiting: true) or stopped waiting for updates. */
export interface PollingEvent {
  botId: number;
  waiting: boolean;
}

export interface EmulatorEvents {
  botCall: [BotCall];
  message: [MessageEvent];
  callbackAnswer: [CallbackAnswer];
  chatAction: [ChatActionEvent];
  update: [UpdateEvent];
  polling: [PollingEvent];
}

/** Telegram's rules that a test may switch off (see EmulatorOptions for each). */
export interface TelegramRules {
  /** answerCallbackQuery fails once a query is older than this (ms); false: never. */
  callbackAnswerWindowMs: number | false;
  /** "chat not found" for users the bot never met, rather than "bot can't initiate conversation". */
  chatNotFoundForUnseenUsers: boolean;
  /** At most 100 inline buttons, 8 per row. */
  keyboardLimits: boolean;
  /** Photos: at most 10 MB, width + height ≤ 10000, sides at most 20 : 1. */
  photoLimits: boolean;
}

export interface CoreOptions {
  clock: Clock;
  floodLimits: FloodLimits | false;
  rejectBareAmpersand: boolean;
  firstUpdateId: number;
  random: Random;
  rules: TelegramRules;
  /** Lifetimes and id restarts of the update queues, without the clock and random (taken from here). */
  updates: Omit<UpdateQueueOptions, 'clock' | 'random'>;
}

export class EmulatorCore {
  readonly clock: Clock;
  readonly random: Random;
  readonly rules: TelegramRules;
  readonly world: World;
  readonly access = new AccessState();
  readonly files = new FileStore();
  readonly flood: FloodControl;
  readonly faults: FaultPlan;
  readonly recorder = new CallRecorder();
  readonly events = new EventEmitter<EmulatorEvents>();
  /** Answers given so far, kept so that a test may ask for one after it happened. */
  readonly callbackAnswers = new Map<string, CallbackAnswer>();
  private readonly rejectBareAmpersand: boolean;
  private lastCallbackQueryNumber = 0;

  constructor(options: CoreOptions) {
    this.clock = options.clock;
    this.random = options.random;
    this.rules = options.rules;
    this.world = new World(options.firstUpdateId, (botId, waiting) => this.events.emit('polling', { botId, waiting }), {
      ...options.updates,
      clock: options.clock,
      random: options.random,
    });
    this.flood = new FloodControl(options.floodLimits, options.clock, options.random);
    this.faults = new FaultPlan(options.clock, options.random);
    this.rejectBareAmpersand = options.rejectBareAmpersand;
    // Many tests wait on events at once; that is not a leak.
    this.events.setMaxListeners(0);
  }

  /** Unix seconds for `date` fields. */
  date(): number {
    return unixSeconds(this.clock());
  }

  /** Callback query ids are opaque digit strings on Telegram; these are unique per emulator. */
  newCallbackQueryId(botId: number): string {
    return `${botId}${String(++this.lastCallbackQueryNumber).padStart(8, '0')}`;
  }

  htmlOptions(): HtmlParseOptions {
    return { rejectBareAmpersand: this.rejectBareAmpersand, findUser: (id) => this.world.user(id) };
  }

  addMessage(conversation: Conversation, stored: StoredMessage): void {
    conversation.add(stored);
    this.announce('new', conversation, stored);
  }

  replaceMessage(conversation: Conversation, stored: StoredMessage): void {
    conversation.add(stored);
    this.announce('edited', conversation, stored);
  }

  deleteMessage(conversation: Conversation, messageId: number): void {
    const stored = conversation.delete(messageId);
    if (stored !== undefined) this.announce('deleted', conversation, stored);
  }

  enqueueUpdate(bot: BotState, content: UpdateContent): Update | undefined {
    // Telegram's side of the bot learns about the people in an update whether or not the bot asked for its type.
    this.access.markSeenIn(bot.id, content);
    const update = bot.updates.enqueue(content);
    if (update !== undefined) this.events.emit('update', { botId: bot.id, update });
    return update;
  }

  private announce(kind: MessageEvent['kind'], conversation: Conversation, stored: StoredMessage): void {
    const event: MessageEvent = { kind, chatId: conversation.chat.id, entry: transcriptEntry(stored) };
    if (conversation.botId !== undefined) event.botId = conversation.botId;
    this.events.emit('message', event);
  }
}
