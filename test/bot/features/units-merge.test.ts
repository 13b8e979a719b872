import { describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { ADMIN, LEAD, LIAISON, buttons, startE2E } from '../../support/e2e';
import { auditLog, people, roles, unitAliases, units } from '../../../db/schema';

type E2E = Awaited<ReturnType<typeof startE2E>>;
const OFFICE = 2003; // 张伟, liaison of 办公室

function unitOfLiaison(e2e: E2E, telegramId: number) {
  return e2e.db
    .select({ unit: units.name })
    .from(roles)
    .innerJoin(people, eq(people.id, roles.personId))
    .innerJoin(units, eq(units.id, roles.unitId))
    .where(and(eq(people.telegramId, telegramId), isNull(roles.revokedAt)))
    .all();
}

const unitNamed = (e2e: E2E, name: string) => e2e.db.select().from(units).where(eq(units.name, name)).get();

describe('/units merge in chat', () => {
  it('previews what moves, merges on confirmation, and is audited; cancelling changes nothing', async () => {
    const e2e = await startE2E();
    const preview = await e2e.as(ADMIN).send('/units merge 办公室 政策法规处');
    expect(preview.text).toMatch(
      /^将“办公室”合并到“政策法规处”？\n将转移：任务分工 \d+ 项，报送记录 0 条，增量事项 0 件，联络员和领导 1 人，邀请 0 个。\n合并后“办公室”作为“政策法规处”的别名保留，以后导入时自动识别。合并不能撤销。$/,
    );
    expect(buttons(preview)).toEqual([['✅ 确认合并', '取消']]);
    expect((await e2e.as(ADMIN).press(preview, '取消')).message.text).toBe('已取消合并，未作任何更改。');
    expect(unitNamed(e2e, '办公室')).toBeDefined();

    const again = await e2e.as(ADMIN).send('/units merge 办公室 政策法规处');
    expect((await e2e.as(ADMIN).press(again, '✅ 确认合并')).message.text).toBe('已将“办公室”合并到“政策法规处”。');
    expect(unitNamed(e2e, '办公室')).toBeUndefined();
    expect(unitOfLiaison(e2e, OFFICE)).toEqual([{ unit: '政策法规处' }]);
    expect(e2e.db.select({ alias: unitAliases.alias }).from(unitAliases).all()).toEqual([{ alias: '办公室' }]);
    const audit = e2e.db.select().from(auditLog).where(eq(auditLog.action, 'unit.merge')).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorLabel).toBe('王敏');
    const stale = await e2e.as(ADMIN).send('/units merge 办公室 政策法规处');
    expect(stale.text).toBe('“办公室”和“政策法规处”已经是同一个单位，无需合并。');
  });

  it('explains usage and unknown names (escaped)', async () => {
    const e2e = await startE2E();
    expect((await e2e.as(ADMIN).send('/units merge 办公室')).text).toMatch(/^用法：\/units merge 原单位名 保留的单位名/);
    expect((await e2e.as(ADMIN).send('/units merge <i>x</i> 办公室')).text).toBe('没有名为“<i>x</i>”的单位。发送 /units 查看全部单位。');
    // /units alone is still the list.
    expect((await e2e.as(ADMIN).send('/units')).text).toMatch(/^单位与联络员/);
  });

  it('is for admins only, at the command and again at the button', async () => {
    const e2e = await startE2E();
    for (const who of [LIAISON, LEAD])
      expect((await e2e.as(who).send('/units merge 办公室 政策法规处')).text).toBe('您没有使用这个命令的权限。');
    const preview = await e2e.as(ADMIN).send('/units merge 办公室 政策法规处');
    const admin = e2e.db.select({ id: people.id }).from(people).where(eq(people.telegramId, ADMIN)).get()!.id;
    e2e.db
      .update(roles)
      .set({ revokedAt: e2e.clock.now() })
      .where(and(eq(roles.personId, admin), eq(roles.role, 'admin')))
      .run();
    const answer = await e2e.as(ADMIN).pressForAnswer(preview, { text: '✅ 确认合并' });
    expect(answer.text).toBe('您没有使用这个命令的权限。');
    expect(unitNamed(e2e, '办公室')).toBeDefined();
    expect(e2e.db.select().from(auditLog).where(eq(auditLog.action, 'unit.merge')).all()).toEqual([]);
  });
});
