/**
 * The bot factory: wires the features onto a grammY Bot and returns it, with no side
 * effects. Only bot/main.ts (Telegram) and the sandbox start it; tests build one against
 * the sandbox's emulator with a test database and clock.
 */
import { Bot, type BotConfig, type MiddlewareFn, type Transformer } from 'grammy';
import { conversations } from '@grammyjs/conversations';
import { autoRetry } from '@grammyjs/auto-retry';
import type { BaseContext, BotContext, BotDeps, BotServices } from './context';
import { sqliteConversationStorage } from './conversation-storage';
import { dedupeUpdates } from './dedupe';
import { calendarSource } from '../schedules/scheduler';
import { reportConversationMiddleware, reportFeature } from './features/report';
import { invitesFeature } from './features/invites';
import { quotaFeature } from './features/quota';
import { adminFeature } from './features/admin';
import { summaryFeature } from './features/summary';
import { circularFeature } from './features/circular';
import { groupsFeature } from './features/groups';
import { exportFeature } from './features/export';
import { importConversationMiddleware, importFeature } from './features/import';
import { createI18n } from './i18n';
import { displayName, isKnown, loadIdentity, upsertPerson } from './identity';
import { startFeature } from './features/start';
import { helpFeature } from './features/help';
import { languageFeature } from './features/language';
import { tasksFeature } from './features/tasks';
import { plansFeature } from './features/plans';
import { remindersFeature } from './features/reminders';
import { unhandledFeature } from './features/unhandled';

/**
 * A button press delivered twice (a restart before Telegram heard the offset) is answered
 * twice; Telegram refuses the second answer ("query is too old"). That refusal is no error
 * for the person: the press was handled the first time.
 */
const tolerateStaleCallbackAnswers: Transformer = async (prev, method, payload, signal) => {
  const response = await prev(method, payload, signal);
  if (method === 'answerCallbackQuery' && !response.ok && response.error_code === 400) return { ok: true, result: true } as never;
  return response;
};

export interface CreateBotOptions {
  token: string;
  deps: BotDeps;
  /** Where the Bot API is: Telegram's, or the sandbox emulator's. */
  apiRoot?: string;
  /** getMe's answer, when known, so the bot needs no call before its first update (tests). */
  botInfo?: BotConfig<BotContext>['botInfo'];
  /** Called with every error a handler throws, after the user has been told. */
  onError?: (error: unknown) => void;
}

export function createBot(options: CreateBotOptions): { bot: Bot<BotContext>; services: BotServices } {
  const fileRoot = `${options.apiRoot ?? 'https://api.telegram.org'}/file/bot${options.token}`;
  const services: BotServices = {
    ...options.deps,
    i18n: createI18n(),
    calendar: calendarSource(options.deps.db),
    async downloadFile(filePath) {
      const response = await fetch(`${fileRoot}/${filePath}`);
      if (!response.ok) throw new Error(`downloading ${filePath} failed: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    },
  };
  const bot = new Bot<BotContext>(options.token, {
    botInfo: options.botInfo,
    client: options.apiRoot ? { apiRoot: options.apiRoot } : undefined,
  });
  // Interactive answers ride out a flood wait or a Telegram hiccup; reminders have their own dispatcher.
  const retry = autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 });
  bot.api.config.use(retry, tolerateStaleCallbackAnswers);

  /** Puts the services and the sender's identity on a context: for the tree, and for contexts a conversation replays. */
  const attach: MiddlewareFn<BaseContext> = async (ctx, next) => {
    ctx.deps = services;
    ctx.identity = loadIdentity(services.db, ctx.from?.id ?? 0, services.config.admins);
    await next();
  };
  bot.use(dedupeUpdates(services.db, services.clock));
  bot.use(attach);
  bot.use(async (ctx, next) => {
    const from = ctx.from;
    // Keep a known person's name and chat current; configured admins get their row on first contact.
    if (from && ctx.chat?.type === 'private' && isKnown(ctx.identity)) {
      const { person } = ctx.identity;
      if (!person || person.name !== displayName(from) || person.username !== (from.username ?? null)) {
        ctx.identity.person = upsertPerson(services.db, from, services.clock.now());
      }
    }
    await next();
  });
  bot.use(services.i18n);
  bot.use(
    conversations<BotContext, BaseContext>({
      // Per private chat (the person); conversations are not held in groups.
      storage: { type: 'key', adapter: sqliteConversationStorage(services.db, services.clock), getStorageKey: (ctx) => ctx.chatId?.toString() },
    }),
  );
  // A conversation's contexts get their own Api instance: bot.api's transformers do not reach it.
  const retrying: MiddlewareFn<BaseContext> = async (ctx, next) => {
    ctx.api.config.use(retry, tolerateStaleCallbackAnswers);
    await next();
  };
  bot.use(reportConversationMiddleware({ id: 'report', plugins: [attach, retrying, services.i18n] }));
  bot.use(importConversationMiddleware({ id: 'import', plugins: [attach, retrying, services.i18n] }));

  const features = bot.errorBoundary(async (error) => {
    options.onError?.(error.error);
    await error.ctx.reply(error.ctx.t('common-error')).catch(() => undefined);
  });
  features.use(groupsFeature, invitesFeature, importFeature, startFeature, helpFeature, languageFeature, tasksFeature, plansFeature, remindersFeature, reportFeature, quotaFeature, adminFeature, summaryFeature, circularFeature, exportFeature);
  features.use(unhandledFeature);
  return { bot, services };
}
