/**
 * The outage drill: the bot and its reminder scheduler (the real ones, test/support/e2e.ts,
 * on a SQLite file, talking HTTP to the emulator) run on a clock the drill moves, ticking
 * every half hour as cron would (the reminders go at 09:00). They are down from Sunday
 * 8 March 2026 12:00 to Wednesday 11 March 12:00: three days spanning the day-before and
 * due-day reminders of the 10th, its due moment, its overdue notices, and the first reminder
 * of a requirement due on the 13th. Then a new bot and a new scheduler start on the same
 * database, as a restarted process would.
 *
 * What reached Telegram is read from the emulator's record of accepted sendMessage calls
 * (matched to the outbox rows they carried): the catch-up sends the still-useful reminder of
 * the 13th once, folds the 10th's stale reminders into one overdue notice per liaison and one
 * to the lead, sends nothing to the office that had reported, and then everything goes on at
 * its time, each message once.
 */
import { expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { startE2E } from '../support/e2e';
import { outbox, requirements, tasks } from '../../db/schema';
import { eq } from 'drizzle-orm';
import { PLAN_ZONE } from '../../plans/due-dates';
import { circled } from '../../core/format';
import { addPerson, commitTable, grant } from './support/plan-seed';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();
const POLICY = 2001; // 李娜, liaison of 政策法规处
const OFFICE = 2003; // 张伟, liaison of 办公室
const LEAD = 3001; // 刘洋, lead of the plan
const HALF_HOUR = 30 * 60_000;

it('a three-day outage: catch-up sends each still-useful reminder once and folds the stale ones into one overdue notice', async () => {
  const started = Date.now();
  const e2e = await startE2E({ now: sh('2026-03-02T08:00'), demo: false, shareClock: true });
  const { db, clock, emulator } = e2e;
  const now = clock.now();
  const planId = await commitTable(
    db,
    '演练单位2026年任务分解表',
    2026,
    [
      ['1', '专项检查', '完成专项检查并报送结果。', '3月10日前', '政策法规处、办公室'],
      ['2', '月度进展', '报送本单位月度工作进展。', '每月10日前', '政策法规处、办公室'],
      ['3', '整改报告', '报送整改情况报告。', '3月13日前', '政策法规处'],
    ],
    now,
  );
  grant(db, addPerson(db, { telegramId: POLICY, name: '李娜' }, now), 'liaison', { unit: '政策法规处' }, now);
  grant(db, addPerson(db, { telegramId: OFFICE, name: '张伟' }, now), 'liaison', { unit: '办公室' }, now);
  grant(db, addPerson(db, { telegramId: LEAD, name: '刘洋' }, now), 'lead', { planId }, now);

  /** One life of the process: a scheduler that recovers and catches up at start, then ticks every half hour until `until`. */
  const live = async (until: Date, during?: (at: Date) => Promise<void>) => {
    const scheduler = e2e.scheduler();
    scheduler.dispatcher.recover();
    await scheduler.tick();
    for (;;) {
      const next = Math.floor(clock.now().getTime() / HALF_HOUR + 1) * HALF_HOUR;
      if (next > until.getTime()) break;
      clock.set(new Date(next));
      await scheduler.tick();
      await during?.(clock.now());
    }
  };

  // Up for a week. On Friday the office reports the 10th's two items with the reminder's buttons.
  await live(sh('2026-03-08T12:00'), async (at) => {
    if (at.getTime() !== sh('2026-03-06T10:00').getTime()) return;
    const reminder = e2e
      .as(OFFICE)
      .transcript()
      .find((m) => m.text?.startsWith('⏰'))!;
    const first = await e2e.as(OFFICE).press(reminder, '✅ 已完成 1①');
    await e2e.as(OFFICE).press(first.message, '✅ 已完成 2①');
  });

  // Down for three days: no bot, no scheduler.
  await e2e.stopPolling();
  clock.set(sh('2026-03-11T12:00'));
  await e2e.restart();
  const restartedAt = clock.now();
  await live(sh('2026-03-16T12:00'));

  // What reached Telegram, message by message: when (Shanghai), to whom, which reminder kind, which items.
  const items = new Map(
    db
      .select({ id: requirements.id, task: tasks.number, index: requirements.index })
      .from(requirements)
      .innerJoin(tasks, eq(tasks.id, requirements.taskId))
      .all()
      .map((r) => [r.id, `${r.task}${circled(r.index)}`]),
  );
  const rows = db.select().from(outbox).all();
  const names: Record<number, string> = { [POLICY]: '政策法规处', [OFFICE]: '办公室', [LEAD]: 'lead' };
  const delivered = emulator
    .botCalls({ method: 'sendMessage' })
    .filter((call) => call.response?.ok)
    .map((call) => {
      const chat = Number(call.params.chat_id);
      const messageId = (call.response as { result: { message_id: number } }).result.message_id;
      const carried = rows.filter((r) => r.chatId === chat && r.messageId === messageId);
      const what =
        carried.length === 0
          ? 'no outbox row'
          : `${carried[0]!.kind}${
              carried.some((r) => r.requirementId !== null)
                ? ` ${carried
                    .map((r) => items.get(r.requirementId!))
                    .sort()
                    .join(' ')}`
                : ''
            }`;
      const line = `${DateTime.fromMillis(call.at, { zone: PLAN_ZONE }).toFormat('MM-dd HH:mm')} ${names[chat] ?? chat}: ${what}`;
      return what === 'overdue-lead' ? `${line} ${String(call.params.text).split('\n')[0]}` : line;
    })
    // Within a minute the order is the dispatcher's business.
    .sort();
  if (process.env.FAULTS_TRACE) console.log(`outage drill: ${Date.now() - started} ms`, delivered);

  expect(delivered).toEqual([
    // The first week, up.
    '03-02 09:00 lead: weekly-summary',
    '03-05 09:00 办公室: before-3 1① 2①',
    '03-05 09:00 政策法规处: before-3 1① 2①',
    // Down from Sunday 8 March 12:00: the 9th's before-1 and the 10th's due-day reminders, the
    // 10th's due moment, the 11th's overdue notices and the 13th's before-3 all fell in the outage.
    // Catch-up at 12:00 on the 11th: the 10th's stale reminders fold into its overdue notice (one
    // message for both items), the lead hears once about the office (one notice for the unit and
    // day, though a one-off and a monthly deadline fell due); the 13th's before-3 is still
    // useful and goes once; the week's summary goes late rather than never; 办公室 had reported.
    '03-11 12:00 lead: overdue-lead ❗ <b>政策法规处</b> 有 2 项任务 3月10日（周二） 截止后仍未报送：',
    '03-11 12:00 lead: weekly-summary',
    '03-11 12:00 政策法规处: before-3 3①',
    '03-11 12:00 政策法规处: overdue 1① 2①',
    // Up again: everything at its time.
    '03-12 09:00 政策法规处: before-1 3①',
    '03-13 09:00 政策法规处: due 3①',
    '03-16 09:00 lead: overdue-lead ❗ <b>政策法规处</b> 有 1 项任务 3月13日（周五） 截止后仍未报送：',
    '03-16 09:00 lead: weekly-summary',
    '03-16 09:00 政策法规处: overdue 3①',
  ]);
  // Nothing about the 10th's day-before or due-day reminders was planned after the outage.
  expect(
    rows.filter(
      (r) =>
        r.createdAt >= restartedAt &&
        r.kind !== 'overdue' &&
        r.kind !== 'overdue-lead' &&
        r.dueAt?.getTime() === sh('2026-03-10T23:59:59').getTime(),
    ),
  ).toEqual([]);
  // Every row went out or was skipped on purpose.
  expect(rows.filter((r) => r.status !== 'sent' && r.status !== 'skipped')).toEqual([]);
  expect(e2e.errors).toEqual([]);
}, 120_000);
