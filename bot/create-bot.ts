/**
 * The bot factory: wires the features onto a grammY Bot and returns it, with no side
 * effects. Only app/main.ts (Telegram) and the sandbox start it; tests build one against
 * the sandbox's emulator with a test database and clock.
 */
import { Bot, type BotConfig, type MiddlewareFn, type Transformer } from 'grammy';
import { conversations } from '@grammyjs/conversations';
import { interactiveRetry, type Sleep } from './interactive-retry';
import { sequentialize } from '@grammyjs/runner';
import { ConversationFailed } from './conversation-failed';
import { ReplyThrottle } from './reply-throttle';
import { strangersFeature } from './features/strangers';
import { reachabilityFeature } from './features/reachability';
import { answerPresses, recordPressAnswers } from './press-answers';
import type { BaseContext, BotContext, BotDeps, BotServices } from './context';
import { CONVERSATION_STATE_VERSION, sqliteConversationStorage } from './conversation-storage';
import { conversationUpgrade } from './conversation-upgrade';
import { dedupeUpdates } from './dedupe';
import { calendarSource } from '../schedules/scheduler';
import { reportConversationMiddleware, reportFeature } from './features/report';
import { invitesFeature } from './features/invites';
import { quotaFeature } from './features/quota';
import { adminFeature } from './features/admin';
import { removeFeature } from './features/remove';
import { summaryFeature } from './features/summary';
import { unitEvidenceFeature } from './features/unit-evidence';
import { scoreFeature } from './features/score';
import { packFeature } from './features/pack';
import { circularFeature } from './features/circular';
import { groupsFeature } from './features/groups';
import { exportFeature } from './features/export';
import { importConversationMiddleware, importFeature } from './features/import';
import { createI18n, localeOf } from './i18n';
import { displayName, isKnown, loadIdentity, upsertPerson, type Identity } from '../db/identity';
import { startFeature } from './features/start';
import { helpFeature } from './features/help';
import { languageFeature } from './features/language';
import { tasksFeature } from './features/tasks';
import { plansFeature } from './features/plans';
import { remindersFeature } from './features/reminders';
import { unhandledFeature } from './features/unhandled';
import { attachLog, logUpdates } from './log-updates';
import { createLogger, type Logger } from './logger';
import type { TelegramTransport } from './proxy';

/**
 * Answers Telegram gives to ordinary slips, which are no error for the person:
 * - a button press answered late or twice (a restart before Telegram heard the offset; a slow
 *   handler): "query is too old … or query ID is invalid". The press was handled, or cannot be.
 * - an edit that changes nothing (a double tap on 下一页 ▶): "message is not modified".
 * Any other 400 stays an error.
 */
const toleratedSlips: Transformer = async (prev, method, payload, signal) => {
  const response = await prev(method, payload, signal);
  if (response.ok || response.error_code !== 400) return response;
  const description = response.description ?? '';
  if (method === 'answerCallbackQuery' && /query is too old|query id is invalid/i.test(description))
    return { ok: true, result: true } as never;
  if (method.startsWith('editMessage') && /message is not modified/i.test(description)) return { ok: true, result: true } as never;
  return response;
};

/** The key that keeps one chat's updates in order while other chats' run beside them. */
function chatKey(ctx: BaseContext): string | undefined {
  return (ctx.chat?.id ?? ctx.from?.id)?.toString();
}

export interface CreateBotOptions {
  token: string;
  deps: BotDeps;
  /** Where the Bot API is: Telegram's, or the sandbox emulator's. */
  apiRoot?: string;
  /** getMe's answer, when known, so the bot needs no call before its first update (tests). */
  botInfo?: BotConfig<BotContext>['botInfo'];
  /** Called with every error a handler throws, after the user has been told; instead of logging it (tests collect them). */
  onError?: (error: unknown) => void;
  /** The log (bot/logger.ts); each update gets a child as ctx.log. Default: JSON lines on stdout at info, the token removed. */
  logger?: Logger;
  /** The route to Telegram (bot/proxy.ts telegramTransport): the Bot API calls' agent and the downloads' fetch. Default: direct. */
  transport?: Pick<TelegramTransport, 'baseFetchConfig' | 'fetch'>;
  /** How answers wait before a retry (bot/interactive-retry.ts); tests move their clock instead. */
  sleep?: Sleep;
}

