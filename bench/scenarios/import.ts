/**
 * Scenario 1: importing a 5,000-row task table (.xlsx). Times exceljs alone reading the
 * workbook beside the dry run (readPlan) in the same run, then the commit into a fresh DB.
 */
import ExcelJS from 'exceljs';
import { readPlan } from '../../plans/import';
import { commitPlan } from '../../plans/commit';
import { MAX_TASK_ROWS } from '../../plans/table';
import { figure, measure, pick, prng, rssMb, tempDatabase, type Scenario } from '../lib';

type XlsxInput = Parameters<ExcelJS.Xlsx['load']>[0];

export const DEADLINES = [
  '每月10日前',
  '每月5日前',
  '每月20日前',
  '12月底前',
  '6月底前',
  '3月底前',
  '每季度末',
  '及时完成',
  '每半年',
  '9月30日前',
];
export const OFFICES = [
  '政策法规处',
  '信息管理处',
  '办公室',
  '财务处',
  '人事处',
  '登记一处',
  '登记二处',
  '交易管理处',
  '档案管理处',
  '技术保障处',
  '第一分中心',
  '第二分中心',
  '第三分中心',
  '第四分中心',
  '测绘队',
  '数据中心',
  '服务中心',
  '监督科',
  '宣传科',
  '后勤服务中心',
];
const VERBS = ['推进', '落实', '完善', '开展', '加强', '规范', '组织', '建立'];
const THINGS = [
  '信用信息归集',
  '双公示工作',
  '信用承诺制度',
  '失信惩戒',
  '数据共享',
  '业务培训',
  '档案数字化',
  '窗口服务评价',
  '信用宣传',
  '工作台账',
];

export interface WorkbookShape {
  /** Requirements per task (①②③…in its 任务要求 cell); one by default. */
  requirementsPerRow?: number;
  /** How many units the table names (第N分中心…); the 20 offices above by default. */
  units?: number;
}

