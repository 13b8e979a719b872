import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { ADMIN, LEAD, LIAISON, startE2E } from '../../support/e2e';
import { plans } from '../../../db/schema';
import { DEMO_GROUP } from '../../../sandbox/demo/seed';
import { PLAN_ZONE } from '../../../plans/due-dates';
import { publishCircular } from '../../../schedules/circular';
import { circulars } from '../../../db/schema';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();

describe("the leading group's chat", () => {
  it('follows the group when it becomes a supergroup (Telegram gives it a new id)', async () => {
    const e2e = await startE2E({ now: sh('2026-03-02T08:00'), shareClock: true });
    e2e.emulator.createGroup({ id: -500, title: '领导小组', type: 'group', members: [ADMIN, LEAD] });
    expect((await e2e.as(ADMIN, -500).send('/group')).text).toContain('领导小组群');
    const supergroup = e2e.emulator.upgradeGroup(-500);
    await e2e.settled();
    expect(e2e.db.select({ chat: plans.leadGroupChatId }).from(plans).get()).toEqual({ chat: supergroup });
    // The next weekly summary goes to the supergroup at the first try.
    const scheduler = e2e.scheduler();
    await scheduler.tick();
    e2e.clock.set(sh('2026-03-09T09:00'));
    await scheduler.tick();
    expect(e2e.emulator.transcript(supergroup).filter((m) => m.from.kind === 'bot' && m.text?.startsWith('📊'))).toHaveLength(1);
    expect(e2e.emulator.botCalls({ method: 'sendMessage' }).filter((c) => c.response && !c.response.ok)).toEqual([]);
    expect(e2e.errors).toEqual([]);
  });

  it('is bound by an admin with /group; weekly summaries (on the configured day) and published circulars go there', async () => {
    const e2e = await startE2E({ now: sh('2026-03-02T08:00'), shareClock: true });
    const group = (id: number) => e2e.as(id, DEMO_GROUP.id);
    expect((await group(LIAISON).send('/group')).text).toBe('只有管理员可以设置领导小组群。');
    expect((await group(ADMIN).send('/group')).text).toBe(
      '已将本群设为“福州市不动产登记和交易中心2026年社会信用体系建设任务分解表”的领导小组群：每周汇总和月度通报会发到这里。',
    );
    expect(e2e.db.select({ chat: plans.leadGroupChatId }).from(plans).get()).toEqual({ chat: DEMO_GROUP.id });

    // Weekly on Tuesdays at 10:00 instead of Mondays at 09:00.
    expect((await e2e.as(ADMIN).send('/policy summary 2 10:00')).text).toContain('每周汇总：周二 10:00');
    const scheduler = e2e.scheduler();
    await scheduler.tick();
    e2e.clock.set(sh('2026-03-02T09:30'));
    await scheduler.tick();
    const posted = () => e2e.emulator.transcript(DEMO_GROUP.id).filter((m) => m.from.kind === 'bot' && m.text?.startsWith('📊'));
    expect(posted()).toEqual([]);
    e2e.clock.set(sh('2026-03-03T10:00'));
    await scheduler.tick();
    expect(posted().map((m) => m.text!.split('\n').slice(0, 2))).toEqual([
      ['📊 督办进度汇总（2026年3月3日（周二））', '范围：福州市不动产登记和交易中心2026年社会信用体系建设任务分解表'],
    ]);
    expect(
      e2e
        .as(LEAD)
        .transcript()
        .filter((m) => m.text?.startsWith('📊')),
    ).toHaveLength(1);

    // A published circular is posted to the group as well.
    const [planRow] = e2e.db.select().from(plans).all();
    const circular = e2e.db
      .insert(circulars)
      .values({
        planId: planRow!.id,
        period: '2026-02',
        content: { planTitle: 'X', month: '2026-02', onTime: ['政策法规处'], late: [], missing: [], quotasBehind: [] },
      })
      .returning()
      .get();
    publishCircular(e2e.db, circular.id, null, e2e.clock.now());
    await scheduler.tick();
    expect(e2e.emulator.transcript(DEMO_GROUP.id).some((m) => m.text?.startsWith('📢'))).toBe(true);
  });
});
