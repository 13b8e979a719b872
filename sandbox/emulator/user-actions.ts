/**
 * What people do in the emulated Telegram: write (text, documents, photos, replies), press
 * inline buttons, block and unblock a bot, upgrade a group. Each action stores the message in
 * the chat and queues the updates Telegram would send to the bots concerned.
 *
 * These are driven by tests and the control API, so misuse (a user writing in a group they
 * are not in, pressing a button that does not exist) throws a plain Error naming the mistake
 * rather than imitating a Telegram answer.
 */
import { createHash } from 'node:crypto';
import type { CallbackQuery, InlineKeyboardButton, Message, PhotoSize, Update, User } from 'grammy/types';
import { GROUP_ANONYMOUS_BOT } from './access';
import type { Conversation } from './conversation';
import type { EmulatorCore } from './core';
import { documentOf } from './files';
import { asRepliedMessage } from './methods/context';
import { detectTypedEntities, trimFormattedText } from './text-entities';
import { botAsUser, privateChatOf, type BotState, type GroupState } from './world';

export interface UserMessageOptions {
  /** A group's id; default the user's private chat with the bot. */
  chatId?: number;
  /** The message (in the same chat) this one replies to. */
  replyToMessageId?: number;
  /**
   * In a group: post as an anonymous administrator ("send as the group"). The bot then sees
   * `from` = GroupAnonymousBot (id 1087968824) and `sender_chat` = the group, not the person.
   * The emulator has no administrator roles, so any member may.
   */
  asAnonymousAdmin?: boolean;
}

export interface UserDocument {
  fileName: string;
  data: Buffer | Uint8Array;
  mimeType?: string;
  caption?: string;
}

export interface UserPhoto {
  data: Buffer | Uint8Array;
  caption?: string;
}

export interface ButtonChoice {
  /** The chat of the message; default the user's private chat with the bot. */
  chatId?: number;
  messageId: number;
  /** Which button: by its callback_data, or by its label. */
  data?: string;
  text?: string;
}

/** A message from a person in a private chat or group, as a message update carries it. */
type PeopleMessage = NonNullable<Update['message']>;
const asUpdateMessage = (message: Message) => message as PeopleMessage;

interface Place {
  conversation: Conversation;
  group?: GroupState;
  /** The bots that may receive updates from this chat. */
  bots: BotState[];
}

function placeOf(core: EmulatorCore, bot: BotState, user: User, chatId: number | undefined): Place {
  const id = chatId ?? user.id;
  if (id > 0) {
    if (id !== user.id) throw new Error(`user ${user.id} cannot write in the private chat of user ${id}`);
    if (bot.blockedBy.has(user.id)) throw new Error(`user ${user.id} has blocked bot ${bot.username}; unblock it first`);
    return { conversation: core.world.conversation(bot, id) as Conversation, bots: [bot] };
  }
  const group = core.world.requireGroup(id);
  if (group.migratedTo !== undefined) throw new Error(`group ${id} was upgraded to supergroup ${group.migratedTo}`);
  if (!group.members.has(user.id)) throw new Error(`user ${user.id} is not a member of group ${id}`);
  const bots = core.world.bots().filter((b) => group.bots.has(b.id));
  return { conversation: core.world.conversation(bot, id) as Conversation, group, bots };
}

/**
 * With privacy mode on, a bot in a group only gets commands (meant for any bot or for it by
 * name), replies to its messages and messages that mention it. Telegram's extra rule for
 * unaddressed commands when several bots are present is not modelled.
 */
function reachesBot(bot: BotState, message: Message): boolean {
  if (!bot.privacyMode || message.chat.type === 'private') return true;
  if (message.migrate_to_chat_id !== undefined || message.migrate_from_chat_id !== undefined) return true;
  if (message.reply_to_message?.from?.id === bot.id) return true;
  const text = message.text ?? message.caption ?? '';
  const entities = message.entities ?? message.caption_entities ?? [];
  return entities.some((entity) => {
    const part = text.slice(entity.offset, entity.offset + entity.length);
    if (entity.type === 'mention') return part.toLowerCase() === `@${bot.username.toLowerCase()}`;
    if (entity.type !== 'bot_command') return false;
    const addressee = part.split('@')[1];
    return addressee === undefined || addressee.toLowerCase() === bot.username.toLowerCase();
  });
}

