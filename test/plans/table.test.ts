import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { previewJson, readPlan, type PlanPreview } from '../../plans/import';
import { FUZHOU_TITLE, fuzhouCsv, fuzhouWorkbook } from '../../sandbox/demo/fuzhou-workbook';
import { inEnglish } from './wording';

const ALL = ['中心各处室', '各分中心', '各直属单位'];
const FUZHOU_UNITS = ['政策法规处', '信息管理处', '新建商品房登记处', '办公室', '测绘技术处', '抵押登记处', '人力资源处'];
const REQUIREMENTS_PER_TASK: Record<string, number> = {
  1: 2,
  2: 2,
  3: 5,
  4: 1,
  5: 2,
  6: 2,
  7: 1,
  8: 1,
  9: 5,
  10: 2,
  11: 1,
  12: 1,
  13: 1,
  14: 1,
  15: 1,
  16: 2,
  17: 2,
  18: 3,
};

function task(preview: PlanPreview, number: string) {
  const found = preview.tasks.find((t) => t.number === number);
  if (!found) throw new Error(`task ${number} not found`);
  return found;
}

describe('the Fuzhou table as an .xlsx workbook (title rows, merged cells, multi-line cells)', () => {
  let preview: PlanPreview;
  beforeAll(async () => {
    preview = await readPlan('fuzhou-2020.xlsx', await fuzhouWorkbook());
  });

  it('reads the title from the rows above the header, and the year from the title', () => {
    expect(preview.title).toBe(FUZHOU_TITLE);
    expect(preview.year).toBe(2020);
  });

  it('finds the seven sections and eighteen tasks with their requirements', () => {
    expect(preview.sections.map((s) => `${s.number}、${s.title}`)).toEqual([
      '一、完善工作机制',
      '二、公共信用信息共建共享',
      '三、双公示工作',
      '四、强化信用信息应用',
      '五、落实信用承诺制度',
      '六、实施信用联合奖惩',
      '七、开展宣传工作',
    ]);
    expect(Object.fromEntries(preview.tasks.map((t) => [t.number, t.requirements.length]))).toEqual(REQUIREMENTS_PER_TASK);
    expect(task(preview, '5').title).toBe('建立信用目录并制定信用信息归集制度');
    expect(task(preview, '5').section).toBe('二');
    expect(task(preview, '18').section).toBe('七');
  });

  it('assigns a multi-line deadline cell to the ①② items in order (row 1)', () => {
    const [first, second] = task(preview, '1').requirements;
    expect(first!.text).toBe('①至少召开两次社会信用体系建设工作会议。');
    expect(first!.deadline).toMatchObject({
      text: '12月底前',
      recognized: true,
      rule: { kind: 'once', year: 2020, month: 12, day: 'last' },
    });
    expect(second!.deadline).toMatchObject({ text: '3月底前', recognized: true, rule: { kind: 'once', year: 2020, month: 3 } });
    for (const r of [first!, second!]) {
      expect(r.lead).toEqual(['政策法规处']);
      expect(r.cooperating).toEqual(ALL);
    }
    expect(first!.quota).toMatchObject({ target: 2, unit: '次', period: 'once' });
    expect(second!.quota).toBeNull();
  });

  it('assigns multi-line deadline and unit cells in order (row 16)', () => {
    const [first, second] = task(preview, '16').requirements;
    expect(first!.deadline).toMatchObject({ text: '及时完成', recognized: true, rule: { kind: 'ongoing' } });
    expect(first!.lead).toEqual(['各业务处室', '各分中心', '各直属单位']);
    expect(second!.deadline).toMatchObject({ text: '每月25日前', recognized: true, rule: { kind: 'monthly', day: 25, months: null } });
    expect(second!.lead).toEqual(['政策法规处']);
  });

  it('lets a merged deadline or unit cell hold for every row of the task', () => {
    const third = task(preview, '3').requirements;
    expect(third.map((r) => r.deadline.text)).toEqual(Array(5).fill('及时完成'));
    expect(third[4]!.text).toBe('⑤按要求报送社会信用体系建设工作半年总结及年度总结。');
    expect(third[4]!.lead).toEqual(['政策法规处']);
    const tenth = task(preview, '10').requirements;
    expect(tenth.map((r) => r.lead)).toEqual([['办公室'], ['办公室']]);
  });

  it('reads quotas from the requirement text', () => {
    expect(task(preview, '10').requirements[0]!.quota).toMatchObject({ target: 10, unit: '例', period: 'year' });
    expect(task(preview, '11').requirements[0]!.quota).toMatchObject({ target: 6, unit: '例', period: 'year' });
    expect(task(preview, '18').requirements.map((r) => r.quota?.target ?? null)).toEqual([null, 2, 2]);
  });

  it('reads a row with content and a deadline but no requirement text as a requirement (row 18)', () => {
    const [first] = task(preview, '18').requirements;
    expect(first!.text).toBe('在干部任免、职工培训中加强诚信培训教育。');
    expect(first!.deadline).toMatchObject({ text: '12月底前完成', recognized: true });
    expect(first!.lead).toEqual(['人力资源处']);
    expect(first!.cooperating).toEqual(['政策法规处']);
  });

  it('keeps an unreadable deadline, unrecognised, and reports it', () => {
    const second = task(preview, '18').requirements[1]!;
    expect(second.deadline).toEqual({ text: '10日片子', recognized: false, rule: null });
    expect(preview.problems).toContainEqual({
      code: 'deadline-unread',
      args: { text: '10日片子' },
      where: { file: 'fuzhou-2020.xlsx', sheet: '任务分解表', row: expect.any(Number), requirement: 2 },
    });
    expect(preview.problems.map(inEnglish)).toContainEqual({
      where: expect.stringMatching(/^fuzhou-2020\.xlsx, sheet 任务分解表 row \d+, requirement 2$/),
      message: 'deadline "10日片子" cannot be read',
    });
  });

  it('lists the concrete units in order of mention and reports groups that match none of them', () => {
    expect(preview.units.map((u) => u.name)).toEqual(FUZHOU_UNITS);
    const groupProblems = preview.problems.filter((p) => p.code === 'group-empty').map((p) => inEnglish(p).message);
    expect(groupProblems).toEqual([
      '"各分中心" matches no unit named in this plan; add those units, then import again',
      '"各直属单位" matches no unit named in this plan; add those units, then import again',
    ]);
  });

  it('reads the same plan from a CSV export (values only in the first row of each merge)', async () => {
    const csv = await readPlan('fuzhou-2020.csv', Buffer.from(fuzhouCsv(), 'utf8'));
    const strip = (p: PlanPreview) => ({ ...previewJson(p), problems: p.problems.map((x) => [x.code, x.args]) });
    expect(strip(csv)).toEqual(strip(preview));
  });
});

