/**
 * /import across years (issue 12): a plan of a past year is run for its own year (a record
 * only) or rolled forward, as the admin chooses; next year's version of a live plan may replace
 * it, taking over its policy, leading group and leads.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { and, eq, isNull } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { ADMIN, LEAD, buttons, startE2E } from '../../support/e2e';
import { outbox, people, plans, roles } from '../../../db/schema';
import { PLAN_ZONE } from '../../../plans/due-dates';
import type { TranscriptEntry } from '../../../sandbox/emulator';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();
// The seeds' copies kept in the repository (CI has no ../shared).
const SEEDS = new URL('../../fixtures/', import.meta.url);
const XIAMEN = readFileSync(new URL('xiamen-2022-work-points.txt', SEEDS));
const FUZHOU_2020 = readFileSync(new URL('fuzhou-2020-task-table.txt', SEEDS), 'utf8');

type E2E = Awaited<ReturnType<typeof startE2E>>;

/** Sends a plan as a file and answers its preview with ✅; returns the bot's next message (a question, or the result). */
async function importAndConfirm(e2e: E2E, name: string, bytes: Uint8Array): Promise<TranscriptEntry> {
  const admin = e2e.as(ADMIN);
  const reading = await admin.sendDocument(name, bytes, 'text/plain');
  const preview = await e2e.emulator.waitForBotMessage(ADMIN, (m) => buttons(m).flat().includes('✅ 确认导入'), {
    since: reading.message_id,
  });
  return admin.pressForReply(preview, '✅ 确认导入');
}

const xiamen = (e2e: E2E) => e2e.db.select().from(plans).where(eq(plans.title, '厦门市社会信用体系建设2022年工作要点')).get()!;