function post(
  core: EmulatorCore,
  bot: BotState,
  userId: number,
  options: UserMessageOptions,
  content: (message: Message) => Message,
): Message {
  const user = core.world.requireUser(userId);
  if (core.access.isDeactivated(userId)) throw new Error(`user ${userId} is deactivated; reactivate them first`);
  const place = placeOf(core, bot, user, options.chatId);
  if (options.asAnonymousAdmin === true && place.group === undefined)
    throw new Error('only a group message can be sent as an anonymous admin');
  let message: Message = {
    message_id: place.conversation.nextMessageId(),
    from: options.asAnonymousAdmin === true ? GROUP_ANONYMOUS_BOT : user,
    chat: place.conversation.chat,
    date: core.date(),
  };
  if (options.asAnonymousAdmin === true) message.sender_chat = place.conversation.chat;
  if (options.replyToMessageId !== undefined) {
    const replied = place.conversation.get(options.replyToMessageId);
    if (replied === undefined) throw new Error(`no message ${options.replyToMessageId} in chat ${message.chat.id}`);
    message.reply_to_message = asRepliedMessage(replied.message);
  }
  message = content(message);
  core.addMessage(place.conversation, { message, sender: { kind: 'user', userId } });
  if (place.group === undefined) bot.startedBy.add(userId);
  for (const target of place.bots) {
    if (reachesBot(target, message)) core.enqueueUpdate(target, { message: asUpdateMessage(message) });
  }
  return message;
}

function withTypedText(message: Message, raw: string, field: 'text' | 'caption'): Message {
  // A client sends what was typed, trimmed, with commands and mentions marked as entities.
  const { text, entities } = trimFormattedText({ text: raw, entities: detectTypedEntities(raw) });
  if (field === 'text') {
    if (text === '') throw new Error('a message needs some text');
    return entities.length > 0 ? { ...message, text, entities } : { ...message, text };
  }
  if (text === '') return message;
  return entities.length > 0 ? { ...message, caption: text, caption_entities: entities } : { ...message, caption: text };
}

/** "/start PAYLOAD" deep links arrive this way too: the text with a bot_command entity at 0. */
export function sendText(core: EmulatorCore, bot: BotState, userId: number, text: string, options: UserMessageOptions = {}): Message {
  return post(core, bot, userId, options, (message) => withTypedText(message, text, 'text'));
}

export function sendDocument(
  core: EmulatorCore,
  bot: BotState,
  userId: number,
  document: UserDocument,
  options: UserMessageOptions = {},
): Message {
  const file = core.files.addDocument(Buffer.from(document.data), document.fileName, document.mimeType);
  return post(core, bot, userId, options, (message) =>
    withTypedText({ ...message, document: documentOf(file) }, document.caption ?? '', 'caption'),
  );
}

export function sendPhoto(core: EmulatorCore, bot: BotState, userId: number, photo: UserPhoto, options: UserMessageOptions = {}): Message {
  const sizes: PhotoSize[] | undefined = core.files.addPhoto(Buffer.from(photo.data));
  if (sizes === undefined) throw new Error('the photo bytes are not a PNG, JPEG, GIF or WebP image');
  return post(core, bot, userId, options, (message) => withTypedText({ ...message, photo: sizes }, photo.caption ?? '', 'caption'));
}

/** Telegram's chat_instance: one opaque value per chat as seen by one bot. */
function chatInstanceOf(botId: number, chatId: number): string {
  return createHash('sha256').update(`${botId}:${chatId}`).digest().readBigInt64BE().toString();
}

