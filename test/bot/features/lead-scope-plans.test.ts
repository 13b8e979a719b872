/**
 * Issue 12, "several plans, several years": the lead views by plan. Beside the demo plan (led by
 * 刘洋, 3001) runs plan B, which names 政策法规处 and 办公室 too (units are shared across plans).
 * 政策法规处 reported plan B's March on time, 办公室 did not. Every text of plan B carries 乙.
 * 刘洋 sees nothing of plan B in /summary, /overdue, /unit, /yearly, /export or the weekly
 * summaries — the same answers as before plan B existed; the admin sees both, headed by plan; a
 * lead of 政策法规处 sees it in both plans, headed by plan.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { ADMIN, LEAD, startE2E } from '../../support/e2e';
import { people, plans, roles, units } from '../../../db/schema';
import { PLAN_ZONE } from '../../../plans/due-dates';
import { DEMO_GROUP } from '../../../sandbox/demo/seed';
import { PLAN_B_TITLE, reportPlanB, seedPlanB } from '../../digests/summary-plan-b';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();
type E2E = Awaited<ReturnType<typeof startE2E>>;
const DEMO_TITLE = '福州市不动产登记和交易中心2026年社会信用体系建设任务分解表';
const UNIT_LEAD = 2003; // 张伟, made a lead of 政策法规处 below

/** Sends a command and returns the whole answer's text (every part, once the bot has settled). */
async function ask(e2e: E2E, who: number, command: string): Promise<string> {
  const first = await e2e.as(who).send(command);
  await e2e.settled();
  return e2e
    .as(who)
    .transcript()
    .filter((m) => m.from.kind === 'bot' && m.message_id >= first.message_id && m.text !== undefined)
    .map((m) => m.text!)
    .join('\n');
}

async function exported(e2e: E2E, who: number): Promise<{ caption: string; sheets: string[]; text: string }> {
  const answer = await e2e.as(who).send('/export');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(e2e.emulator.file(answer.document!.file_id)!.data) as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? '')))));
  return { caption: answer.text ?? '', sheets: workbook.worksheets.map((s) => s.name), text: cells.join('\n') };
}

function addPlanB(e2e: E2E) {
  const planB = seedPlanB(e2e.db, ['政策法规处', '办公室'], sh('2026-01-01T08:00'));
  reportPlanB(e2e.db, planB, '政策法规处', '2026-03', sh('2026-03-09T10:00'));
  return planB;
}

function makeUnitLead(e2e: E2E, telegramId: number, unit: string) {
  const person = e2e.db.select().from(people).where(eq(people.telegramId, telegramId)).get()!;
  const unitId = e2e.db.select().from(units).where(eq(units.name, unit)).get()!.id;
  e2e.db.insert(roles).values({ personId: person.id, role: 'lead', unitId }).run();
}

