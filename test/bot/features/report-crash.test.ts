/**
 * A crash between saving a report and the conversation moving on (found by the fault drill
 * test/faults/kill-report.test.ts): the saved report is in the database, but the conversation's
 * state and the "update handled" mark are not, so Telegram hands the ✅ 提交 press to the
 * restarted bot and the conversation saves again. A dated period's report is updated in place;
 * a new event (七个工作日内) was recorded a second time, with a second report.
 */
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Update } from 'grammy/types';
import { DateTime } from 'luxon';
import { buttons, startE2E } from '../../support/e2e';
import { assignments, conversationState, deadlineRules, events, processedUpdates, reports, requirements, tasks } from '../../../db/schema';
import { PLAN_ZONE } from '../../../plans/due-dates';
import type { TranscriptEntry } from '../../../sandbox/emulator';

const OFFICE = 2003; // 张伟, liaison of 办公室: task 10 (全年不少于10例)
const MONDAY = DateTime.fromISO('2026-03-02T10:00', { zone: PLAN_ZONE }).toJSDate();

describe('a report saved just before a crash, its press handled again after the restart', () => {
  it('records a new event once, and tells the liaison it is saved', async () => {
    const e2e = await startE2E({ now: MONDAY });
    // 10① made event-relative: reporting it records a new event.
    const requirement = e2e.db
      .select({ id: requirements.id })
      .from(requirements)
      .innerJoin(tasks, eq(tasks.id, requirements.taskId))
      .where(and(eq(tasks.number, '10'), eq(requirements.index, 1)))
      .get()!;
    e2e.db
      .update(deadlineRules)
      .set({ text: '七个工作日内', rule: { kind: 'relative', days: 7, workingDays: true } })
      .where(eq(deadlineRules.requirementId, requirement.id))
      .run();
    const me = e2e.as(OFFICE);
    let page = await me.send('/report');
    while (
      !buttons(page)
        .flat()
        .some((b) => b.startsWith('10①'))
    )
      page = (await me.press(page, '下一页 ▶')).message;
    const status = await me.pressForReply(
      page,
      buttons(page)
        .flat()
        .find((b) => b.startsWith('10①'))!,
    );
    const note = await me.pressForReply(status, '已完成');
    await me.send('发现增量信息一条，已填报。');
    const evidence = await me.send('1');
    const summary: TranscriptEntry = await me.pressForReply(evidence, '跳过');
    expect(summary.text).toMatch(/^请确认报送内容/);
    expect(note.text).toMatch(/^请用一两句话说明进展/);
    await e2e.settled();

    // What a kill -9 right after the save leaves behind: the conversation as it was before the press, the press not marked handled.
    const stateBefore = e2e.db.select().from(conversationState).all();
    const updates: Update[] = [];
    e2e.emulator.on('update', (event) => updates.push(event.update));
    expect((await me.pressForReply(summary, '✅ 提交')).text).toMatch(/^✅ 已记录新事项：10①.*请在 \d+月\d+日（周.） 前办结并报送。$/);
    await e2e.settled();
    const press = updates.at(-1)!;
    e2e.db.delete(conversationState).run();
    for (const row of stateBefore) e2e.db.insert(conversationState).values(row).run();
    e2e.db.delete(processedUpdates).where(eq(processedUpdates.updateId, press.update_id)).run();

    const latest = me.transcript().at(-1)!.message_id;
    await e2e.bot.handleUpdate(press);
    expect(e2e.db.select().from(events).where(eq(events.requirementId, requirement.id)).all()).toHaveLength(1);
    const saved = e2e.db.select().from(reports).where(eq(reports.requirementId, requirement.id)).all();
    expect(saved.map((r) => ({ status: r.status, note: r.note, count: r.count }))).toEqual([
      { status: 'done', note: '发现增量信息一条，已填报。', count: 1 },
    ]);
    // The liaison hears that it is saved (again), not an error.
    expect(
      me
        .transcript()
        .filter((m) => m.message_id > latest)
        .map((m) => m.text),
    ).toEqual([expect.stringMatching(/^✅ 已记录新事项：10①/)]);
    expect(e2e.errors).toEqual([]);

    // A later /report records the next event as a new one.
    page = await me.send('/report');
    while (
      !buttons(page)
        .flat()
        .some((b) => b.startsWith('10①'))
    )
      page = (await me.press(page, '下一页 ▶')).message;
    expect(
      buttons(page)
        .flat()
        .find((b) => b.startsWith('10①')),
    ).toMatch(/新事项$/);
  });
});

describe('saveReport and new events', () => {
  it('one event per drafting conversation: the same draft saved twice is one event, two drafts are two, whatever the clock did', async () => {
    const { freshDatabase } = await import('../../support/db');
    const { seedDemo } = await import('../../../sandbox/demo/seed');
    const { saveReport } = await import('../../../bot/report/save');
    const { db } = freshDatabase();
    await seedDemo(db, { year: 2026, now: MONDAY });
    const requirement = db.select({ id: requirements.id }).from(requirements).get()!;
    const { unitId } = db
      .select({ unitId: assignments.unitId })
      .from(assignments)
      .where(eq(assignments.requirementId, requirement.id))
      .get()!;
    const draft = (draftId: string, note: string) => ({
      requirementId: requirement.id,
      unitId,
      period: null,
      dueAt: null,
      status: 'done' as const,
      note,
      count: null,
      evidence: [],
      personId: null,
      draftId,
    });
    const periodOf = (saved: ReturnType<typeof saveReport>) => {
      if ('refused' in saved) throw new Error(`refused: ${saved.refused}`);
      return saved.period;
    };
    const first = periodOf(saveReport(db, draft('a', '第一件'), MONDAY));
    expect(periodOf(saveReport(db, draft('a', '第一件'), MONDAY))).toBe(first);
    // The clock set back (the sandbox's can): a second conversation still records its own event.
    const second = periodOf(saveReport(db, draft('b', '第二件'), new Date(MONDAY.getTime() - 3_600_000)));
    expect(second).not.toBe(first);
    const own = db
      .select({ note: events.note })
      .from(events)
      .where(and(eq(events.requirementId, requirement.id), eq(events.unitId, unitId)))
      .all();
    expect(own.map((e) => e.note)).toEqual(['第一件', '第二件']);
    expect(
      db
        .select({ note: reports.note })
        .from(reports)
        .where(eq(reports.requirementId, requirement.id))
        .all()
        .map((r) => r.note)
        .sort(),
    ).toEqual(['第一件', '第二件']);
  });
});