describe('/import across years', () => {
  it('a plan of a past year, kept for its own year: a record, nothing reminded or overdue', async () => {
    const e2e = await startE2E({ now: sh('2026-12-07T10:00') });
    const question = await importAndConfirm(e2e, 'xiamen-2022-work-points.txt', XIAMEN);
    expect(question.text).toMatch(/^⚠️ 这是 2022 年的计划，今年是 2026 年。/);
    expect(buttons(question)).toEqual([['按 2022 年（仅作历史记录）'], ['滚动到 2026 年运行'], ['取消']]);
    const done = await e2e.as(ADMIN).pressForReply(question, '按 2022 年（仅作历史记录）');
    expect(done.text).toContain('按 2022 年运行，仅作历史记录：不提醒，也不计逾期。');
    const plan = xiamen(e2e);
    expect(plan.year).toBe(2022);
    await e2e.scheduler().tick();
    const planned = e2e.db.select({ kind: outbox.kind, unitId: outbox.unitId }).from(outbox).all();
    // Nothing for the Xiamen plan's requirements: its periods ended with 2022.
    expect(
      e2e.sqlite
        .prepare(
          `select count(*) as n from outbox o join requirements r on r.id = o.requirement_id join tasks t on t.id = r.task_id where t.plan_id = ?`,
        )
        .get(plan.id),
    ).toEqual({ n: 0 });
    expect(planned.length).toBeGreaterThan(0); // the demo plan's reminders are planned as ever
    const overdue = (await e2e.as(ADMIN).send('/overdue')).text!;
    expect(overdue.split('📁 厦门市社会信用体系建设2022年工作要点')[1]).toBe('\n\n没有逾期未报的任务。');
  });

  it('a plan of a past year, rolled forward: it runs this year', async () => {
    const e2e = await startE2E({ now: sh('2026-12-26T10:00') });
    const question = await importAndConfirm(e2e, 'xiamen-2022-work-points.txt', XIAMEN);
    expect(question.text).toMatch(/^⚠️ 这是 2022 年的计划，今年是 2026 年。/);
    const done = await e2e.as(ADMIN).pressForReply(question, '滚动到 2026 年运行');
    expect(done.text).toContain('已滚动到 2026 年运行，各项截止时间顺延到 2026 年。');
    const plan = xiamen(e2e);
    expect(plan.year).toBe(2026);
    expect((await e2e.as(ADMIN).send('/plans')).text).toContain(`#${plan.id} 厦门市社会信用体系建设2022年工作要点（2026）`);
    // Its quarterly items (the notice's 每季度) fall due on 31 December 2026, within the week.
    const summary = (await e2e.as(ADMIN).send('/summary')).text!;
    expect(summary.split('📁 厦门市社会信用体系建设2022年工作要点')[1]).toMatch(
      /📅 未来 7 天截止（\d+）：\n• 市信用办 [一二三四五六七八九十]+① .*12月31日（周四）/,
    );
  });

  it("next year's version replaces the live plan: its leads carried over, the old plan archived when its last notices are out", async () => {
    const e2e = await startE2E({ now: sh('2026-12-21T10:00') });
    const old = e2e.db.select().from(plans).get()!;
    const next = FUZHOU_2020.replace('2020 年社会信用体系建设任务分解表', '2027 年社会信用体系建设任务分解表');
    const question = await importAndConfirm(e2e, 'fuzhou-2027.txt', new TextEncoder().encode(next));
    expect(question.text).toMatch(
      /^这是《福州市不动产登记和交易中心2026年社会信用体系建设任务分解表》（2026）的新一年度版本。是否由它接替旧计划？/,
    );
    const done = await e2e.as(ADMIN).pressForReply(question, '接替旧计划');
    expect(done.text).toContain(
      '已接替《福州市不动产登记和交易中心2026年社会信用体系建设任务分解表》，沿用了：1 位分管领导；旧计划发完最后的逾期提醒和通报后自动归档。',
    );
    const created = e2e.db.select().from(plans).where(eq(plans.year, 2027)).get()!;
    const lead = e2e.db.select({ id: people.id }).from(people).where(eq(people.telegramId, LEAD)).get()!;
    const leadPlans = e2e.db
      .select({ planId: roles.planId })
      .from(roles)
      .where(and(eq(roles.personId, lead.id), eq(roles.role, 'lead'), isNull(roles.revokedAt)))
      .all();
    expect(leadPlans.map((r) => r.planId).sort()).toEqual([old.id, created.id].sort());
    // The old plan is still live: its December notices and circular are still to come.
    expect(e2e.db.select({ archivedAt: plans.archivedAt }).from(plans).where(eq(plans.id, old.id)).get()!.archivedAt).toBeNull();
  });

  it('the old plan archived while the admin read the question: nothing imported, and the admin told why', async () => {
    const e2e = await startE2E({ now: sh('2026-12-21T10:00') });
    const old = e2e.db.select().from(plans).get()!;
    const next = FUZHOU_2020.replace('2020 年社会信用体系建设任务分解表', '2027 年社会信用体系建设任务分解表');
    const question = await importAndConfirm(e2e, 'fuzhou-2027.txt', new TextEncoder().encode(next));
    e2e.db.update(plans).set({ archivedAt: e2e.clock.now() }).where(eq(plans.id, old.id)).run();
    const refused = await e2e.as(ADMIN).pressForReply(question, '接替旧计划');
    expect(refused.text).toBe(`未导入：《${old.title}》在您确认之前已归档或已由其他计划接替，没有改动任何数据。请重新发送 /import。`);
    expect(e2e.db.select().from(plans).where(eq(plans.year, 2027)).all()).toEqual([]);
  });

  it('side by side: both plans stay, nothing carried over', async () => {
    const e2e = await startE2E({ now: sh('2026-12-21T10:00') });
    const next = FUZHOU_2020.replace('2020 年社会信用体系建设任务分解表', '2027 年社会信用体系建设任务分解表');
    const question = await importAndConfirm(e2e, 'fuzhou-2027.txt', new TextEncoder().encode(next));
    const done = await e2e.as(ADMIN).pressForReply(question, '两个计划并行');
    expect(done.text).not.toContain('接替');
    const created = e2e.db.select().from(plans).where(eq(plans.year, 2027)).get()!;
    expect(e2e.db.select().from(roles).where(eq(roles.planId, created.id)).all()).toEqual([]);
    expect(e2e.db.select().from(plans).where(isNull(plans.archiveWhenDone)).all()).toHaveLength(2);
  });
});