describe('lead views by plan', () => {
  it('a lead of the demo plan sees nothing of plan B in /summary, /overdue, /unit and /yearly: the answers plan B leaves unchanged', async () => {
    // Thursday 12 March 2026: the 10 March periods have closed.
    const e2e = await startE2E({ now: sh('2026-03-12T10:00'), seededAt: sh('2026-01-01T08:00') });
    const commands = ['/summary', '/overdue', '/unit 政策法规处', '/unit 办公室', '/yearly'];
    const before: string[] = [];
    for (const command of commands) before.push(await ask(e2e, LEAD, command));
    addPlanB(e2e);
    for (const [i, command] of commands.entries()) {
      const after = await ask(e2e, LEAD, command);
      expect(after, command).not.toContain('乙');
      expect(after, command).not.toContain('📁');
      expect(after, command).toBe(before[i]);
    }
    expect(before[0]).toContain(`范围：${DEMO_TITLE}\n`);
    expect(before[4]).toMatch(/^📅 2026 年报送统计（截至 2026年3月12日（周四））\n/);
  }, 30_000);

  it('the admin sees every live plan, a part per plan under its title; an archived plan nowhere', async () => {
    const e2e = await startE2E({ now: sh('2026-03-12T10:00'), seededAt: sh('2026-01-01T08:00') });
    const planB = addPlanB(e2e);
    const summary = await ask(e2e, ADMIN, '/summary');
    const lines = summary.split('\n');
    const demoHeading = lines.indexOf(`📁 ${DEMO_TITLE}`);
    const bHeading = lines.indexOf(`📁 ${PLAN_B_TITLE}`);
    expect(demoHeading).toBeGreaterThan(0);
    expect(bHeading).toBeGreaterThan(demoHeading);
    // Plan B's part: its two units, its own counts (政策法规处 on time, 办公室 missing) and its overdue item.
    const partB = lines.slice(bHeading);
    expect(partB).toContain('政策法规处：按时 1，逾期 0，未报 0');
    expect(partB).toContain('办公室：按时 0，逾期 0，未报 1');
    expect(partB).toContain('• 办公室 4① 乙计划双随机监管，3月10日（周二） 截止，已逾期 2 天');
    expect(partB.filter((line) => /：按时/.test(line))).toHaveLength(2);
    // The demo plan's part: nothing of plan B.
    expect(lines.slice(0, bHeading).join('\n')).not.toContain('乙');

    const overdue = (await ask(e2e, ADMIN, '/overdue')).split('\n');
    expect(overdue.filter((line) => line.startsWith('📁'))).toEqual([`📁 ${DEMO_TITLE}`, `📁 ${PLAN_B_TITLE}`]);
    expect(overdue.slice(overdue.indexOf(`📁 ${PLAN_B_TITLE}`))).toEqual([
      `📁 ${PLAN_B_TITLE}`,
      '',
      '❗ 逾期未报（1）：',
      '• 办公室 4① 乙计划双随机监管，3月10日（周二） 截止，已逾期 2 天',
    ]);

    const unit = (await ask(e2e, ADMIN, '/unit 政策法规处')).split('\n');
    expect(unit[1]).toBe('范围：政策法规处');
    expect(unit.filter((line) => line.startsWith('📁') || line.startsWith('政策法规处：'))).toEqual([
      `📁 ${DEMO_TITLE}`,
      expect.stringMatching(/^政策法规处：按时 \d+，逾期 \d+，未报 \d+$/),
      `📁 ${PLAN_B_TITLE}`,
      '政策法规处：按时 1，逾期 0，未报 0',
    ]);

    const yearly = (await ask(e2e, ADMIN, '/yearly')).split('\n');
    expect(yearly.slice(yearly.indexOf(`📁 ${PLAN_B_TITLE}`))).toEqual([
      `📁 ${PLAN_B_TITLE}`,
      // January and February missing (given on 1 January), March on time.
      '政策法规处：按时 1 期，逾期 0 期，未报 2 期',
      '办公室：按时 0 期，逾期 0 期，未报 3 期',
    ]);

    const ledger = await exported(e2e, ADMIN);
    expect(ledger.sheets).toHaveLength(4);
    expect(ledger.sheets.slice(2)).toEqual([`任务台账 ${PLAN_B_TITLE}`, `报送记录 ${PLAN_B_TITLE}`]);
    expect(ledger.caption).toBe(
      `台账（全部单位），截至 2026年3月12日（周四）。\n每个计划一组工作表（共 2 个计划）：${DEMO_TITLE}；${PLAN_B_TITLE}`,
    );

    // Archived, plan B is gone from every view.
    e2e.db
      .update(plans)
      .set({ archivedAt: sh('2026-03-12T09:00') })
      .where(eq(plans.id, planB.planId))
      .run();
    for (const command of ['/summary', '/overdue', '/unit 政策法规处', '/yearly']) {
      const text = await ask(e2e, ADMIN, command);
      expect(text, command).not.toContain('乙');
      expect(text, command).not.toContain('📁');
    }
    expect((await exported(e2e, ADMIN)).sheets).toEqual(['任务台账', '报送记录']);
  }, 60_000);

  it('a lead of 政策法规处 sees it in both plans, headed by plan, and no other unit', async () => {
    const e2e = await startE2E({ now: sh('2026-03-12T10:00'), seededAt: sh('2026-01-01T08:00') });
    addPlanB(e2e);
    makeUnitLead(e2e, UNIT_LEAD, '政策法规处');
    const summary = (await ask(e2e, UNIT_LEAD, '/summary')).split('\n');
    expect(summary[1]).toBe('范围：政策法规处');
    expect(summary.filter((line) => line.startsWith('📁') || /：按时/.test(line))).toEqual([
      `📁 ${DEMO_TITLE}`,
      expect.stringMatching(/^政策法规处：按时 \d+，逾期 \d+，未报 \d+$/),
      `📁 ${PLAN_B_TITLE}`,
      '政策法规处：按时 1，逾期 0，未报 0',
    ]);
    expect(summary.join('\n')).not.toContain('办公室');
    const ledger = await exported(e2e, UNIT_LEAD);
    expect(ledger.sheets).toHaveLength(4);
    expect(ledger.text).toContain('乙计划已抽查');
    expect(ledger.text).not.toContain('办公室');
  }, 30_000);

  it('/export: a lead of the demo plan gets its ledger alone, nothing of plan B', async () => {
    const e2e = await startE2E({ now: sh('2026-03-12T10:00'), seededAt: sh('2026-01-01T08:00') });
    addPlanB(e2e);
    const ledger = await exported(e2e, LEAD);
    expect(ledger.sheets).toEqual(['任务台账', '报送记录']);
    expect(ledger.caption).toBe(`台账（${DEMO_TITLE}），截至 2026年3月12日（周四）。`);
    expect(ledger.text).toContain('政策法规处');
    expect(ledger.text).not.toContain('乙');
  });
});

