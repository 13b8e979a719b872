import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assignments, deadlineRules, events, plans, reports, requirements } from '../../../db/schema';
import { seedDemo } from '../../../sandbox/demo/seed';
import { buildLedger, exportLedgerToFile, LedgerOptionsError } from '../../../digests/ledger';
import { freshDatabase, tempDir } from '../../support/db';
import {
  allText,
  fillOf,
  findRows,
  NOW,
  openWorkbook,
  OTHER_UNITS,
  requirementId,
  rowValues,
  seedLedgerFixture,
  sh,
} from './ledger-fixture';

const GREEN = 'FFC6EFCE';
const AMBER = 'FFFFEB9C';
const RED = 'FFFFC7CE';
const GREY = 'FFE7E6E6';
/** Task 4's requirement as the ledger shows it: its item's circled number, then the document's text. */
const TASK_4_TEXT =
  '①按照《2020年社会信用体系建设任务分解表》,定时报送工作进度。由政策法规处汇总,并向中心发文通报,逾期报送视为工作未完成。';
const PLAN_TITLE = '福州市不动产登记和交易中心2026年社会信用体系建设任务分解表';

async function demoLedger(options: Partial<Parameters<typeof buildLedger>[1]> = {}) {
  const database = freshDatabase();
  const fixture = await seedLedgerFixture(database.db);
  const workbook = await openWorkbook(await buildLedger(database.db, { now: NOW, ...options }));
  return { ...database, fixture, workbook, ledger: workbook.getWorksheet('任务台账')!, reports: workbook.getWorksheet('报送记录')! };
}