describe('the Fuzhou table as extracted from its PDF (tab-separated text with noise)', () => {
  let preview: PlanPreview;
  beforeAll(async () => {
    preview = await readPlan(
      'fuzhou-2020-task-table.txt',
      readFileSync(new URL('../fixtures/fuzhou-2020-task-table.txt', import.meta.url)),
    );
  });

  it('is read as a table: title, year, sections and every numbered task', () => {
    expect(preview.title).toBe('福州市不动产登记和交易中心2020年社会信用体系建设任务分解表');
    expect(preview.year).toBe(2020);
    expect(preview.sections).toHaveLength(7);
    expect(preview.tasks.map((t) => t.number)).toEqual(Array.from({ length: 18 }, (_, i) => String(i + 1)));
  });

  it('reads rows 1, 4 and 16 as the office meant them', () => {
    const [a, b] = task(preview, '1').requirements;
    expect([a!.deadline.text, b!.deadline.text]).toEqual(['12月底前', '3月底前']);
    expect(a!.lead).toEqual(['政策法规处']);
    expect(a!.cooperating).toEqual(ALL);
    expect(task(preview, '4').requirements[0]!.deadline).toMatchObject({ text: '每月10日前', recognized: true });
    const [c, d] = task(preview, '16').requirements;
    expect([c!.deadline.text, d!.deadline.text]).toEqual(['及时完成', '每月25日前']);
    expect(c!.lead).toEqual(['各业务处室', '各分中心', '各直属单位']);
    expect(d!.lead).toEqual(['政策法规处']);
  });

  it('gives the ⑤ continuation row to task 3 and the leading ① row to task 5', () => {
    expect(task(preview, '3').requirements).toHaveLength(5);
    expect(task(preview, '5').requirements.map((r) => r.text)).toEqual([
      '①建立本单位信用信息归集工作机制。',
      '②制定本部门信用信息目录并持续更新。',
    ]);
  });
});

