import { describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { ADMIN, LEAD, LIAISON, LIAISON_EN, buttons, startE2E } from '../../support/e2e';
import { auditLog, outbox, people, reports, roles } from '../../../db/schema';
import { PLAN_ZONE } from '../../../plans/due-dates';
import type { TranscriptEntry } from '../../../sandbox/emulator';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();
type E2E = Awaited<ReturnType<typeof startE2E>>;

function personId(e2e: E2E, telegramId: number): number {
  return e2e.db.select({ id: people.id }).from(people).where(eq(people.telegramId, telegramId)).get()!.id;
}

function activeRoles(e2e: E2E, telegramId: number) {
  return e2e.db
    .select({ role: roles.role })
    .from(roles)
    .where(and(eq(roles.personId, personId(e2e, telegramId)), isNull(roles.revokedAt)))
    .all();
}

function lastText(e2e: E2E, chatId: number): string | undefined {
  return e2e.emulator.transcript(chatId).at(-1)?.text;
}

describe('/remove', () => {
  it('removes a liaison after confirmation: audited, told once, menu shrunk, pending reminders skipped, old buttons refused', async () => {
    const e2e = await startE2E({ now: sh('2026-03-02T09:00') });
    const scheduler = e2e.scheduler();
    await scheduler.tick();
    // The first reminder (3 working days before 10 March) reaches 李娜.
    e2e.clock.set(sh('2026-03-05T09:00'));
    await scheduler.tick();
    const reminder = e2e.emulator.transcript(LIAISON).at(-1)!;
    expect(reminder.text).toMatch(/政策法规处/);
    // A reminder planned but not yet out (Telegram was slow, the bot stopped): as the planner writes them.
    const sent = e2e.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.personId, personId(e2e, LIAISON)), eq(outbox.status, 'sent')))
      .get()!;
    const { id: _id, ...copy } = sent;
    e2e.db
      .insert(outbox)
      .values({ ...copy, key: `${sent.key}-again`, status: 'pending', messageId: null, sentAt: null, attempts: 0 })
      .run();
    const pendingBefore = e2e.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.personId, personId(e2e, LIAISON)), eq(outbox.status, 'pending')))
      .all();
    expect(pendingBefore).toHaveLength(1);

    const list = await e2e.as(ADMIN).send('/remove');
    const ask = await e2e.as(ADMIN).send('/remove 李娜');
    expect(ask.text).toBe('移除 李娜 在 政策法规处 的联络员身份？\n移除后其立即失去相应权限，不再收到相关提醒。');
    expect(buttons(ask)).toEqual([['✅ 确认移除', '取消']]);
    const { message } = await e2e.as(ADMIN).press(ask, '✅ 确认移除');
    expect(message.text).toBe('已移除 李娜 在 政策法规处 的联络员身份，并已通知本人。');
    expect(lastText(e2e, LIAISON)).toBe(
      '管理员已移除您在 政策法规处 的联络员身份。您不再负责该单位的进展报送，也不会再收到该单位的提醒。如有疑问，请联系管理员。',
    );
    await e2e.settled();

    expect(activeRoles(e2e, LIAISON)).toEqual([]);
    const audit = e2e.db.select().from(auditLog).where(eq(auditLog.action, 'role.revoke')).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorPersonId: personId(e2e, ADMIN),
      details: { person: '李娜', role: 'liaison', scope: '政策法规处' },
    });
    expect(e2e.emulator.commandsShown({ userId: LIAISON, chatId: LIAISON }).map((c) => c.command)).not.toContain('report');
    for (const row of pendingBefore) {
      expect(e2e.db.select({ status: outbox.status, lastError: outbox.lastError }).from(outbox).where(eq(outbox.id, row.id)).get()).toEqual(
        { status: 'skipped', lastError: 'removed' },
      );
    }

    // The scheduler runs on through the next reminder day without a word to 李娜.
    const messagesBefore = e2e.emulator.transcript(LIAISON).length;
    await scheduler.tick();
    e2e.clock.set(sh('2026-03-09T09:30'));
    await scheduler.tick();
    expect(e2e.emulator.transcript(LIAISON)).toHaveLength(messagesBefore);

    // The old reminder's buttons and the list from before do nothing.
    const doneLabel = buttons(reminder).flat()[0]!;
    const answer = await e2e.as(LIAISON).pressForAnswer(reminder, { text: doneLabel });
    expect(answer.text).toBe('您没有使用这个命令的权限。');
    expect(e2e.db.select().from(reports).all()).toEqual([]);
    const again = await e2e.as(ADMIN).pressForAnswer(list, { text: '2' });
    expect(again.text).toBe('该身份已经移除，无需再次操作。');
    expect(e2e.db.select().from(auditLog).where(eq(auditLog.action, 'role.revoke')).all()).toHaveLength(1);
    expect((await e2e.as(LIAISON).send('/tasks')).text).not.toMatch(/政策法规处/);
  });

  it('offers a numbered list; cancelling changes nothing; an English liaison is told in English', async () => {
    const e2e = await startE2E();
    const list = await e2e.as(ADMIN).send('/remove');
    expect(list.text).toMatch(
      /^请选择要移除的人员（共 4 项），点击对应序号：\n1\. 刘洋 — .+（分管领导）\n2\. 李娜 — 政策法规处（联络员）\n3\. Gang Chen — 信息管理处（联络员）\n4\. 张伟 — 办公室（联络员）\n\n用法：\/remove/,
    );
    expect(buttons(list)).toEqual([['1', '2', '3', '4']]);

    const ask = await e2e.as(ADMIN).pressForReply(list, '3');
    expect(ask.text).toBe('移除 Gang Chen 在 信息管理处 的联络员身份？\n移除后其立即失去相应权限，不再收到相关提醒。');
    expect((await e2e.as(ADMIN).press(ask, '取消')).message.text).toBe('已取消，未作任何更改。');
    expect(activeRoles(e2e, LIAISON_EN)).toHaveLength(1);

    const again = await e2e.as(ADMIN).pressForReply(list, '3');
    await e2e.as(ADMIN).press(again, '✅ 确认移除');
    expect(lastText(e2e, LIAISON_EN)).toBe(
      'An admin has removed you as liaison of 信息管理处. You no longer report for that unit and will get no more reminders for it. Please contact your admin with any questions.',
    );
    expect(activeRoles(e2e, LIAISON_EN)).toEqual([]);
  });

  it('finds people by Telegram id, and by name with a unit; says so when nobody matches (escaped)', async () => {
    const e2e = await startE2E();
    expect((await e2e.as(ADMIN).send(`/remove ${LEAD}`)).text).toMatch(/^移除 刘洋 在 .+ 的分管领导身份？/);
    expect((await e2e.as(ADMIN).send('/remove 张伟 办公室')).text).toMatch(/^移除 张伟 在 办公室 的联络员身份？/);
    expect((await e2e.as(ADMIN).send('/remove 张伟 政策法规处')).text).toBe(
      '没有找到“张伟 政策法规处”担任的联络员或领导身份。请核对姓名或 Telegram ID，或只发送 /remove 从名单中选择。',
    );
    expect((await e2e.as(ADMIN).send('/remove <b>某</b>')).text).toBe(
      '没有找到“<b>某</b>”担任的联络员或领导身份。请核对姓名或 Telegram ID，或只发送 /remove 从名单中选择。',
    );
  });

  it('is for admins only, at the command and again at the button', async () => {
    const e2e = await startE2E();
    for (const who of [LIAISON, LEAD]) expect((await e2e.as(who).send('/remove 张伟')).text).toBe('您没有使用这个命令的权限。');
    const ask = await e2e.as(ADMIN).send('/remove 张伟');
    // The admin loses the admin role before pressing.
    e2e.db
      .update(roles)
      .set({ revokedAt: e2e.clock.now() })
      .where(and(eq(roles.personId, personId(e2e, ADMIN)), eq(roles.role, 'admin')))
      .run();
    const answer = await e2e.as(ADMIN).pressForAnswer(ask, { text: '✅ 确认移除' });
    expect(answer.text).toBe('您没有使用这个命令的权限。');
    expect(activeRoles(e2e, 2003)).toHaveLength(1);
    expect(e2e.db.select().from(auditLog).where(eq(auditLog.action, 'role.revoke')).all()).toEqual([]);
  });

  it('a liaison removed in the middle of /report cannot save it', async () => {
    const e2e = await startE2E({ now: sh('2026-03-02T10:00') });
    const me = e2e.as(LIAISON);
    const list = await me.send('/report');
    let step: TranscriptEntry = await me.pressForReply(list, buttons(list)[0]![0]!);
    step = await me.pressForReply(step, '已完成');
    step = await me.pressForReply(step, '跳过');
    for (let turns = 0; !step.text?.startsWith('请确认报送内容'); turns++) {
      if (turns > 3) throw new Error(`no confirmation: ${step.text}`);
      step = buttons(step).flat().includes('跳过') ? await me.pressForReply(step, '跳过') : await me.send('1');
    }
    const ask = await e2e.as(ADMIN).send('/remove 李娜');
    await e2e.as(ADMIN).press(ask, '✅ 确认移除');
    const refused = await me.pressForReply(step, '✅ 提交');
    expect(refused.text).toBe('您没有使用这个命令的权限。');
    expect(e2e.db.select().from(reports).all()).toEqual([]);
  });
});
