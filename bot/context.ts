/**
 * The context every handler sees: grammY's, with translations (i18n), the bot's
 * dependencies and the identity of whoever sent the update.
 */
import type { Context } from 'grammy';
import type { ConversationFlavor } from '@grammyjs/conversations';
import type { I18n, I18nFlavor } from '@grammyjs/i18n';
import type { FileStore } from '../db/file-store';
import type { DB } from '../db';
import type { Config } from '../core/config';
import type { Clock } from '../core/clock';
import type { Identity } from '../db/identity';
import type { ReplyThrottle } from './reply-throttle';
import type { Logger } from './logger';
import type { WorkingDayCalendar } from '../schedules/calendar';

export interface BotDeps {
  db: DB;
  config: Config;
  clock: Clock;
  /** The archive of evidence files' bytes (db/file-store.ts), beside the database unless DUBAN_FILES says where. */
  files: FileStore;
}

/** The dependencies plus what the bot builds from them once (the translations). */
export interface BotServices extends BotDeps {
  i18n: I18n<BaseContext>;
  /** The working-day calendar, rebuilt only when an admin loads a year (schedules/scheduler.ts calendarSource). */
  calendar(): WorkingDayCalendar;
  /** Downloads a file people sent the bot (its Telegram file_path), from Telegram or the sandbox. */
  downloadFile(filePath: string): Promise<Uint8Array>;
  /** Answers to strangers and stray text, at most one per chat per few minutes. */
  strayReplies: ReplyThrottle;
}

/** What every handler sees, inside conversations too. */
export type BaseContext = Context &
  I18nFlavor & {
    deps: BotServices;
    /** Who sent the update; loaded once per update before any feature runs. */
    identity: Identity;
    /** The log, with this update's ids and kind bound (bot/log-updates.ts); never the person's text. */
    log: Logger;
  };

/** The context of the middleware tree: the base one, plus entering and leaving conversations. */
export type BotContext = ConversationFlavor<BaseContext>;
