/**
 * A conversation step failed (a Telegram error, a database error, a bug). The conversations
 * plugin then drops the conversation's state; this wrapper marks the error so the error
 * boundary tells the person their conversation ended and nothing was saved, rather than the
 * generic apology.
 */
export class ConversationFailed extends Error {
  constructor(
    readonly conversation: string,
    cause: unknown,
  ) {
    super(`conversation ${conversation} failed: ${describe(cause)}`, { cause });
    this.name = 'ConversationFailed';
  }
}

/**
 * An error's message. Errors thrown inside `conversation.external` come back through
 * structuredClone, which keeps only the own enumerable fields of a custom error class (a
 * SqliteError keeps its `code`, loses its message): those are shown as JSON.
 */
function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  if (typeof cause === 'object' && cause !== null) return JSON.stringify(cause);
  return String(cause);
}

/** Wraps a conversation builder so that whatever it throws (but its own control flow) is a ConversationFailed. */
export function guardConversation<A extends unknown[]>(id: string, builder: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await builder(...args);
    } catch (error) {
      if (error instanceof ConversationFailed) throw error;
      throw new ConversationFailed(id, error);
    }
  };
}
