/** duban reminders over the year after a plan's: only the overdue notices of its last periods. */
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../bin/cli';
import type { PreviewedReminder } from '../../schedules/preview';

const fixture = new URL('../fixtures/fuzhou-2020-task-table.txt', import.meta.url);

describe('duban reminders for the 2020 Fuzhou plan over 2021', () => {
  it('lists only reminders of 2020 periods: their overdue notices early in January', async () => {
    const out: string[] = [];
    const io: CliIo = { out: (t) => out.push(t), err: () => undefined, env: {}, now: () => new Date('2026-11-24T00:00:00Z') };
    expect(await main(['reminders', fixture.pathname, '--year', '2020', '--from', '2021-01-01', '--to', '2021-12-31', '--json'], io)).toBe(
      0,
    );
    const printed = JSON.parse(out.join('')) as PreviewedReminder[];
    expect(printed.length).toBeGreaterThan(0);
    expect(printed.filter((r) => !r.due.startsWith('2020-'))).toEqual([]);
    expect(printed.every((r) => r.kind === 'overdue' && r.at < '2021-01-15')).toBe(true);
    // Task 1① (12月底前): due Thursday 31 December, overdue on Monday 4 January (after New Year and the weekend).
    expect(printed).toContainEqual({
      at: '2021-01-04T09:00:00+08:00',
      unit: '政策法规处',
      task: '1',
      requirement: 1,
      kind: 'overdue',
      due: '2020-12-31T23:59:59+08:00',
    });
  }, 60_000);
});