describe('the ledger sheet (任务台账)', () => {
  it('has the title, the legend, the task table headers and one column per month of the year so far', async () => {
    const { workbook, ledger } = await demoLedger();
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['任务台账', '报送记录']);
    expect(ledger.getCell('A1').value).toBe(`${PLAN_TITLE}　工作台账`);
    expect(ledger.getCell('A2').value).toBe(
      '截至 2026-03-15 18:00（北京时间）　图例：绿色 按时报送；黄色 逾期报送（视为未完成）；红色 未报送；灰色 未到期',
    );
    expect(rowValues(ledger, 3)).toEqual([
      '序号',
      '工作任务',
      '任务要求',
      '完成时限',
      '责任单位',
      '牵头/配合',
      '2026年1月',
      '2026年2月',
      '2026年3月',
    ]);
    expect(ledger.getCell('A3').font.bold).toBe(true);
    expect(fillOf(ledger.getCell('A3'))).not.toBeNull();
    // The title and the legend span the table.
    expect(ledger.model.merges).toEqual(expect.arrayContaining(['A1:I1', 'A2:I2']));
  });

  it('has one row per requirement and assigned unit, in plan order, the lead first, the task and requirement cells merged down', async () => {
    const { ledger } = await demoLedger();
    // Task 1 has two requirements, each assigned to the seven offices: rows 4–17.
    expect([4, 5, 10, 11, 17].map((row) => rowValues(ledger, row).slice(0, 6))).toEqual([
      [1, '部署社会信用体系建设工作', '①至少召开两次社会信用体系建设工作会议。', '12月底前', '政策法规处', '牵头'],
      [1, '部署社会信用体系建设工作', '①至少召开两次社会信用体系建设工作会议。', '12月底前', '信息管理处', '配合'],
      [1, '部署社会信用体系建设工作', '①至少召开两次社会信用体系建设工作会议。', '12月底前', '人力资源处', '配合'],
      [1, '部署社会信用体系建设工作', '②制定2020年社会信用体系建设工作方案。', '3月底前', '政策法规处', '牵头'],
      [1, '部署社会信用体系建设工作', '②制定2020年社会信用体系建设工作方案。', '3月底前', '人力资源处', '配合'],
    ]);
    expect(ledger.model.merges).toEqual(expect.arrayContaining(['A4:A17', 'B4:B17', 'C4:C10', 'D4:D10', 'C11:C17', 'D11:D17']));
    expect(rowValues(ledger, 18).slice(0, 6)).toEqual([
      2,
      '落实组织机构',
      '①明确本单位社会信用体系建设工作分管领导、责任处室及联络员。',
      '及时完成',
      '政策法规处',
      '牵头',
    ]);
    // Every assignment of the demo plan is a row: 119 of them below the three heading rows.
    expect(ledger.rowCount).toBe(3 + 119);
  });

  it("shows each month's report as lines of text, filled green on time, amber late, red missing, grey not yet due", async () => {
    const { ledger } = await demoLedger();
    const [row] = findRows(ledger, { 3: TASK_4_TEXT, 5: '政策法规处' });
    expect(rowValues(ledger, row!)).toEqual([
      4,
      '落实月报制度',
      TASK_4_TEXT,
      '每月10日前',
      '政策法规处',
      '牵头',
      '已完成\n已汇总各处室1月进度\n数量: 3\n2026-01-09 10:12\n佐证 2 份',
      '逾期报送（视为未完成）\n进行中\n=SUM(A1)\n2026-02-12 09:00\n佐证 0 份',
      '未报送\n截止 2026-03-10',
    ]);
    const [january, february, march] = ['G', 'H', 'I'].map((column) => ledger.getCell(`${column}${row}`));
    expect([fillOf(january!), fillOf(february!), fillOf(march!)]).toEqual([GREEN, AMBER, RED]);
    expect(january!.alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(january!.border.top?.style).toBe('thin');

    const [nothing] = findRows(ledger, { 3: TASK_4_TEXT, 5: '信息管理处' });
    expect(ledger.getCell(`G${nothing}`).value).toBe('本期无进展\n2026-01-08 16:30\n佐证 0 份');
    expect(fillOf(ledger.getCell(`G${nothing}`))).toBe(GREEN);

    // Task 1 ② is due once, on 31 March: nothing in January or February, not yet due in March.
    expect(rowValues(ledger, 11).slice(6)).toEqual([null, null, '已完成\n方案已印发\n2026-03-02 10:00\n佐证 0 份']);
    expect(rowValues(ledger, 12).slice(6)).toEqual([null, null, '未到期\n截止 2026-03-31']);
    expect(fillOf(ledger.getCell('I12'))).toBe(GREY);
    expect(fillOf(ledger.getCell('G12'))).toBeNull();

    // Counts carry the quota's unit (task 10 ①: 全年不少于10例).
    const [office] = findRows(ledger, { 5: '办公室', 2: '查询应用信用信息' });
    expect(ledger.getCell(`I${office}`).value).toBe('遇到困难\n系统故障，待修复\n数量: 1 例\n2026-03-06 11:00\n佐证 0 份');
  });

  it('is laid out for printing: frozen panes, fitted widths, rows tall enough, A4 landscape one page wide, repeated header, page numbers', async () => {
    const { ledger, reports: sheet } = await demoLedger();
    expect(ledger.views[0]).toMatchObject({ state: 'frozen', xSplit: 6, ySplit: 3 });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 3 });
    for (const s of [ledger, sheet]) {
      expect(s.columns.every((column) => (column.width ?? 0) > 0)).toBe(true);
      expect(s.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '3:3',
      });
      expect(s.headerFooter.oddFooter).toContain('&P');
    }
    // Chinese counts double: 责任单位 fits 新建商品房登记处 (8 characters, 16 wide, plus padding).
    expect(ledger.getColumn(5).width).toBe(18);
    // A five-line cell gets a five-line row.
    const [row] = findRows(ledger, { 3: TASK_4_TEXT, 5: '政策法规处' });
    expect(ledger.getRow(row!).height).toBeGreaterThanOrEqual(5 * 13.5);
  });
});

