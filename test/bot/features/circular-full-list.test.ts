/**
 * A circular too long to name every unit (over CIRCULAR_UNITS_LISTED in a list) carries a
 * 完整名单 button, and /yearly over a plan of many units a 完整统计 one: who may press them, and
 * what they send. A 60-unit plan, every unit missing December.
 */
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import ExcelJS from 'exceljs';
import { ADMIN, LEAD, LIAISON, buttons, startE2E } from '../../support/e2e';
import { seedBigPlan, seedPerson } from '../../support/big-plan';
import { circulars, outbox, people, roles } from '../../../db/schema';
import { DEMO_GROUP } from '../../../sandbox/demo/seed';
import { PLAN_ZONE } from '../../../plans/due-dates';
import { CIRCULAR_UNITS_LISTED } from '../../../digests/circular-text';
import type { CircularContent } from '../../../digests/circular-content';
import type { TranscriptEntry } from '../../../sandbox/emulator';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();
type E2E = Awaited<ReturnType<typeof startE2E>>;
const UNITS = CIRCULAR_UNITS_LISTED + 10;
const UNIT_LEAD = 5101;
const FULL_LIST = '📎 完整名单（Excel）';

function personId(e2e: E2E, telegramId: number): number {
  return e2e.db.select({ id: people.id }).from(people).where(eq(people.telegramId, telegramId)).get()!.id;
}

/** The last message the big plan's circular (`kind`) put in `chatId`: the one that carries its buttons. */
function lastMessageOf(e2e: E2E, kind: 'circular' | 'circular-draft', chatId: number, circularId: number): TranscriptEntry {
  const rows = e2e.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.kind, kind), eq(outbox.chatId, chatId)))
    .all();
  const row = rows.find((r) => (r.payload as { circularId: number }).circularId === circularId)!;
  expect(row.status).toBe('sent');
  return e2e.emulator.transcript(chatId).find((m) => m.message_id === row.messageId)!;
}

async function missingUnits(e2e: E2E, document: TranscriptEntry): Promise<unknown[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(e2e.emulator.file(document.document!.file_id)!.data) as unknown as ArrayBuffer);
  const names: unknown[] = [];
  workbook.getWorksheet('未报送')!.eachRow((row, n) => {
    if (n > 3) names.push(row.getCell(1).value);
  });
  return names;
}

/** The demo and a plan of UNITS units led by the demo lead, its leading group the demo group, one of its units led by UNIT_LEAD; 4 January 2027. */
async function withPlan() {
  const e2e = await startE2E({ now: sh('2027-01-04T09:00'), shareClock: true, seededAt: sh('2026-01-01T08:00') });
  const plan = seedBigPlan(e2e.sqlite, { units: UNITS, requirements: 120 });
  e2e.sqlite.prepare(`insert into roles (person_id, role, plan_id) values (?, 'lead', ?)`).run(personId(e2e, LEAD), plan.planId);
  e2e.sqlite.prepare(`update plans set lead_group_chat_id = ? where id = ?`).run(DEMO_GROUP.id, plan.planId);
  e2e.emulator.createUser({ id: UNIT_LEAD, firstName: '孙丽', languageCode: 'zh-hans', hasStartedBots: true });
  seedPerson(e2e.sqlite, { telegramId: UNIT_LEAD, name: '孙丽' }, [{ role: 'lead', unitId: plan.units[0]!.id }]);
  const circular = () =>
    e2e.db
      .select()
      .from(circulars)
      .where(and(eq(circulars.planId, plan.planId), eq(circulars.period, '2026-12')))
      .get()!;
  return { e2e, plan, circular };
}

describe('the whole list behind a cut circular and a cut /yearly', () => {
  it('the draft offers it to the admin; published, to the leads of the plan and of its units and in the leading group; not once a role is gone', async () => {
    const { e2e, plan, circular } = await withPlan();
    const scheduler = e2e.scheduler();
    await scheduler.tick();
    const content = circular().content as CircularContent;
    expect(content.missing).toHaveLength(UNITS);
    const draft = lastMessageOf(e2e, 'circular-draft', ADMIN, circular().id);
    expect(buttons(draft)).toEqual([['📢 发布', '⏸ 暂缓'], [FULL_LIST]]);
    const names = plan.units.map((u) => u.name);
    const draftList = await e2e.as(ADMIN).pressForReply(draft, FULL_LIST);
    expect(draftList.document?.file_name).toBe(`通报完整名单-2026-12-${plan.title}.xlsx`);
    expect(await missingUnits(e2e, draftList)).toEqual(names);

    // 暂缓 keeps 发布 and the list; 发布 keeps the list.
    const held = await e2e.as(ADMIN).press(draft, '⏸ 暂缓');
    expect(buttons(held.message)).toEqual([['📢 发布'], [FULL_LIST]]);
    await e2e.settled();
    expect((await e2e.as(ADMIN).pressForReply(draft, '📢 发布')).text).toBe('✅ 已发布，已发送给各分管领导；该期报送不再接受修改。');
    expect(buttons(e2e.emulator.transcript(ADMIN).find((m) => m.message_id === draft.message_id)!)).toEqual([[FULL_LIST]]);
    await scheduler.tick();

    for (const reader of [LEAD, UNIT_LEAD]) {
      const published = lastMessageOf(e2e, 'circular', reader, circular().id);
      expect(buttons(published), String(reader)).toEqual([[FULL_LIST]]);
      expect(await missingUnits(e2e, await e2e.as(reader).pressForReply(published, FULL_LIST))).toEqual(names);
    }
    // In the leading group, whoever is in it: the circular was posted there for all of them.
    const inGroup = lastMessageOf(e2e, 'circular', DEMO_GROUP.id, circular().id);
    expect(await missingUnits(e2e, await e2e.as(LIAISON, DEMO_GROUP.id).pressForReply(inGroup, FULL_LIST))).toEqual(names);

    // A lead whose role was revoked since keeps the message, not the right.
    e2e.db
      .update(roles)
      .set({ revokedAt: e2e.clock.now() })
      .where(eq(roles.personId, personId(e2e, UNIT_LEAD)))
      .run();
    const refused = await e2e.as(UNIT_LEAD).pressForAnswer(lastMessageOf(e2e, 'circular', UNIT_LEAD, circular().id), { text: FULL_LIST });
    expect(refused).toMatchObject({ text: '只有该计划的管理员和分管领导可以查看完整名单。', showAlert: true });
    expect(e2e.errors).toEqual([]);
  });

  it('/yearly over a plan of more units than it lists: 完整统计 to a lead, refused once the role is gone', async () => {
    const { e2e, plan } = await withPlan();
    const answer = await e2e.as(LEAD).send('/yearly');
    await e2e.settled();
    const last = e2e.emulator.transcript(LEAD).at(-1)!;
    expect(buttons(last)).toEqual([['📎 完整统计（Excel）']]);
    expect(answer.text).toContain(`共 ${UNITS} 个单位：`);
    const sheet = await e2e.as(LEAD).pressForReply(last, '📎 完整统计（Excel）');
    expect(sheet.document?.file_name).toBe('年度报送统计-20270104.xlsx');

    e2e.db
      .update(roles)
      .set({ revokedAt: e2e.clock.now() })
      .where(eq(roles.personId, personId(e2e, LEAD)))
      .run();
    const refused = await e2e.as(LEAD).pressForAnswer(last, { text: '📎 完整统计（Excel）' });
    expect(refused).toMatchObject({ text: '只有分管领导和管理员可以查看汇总。', showAlert: true });
    expect(plan.units).toHaveLength(UNITS);
    expect(e2e.errors).toEqual([]);
  });
});
