/**
 * Every way of reporting writes through one path (bot/report/save.ts): the /report picker, a
 * reminder's 📝 and ✅ buttons and /edit take the period from where they came from, and all of
 * them find a period closed once its circular is published (issue 12).
 */
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { LIAISON, buttons, startE2E } from '../../support/e2e';
import { circulars, conversationState, people, plans, reports, roles, units } from '../../../db/schema';
import { PLAN_ZONE } from '../../../plans/due-dates';
import type { TranscriptEntry } from '../../../sandbox/emulator';

const OFFICE = 2003; // 张伟, liaison of 办公室
const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();

type E2E = Awaited<ReturnType<typeof startE2E>>;

/** The overdue notice 办公室's liaison gets on Wednesday 11 March for the items due on the 10th. */
async function marchOverdueNotice(e2e: E2E): Promise<TranscriptEntry> {
  const scheduler = e2e.scheduler();
  await scheduler.tick();
  e2e.clock.set(sh('2026-03-11T09:00'));
  await scheduler.tick();
  const notice = e2e
    .as(OFFICE)
    .transcript()
    .find((m) => m.text?.includes('已逾期') && m.text.includes('10①'));
  if (!notice)
    throw new Error(
      `no overdue notice: ${JSON.stringify(
        e2e
          .as(OFFICE)
          .transcript()
          .map((m) => m.text),
      )}`,
    );
  return notice;
}

function reportRows(e2e: E2E) {
  return e2e.db.select({ period: reports.period, status: reports.status, late: reports.late }).from(reports).all();
}