describe('the reports sheet (报送记录)', () => {
  it('lists every report in ledger order, with its period, status, note, count, time, lateness, evidence and reporter', async () => {
    const { reports: sheet } = await demoLedger();
    expect(rowValues(sheet, 3)).toEqual([
      '单位',
      '任务',
      '要求',
      '期次',
      '状态',
      '备注',
      '数量',
      '报送时间',
      '是否逾期',
      '佐证数',
      '报送人',
    ]);
    expect(sheet.getCell('A1').value).toBe(`${PLAN_TITLE}　报送记录`);
    expect([4, 5, 6, 7, 8].map((row) => rowValues(sheet, row))).toEqual([
      [
        '政策法规处',
        '1 部署社会信用体系建设工作',
        '②制定2020年社会信用体系建设工作方案。',
        '一次性任务',
        '已完成',
        '方案已印发',
        null,
        '2026-03-02 10:00',
        '否',
        0,
        '李娜',
      ],
      ['政策法规处', '4 落实月报制度', TASK_4_TEXT, '2026年1月', '已完成', '已汇总各处室1月进度', 3, '2026-01-09 10:12', '否', 2, '李娜'],
      ['政策法规处', '4 落实月报制度', TASK_4_TEXT, '2026年2月', '进行中', '=SUM(A1)', null, '2026-02-12 09:00', '是', 0, '李娜'],
      ['信息管理处', '4 落实月报制度', TASK_4_TEXT, '2026年1月', '本期无进展', null, null, '2026-01-08 16:30', '否', 0, 'Gang Chen'],
      [
        '办公室',
        '10 查询应用信用信息',
        '①按月将在政府采购、招标投标、资质审核过程中,查询公共信用信息平台中的信用记录的案例反馈政策法规处。全年不少于10例。',
        '2026年3月',
        '遇到困难',
        '系统故障，待修复',
        1,
        '2026-03-06 11:00',
        '否',
        0,
        '张伟',
      ],
    ]);
    expect(sheet.rowCount).toBe(8);
    expect(fillOf(sheet.getCell('I6'))).toBe(AMBER);
    expect(sheet.autoFilter).toBe('A3:K3');
  });

  it('writes a note that looks like a formula as a plain string, never a formula', async () => {
    const { reports: sheet, ledger } = await demoLedger();
    const note = sheet.getCell('F6');
    expect(note.value).toBe('=SUM(A1)');
    expect(note.type).toBe(ExcelJS.ValueType.String);
    expect(note.formula).toBeUndefined();
    const [row] = findRows(ledger, { 3: TASK_4_TEXT, 5: '政策法规处' });
    expect(ledger.getCell(`H${row}`).type).toBe(ExcelJS.ValueType.String);
  });

  it('keeps the reports of a requirement a re-import removed, marked', async () => {
    const { db, workbook } = await demoLedger();
    const removed = requirementId(db, '4', 1);
    db.update(requirements)
      .set({ archivedAt: sh('2026-03-01T00:00') })
      .where(eq(requirements.id, removed))
      .run();
    const again = await openWorkbook(await buildLedger(db, { now: NOW }));
    expect(again.getWorksheet('报送记录')!.getCell('C5').value).toBe(`${TASK_4_TEXT}（已移出计划）`);
    // …and no longer has rows to do on the ledger sheet.
    expect(findRows(again.getWorksheet('任务台账')!, { 3: TASK_4_TEXT })).toEqual([]);
    expect(workbook.getWorksheet('任务台账')!.rowCount - again.getWorksheet('任务台账')!.rowCount).toBe(7);
  });
});