// Sent through the weekly summary's notice (digests/notices/weekly-summary.ts), which renders a row
// with weeklySummaryMessage: the group's plan alone, a lead's scope plan by plan.
describe('weekly summaries by plan', () => {
  it("the demo plan's leading group and its lead get the demo plan alone; plan B's lead plan B alone", async () => {
    const e2e = await startE2E({ now: sh('2026-03-16T08:00'), seededAt: sh('2026-01-01T08:00'), shareClock: true });
    const planB = addPlanB(e2e);
    const demo = e2e.db.select().from(plans).where(eq(plans.title, DEMO_TITLE)).get()!;
    e2e.db.update(plans).set({ leadGroupChatId: DEMO_GROUP.id }).where(eq(plans.id, demo.id)).run();
    // 张伟 leads plan B.
    const zhang = e2e.db.select().from(people).where(eq(people.telegramId, UNIT_LEAD)).get()!;
    e2e.db.insert(roles).values({ personId: zhang.id, role: 'lead', planId: planB.planId }).run();

    const scheduler = e2e.scheduler();
    await scheduler.tick();
    e2e.clock.set(sh('2026-03-16T09:00'));
    await scheduler.tick();
    const summaries = (chat: number) => e2e.emulator.transcript(chat).filter((m) => m.from.kind === 'bot' && m.text?.startsWith('📊'));

    const [group] = summaries(DEMO_GROUP.id);
    expect(group!.text!.split('\n')[1]).toBe(`范围：${DEMO_TITLE}`);
    expect(group!.text).not.toContain('乙');
    expect(group!.text).not.toContain('📁');
    const [lead] = summaries(LEAD);
    expect(lead!.text!.split('\n')[1]).toBe(`范围：${DEMO_TITLE}`);
    expect(lead!.text).not.toContain('乙');
    const [leadB] = summaries(UNIT_LEAD);
    expect(leadB!.text!.split('\n').slice(1, 6)).toEqual([
      `范围：${PLAN_B_TITLE}`,
      '',
      '各单位最近一期报送（按时 / 逾期 / 未报）：',
      '政策法规处：按时 1，逾期 0，未报 0',
      '办公室：按时 0，逾期 0，未报 1',
    ]);
    expect(leadB!.text).not.toContain('人力资源处');
  }, 30_000);
});