describe('repairs for text extracted from the Fuzhou PDF', () => {
  let preview: PlanPreview;
  beforeAll(async () => {
    preview = await readPlan(
      'fuzhou-2020-task-table.txt',
      readFileSync(new URL('../fixtures/fuzhou-2020-task-table.txt', import.meta.url)),
    );
  });

  it('reads a row pushed one column right by a repeated task number back in place, and says so (task 10)', () => {
    const [, second] = task(preview, '10').requirements;
    expect(second).toMatchObject({
      text: '②按月将在人事聘用、评先评优、干部选拔任用过程中,查询公共信用信息平台中的信用记录的案例,并反馈政策法规处。',
      deadline: { text: '每月10日前', recognized: true },
      lead: ['办公室'],
    });
    expect(preview.problems).toContainEqual({
      code: 'row-shifted',
      args: { number: '10', column: 'B' },
      where: { file: 'fuzhou-2020-task-table.txt', row: 29 },
    });
    expect(preview.problems.map(inEnglish)).toContainEqual({
      where: 'fuzhou-2020-task-table.txt row 29',
      message: 'the row repeats task number 10 in the B column, so its cells were read one column to the left; check this task',
    });
  });

  it("gives rows above a task's only deadline that deadline (a merged cell centred by the PDF, task 5)", () => {
    expect(task(preview, '5').requirements.map((r) => r.deadline.text)).toEqual(['及时完成', '及时完成']);
  });

  it('leaves fragments and deadlines in the unit column out of the units, with a problem', () => {
    expect(preview.units.map((u) => u.name)).toEqual([
      '政策法规处',
      '信息管理处',
      '新建商品房登记处',
      '办公室',
      '测绘技术处',
      '抵押登记处',
      '人力资源处',
    ]);
    expect(task(preview, '18').requirements[1]!.lead).toEqual(['政策法规处']);
    expect(preview.problems).toContainEqual({
      code: 'unit-name-too-short',
      args: { name: '头' },
      where: expect.objectContaining({ row: 43, requirement: 2 }),
    });
    expect(preview.problems.map(inEnglish)).toContainEqual({
      where: expect.stringMatching(/row 43, requirement 2$/),
      message: '"头" in the unit column is too short to be a unit name; it was left out',
    });
  });
});

describe('assessment columns in a spreadsheet (issue 13 item 6)', () => {
  it('puts 分值 on the task and 考核要求 in the evidence, keeping 评分标准 out of the requirements', async () => {
    const csv = [
      '序号,工作任务,分值,任务要求,评分标准,考核要求,完成时限,责任单位',
      '1,召开部署会,4.5,①召开工作部署会,未召开的扣2分,会议纪要,3月底前,办公室',
    ].join('\n');
    const json = previewJson(await readPlan('assessment.csv', Buffer.from(csv, 'utf8')));
    expect(json.tasks[0]).toMatchObject({ number: '1', points: 4.5 });
    expect(json.tasks[0]!.requirements).toEqual([
      expect.objectContaining({ text: '①召开工作部署会', evidence: '会议纪要', lead: ['办公室'] }),
    ]);
    expect(json.ignored).toEqual([
      { where: { file: 'assessment.csv', row: 2, column: 'E' }, text: '未召开的扣2分', reason: 'scoring-rule' },
    ]);
  });
});
