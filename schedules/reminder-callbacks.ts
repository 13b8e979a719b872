/**
 * The buttons of a liaison's reminder, each naming the outbox row it was sent for. Their data
 * ("rd:123") is what reminders already in chats carry, so presses on old messages still work.
 */
import { callbackData } from '../core/callback-data';

export const reminderButtons = {
  /** 已完成: the item is done, reported in one press. */
  done: callbackData('rd', { outboxId: 'int' }),
  /** 明天提醒: the reminder again next working day. */
  snooze: callbackData('rs', { outboxId: 'int' }),
  /** 去填报: /report, at this item. */
  report: callbackData('rr', { outboxId: 'int' }),
};