describe('one path for every report', () => {
  it("📝 on the overdue notice for 10 March reports March, even once April's period is open", async () => {
    const e2e = await startE2E({ now: sh('2026-03-04T12:00'), shareClock: true });
    const notice = await marchOverdueNotice(e2e);
    e2e.clock.set(sh('2026-04-02T10:00'));
    const me = e2e.as(OFFICE);
    const ask = await me.pressForReply(notice, '📝 报送 10①');
    expect(ask.text).toContain('期次：2026年3月，截止 3月10日（周二）');
    const note = await me.pressForReply(ask, '已完成');
    await me.pressForReply(note, '跳过');
    const evidence = await me.send('1');
    const confirm = await me.pressForReply(evidence, '跳过');
    const saved = await me.pressForReply(confirm, '✅ 提交');
    expect(saved.text).toContain('2026年3月');
    expect(reportRows(e2e)).toEqual([{ period: '2026-03', status: 'done', late: true }]);
    // ✅ on the same message is the same period: already reported, nothing overwritten.
    expect(await me.pressForAnswer(notice, { text: '✅ 已完成 10①' })).toMatchObject({ text: '这一期已经报送过了。' });
    expect(reportRows(e2e)).toEqual([{ period: '2026-03', status: 'done', late: true }]);
  });

  it('✅ on a reminder of a period whose circular is published records nothing and says why', async () => {
    const e2e = await startE2E({ now: sh('2026-03-04T12:00'), shareClock: true });
    const notice = await marchOverdueNotice(e2e);
    const plan = e2e.db.select({ id: plans.id }).from(plans).get()!;
    e2e.db
      .insert(circulars)
      .values({
        planId: plan.id,
        period: '2026-03',
        status: 'published',
        content: {},
        publishedAt: e2e.clock.now(),
        createdAt: e2e.clock.now(),
        updatedAt: e2e.clock.now(),
      })
      .run();
    expect(await e2e.as(OFFICE).pressForAnswer(notice, { text: '✅ 已完成 10①' })).toMatchObject({
      text: '这一期的报送已经通报，不能再修改。',
    });
    // 📝 says so at once, before any question.
    expect((await e2e.as(OFFICE).pressForReply(notice, '📝 报送 10①')).text).toBe('这一期的报送已经通报，不能再修改。');
    await e2e.settled();
    expect(e2e.db.select().from(conversationState).all()).toEqual([]);
    expect(reportRows(e2e)).toEqual([]);
  });

  it('/report does not offer a period whose circular is published (12①, once, due 31 March, in April)', async () => {
    const e2e = await startE2E({ now: sh('2026-04-02T10:00'), seededAt: sh('2026-01-02T10:00') });
    const me = e2e.as(LIAISON);
    /** Every label of the /report list, page by page; the conversation left with /cancel. */
    const listed = async () => {
      let page = await me.send('/report');
      const labels = buttons(page).flat();
      while (buttons(page).flat().includes('下一页 ▶')) {
        page = (await me.press(page, '下一页 ▶')).message;
        labels.push(...buttons(page).flat());
      }
      await me.send('/cancel');
      return labels;
    };
    expect((await listed()).filter((label) => label.startsWith('12①'))).toEqual(['12① 建立健全信用承诺制度 · 3月31日（周二）']);
    const plan = e2e.db.select({ id: plans.id }).from(plans).get()!;
    const now = e2e.clock.now();
    e2e.db
      .insert(circulars)
      .values({ planId: plan.id, period: '2026-03', status: 'published', content: {}, publishedAt: now, createdAt: now, updatedAt: now })
      .run();
    const after = await listed();
    expect(after.filter((label) => label.startsWith('12①'))).toEqual([]);
    // April's periods are still offered.
    expect(after.some((label) => label.includes('4月'))).toBe(true);
  });

  it('a period of any kind is closed once the circular of the month it fell due in is published (12①, once, due 31 March)', async () => {
    const e2e = await startE2E({ now: sh('2026-04-02T10:00'), seededAt: sh('2026-01-02T10:00') });
    const { saveReport } = await import('../../../bot/report/save');
    const { requirementId, unitId } = await import('../../support/db');
    const plan = e2e.db.select({ id: plans.id }).from(plans).get()!;
    e2e.db
      .insert(circulars)
      .values({
        planId: plan.id,
        period: '2026-03',
        status: 'published',
        content: {},
        publishedAt: e2e.clock.now(),
        createdAt: e2e.clock.now(),
        updatedAt: e2e.clock.now(),
      })
      .run();
    const draft = {
      requirementId: requirementId(e2e.db, '12', 1),
      unitId: unitId(e2e.db, '政策法规处'),
      period: 'once',
      dueAt: sh('2026-03-31T23:59:59'),
      status: 'done' as const,
      note: null,
      count: null,
      evidence: [],
      personId: null,
    };
    expect(saveReport(e2e.db, draft, e2e.clock.now())).toEqual({ refused: 'closed' });
    // April's circular is not published: a once-period due in April is open.
    expect(saveReport(e2e.db, { ...draft, dueAt: sh('2026-04-30T23:59:59') }, e2e.clock.now())).toMatchObject({
      period: 'once',
      created: true,
    });
  });

  it('a liaison of two units sees which unit each item is for in the /report picker', async () => {
    const e2e = await startE2E({ now: sh('2026-03-02T10:00') });
    const person = e2e.db.select({ id: people.id }).from(people).where(eq(people.telegramId, LIAISON)).get()!;
    const office = e2e.db.select({ id: units.id }).from(units).where(eq(units.name, '办公室')).get()!;
    e2e.db.insert(roles).values({ personId: person.id, role: 'liaison', unitId: office.id }).run();
    const items = (entry: TranscriptEntry) =>
      buttons(entry)
        .flat()
        .filter((b) => /\d[\u2460-\u2473] /.test(b));
    let page = await e2e.as(LIAISON).send('/report');
    const seen = new Set<string>();
    for (let turns = 0; ; turns++) {
      for (const label of items(page)) seen.add(label.split(' · ')[0]!);
      if (!buttons(page).flat().includes('下一页 ▶') || turns > 20) break;
      page = (await e2e.as(LIAISON).press(page, '下一页 ▶')).message;
    }
    expect(seen).toEqual(new Set(['政策法规处', '办公室']));
    // One unit: labels start with the item.
    e2e.db
      .update(roles)
      .set({ revokedAt: e2e.clock.now() })
      .where(and(eq(roles.personId, person.id), eq(roles.unitId, office.id)))
      .run();
    await e2e.as(LIAISON).send('/cancel');
    const single = items(await e2e.as(LIAISON).send('/report'));
    expect(single.length).toBeGreaterThan(0);
    expect(single.every((b) => /^\d+[\u2460-\u2473] /.test(b))).toBe(true);
  });

  it('an item due before the plan was imported is not overdue in /tasks, and comes last in the picker', async () => {
    // Imported on 2 April: 12① (3月底前) fell due before 政策法规处 had it.
    const e2e = await startE2E({ now: sh('2026-04-02T10:00') });
    const tasks = await e2e.as(LIAISON).send('/tasks');
    expect(tasks.text).not.toContain('已逾期');
    expect(tasks.text!.split('\n\n')[1]).not.toContain('12①');
    let page = tasks;
    for (let turns = 0; !page.text!.includes('12①'); turns++) {
      if (turns > 10) throw new Error('12① is on no page');
      page = (await e2e.as(LIAISON).press(page, '下一页 ▶')).message;
    }
    expect(page.text).toContain('截止：3月31日（周二） · 在本单位接到任务前已截止，无需报送');
    const picker = buttons(await e2e.as(LIAISON).send('/report')).flat();
    expect(picker[0]).not.toMatch(/^12①/);
  });

  it('an item whose deadline could not be read (18②, "10日片子") can be reported, never late', async () => {
    const e2e = await startE2E({ now: sh('2026-03-02T10:00') });
    const me = e2e.as(LIAISON);
    let page = await me.send('/report');
    for (
      let turns = 0;
      !buttons(page)
        .flat()
        .some((b) => b.startsWith('18②'));
      turns++
    ) {
      if (turns > 10) throw new Error('18② is on no page');
      page = (await me.press(page, '下一页 ▶')).message;
    }
    const ask = await me.pressForReply(
      page,
      buttons(page)
        .flat()
        .find((b) => b.startsWith('18②'))!,
    );
    expect(ask.text).toContain('本项没有可用的截止时间（计划未写或未能识别');
    await me.pressForReply(ask, '进行中');
    // 18② counts toward 全年不少于2次.
    await me.send('已筹备');
    const evidence = await me.send('1');
    const confirm = await me.pressForReply(evidence, '跳过');
    await me.pressForReply(confirm, '✅ 提交');
    expect(reportRows(e2e)).toEqual([{ period: 'once', status: 'in_progress', late: false }]);
  });
});