export function createBot(options: CreateBotOptions): { bot: Bot<BotContext>; services: BotServices } {
  const fileRoot = `${options.apiRoot ?? 'https://api.telegram.org'}/file/bot${options.token}`;
  const services: BotServices = {
    ...options.deps,
    i18n: createI18n(),
    calendar: calendarSource(options.deps.db),
    strayReplies: new ReplyThrottle(options.deps.clock),
    async downloadFile(filePath) {
      const response = await (options.transport?.fetch ?? fetch)(`${fileRoot}/${filePath}`);
      if (!response.ok) throw new Error(`downloading ${filePath} failed: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    },
  };
  const bot = new Bot<BotContext>(options.token, {
    botInfo: options.botInfo,
    client: { apiRoot: options.apiRoot, baseFetchConfig: options.transport?.baseFetchConfig },
  });
  // Interactive answers ride out a short flood wait or a Telegram hiccup, with bounded waits; reminders have their own dispatcher.
  const retry = interactiveRetry(options.sleep);
  bot.api.config.use(retry, toleratedSlips, recordPressAnswers);

  /** Puts the services and the sender's identity on the update's context. */
  const attach: MiddlewareFn<BaseContext> = async (ctx, next) => {
    ctx.deps = services;
    ctx.identity = loadIdentity(services.db, ctx.from?.id ?? 0, services.config.admins);
    await next();
  };
  const logger = options.logger ?? createLogger({ secrets: [options.token] });
  /** To onError when given, else to the update's log (or the bot's) at error level. */
  const reportError = (error: unknown, ctx?: { log?: Logger }) =>
    options.onError ? options.onError(error) : (ctx?.log ?? logger).error({ err: error }, 'bot error');
  /**
   * Tells the person something went wrong, in their language when it is known by then (an
   * error can come before the translations are attached), and never fails itself.
   */
  const apologise = async (ctx: BaseContext, key: 'common-error' | 'common-conversation-failed') => {
    if (ctx.chat?.type !== 'private') return;
    const text = typeof ctx.t === 'function' ? ctx.t(key) : services.i18n.t(localeOf(ctx.from?.language_code), key);
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
    await ctx.reply(text).catch(() => undefined);
  };

  // One chat's updates in order; other chats go on meanwhile (bot/polling.ts runs them at once).
  bot.use(sequentialize(chatKey));
  // A child log per update as ctx.log, and a debug line with its duration (bot/log-updates.ts).
  bot.use(logUpdates(logger));
  // Everything below is inside this boundary: a failing database read or write, a Telegram
  // error in any handler, a bug. The person hears an apology, the error is logged, the bot goes on.
  const root = bot.errorBoundary(async (error) => {
    reportError(error.error, error.ctx);
    await apologise(error.ctx, error.error instanceof ConversationFailed ? 'common-conversation-failed' : 'common-error');
  });
  root.use(dedupeUpdates(services.db, services.clock, reportError));
  root.use(attach);
  // Before anything else reads the person: a blocked-then-back person is reachable again at once.
  root.use(reachabilityFeature);
  root.use(async (ctx, next) => {
    const from = ctx.from;
    // Keep a known person's name and chat current; configured admins get their row on first contact.
    if (from && ctx.chat?.type === 'private' && isKnown(ctx.identity)) {
      const { person } = ctx.identity;
      if (!person || person.name !== displayName(from) || person.username !== (from.username ?? null)) {
        // Best effort: a database that refuses writes (disk full) must not stop the command itself.
        try {
          ctx.identity.person = upsertPerson(services.db, from, services.clock.now());
        } catch (error) {
          reportError(error);
        }
      }
    }
    await next();
  });
  root.use(services.i18n);
  // Every button press answered in time, whatever its handler does (bot/press-answers.ts).
  root.use(answerPresses());
  const upgrade = conversationUpgrade();
  root.use(
    conversations<BotContext, BaseContext>({
      // Per private chat (the person); conversations are not held in groups.
      storage: {
        type: 'key',
        version: CONVERSATION_STATE_VERSION,
        adapter: sqliteConversationStorage(services.db, services.clock, {
          version: CONVERSATION_STATE_VERSION,
          onOutdated: upgrade.outdated,
        }),
        getStorageKey: (ctx) => ctx.chatId?.toString(),
      },
    }),
  );
  root.use(upgrade.middleware);
  // A conversation's contexts get their own Api instance: bot.api's transformers do not reach it.
  const retrying: MiddlewareFn<BaseContext> = async (ctx, next) => {
    ctx.api.config.use(retry, toleratedSlips, recordPressAnswers);
    await next();
  };
  /**
   * A conversation replays every update it has had so far, each as a context of its own that
   * these plugins dress, all of it on the person's newest update: the sender's identity is read
   * once per replay (the conversation object the plugin gets is new for each), not per replayed
   * context. Roles cannot change between them: the replayed steps' database work is not run again.
   */
  const identities = new WeakMap<object, Identity>();
  const attachOnce =
    (conversation: object): MiddlewareFn<BaseContext> =>
    async (ctx, next) => {
      ctx.deps = services;
      let identity = identities.get(conversation);
      if (!identity) identities.set(conversation, (identity = loadIdentity(services.db, ctx.from?.id ?? 0, services.config.admins)));
      ctx.identity = identity;
      await next();
    };
  const conversationPlugins = (conversation: object) => [attachOnce(conversation), attachLog(logger), retrying, services.i18n];
  root.use(reportConversationMiddleware({ id: 'report', plugins: conversationPlugins }));
  root.use(importConversationMiddleware({ id: 'import', plugins: conversationPlugins }));
  root.use(strangersFeature);
  root.use(
    groupsFeature,
    invitesFeature,
    importFeature,
    startFeature,
    helpFeature,
    languageFeature,
    tasksFeature,
    plansFeature,
    remindersFeature,
    reportFeature,
    quotaFeature,
    adminFeature,
    removeFeature,
    summaryFeature,
    unitEvidenceFeature,
    scoreFeature,
    packFeature,
    circularFeature,
    exportFeature,
  );
  root.use(unhandledFeature);
  // What escapes the boundary (nothing should): logged, and polling goes on.
  bot.catch((error) => reportError(error.error, error.ctx));
  return { bot, services };
}
