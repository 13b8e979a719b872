/**
 * A child logger per update, on the context as `ctx.log`: every line a handler logs names the
 * update, its chat, its sender and what it asked for (a command, a button's kind), never what
 * a person wrote (message texts, captions, file names, a command's arguments such as an invite
 * code are personal or secret and stay out of the log). One debug line per update says how
 * long it took.
 *
 * create-bot.ts installs `logUpdates` first under sequentialize (so the duration is the
 * handling, not the wait behind the chat's earlier updates), and `attachLog` among the
 * conversations' plugins (their replayed contexts get the same bindings, and no second line).
 */
import type { Context, MiddlewareFn } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from './logger';

/** What a line about an update says: ids and kinds only. */
export interface UpdateBindings {
  update_id: number;
  /** message, callback_query, my_chat_member … */
  type: string;
  chat_id?: number;
  chat_type?: string;
  from_id?: number;
  /** A message's content: text, document, photo … */
  content?: string;
  /** The command, without its arguments or the bot's @name: "/report". */
  command?: string;
  /** A button's kind: the leading words of its callback data ("rp:pick" of "rp:pick:3"), without ids. */
  callback?: string;
}

/** The kinds of content a message can carry, in the order they are looked for. */
const CONTENT = [
  'text',
  'document',
  'photo',
  'video',
  'voice',
  'audio',
  'sticker',
  'animation',
  'video_note',
  'contact',
  'location',
  'poll',
  'new_chat_members',
  'left_chat_member',
  'migrate_to_chat_id',
] as const;

export function updateBindings(ctx: Context): UpdateBindings {
  const update: Update = ctx.update;
  const bindings: UpdateBindings = {
    update_id: update.update_id,
    type: Object.keys(update).find((key) => key !== 'update_id') ?? 'unknown',
  };
  if (ctx.chat) {
    bindings.chat_id = ctx.chat.id;
    bindings.chat_type = ctx.chat.type;
  }
  if (ctx.from) bindings.from_id = ctx.from.id;
  const message = ctx.msg;
  if (message) {
    const content = CONTENT.find((key) => key in message);
    if (content) bindings.content = content;
    const command = message.entities?.find((entity) => entity.type === 'bot_command' && entity.offset === 0);
    if (command && message.text) bindings.command = message.text.slice(0, command.length).replace(/@.*$/, '');
  }
  const data = ctx.callbackQuery?.data;
  if (data !== undefined) bindings.callback = callbackKind(data);
  return bindings;
}

/** "rp:pick:3" → "rp:pick", "tasks:12:0" → "tasks", "lang:en" → "lang:en": words before the first id, at most two. */
export function callbackKind(data: string): string {
  const words: string[] = [];
  for (const part of data.split(':')) {
    if (words.length === 2 || !/^[A-Za-z_-]{1,16}$/.test(part)) break;
    words.push(part);
  }
  return words.length > 0 ? words.join(':') : '?';
}

/** Puts the update's child logger on the context, once. */
export function attachLog<C extends Context & { log: Logger }>(logger: Logger): MiddlewareFn<C> {
  return async (ctx, next) => {
    ctx.log ??= logger.child(updateBindings(ctx));
    await next();
  };
}

/**
 * The child logger, and a debug line per update with its duration (ms). An error that escapes
 * the tree below (the error boundary lets none through) is logged at error level here and
 * passed on; errors the boundary catches are logged by it, through `ctx.log`.
 */
export function logUpdates<C extends Context & { log: Logger }>(logger: Logger): MiddlewareFn<C> {
  return async (ctx, next) => {
    const log = (ctx.log ??= logger.child(updateBindings(ctx)));
    const started = performance.now();
    try {
      await next();
    } catch (error) {
      log.error({ err: error, ms: Math.round(performance.now() - started) }, 'update failed');
      throw error;
    }
    log.debug({ ms: Math.round(performance.now() - started) }, 'update handled');
  };
}