/** Presses an inline button; the bot gets a callback_query update and should answer it. */
export function pressButton(core: EmulatorCore, bot: BotState, userId: number, choice: ButtonChoice): CallbackQuery {
  const user = core.world.requireUser(userId);
  if (core.access.isDeactivated(userId)) throw new Error(`user ${userId} is deactivated; reactivate them first`);
  const place = placeOf(core, bot, user, choice.chatId);
  const stored = place.conversation.get(choice.messageId);
  const chatId = place.conversation.chat.id;
  if (stored === undefined) throw new Error(`no message ${choice.messageId} in chat ${chatId}`);
  if (stored.sender.kind !== 'bot') throw new Error(`message ${choice.messageId} was not sent by a bot`);
  const owner = core.world.bot(stored.sender.botId) as BotState;
  const buttons: InlineKeyboardButton[] = stored.message.reply_markup?.inline_keyboard.flat() ?? [];
  const button = buttons.find((b) =>
    choice.data !== undefined ? 'callback_data' in b && b.callback_data === choice.data : b.text === choice.text,
  );
  if (button === undefined) {
    const labels = buttons.map((b) => JSON.stringify(b.text)).join(', ') || 'none';
    throw new Error(`message ${choice.messageId} has no button ${JSON.stringify(choice.data ?? choice.text)} (buttons: ${labels})`);
  }
  if (!('callback_data' in button)) throw new Error(`button ${JSON.stringify(button.text)} is not a callback button`);

  const query: CallbackQuery = {
    id: core.newCallbackQueryId(owner.id),
    from: user,
    message: stored.message,
    chat_instance: chatInstanceOf(owner.id, chatId),
    data: button.callback_data,
  };
  owner.callbackQueries.set(query.id, { query, chatId, messageId: choice.messageId, pressedAt: core.clock() });
  core.enqueueUpdate(owner, { callback_query: query });
  return query;
}

function chatMemberChange(core: EmulatorCore, bot: BotState, user: User, blocked: boolean) {
  const botUser = botAsUser(bot);
  const member = { status: 'member' as const, user: botUser };
  const kicked = { status: 'kicked' as const, user: botUser, until_date: 0 };
  return {
    chat: privateChatOf(user),
    from: user,
    date: core.date(),
    old_chat_member: blocked ? member : kicked,
    new_chat_member: blocked ? kicked : member,
  };
}

/** The user blocks the bot: the bot's messages to them fail with 403, and it gets a my_chat_member update. */
export function blockBot(core: EmulatorCore, bot: BotState, userId: number): void {
  const user = core.world.requireUser(userId);
  if (bot.blockedBy.has(userId)) return;
  bot.blockedBy.add(userId);
  core.enqueueUpdate(bot, { my_chat_member: chatMemberChange(core, bot, user, true) });
}

export function unblockBot(core: EmulatorCore, bot: BotState, userId: number): void {
  const user = core.world.requireUser(userId);
  if (!bot.blockedBy.has(userId)) return;
  bot.blockedBy.delete(userId);
  core.enqueueUpdate(bot, { my_chat_member: chatMemberChange(core, bot, user, false) });
}

/**
 * A member upgrades a group to a supergroup. As on Telegram, the old group gets a service
 * message with migrate_to_chat_id, the new one a message with migrate_from_chat_id, and from
 * then on the old id answers "group chat was upgraded to a supergroup chat".
 */
export function upgradeGroup(core: EmulatorCore, groupId: number, supergroupId: number, byUserId?: number): GroupState {
  const group = core.world.requireGroup(groupId);
  const userId = byUserId ?? [...group.members][0];
  if (userId === undefined) throw new Error(`group ${groupId} has no members to upgrade it`);
  const user = core.world.requireUser(userId);
  const bots = core.world.bots().filter((bot) => group.bots.has(bot.id));
  const anyBot = bots[0] ?? core.world.bots()[0];
  if (anyBot === undefined) throw new Error('there is no bot');

  const supergroup = core.world.migrateGroup(groupId, supergroupId);
  const serviceMessage = (conversation: Conversation, field: Partial<Message>): Message => {
    const message: Message = { message_id: conversation.nextMessageId(), from: user, chat: conversation.chat, date: core.date(), ...field };
    core.addMessage(conversation, { message, sender: { kind: 'user', userId } });
    return message;
  };
  const oldConversation = core.world.conversation(anyBot, groupId) as Conversation;
  const newConversation = core.world.conversation(anyBot, supergroupId) as Conversation;
  const toMessage = serviceMessage(oldConversation, { migrate_to_chat_id: supergroupId });
  const fromMessage = serviceMessage(newConversation, { migrate_from_chat_id: groupId });
  for (const bot of bots) {
    core.enqueueUpdate(bot, { message: asUpdateMessage(toMessage) });
    core.enqueueUpdate(bot, { message: asUpdateMessage(fromMessage) });
  }
  return supergroup;
}
