/**
 * The ledger of a lead's scope, plan by plan (issue 12): the demo plan and plan B share
 * 政策法规处 and 办公室; each plan's sheets show only its own requirements, for the units the
 * scope has in it, and plans sharing a year get sheets named by their titles.
 */
import { describe, expect, it } from 'vitest';
import { buildLedger, LedgerOptionsError } from '../../../digests/ledger';
import { freshDatabase } from '../../support/db';
import { PLAN_B_REQUIREMENT, PLAN_B_TITLE, reportPlanB, seedPlanB } from '../summary-plan-b';
import { allText, NOW, openWorkbook, seedLedgerFixture, sh } from './ledger-fixture';

async function setUp() {
  const database = freshDatabase();
  const fixture = await seedLedgerFixture(database.db);
  const planB = seedPlanB(database.db, ['政策法规处', '办公室'], sh('2026-01-05T10:00'));
  reportPlanB(database.db, planB, '政策法规处', '2026-02', sh('2026-02-09T10:00'));
  return { db: database.db, fixture, planB };
}

/** The units named in a ledger sheet's unit column (E), below the header. */
function unitsOn(workbook: Awaited<ReturnType<typeof openWorkbook>>, sheet: string): Set<unknown> {
  const found = new Set<unknown>();
  const ledger = workbook.getWorksheet(sheet)!;
  for (let row = 4; row <= ledger.rowCount; row++) found.add(ledger.getCell(`E${row}`).value);
  return found;
}

describe('the ledger by plan', () => {
  it('a lead of the demo plan: its sheets alone, nothing of plan B though it shares their units', async () => {
    const { db, fixture } = await setUp();
    const workbook = await openWorkbook(await buildLedger(db, { now: NOW, plans: [{ planId: fixture.planId }] }));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['任务台账', '报送记录']);
    const text = allText(workbook);
    expect(text).toContain('政策法规处');
    expect(text).not.toContain('乙');
  });

  it("a lead of 政策法规处: a sheet pair per plan it is in, named by plan, each with that plan's rows of it only", async () => {
    const { db, fixture, planB } = await setUp();
    const workbook = await openWorkbook(
      await buildLedger(db, {
        now: NOW,
        plans: [
          { planId: fixture.planId, unitIds: [fixture.policy] },
          { planId: planB.planId, unitIds: [fixture.policy] },
        ],
      }),
    );
    // Both plans are of 2026: their titles tell the sheets apart (cut to Excel's 31 characters).
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '任务台账 福州市不动产登记和交易中心2026年社会信用体系建设',
      '报送记录 福州市不动产登记和交易中心2026年社会信用体系建设',
      `任务台账 ${PLAN_B_TITLE}`,
      `报送记录 ${PLAN_B_TITLE}`,
    ]);
    const [demoLedger, demoReports, bLedger, bReports] = workbook.worksheets.map((s) => s.name) as [string, string, string, string];
    expect([...unitsOn(workbook, demoLedger)]).toEqual(['政策法规处']);
    expect([...unitsOn(workbook, bLedger)]).toEqual(['政策法规处']);
    expect(workbook.getWorksheet(bLedger)!.getCell('A1').value).toBe(`${PLAN_B_TITLE}　工作台账`);
    expect(workbook.getWorksheet(bLedger)!.getCell('C4').value).toBe(PLAN_B_REQUIREMENT);
    // The demo plan's sheets: nothing of plan B, whose task is numbered 4 like the demo's.
    const demoText = [demoLedger, demoReports].map((name) => {
      const texts: string[] = [];
      workbook.getWorksheet(name)!.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
      return texts.join('\n');
    });
    for (const text of demoText) expect(text).not.toContain('乙');
    // Plan B's report of 政策法规处, on its own reports sheet.
    const reports = workbook.getWorksheet(bReports)!;
    expect(reports.rowCount).toBe(4);
    expect(reports.getCell('A4').value).toBe('政策法规处');
    expect(reports.getCell('F4').value).toBe('乙计划已抽查');
    expect(allText(workbook)).not.toContain('办公室');
  });

  it('an admin (every live plan): both plans, every unit; years alike, so titled', async () => {
    const { db } = await setUp();
    const workbook = await openWorkbook(await buildLedger(db, { now: NOW }));
    expect(workbook.worksheets.map((s) => s.name)).toHaveLength(4);
    expect(unitsOn(workbook, `任务台账 ${PLAN_B_TITLE}`)).toEqual(new Set(['政策法规处', '办公室']));
  });

  it('refuses a scope naming no plan, a plan twice, or mixed with planId', async () => {
    const { db, fixture } = await setUp();
    await expect(buildLedger(db, { now: NOW, plans: [] })).rejects.toThrow(LedgerOptionsError);
    await expect(buildLedger(db, { now: NOW, plans: [{ planId: fixture.planId }, { planId: fixture.planId }] })).rejects.toThrow(
      /^plans: a plan is listed twice/,
    );
    await expect(buildLedger(db, { now: NOW, planId: fixture.planId, plans: [{ planId: fixture.planId }] })).rejects.toThrow(/^plans: /);
    await expect(buildLedger(db, { now: NOW, plans: [{ planId: 999 }] })).rejects.toThrow(/^plans: there is no plan 999/);
  });
});