describe('ledger options', () => {
  it("period: only that month's column and the reports that fall in it", async () => {
    const { ledger, reports: sheet } = await demoLedger({ period: '2026-02' });
    expect(rowValues(ledger, 3)).toEqual(['序号', '工作任务', '任务要求', '完成时限', '责任单位', '牵头/配合', '2026年2月']);
    expect(String(ledger.getCell('A2').value)).toContain('期次 2026-02');
    const [row] = findRows(ledger, { 3: TASK_4_TEXT, 5: '政策法规处' });
    expect(ledger.getCell(`G${row}`).value).toBe('逾期报送（视为未完成）\n进行中\n=SUM(A1)\n2026-02-12 09:00\n佐证 0 份');
    expect(sheet.rowCount).toBe(4);
    expect(rowValues(sheet, 4).slice(0, 5)).toEqual(['政策法规处', '4 落实月报制度', TASK_4_TEXT, '2026年2月', '进行中']);
  });

  it('unitIds: a lead of one unit sees only its rows and reports; no other unit is named anywhere', async () => {
    const database = freshDatabase();
    const { policy } = await seedLedgerFixture(database.db);
    const workbook = await openWorkbook(await buildLedger(database.db, { now: NOW, unitIds: [policy] }));
    const ledger = workbook.getWorksheet('任务台账')!;
    const units = new Set<unknown>();
    for (let row = 4; row <= ledger.rowCount; row++) units.add(ledger.getCell(`E${row}`).value);
    expect([...units]).toEqual(['政策法规处']);
    const text = allText(workbook);
    for (const name of [...OTHER_UNITS, 'Gang Chen', '张伟']) expect(text).not.toContain(name);
    const sheet = workbook.getWorksheet('报送记录')!;
    expect(sheet.rowCount).toBe(3 + 3);
    // An empty scope is an empty ledger, not everything.
    const none = await openWorkbook(await buildLedger(database.db, { now: NOW, unitIds: [] }));
    expect(none.getWorksheet('任务台账')!.rowCount).toBe(3);
    expect(none.getWorksheet('报送记录')!.rowCount).toBe(3);
  });

  it('planId: one plan; without it every live plan gets its own pair of sheets, named by year', async () => {
    const database = freshDatabase();
    const { planId } = await seedLedgerFixture(database.db);
    const older = await seedDemo(database.db, { year: 2025, now: sh('2025-01-05T10:00') });
    const both = await openWorkbook(await buildLedger(database.db, { now: NOW }));
    expect(both.worksheets.map((s) => s.name)).toEqual(['任务台账 2026', '报送记录 2026', '任务台账 2025', '报送记录 2025']);
    // The 2025 plan's year is over: all twelve months.
    expect(both.getWorksheet('任务台账 2025')!.getRow(3).cellCount).toBe(6 + 12);
    const one = await openWorkbook(await buildLedger(database.db, { now: NOW, planId: older.planId }));
    expect(one.worksheets.map((s) => s.name)).toEqual(['任务台账', '报送记录']);
    expect(String(one.getWorksheet('任务台账')!.getCell('A1').value)).toContain('2025年');
    expect(planId).not.toBe(older.planId);
  });

  it("locale en: English headers and labels, the plan's own text untouched", async () => {
    const { workbook } = await demoLedger({ locale: 'en', period: '2026-02' });
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Ledger', 'Reports']);
    const ledger = workbook.getWorksheet('Ledger')!;
    expect(rowValues(ledger, 3)).toEqual(['No.', 'Task', 'Requirement', 'Deadline', 'Unit', 'Role', '2026-02']);
    const [row] = findRows(ledger, { 3: TASK_4_TEXT, 5: '政策法规处' });
    expect(ledger.getCell(`F${row}`).value).toBe('Lead');
    expect(ledger.getCell(`G${row}`).value).toBe(
      'Reported late (counts as not done)\nIn progress\n=SUM(A1)\n2026-02-12 09:00\nEvidence: 0',
    );
  });

  it('rejects a period that is not a real month, and a plan that does not exist, naming the option', async () => {
    const database = freshDatabase();
    await seedLedgerFixture(database.db);
    for (const period of ['2026-13', '2026-3', '2026-00', 'March']) {
      await expect(buildLedger(database.db, { now: NOW, period })).rejects.toThrow(LedgerOptionsError);
      await expect(buildLedger(database.db, { now: NOW, period })).rejects.toThrow(/^period: /);
    }
    await expect(buildLedger(database.db, { now: NOW, planId: 999 })).rejects.toThrow(/^planId: there is no plan 999/);
    await expect(buildLedger(database.db, { now: new Date(Number.NaN) })).rejects.toThrow(/^now: /);
  });
});

