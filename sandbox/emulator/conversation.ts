/**
 * The messages of one chat as Telegram keeps them: ids increasing from 1 per chat, each message
 * in its current state (after edits), deleted ones gone. A private chat is one conversation per
 * bot and user (each bot has its own chat with a user, under the same chat id); a group is one
 * conversation shared by every bot in it.
 */
import type { Chat, Message } from 'grammy/types';
import type { ReplyMarkup } from './keyboard';

export type Sender = { kind: 'bot'; botId: number } | { kind: 'user'; userId: number };

export interface StoredMessage {
  /** The message as the Bot API shows it now. */
  message: Message;
  sender: Sender;
  /** The markup it was sent with; reply keyboards are not part of a Bot API message, so they live here. */
  markup?: ReplyMarkup;
}

export type ConversationChat = Chat.PrivateChat | Chat.GroupChat | Chat.SupergroupChat;

export class Conversation {
  private readonly messages = new Map<number, StoredMessage>();
  private lastMessageId = 0;

  constructor(
    readonly chat: ConversationChat,
    /** For a private chat, the bot on the other side; undefined for a group. */
    readonly botId?: number,
  ) {}

  get latestMessageId(): number {
    return this.lastMessageId;
  }

  nextMessageId(): number {
    return ++this.lastMessageId;
  }

  add(stored: StoredMessage): void {
    this.messages.set(stored.message.message_id, stored);
  }

  get(messageId: number): StoredMessage | undefined {
    return this.messages.get(messageId);
  }

  delete(messageId: number): StoredMessage | undefined {
    const stored = this.messages.get(messageId);
    this.messages.delete(messageId);
    return stored;
  }

  /** Oldest first. */
  list(): StoredMessage[] {
    return [...this.messages.values()].sort((a, b) => a.message.message_id - b.message.message_id);
  }
}
