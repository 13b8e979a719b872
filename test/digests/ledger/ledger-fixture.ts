/**
 * The demo plan (Fuzhou, 2026) with a handful of reports, for the ledger tests: on time,
 * late, with notes, counts and evidence, from three units over three months.
 */
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { DB } from '../../../db';
import { evidence, people, reports } from '../../../db/schema';
import { PLAN_ZONE } from '../../../plans/due-dates';
import { seedDemo } from '../../../sandbox/demo/seed';

/** An instant given as Shanghai wall-clock time. */
export const sh = (iso: string): Date => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();

/** The ledger is "as of" this instant in most tests: the March report day (the 10th) has passed. */
export const NOW = sh('2026-03-15T18:00');

export const OTHER_UNITS = ['信息管理处', '新建商品房登记处', '办公室', '测绘技术处', '抵押登记处', '人力资源处'];

export { requirementId, unitId } from '../../support/db';
import { requirementId, unitId } from '../../support/db';

function personId(db: DB, name: string): number {
  return db.select({ id: people.id }).from(people).where(eq(people.name, name)).get()!.id;
}

export interface Fixture {
  planId: number;
  policy: number;
  info: number;
  office: number;
}

/**
 * Reports:
 *   政策法规处  task 4 (每月10日前)  2026-01  done, on time, note, count 3, two evidence files
 *   政策法规处  task 4               2026-02  in progress, late, note "=SUM(A1)"
 *   信息管理处  task 4               2026-01  nothing, on time
 *   政策法规处  task 1 ② (3月底前)   once     done, on time
 *   办公室      task 10 ① (每月10日前) 2026-03 blocked, on time
 */
export async function seedLedgerFixture(db: DB): Promise<Fixture> {
  const { planId } = await seedDemo(db, { year: 2026, now: sh('2026-01-05T10:00') });
  const policy = unitId(db, '政策法规处');
  const info = unitId(db, '信息管理处');
  const office = unitId(db, '办公室');
  const liNa = personId(db, '李娜');
  const chen = personId(db, 'Gang Chen');
  const zhang = personId(db, '张伟');
  const monthly = requirementId(db, '4', 1);
  const insert = (values: Omit<typeof reports.$inferInsert, 'createdAt' | 'updatedAt'>) =>
    db.insert(reports).values(values).returning({ id: reports.id }).get().id;

  const january = insert({
    requirementId: monthly,
    unitId: policy,
    period: '2026-01',
    status: 'done',
    note: '已汇总各处室1月进度',
    count: 3,
    reportedBy: liNa,
    reportedAt: sh('2026-01-09T10:12'),
    late: false,
  });
  for (const file of ['photo-1', 'doc-1']) {
    db.insert(evidence)
      .values({ reportId: january, kind: file.startsWith('photo') ? 'photo' : 'document', fileId: file, fileUniqueId: file })
      .run();
  }
  insert({
    requirementId: monthly,
    unitId: policy,
    period: '2026-02',
    status: 'in_progress',
    note: '=SUM(A1)',
    count: null,
    reportedBy: liNa,
    reportedAt: sh('2026-02-12T09:00'),
    late: true,
  });
  insert({
    requirementId: monthly,
    unitId: info,
    period: '2026-01',
    status: 'nothing',
    note: null,
    count: null,
    reportedBy: chen,
    reportedAt: sh('2026-01-08T16:30'),
    late: false,
  });
  insert({
    requirementId: requirementId(db, '1', 2),
    unitId: policy,
    period: 'once',
    status: 'done',
    note: '方案已印发',
    count: null,
    reportedBy: liNa,
    reportedAt: sh('2026-03-02T10:00'),
    late: false,
  });
  insert({
    requirementId: requirementId(db, '10', 1),
    unitId: office,
    period: '2026-03',
    status: 'blocked',
    note: '系统故障，待修复',
    count: 1,
    reportedBy: zhang,
    reportedAt: sh('2026-03-06T11:00'),
    late: false,
  });
  return { planId, policy, info, office };
}

export async function openWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** A row's values from column 1, as exceljs reads them (merged cells read as their master's value). */
export function rowValues(sheet: ExcelJS.Worksheet, row: number): unknown[] {
  const values: unknown[] = [];
  for (let column = 1; column <= sheet.columnCount; column++) values.push(sheet.getRow(row).getCell(column).value ?? null);
  return values;
}

/** The data rows (below the header, row 3) whose cells match `where` (column number → value). */
export function findRows(sheet: ExcelJS.Worksheet, where: Record<number, unknown>): number[] {
  const found: number[] = [];
  for (let row = 4; row <= sheet.rowCount; row++) {
    if (Object.entries(where).every(([column, value]) => sheet.getRow(row).getCell(Number(column)).value === value)) found.push(row);
  }
  return found;
}

/** Every text in the workbook: cell values of every sheet, and the sheet names. */
export function allText(workbook: ExcelJS.Workbook): string {
  const texts: string[] = [];
  workbook.eachSheet((sheet) => {
    texts.push(sheet.name);
    sheet.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (cell) => texts.push(String(cell.value))));
  });
  return texts.join('\n');
}

/** A cell's fill colour (ARGB), or null for no fill. */
export function fillOf(cell: ExcelJS.Cell): string | null {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return fill?.type === 'pattern' && fill.pattern === 'solid' ? (fill.fgColor?.argb ?? null) : null;
}
