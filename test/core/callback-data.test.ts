/** Buttons' callback data (core/callback-data.ts): written and read by one definition. */
import { describe, expect, it } from 'vitest';
import { callbackData } from '../../core/callback-data';
import { reminderButtons } from '../../schedules/reminder-callbacks';

describe('callbackData', () => {
  const plan = callbackData('pl:e', { planId: 'int', day: 'word' });

  it('reads back what it wrote, with the fields typed', () => {
    const data = plan.encode({ planId: 12, day: '2026-06-30' });
    expect(data).toBe('pl:e:12:2026-06-30');
    expect(plan.pattern.test(data)).toBe(true);
    expect(plan.decode(data)).toEqual({ planId: 12, day: '2026-06-30' });
  });

  it('matches only its own buttons', () => {
    for (const other of ['pl:e:12', 'pl:e:x:2026-06-30', 'pl:e:12:2026:06', 'pl:ex:12:a', 'xpl:e:12:a', undefined]) {
      expect(plan.decode(other)).toBeNull();
      if (other !== undefined) expect(plan.pattern.test(other)).toBe(false);
    }
  });

  it("refuses data over Telegram's 64 bytes rather than send a button Telegram rejects", () => {
    expect(() => plan.encode({ planId: 1, day: '长'.repeat(30) })).toThrow(/64 bytes/);
  });

  it("reads the reminders' buttons as messages already in chats carry them", () => {
    expect(reminderButtons.done.decode('rd:123')).toEqual({ outboxId: 123 });
    expect(reminderButtons.snooze.decode('rs:7')).toEqual({ outboxId: 7 });
    expect(reminderButtons.report.decode('rr:9')).toEqual({ outboxId: 9 });
    expect(reminderButtons.done.decode('rs:7')).toBeNull();
    expect(reminderButtons.snooze.encode({ outboxId: 42 })).toBe('rs:42');
  });
});
