/**
 * Who exists in the emulated Telegram: bots (one per token), users, groups, and the
 * conversations between them. It holds state only; the Bot API methods and the user actions
 * decide what may happen to it.
 */
import type { BotCommand, CallbackQuery, Chat, MenuButton, User, UserFromGetMe } from 'grammy/types';
import { Conversation, type ConversationChat } from './conversation';
import { UpdateQueue, type UpdateQueueOptions } from './update-queue';

export interface BotSpec {
  /** "123456:ABC…"; the bot's id is the number before the colon unless `id` is given. */
  token: string;
  username: string;
  firstName?: string;
  id?: number;
  /**
   * Telegram's privacy mode (on by default): in groups the bot only receives commands,
   * replies to its own messages and messages that mention it.
   */
  privacyMode?: boolean;
}

export interface UserSpec {
  id: number;
  firstName: string;
  lastName?: string;
  username?: string;
  /** An IETF tag as Telegram clients send it: "zh-hans", "en" … */
  languageCode?: string;
  /**
   * Whether the user has already opened a chat with every bot. Telegram refuses a bot's first
   * message to someone who never wrote to it ("bot can't initiate conversation with a user");
   * without this flag the user must send something first. Default false.
   */
  hasStartedBots?: boolean;
}

export interface GroupSpec {
  /** Negative, as Telegram's group ids are. */
  id: number;
  title: string;
  type?: 'group' | 'supergroup';
  /** User ids. */
  members?: number[];
  /** Bot ids in the group; default every bot that exists when the group is created. */
  bots?: number[];
}

export interface PendingCallbackQuery {
  query: CallbackQuery;
  chatId: number;
  messageId: number;
  /** When the button was pressed (emulator clock, ms): answers come too late after a while. */
  pressedAt?: number;
}

export interface WebhookSetting {
  url: string;
  allowedUpdates?: string[];
  maxConnections?: number;
}

export interface BotState {
  id: number;
  token: string;
  username: string;
  firstName: string;
  privacyMode: boolean;
  updates: UpdateQueue;
  webhook?: WebhookSetting;
  /** By command scope and language, see methods/commands.ts. */
  commands: Map<string, BotCommand[]>;
  /** By chat id; 'default' for the bot-wide button. */
  menuButtons: Map<number | 'default', MenuButton>;
  /** name / description / short_description, by language ("" for the default). */
  profile: Map<string, Map<string, string>>;
  /** Callback queries not answered yet, by id. */
  callbackQueries: Map<string, PendingCallbackQuery>;
  startedBy: Set<number>;
  blockedBy: Set<number>;
}

export interface GroupState {
  chat: Chat.GroupChat | Chat.SupergroupChat;
  members: Set<number>;
  bots: Set<number>;
  /** Set once the group became a supergroup: the old id then refuses messages. */
  migratedTo?: number;
}

export function botAsUser(bot: BotState): User {
  return { id: bot.id, is_bot: true, first_name: bot.firstName, username: bot.username };
}