describe('periods and months', () => {
  it('an event-relative period lands in the month its due day (N working days after the event) falls in', async () => {
    const database = freshDatabase();
    const { db } = database;
    const { info } = await seedLedgerFixture(db);
    // Task 9 ②: 如有增量信息，在七个工作日内 … made event-relative, as an admin would.
    const relative = requirementId(db, '9', 2);
    db.update(deadlineRules)
      .set({ rule: { kind: 'relative', days: 7, workingDays: true } })
      .where(eq(deadlineRules.requirementId, relative))
      .run();
    // 2026-02-27 (Fri) + 7 working days = 2026-03-10; 2026-03-09 (Mon) + 7 = 2026-03-18.
    const early = db
      .insert(events)
      .values({ requirementId: relative, unitId: info, occurredOn: '2026-02-27' })
      .returning({ id: events.id })
      .get().id;
    const late = db
      .insert(events)
      .values({ requirementId: relative, unitId: info, occurredOn: '2026-03-09' })
      .returning({ id: events.id })
      .get().id;
    db.insert(reports)
      .values({
        requirementId: relative,
        unitId: info,
        period: `event-${early}`,
        status: 'done',
        reportedAt: sh('2026-03-05T09:30'),
        late: false,
      })
      .run();
    const ledger = (await openWorkbook(await buildLedger(db, { now: NOW }))).getWorksheet('任务台账')!;
    const [row] = findRows(ledger, { 5: '信息管理处', 3: '②如有增量信息,在七个工作日内按要求及时填报福州市公共信用信息平台。' });
    expect(rowValues(ledger, row!).slice(6)).toEqual([
      null,
      null,
      `【event-${early}】\n已完成\n2026-03-05 09:30\n佐证 0 份\n【event-${late}】\n未到期\n截止 2026-03-18`,
    ]);
    expect(fillOf(ledger.getCell(`I${row}`))).toBe(GREEN);
  });

  it('a period due before the unit was assigned the requirement is not counted missing', async () => {
    const database = freshDatabase();
    await seedLedgerFixture(database.db);
    database.db
      .update(assignments)
      .set({ createdAt: sh('2026-02-20T00:00') })
      .run();
    const ledger = (await openWorkbook(await buildLedger(database.db, { now: NOW }))).getWorksheet('任务台账')!;
    const [row] = findRows(ledger, { 3: TASK_4_TEXT, 5: '人力资源处' });
    expect(rowValues(ledger, row!).slice(6)).toEqual(['任务下达前', '任务下达前', '未报送\n截止 2026-03-10']);
    expect(fillOf(ledger.getCell(`G${row}`))).toBeNull();
  });
});

describe('exportLedgerToFile', () => {
  it('writes the ledger of every live plan to the file and says how many rows and reports it holds', async () => {
    const database = freshDatabase();
    await seedLedgerFixture(database.db);
    const out = join(tempDir(), 'ledger.xlsx');
    expect(await exportLedgerToFile(database.file, out, { now: NOW })).toEqual({ rows: 119, reports: 5 });
    expect(readdirSync(join(out, '..'))).toEqual(['ledger.xlsx']);
    const workbook = await openWorkbook(readFileSync(out));
    expect(workbook.getWorksheet('报送记录')!.rowCount).toBe(8);
    expect(await exportLedgerToFile(database.file, out, { now: NOW, period: '2026-01' })).toEqual({ rows: 119, reports: 2 });
  });

  it('checks the period before touching anything, and does not create a missing database', async () => {
    const dir = tempDir();
    const out = join(dir, 'ledger.xlsx');
    await expect(exportLedgerToFile(join(dir, 'none.sqlite'), out, { now: NOW, period: '2026-1' })).rejects.toThrow(LedgerOptionsError);
    await expect(exportLedgerToFile(join(dir, 'none.sqlite'), out, { now: NOW })).rejects.toThrow(/database file not found/);
    expect(existsSync(join(dir, 'none.sqlite'))).toBe(false);
    expect(existsSync(out)).toBe(false);
  });

  it('fails cleanly when the file cannot be written, and leaves no temporary file behind when the export fails', async () => {
    const database = freshDatabase();
    await seedLedgerFixture(database.db);
    const dir = tempDir();
    await expect(exportLedgerToFile(database.file, join(dir, 'missing', 'ledger.xlsx'), { now: NOW })).rejects.toThrow(/ENOENT/);
    // A database with no live plan: nothing to export.
    database.db.update(plans).set({ archivedAt: NOW }).run();
    await expect(exportLedgerToFile(database.file, join(dir, 'ledger.xlsx'), { now: NOW })).rejects.toThrow(
      /^planId: there is no live plan/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});