/** The office names of a table naming `count` units: the 20 above, then numbered ones. */
function officeNames(count: number | undefined): string[] {
  if (count === undefined || count <= OFFICES.length) return OFFICES;
  return Array.from({ length: count }, (_, i) => (i < OFFICES.length ? OFFICES[i]! : `第${i + 1}监管所`));
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩';

/** The workbook as bytes: header 序号/工作任务/任务要求/完成时限/责任单位 and `rows` task rows. */
export async function buildTaskWorkbook(rows: number, seed = 1, shape: WorkbookShape = {}): Promise<Uint8Array> {
  const rand = prng(seed);
  const offices = officeNames(shape.units);
  const perRow = shape.requirementsPerRow ?? 1;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('任务分解表');
  sheet.addRow(['序号', '工作任务', '任务要求', '完成时限', '责任单位']);
  for (let i = 1; i <= rows; i++) {
    const lead = pick(rand, offices);
    let helper = pick(rand, offices);
    if (helper === lead) helper = offices[(offices.indexOf(lead) + 1) % offices.length]!;
    const units = rand() < 0.5 ? `${lead}牵头,${helper}配合` : lead;
    const title = `${pick(rand, VERBS)}${pick(rand, THINGS)}`;
    const requirement = `按要求${title}，做好第${i}项工作并按时报送进展情况。`;
    const text =
      perRow === 1
        ? requirement
        : Array.from({ length: perRow }, (_, k) => `${CIRCLED[k]}${requirement.replace('工作', `第${k + 1}部分工作`)}`).join('\n');
    sheet.addRow([String(i), title, text, pick(rand, DEADLINES), units]);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const RUNS = 5;
type Measured<T> = Awaited<ReturnType<typeof measure<T>>>;

/** The run with the median time. */
function median<T extends { ms: number }>(runs: T[]): T {
  return [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]!;
}

export const importScenario: Scenario = {
  name: 'import',
  description: '5,000-row .xlsx task table: exceljs alone vs dry run (readPlan), then commit',
  async run({ scale, units, log }) {
    // With --units (the growth curve), the table grows with the office, up to the largest table
    // the importer takes (MAX_TASK_ROWS, 5,000 rows) at a province's 10,000 units.
    const rows = units !== undefined ? Math.max(10, Math.round((units * MAX_TASK_ROWS) / 10_000)) : Math.max(50, Math.round(5000 * scale));
    const problems: string[] = [];
    // The growth curve's tables name as many units as the office has: lookups that grow with them show.
    const bytes = await buildTaskWorkbook(rows, 1, { units });
    log(`workbook: ${rows} rows, ${(bytes.byteLength / 1024).toFixed(0)} KB`);
    // Warm both paths once so neither pays module loading / JIT alone.
    await new ExcelJS.Workbook().xlsx.load(Buffer.from(bytes) as unknown as XlsxInput);
    await readPlan('warm.xlsx', bytes, { year: 2026 });

    const baseRssMb = rssMb();
    // Alternating runs, medians: one run of each swings by ±30% on a shared 2-core machine.
    const excelRuns: Measured<number>[] = [];
    const dryRuns: Measured<Awaited<ReturnType<typeof readPlan>>>[] = [];
    for (let run = 0; run < RUNS; run++) {
      excelRuns.push(
        await measure(async () => {
          const workbook = new ExcelJS.Workbook();
          await workbook.xlsx.load(Buffer.from(bytes) as unknown as XlsxInput);
          return workbook.worksheets[0]!.rowCount;
        }),
      );
      dryRuns.push(await measure(() => readPlan('bench-tasks.xlsx', bytes, { year: 2026 })));
    }
    const excel = median(excelRuns);
    const dry = median(dryRuns);
    const preview = dry.value;
    if (excel.value !== rows + 1) problems.push(`exceljs read ${excel.value} rows, expected ${rows + 1}`);
    if (preview.tasks.length !== rows) problems.push(`dry run found ${preview.tasks.length} tasks, expected ${rows}`);
    const requirementCount = preview.tasks.reduce((n, t) => n + t.requirements.length, 0);

    const database = tempDatabase();
    try {
      const commit = await measure(() =>
        commitPlan(database.db, preview, { actor: { personId: null, label: 'bench' }, now: new Date('2026-01-05T01:00:00Z') }),
      );
      if (commit.value.requirements.added !== requirementCount)
        problems.push(`commit added ${commit.value.requirements.added} requirements, expected ${requirementCount}`);
      if (commit.value.tasks.added.length !== rows)
        problems.push(`commit added ${commit.value.tasks.added.length} tasks, expected ${rows}`);
      const ratio = dry.ms / excel.ms;
      const large = await commitOfLargestPlan(scale, problems);
      return {
        figures: [
          figure('rows', rows, 'rows'),
          figure('exceljs load', excel.ms, 'ms'),
          figure('dry run (readPlan)', dry.ms, 'ms'),
          figure('dry run / exceljs', ratio, '×', { op: '<=', limit: 2 }),
          figure('commit (commitPlan)', commit.ms, 'ms', { op: '<', limit: 3000 }),
          figure(`commit of ${large.requirements} requirements`, large.ms, 'ms', { op: '<', limit: 1000 }),
          figure('peak RSS (dry run)', dry.peakRssMb, 'MB'),
        ],
        problems,
        notes: [
          `${requirementCount} requirements, ${preview.units.length} units, ${preview.problems.length} problems reported by the dry run`,
        ],
        growth: {
          units: units ?? (rows * 10_000) / MAX_TASK_ROWS,
          what: 'dry run + commit',
          ms: dry.ms + commit.ms,
          peakRssMb: Math.max(dry.peakRssMb, commit.peakRssMb),
          baseRssMb,
        },
      };
    } finally {
      database.dispose();
    }
  },
};

/**
 * The largest plan the importer takes (MAX_REQUIREMENTS, 20,000 requirements: 5,000 rows of four
 * ①②③④ each), read once and committed into a fresh database, timed alone.
 */
async function commitOfLargestPlan(scale: number, problems: string[]): Promise<{ requirements: number; ms: number }> {
  const rows = Math.max(50, Math.round(MAX_TASK_ROWS * scale));
  const preview = await readPlan('bench-largest.xlsx', await buildTaskWorkbook(rows, 2, { requirementsPerRow: 4 }), { year: 2026 });
  const requirements = preview.tasks.reduce((n, t) => n + t.requirements.length, 0);
  if (requirements !== rows * 4) problems.push(`the largest plan read ${requirements} requirements, expected ${rows * 4}`);
  const database = tempDatabase();
  try {
    const commit = await measure(() =>
      commitPlan(database.db, preview, { actor: { personId: null, label: 'bench' }, now: new Date('2026-01-05T01:00:00Z') }),
    );
    if (commit.value.requirements.added !== requirements)
      problems.push(`the largest plan's commit added ${commit.value.requirements.added} requirements, expected ${requirements}`);
    return { requirements, ms: commit.ms };
  } finally {
    database.dispose();
  }
}
