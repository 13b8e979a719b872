import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ADMIN, LIAISON, STRANGER, buttons, startE2E } from '../../support/e2e';
import { auditLog, people, roles, units } from '../../../db/schema';
import { STRAY_REPLY_INTERVAL_MS } from '../../../bot/reply-throttle';

const NEWCOMER = 5005;

function codeOf(text: string | undefined): string {
  const match = text?.match(/https:\/\/t\.me\/duban_test_bot\?start=([\w-]+)/);
  if (!match) throw new Error(`no invite link in: ${text}`);
  return match[1]!;
}

describe('joining by invite', () => {
  it("a unit's name with quotes and an ampersand reads as written when the link is opened again", async () => {
    const e2e = await startE2E();
    e2e.db.update(units).set({ name: '信息管理处R&D"二部"' }).where(eq(units.name, '信息管理处')).run();
    e2e.emulator.createUser({ id: NEWCOMER, firstName: '周', lastName: '敏', languageCode: 'zh-hans' });
    const code = codeOf((await e2e.as(ADMIN).send('/invite 信息管理处R&D"二部"')).text);
    expect((await e2e.as(NEWCOMER).send(`/start ${code}`)).text).toMatch(/^您好，周 敏！您是 信息管理处R&D"二部" 的联络员。/);
    expect((await e2e.as(NEWCOMER).send(`/start ${code}`)).text).toBe('您已经是 信息管理处R&D"二部" 的联络员。');
  });

  it('an admin invites a liaison; the link binds the person, greets them with their deadlines, and works once', async () => {
    const e2e = await startE2E();
    e2e.emulator.createUser({ id: NEWCOMER, firstName: '周', lastName: '敏', languageCode: 'zh-hans' });
    const reply = await e2e.as(ADMIN).send('/invite 信息管理处');
    expect(reply.text).toMatch(
      /^邀请链接（联络员，信息管理处），7 天内有效，只能使用一次：\nhttps:\/\/t\.me\/duban_test_bot\?start=[\w-]{16}\n请转发给对方，对方打开链接即可加入。$/,
    );
    const code = codeOf(reply.text);

    const welcome = await e2e.as(NEWCOMER).send(`/start ${code}`);
    expect(welcome.text).toMatch(/^您好，周 敏！您是 信息管理处 的联络员。/);
    expect(welcome.text).toContain('最近的截止日期：\n• 3① 完成日常工作 — 3月10日（周二）\n• 3② 完成日常工作 — 3月10日（周二）');
    expect(welcome.text).toMatch(/发送 \/tasks 查看全部任务，\/report 报送进展。$/);
    const unit = e2e.db.select().from(units).where(eq(units.name, '信息管理处')).get()!;
    const person = e2e.db.select().from(people).where(eq(people.telegramId, NEWCOMER)).get()!;
    expect(e2e.db.select({ role: roles.role, unitId: roles.unitId }).from(roles).where(eq(roles.personId, person.id)).all()).toEqual([
      { role: 'liaison', unitId: unit.id },
    ]);
    expect(e2e.emulator.commandsShown({ userId: NEWCOMER, chatId: NEWCOMER }).map((c) => c.command)).toContain('report');
    // Opening it again is harmless; someone else cannot use it.
    expect((await e2e.as(NEWCOMER).send(`/start ${code}`)).text).toBe('您已经是 信息管理处 的联络员。');
    expect((await e2e.as(STRANGER).send(`/start ${code}`)).text).toBe('这个邀请链接已经使用过了。如需加入，请向管理员索取新的链接。');
    expect(
      e2e.db
        .select({ action: auditLog.action })
        .from(auditLog)
        .all()
        .map((a) => a.action),
    ).toEqual(['plan.import', 'invite.create', 'invite.use']);
  });

  it('a link expires after 7 days; a revoked or made-up one says so', async () => {
    const e2e = await startE2E();
    const code = codeOf((await e2e.as(ADMIN).send('/invite 办公室')).text);
    e2e.clock.advance(7 * 24 * 3600_000 + 1);
    expect((await e2e.as(STRANGER).send(`/start ${code}`)).text).toBe('这个邀请链接已经过期。请向管理员索取新的链接。');

    const second = codeOf((await e2e.as(ADMIN).send('/invite 领导 办公室')).text);
    expect((await e2e.as(ADMIN).send(`/revoke ${second}`)).text).toBe(`已撤销邀请 ${second}。`);
    expect((await e2e.as(STRANGER).send(`/start ${second}`)).text).toBe('这个邀请链接已被撤销。请向管理员索取新的链接。');
    expect((await e2e.as(STRANGER).send('/start nonsense')).text).toBe('这个邀请链接无效。请向管理员索取新的链接。');
    expect(e2e.db.select().from(people).where(eq(people.telegramId, STRANGER)).all()).toEqual([]);
  });

  it('lists unused invites with a revoke button each; a lead of the plan joins by a plan invite', async () => {
    const e2e = await startE2E();
    e2e.emulator.createUser({ id: NEWCOMER, firstName: '吴', languageCode: 'en' });
    const code = codeOf((await e2e.as(ADMIN).send('/invite 领导')).text);
    codeOf((await e2e.as(ADMIN).send('/invite 测绘技术处')).text);
    const list = await e2e.as(ADMIN).send('/invites');
    expect(list.text).toMatch(
      /^未使用的邀请：\n分管领导，福州市不动产登记和交易中心2026年社会信用体系建设任务分解表，2026年3月9日（周一） 前有效（[\w-]{16}）\n联络员，测绘技术处，/,
    );
    expect(buttons(list)).toHaveLength(2);
    const { message } = await e2e.as(ADMIN).press(list, buttons(list)[1]![0]!);
    expect(message.text).toMatch(/^未使用的邀请：\n分管领导，/);
    expect(buttons(message)).toHaveLength(1);

    const welcome = await e2e.as(NEWCOMER).send(`/start ${code}`);
    expect(welcome.text).toBe(
      'Hello, 吴! You lead 福州市不动产登记和交易中心2026年社会信用体系建设任务分解表 and will receive a weekly progress summary.',
    );
  });

  it('refuses unknown units with suggestions, and anyone but an admin', async () => {
    const e2e = await startE2E();
    expect((await e2e.as(ADMIN).send('/invite 信息管理')).text).toBe('没有名为“信息管理”的单位。\n您是不是要找：信息管理处？');
    expect((await e2e.as(ADMIN).send('/invite')).text).toMatch(/^用法：\/invite 单位名称/);
    for (const command of ['/invite 办公室', '/invites', '/revoke abc']) {
      expect((await e2e.as(LIAISON).send(command)).text).toBe('您没有使用这个命令的权限。');
      // A stranger is answered once per few minutes (bot/features/strangers.ts).
      e2e.clock.advance(STRAY_REPLY_INTERVAL_MS);
      expect((await e2e.as(STRANGER).send(command)).text).toBe('您没有使用这个命令的权限。');
    }
  });
});