export function botInfo(bot: BotState): UserFromGetMe {
  return {
    ...botAsUser(bot),
    is_bot: true,
    username: bot.username,
    can_join_groups: true,
    can_read_all_group_messages: !bot.privacyMode,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
}

export function privateChatOf(user: User): Chat.PrivateChat {
  const chat: Chat.PrivateChat = { id: user.id, type: 'private', first_name: user.first_name };
  if (user.last_name !== undefined) chat.last_name = user.last_name;
  if (user.username !== undefined) chat.username = user.username;
  return chat;
}

export function displayName(user: User): string {
  return user.last_name === undefined ? user.first_name : `${user.first_name} ${user.last_name}`;
}

export class World {
  private readonly botsById = new Map<number, BotState>();
  private readonly botsByToken = new Map<string, BotState>();
  private readonly usersById = new Map<number, User>();
  private readonly groupsById = new Map<number, GroupState>();
  private readonly conversations = new Map<string, Conversation>();

  constructor(
    private readonly firstUpdateId = 1,
    private readonly onPollWaiting: (botId: number, waiting: boolean) => void = () => {},
    /** Lifetimes and id restarts of every bot's update queue (see update-queue.ts). */
    private readonly queueOptions: UpdateQueueOptions = {},
  ) {}

  addBot(spec: BotSpec): BotState {
    const id = spec.id ?? Number(/^(\d+):/.exec(spec.token)?.[1]);
    if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`bot token "${spec.token}" has no numeric id; pass id`);
    if (this.botsByToken.has(spec.token) || this.botsById.has(id)) throw new Error(`bot ${id} already exists`);
    if (this.usersById.has(id)) throw new Error(`id ${id} is already a user`);
    const bot: BotState = {
      id,
      token: spec.token,
      username: spec.username,
      firstName: spec.firstName ?? spec.username,
      privacyMode: spec.privacyMode ?? true,
      updates: new UpdateQueue(this.firstUpdateId, (waiting) => this.onPollWaiting(id, waiting), this.queueOptions),
      commands: new Map(),
      menuButtons: new Map(),
      profile: new Map(),
      callbackQueries: new Map(),
      startedBy: new Set(),
      blockedBy: new Set(),
    };
    this.botsById.set(id, bot);
    this.botsByToken.set(spec.token, bot);
    return bot;
  }

  addUser(spec: UserSpec): User {
    if (!Number.isSafeInteger(spec.id) || spec.id <= 0) throw new Error(`user id must be a positive integer, got ${spec.id}`);
    if (this.usersById.has(spec.id) || this.botsById.has(spec.id)) throw new Error(`id ${spec.id} already exists`);
    const user: User = { id: spec.id, is_bot: false, first_name: spec.firstName };
    if (spec.lastName !== undefined) user.last_name = spec.lastName;
    if (spec.username !== undefined) user.username = spec.username;
    if (spec.languageCode !== undefined) user.language_code = spec.languageCode;
    this.usersById.set(user.id, user);
    if (spec.hasStartedBots === true) for (const bot of this.botsById.values()) bot.startedBy.add(user.id);
    return user;
  }

  addGroup(spec: GroupSpec): GroupState {
    if (!Number.isSafeInteger(spec.id) || spec.id >= 0) throw new Error(`group id must be negative, got ${spec.id}`);
    if (this.groupsById.has(spec.id)) throw new Error(`group ${spec.id} already exists`);
    for (const member of spec.members ?? []) this.requireUser(member);
    const chat: Chat.GroupChat | Chat.SupergroupChat =
      spec.type === 'supergroup'
        ? { id: spec.id, type: 'supergroup', title: spec.title }
        : { id: spec.id, type: 'group', title: spec.title };
    const group: GroupState = {
      chat,
      members: new Set(spec.members ?? []),
      bots: new Set(spec.bots ?? [...this.botsById.keys()]),
    };
    this.groupsById.set(spec.id, group);
    return group;
  }

  bot(id: number): BotState | undefined {
    return this.botsById.get(id);
  }

  botWithToken(token: string): BotState | undefined {
    return this.botsByToken.get(token);
  }

  bots(): BotState[] {
    return [...this.botsById.values()];
  }

  user(id: number): User | undefined {
    return this.usersById.get(id);
  }

  requireUser(id: number): User {
    const user = this.usersById.get(id);
    if (user === undefined) throw new Error(`no user ${id}`);
    return user;
  }

  users(): User[] {
    return [...this.usersById.values()];
  }

  group(id: number): GroupState | undefined {
    return this.groupsById.get(id);
  }

  requireGroup(id: number): GroupState {
    const group = this.groupsById.get(id);
    if (group === undefined) throw new Error(`no group ${id}`);
    return group;
  }

  groups(): GroupState[] {
    return [...this.groupsById.values()];
  }

  /** The conversation a bot sees under a chat id, created on first use; undefined if no such chat exists. */
  conversation(bot: BotState, chatId: number): Conversation | undefined {
    const key = chatId > 0 ? `private:${bot.id}:${chatId}` : `group:${chatId}`;
    let conversation = this.conversations.get(key);
    if (conversation !== undefined) return conversation;
    let chat: ConversationChat;
    if (chatId > 0) {
      const user = this.usersById.get(chatId);
      if (user === undefined) return undefined;
      chat = privateChatOf(user);
    } else {
      const group = this.groupsById.get(chatId);
      if (group === undefined) return undefined;
      chat = group.chat;
    }
    conversation = new Conversation(chat, chatId > 0 ? bot.id : undefined);
    this.conversations.set(key, conversation);
    return conversation;
  }

  /** Turns a group into a supergroup under a new id, as Telegram does when a group is upgraded. */
  migrateGroup(groupId: number, supergroupId: number): GroupState {
    const group = this.requireGroup(groupId);
    if (group.chat.type !== 'group') throw new Error(`${groupId} is already a supergroup`);
    if (group.migratedTo !== undefined) throw new Error(`${groupId} was already upgraded to ${group.migratedTo}`);
    const supergroup = this.addGroup({
      id: supergroupId,
      title: group.chat.title,
      type: 'supergroup',
      members: [...group.members],
      bots: [...group.bots],
    });
    group.migratedTo = supergroupId;
    return supergroup;
  }
}
