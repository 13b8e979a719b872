import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readPlan } from '../../plans/import';
import { previewReminders, type PreviewedReminder } from '../../schedules/preview';
import { createCalendar } from '../../schedules/calendar';
import { main } from '../../bin/cli';

const fixture = new URL('../fixtures/fuzhou-2020-task-table.txt', import.meta.url);
let year: PreviewedReminder[];

beforeAll(async () => {
  const plan = await readPlan('fuzhou.txt', readFileSync(fixture), { year: 2026 });
  year = previewReminders(plan, '2026-01-01', '2026-12-31').reminders;
}, 60_000);

const of = (unit: string, task: string, requirement: number) =>
  year
    .filter((r) => r.unit === unit && r.task === task && r.requirement === requirement)
    .map((r) => `${r.at.slice(0, 16)} ${r.kind} ${r.due.slice(0, 10)}`);

describe('a simulated year of the Fuzhou plan (2026, nobody reporting)', () => {
  it('每月20日前 over the Spring Festival, the Dragon Boat weekend and a swapped working Sunday', () => {
    const task13 = of('新建商品房登记处', '13', 1);
    expect(task13.slice(0, 7)).toEqual([
      '2026-01-15T09:00 before 2026-01-20',
      '2026-01-19T09:00 before 2026-01-20',
      '2026-01-20T09:00 due 2026-01-20',
      '2026-01-21T09:00 overdue 2026-01-20',
      // 20 Feb falls in the holiday (15–23 Feb): reminded on the swapped working Saturday, 14 Feb; overdue on the 24th.
      '2026-02-12T09:00 before 2026-02-20',
      '2026-02-14T09:00 due 2026-02-20',
      '2026-02-24T09:00 overdue 2026-02-20',
    ]);
    // Saturday 20 June after 端午 on Friday 19th: the due-day reminder on Thursday 18th.
    expect(task13.filter((r) => r.endsWith('2026-06-20'))).toEqual([
      '2026-06-16T09:00 before 2026-06-20',
      '2026-06-18T09:00 due 2026-06-20',
      '2026-06-22T09:00 overdue 2026-06-20',
    ]);
    // Sunday 20 September is a swapped working day: reminded on the day itself.
    expect(task13.filter((r) => r.endsWith('2026-09-20'))).toContain('2026-09-20T09:00 due 2026-09-20');
    expect(task13).toHaveLength(45);
  });

  it('每月10日前 over National Day: counted back across the holiday week, due on the swapped working Saturday', () => {
    expect(of('政策法规处', '4', 1).filter((r) => r.endsWith('2026-10-10'))).toEqual([
      '2026-09-30T09:00 before 2026-10-10',
      '2026-10-09T09:00 before 2026-10-10',
      '2026-10-10T09:00 due 2026-10-10',
      '2026-10-12T09:00 overdue 2026-10-10',
    ]);
  });

  it('sends only on working days at 09:00, once per reminder, and nothing for undated or unreadable deadlines', () => {
    const calendar = createCalendar();
    expect(year.every((r) => calendar.isWorkingDay(r.at.slice(0, 10)) && r.at.slice(11) === '09:00:00+08:00')).toBe(true);
    const keys = year.map((r) => `${r.unit}|${r.task}|${r.requirement}|${r.kind}|${r.due}|${r.at}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Task 18② reads "10日片子": never reminded, never guessed.
    expect(of('政策法规处', '18', 2)).toEqual([]);
    // Task 12 (3月底前, once) gets its four reminders in March and nothing after.
    expect(of('政策法规处', '12', 1)).toEqual([
      '2026-03-26T09:00 before 2026-03-31',
      '2026-03-30T09:00 before 2026-03-31',
      '2026-03-31T09:00 due 2026-03-31',
      '2026-04-01T09:00 overdue 2026-03-31',
    ]);
  });
});

describe('npx duban reminders (the contract)', () => {
  it('prints the JSON array in time order, and refuses a bad span', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: {}, now: () => new Date('2026-11-24T00:00:00Z') };
    expect(await main(['reminders', fixture.pathname, '--year', '2026', '--from', '2026-03-01', '--to', '2026-03-06', '--json'], io)).toBe(
      0,
    );
    const printed = JSON.parse(out.join('')) as PreviewedReminder[];
    expect(printed[0]).toEqual({
      at: '2026-03-05T09:00:00+08:00',
      unit: '政策法规处',
      task: '2',
      requirement: 1,
      kind: 'before',
      due: '2026-03-10T23:59:59+08:00',
    });
    expect(printed.map((r) => r.at)).toEqual([...printed.map((r) => r.at)].sort());
    expect(await main(['reminders', fixture.pathname, '--from', '2026-03-06', '--to', '2026-03-01'], io)).toBe(2);
    expect(err.at(-1)).toBe('--to (2026-03-01) is before --from (2026-03-06)');
    // 2027 has no holiday data yet: said on stderr, not guessed silently.
    expect(await main(['reminders', fixture.pathname, '--from', '2027-01-01', '--to', '2027-01-10', '--json'], io)).toBe(0);
    expect(err.at(-1)).toMatch(/^warning: the holiday calendar has no data for 2027; plain weekends were assumed/);
  });
});
