/**
 * The bot's command menus (setMyCommands & co., per scope and language) and menu buttons, plus
 * the rule Telegram documents for which list a person's client shows, so tests can check what
 * a Chinese- or English-speaking liaison sees.
 */
import type { BotCommand, MenuButton } from 'grammy/types';
import { badRequest, errors } from '../api-error';
import type { Params } from '../params';
import type { BotState, World } from '../world';
import type { MethodContext, MethodHandler } from './context';

/** A scope in a form usable as a map key: "default", "chat:-100", "chat_member:-100:42" … */
function scopeKey(context: MethodContext, params: Params): string {
  const scope = params.json('scope', () => badRequest("can't parse BotCommandScope JSON object"));
  if (scope === undefined) return 'default';
  if (typeof scope !== 'object' || scope === null) throw badRequest("can't parse BotCommandScope JSON object");
  const { type, chat_id: chatId, user_id: userId } = scope as { type?: unknown; chat_id?: unknown; user_id?: unknown };
  switch (type) {
    case 'default':
    case 'all_private_chats':
    case 'all_group_chats':
    case 'all_chat_administrators':
      return type;
    case 'chat':
    case 'chat_administrators':
    case 'chat_member': {
      const id = typeof chatId === 'string' ? Number(chatId) : chatId;
      if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw errors.chatNotFound();
      const known = id > 0 ? context.core.world.user(id) !== undefined : context.core.world.group(id) !== undefined;
      if (!known) throw errors.chatNotFound();
      if (type !== 'chat_member') return `${type}:${id}`;
      if (id > 0) throw badRequest("can't use chat_member scope in a private chat");
      if (typeof userId !== 'number' || context.core.world.user(userId) === undefined) throw badRequest('user not found');
      return `chat_member:${id}:${userId}`;
    }
    default:
      throw badRequest('wrong BotCommandScope type specified');
  }
}

function languageOf(params: Params): string {
  const language = params.string('language_code') ?? '';
  if (language !== '' && !/^[a-z]{2}$/.test(language)) throw badRequest('invalid language code specified');
  return language;
}

const commandsKey = (scope: string, language: string) => `${scope}|${language}`;

function readCommands(params: Params): BotCommand[] {
  const value = params.json('commands', () => badRequest("can't parse commands JSON array"));
  if (!Array.isArray(value)) throw badRequest("can't parse commands JSON array");
  if (value.length > 100) throw badRequest('too many commands specified');
  return value.map((item: unknown) => {
    const { command, description } = (item ?? {}) as { command?: unknown; description?: unknown };
    if (typeof command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest('BOT_COMMAND_INVALID');
    if (typeof description !== 'string' || description.length < 1 || description.length > 256) {
      throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
    }
    return { command, description };
  });
}

export const setMyCommands: MethodHandler = (context, params) => {
  const commands = readCommands(params);
  const key = commandsKey(scopeKey(context, params), languageOf(params));
  if (commands.length === 0) context.bot.commands.delete(key);
  else context.bot.commands.set(key, commands);
  return true;
};

export const getMyCommands: MethodHandler = (context, params) =>
  context.bot.commands.get(commandsKey(scopeKey(context, params), languageOf(params))) ?? [];

export const deleteMyCommands: MethodHandler = (context, params) => {
  context.bot.commands.delete(commandsKey(scopeKey(context, params), languageOf(params)));
  return true;
};

function readMenuButton(params: Params): MenuButton {
  const value = params.json('menu_button', () => badRequest("can't parse menu button JSON object"));
  if (value === undefined) return { type: 'default' };
  const type = (value as { type?: unknown }).type;
  if (type !== 'default' && type !== 'commands' && type !== 'web_app') throw badRequest('unsupported menu button type');
  return value as MenuButton;
}

function menuChatKey(context: MethodContext, params: Params): number | 'default' {
  const chatId = params.integer('chat_id');
  if (chatId === undefined) return 'default';
  if (chatId <= 0 || context.core.world.user(chatId) === undefined) throw errors.chatNotFound();
  return chatId;
}

export const setChatMenuButton: MethodHandler = (context, params) => {
  context.bot.menuButtons.set(menuChatKey(context, params), readMenuButton(params));
  return true;
};

export const getChatMenuButton: MethodHandler = (context, params) => {
  const key = menuChatKey(context, params);
  return context.bot.menuButtons.get(key) ?? context.bot.menuButtons.get('default') ?? { type: 'commands' };
};

export interface CommandViewer {
  chatId: number;
  /** Who looks at the menu; in a private chat, the chat's user. */
  userId?: number;
  /** The viewer's client language ("zh-hans", "en"); default the user's language_code. */
  languageCode?: string;
}

/**
 * The command list a person's client shows, by Telegram's documented order of scopes (the
 * first one that has commands wins). The emulator has no administrators, so the
 * administrator scopes never apply.
 */
export function visibleCommands(world: World, bot: BotState, viewer: CommandViewer): BotCommand[] {
  const userId = viewer.userId ?? (viewer.chatId > 0 ? viewer.chatId : undefined);
  const tag = viewer.languageCode ?? (userId === undefined ? undefined : world.user(userId)?.language_code) ?? '';
  // Telegram matches the two-letter language of the client: "zh-hans" uses lists set for "zh".
  const language = tag.split('-')[0]?.toLowerCase() ?? '';
  const scopes =
    viewer.chatId > 0
      ? [`chat:${viewer.chatId}`, 'all_private_chats', 'default']
      : [
          ...(userId === undefined ? [] : [`chat_member:${viewer.chatId}:${userId}`]),
          `chat:${viewer.chatId}`,
          'all_group_chats',
          'default',
        ];
  for (const scope of scopes) {
    for (const key of language === '' ? [commandsKey(scope, '')] : [commandsKey(scope, language), commandsKey(scope, '')]) {
      const commands = bot.commands.get(key);
      if (commands !== undefined && commands.length > 0) return commands;
    }
  }
  return [];
}
