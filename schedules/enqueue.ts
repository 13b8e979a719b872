/**
 * The one way a message enters the outbox: its key from outboxKey(), its payload typed by its
 * kind. Planning the same message twice plans it once (the key is unique).
 */
import type { DB } from '../db';
import { outbox } from '../db/schema';
import type { OutboxKind, OutboxPayload } from '../core/outbox-kind';
import { outboxKey, type OutboxKeyParts } from './outbox-key';

export interface OutboxMessage<K extends OutboxKind> {
  /** What makes it one message (schedules/outbox-key.ts); its kind is the row's. */
  key: Extract<OutboxKeyParts, { kind: unknown }> & { kind: K };
  chatId: number;
  /** The person it is for; null for a group. */
  personId: number | null;
  payload: OutboxPayload<K>;
  period?: string | null;
  requirementId?: number | null;
  unitId?: number | null;
  /** Not before this instant; now when absent. */
  sendAfter?: Date;
  dueAt?: Date | null;
}

type Writer = Pick<DB, 'insert'>;

/** Adds the message unless its key is there already; 1 when added, 0 when not. */
export function enqueue<K extends OutboxKind>(db: Writer, message: OutboxMessage<K>, now: Date): number {
  return db
    .insert(outbox)
    .values({
      key: outboxKey(message.key),
      kind: message.key.kind,
      personId: message.personId,
      chatId: message.chatId,
      requirementId: message.requirementId ?? null,
      unitId: message.unitId ?? null,
      period: message.period ?? null,
      sendAfter: message.sendAfter ?? now,
      dueAt: message.dueAt ?? null,
      payload: message.payload,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: outbox.key })
    .run().changes;
}
