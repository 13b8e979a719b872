/**
 * The preview sheet (plans/preview-sheet.ts): sent back, it imports exactly what it says — the
 * same tasks, requirements, deadlines, units, quotas, points and evidence as the preview it was
 * made from, and an admin's corrections in it.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { readPlan, type PlanPreview } from '../../plans/import';
import { buildRequirement, type ParsedTask } from '../../plans/plan';
import { PlanInputError } from '../../plans/errors';
import { readDeadline } from '../../plans/deadline';
import { previewSheet, previewSheetName, previewSheetRows, SHEET_HEADER, sheetTaskNumber, TASKS_SHEET } from '../../plans/preview-sheet';
import type { PlanProblem } from '../../plans/problems';
import { createI18n } from '../../bot/i18n';

const i18n = createI18n();
const zh = (key: string, args?: Record<string, string | number>) => i18n.t('zh-CN', key, args);

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

/** What an import takes from a plan: everything the commit writes, in a comparable form. */
function imported(preview: PlanPreview) {
  return {
    title: preview.title,
    year: preview.year,
    sections: preview.sections,
    units: preview.units,
    tasks: preview.tasks.map((task) => ({
      number: task.number,
      title: task.title,
      content: task.content,
      section: task.section,
      points: task.points,
      requirements: task.requirements.map((r) => ({
        text: r.text,
        deadline: r.deadline,
        lead: r.lead,
        cooperating: r.cooperating,
        quota: r.quota,
        evidence: r.evidence,
      })),
    })),
  };
}

async function roundTrip(preview: PlanPreview): Promise<PlanPreview> {
  return readPlan(previewSheetName(preview.title ?? 'plan'), await previewSheet(preview, zh));
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

async function save(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * An assessment plan made by hand: a task before any section, a section with no task, prose
 * task numbers (一, 十二), several requirements with their own deadlines, units and evidence,
 * points with a half, a quota, an ignored line and problems.
 */
function handMade(): PlanPreview {
  const problems: PlanProblem[] = [];
  const file = 'assess.txt';
  let line = 0;
  const task = (
    number: string,
    title: string,
    section: string | null,
    points: number | null,
    items: [text: string, deadline: string, lead: string, cooperating: string, evidence: string | null][],
  ): ParsedTask => {
    const where = { file, line: ++line, item: number };
    return {
      number,
      title,
      content: null,
      section,
      where,
      points,
      requirements: items.map(([text, deadline, lead, cooperating, evidence], i) =>
        buildRequirement(
          { text, deadlineText: deadline, responsibility: { lead, cooperating }, where: { ...where, requirement: i + 1 }, evidence },
          2019,
          problems,
        ),
      ),
    };
  };
  const tasks = [
    task('一', '建立工作机制', null, 5, [['制定年度工作方案', '3月底前', '区发改局', '', '工作方案文件']]),
    task('二', '信用信息归集', '一', 10, [
      ['每月至少报送2次归集数据', '每月10日前', '区发改局', '区市场监管局、区税务局', '报送清单'],
      ['召开信用工作推进会', '6月底前', '区政府办', '', '会议纪要、活动照片'],
      ['开展诚信宣传', '视情况而定', '区委宣传部', '', null],
    ]),
    task('十二', '信用承诺', '三', 7.5, [['推行信用承诺制', '12月底前', '区行政审批局', '区司法局', null]]),
    task('3', '信用修复', '三', null, [['及时办理信用修复', '每季度末', '区发改局', '', '修复台账']]),
  ];
  return {
    source: file,
    title: '2019年社会信用体系建设评估指标任务分解表',
    year: 2019,
    sections: [
      { number: '一', title: '信用建设' },
      { number: '二', title: '没有任务的部分' },
      { number: '三', title: '信用应用' },
    ],
    tasks,
    units: [],
    ignored: [
      { where: { file, line: 1 }, text: '关于印发《2019年社会信用体系建设评估指标任务分解表》的通知', reason: 'notice' },
      { where: { file, line: 40 }, text: '区社会信用体系建设领导小组办公室', reason: 'signature' },
    ],
    problems,
  };
}

describe('the preview sheet, sent back', () => {
  it.each([
    'fuzhou-2020-task-table.txt',
    'xiamen-2022-work-points.txt',
    'huaihua-2020-housing-plan.txt',
    'chaoyang-2019-assessment-indicators.txt',
  ])('imports what %s was read as', async (name) => {
    const preview = await readPlan(name, fixture(name));
    expect(preview.tasks.length).toBeGreaterThan(10);
    const back = await roundTrip(preview);
    expect(imported(back)).toEqual(imported(preview));
    expect(back.tasks.map((t) => t.where.sheet)).toEqual(preview.tasks.map(() => TASKS_SHEET));
  });

  it('imports a hand-made plan with points, evidence, prose numbers and a section without tasks', async () => {
    const preview = handMade();
    // Units as the importer lists them, so the comparison covers them too.
    const reread = await roundTrip(preview);
    const expected = imported({ ...preview, units: reread.units });
    expect(imported(reread)).toEqual(expected);
    expect(reread.units.map((u) => u.name)).toEqual([
      '区发改局',
      '区市场监管局',
      '区税务局',
      '区政府办',
      '区委宣传部',
      '区行政审批局',
      '区司法局',
    ]);
    // What the sheet cannot say is not invented: the ignored lines and the file's problems stay behind.
    expect(reread.ignored).toEqual([]);
    expect(reread.problems.map((p) => p.code)).toEqual(['deadline-unread']);
  });

  it("imports an admin's corrections: a deadline and a unit changed in Excel", async () => {
    const preview = handMade();
    const workbook = await load(await previewSheet(preview, zh));
    const sheet = workbook.getWorksheet(TASKS_SHEET)!;
    const rowOf = (text: string) => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((row) => {
        if (row.getCell(4).value === text) found = row;
      });
      return found!;
    };
    rowOf('开展诚信宣传').getCell(5).value = '11月底前';
    rowOf('召开信用工作推进会').getCell(6).value = '区发改局';
    const back = await readPlan('预览-改.xlsx', await save(workbook));

    const expected = imported(preview);
    const two = expected.tasks[1]!.requirements;
    two[1]!.lead = ['区发改局'];
    two[2]!.deadline = readDeadline('11月底前', { year: 2019 });
    expect(two[2]!.deadline).toMatchObject({ recognized: true, rule: { kind: 'once', year: 2019, month: 11, day: 'last' } });
    expect(imported(back).tasks).toEqual(expected.tasks);
    expect(back.problems).toEqual([]);
  });

  it('lists the ignored lines and the problems on a second sheet the importer does not read', async () => {
    const preview = handMade();
    const workbook = await load(await previewSheet(preview, zh));
    expect(workbook.worksheets.map((s) => s.name)).toEqual([TASKS_SHEET, '说明']);
    const notes: string[][] = [];
    workbook.getWorksheet('说明')!.eachRow((row) => notes.push((row.values as unknown[]).slice(1).map(String)));
    expect(notes).toEqual([
      ['没有作为任务或要求导入的内容'],
      ['位置', '原因', '原文'],
      ['assess.txt 第1行', '印发通知正文', '关于印发《2019年社会信用体系建设评估指标任务分解表》的通知'],
      ['assess.txt 第40行', '落款', '区社会信用体系建设领导小组办公室'],
      ['需要处理的问题'],
      ['位置', '问题'],
      ['assess.txt 第2行，第二项，第3条要求', '无法识别截止时间“视情况而定”'],
    ]);

    // With the first sheet's header gone the importer refuses; it never takes the notes for the plan.
    workbook.getWorksheet(TASKS_SHEET)!.eachRow((row) => {
      if (row.getCell(1).value === '序号') row.values = [];
    });
    const refusal = await readPlan('预览.xlsx', await save(workbook)).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PlanInputError);
    expect((refusal as PlanInputError).problem).toMatchObject({ code: 'no-header', where: { sheet: TASKS_SHEET } });
  });
});

describe("the sheet's layout", () => {
  it("puts sections in the plan's order, empty ones too, and one row per requirement", () => {
    const { title, rows } = previewSheetRows(handMade());
    expect(title).toBe('2019年社会信用体系建设评估指标任务分解表');
    const shown = rows.map((row) => (row.kind === 'section' ? row.text : `${row.cells[0]}|${row.cells[3]}|${row.span}`));
    expect(shown).toEqual([
      '(一)|制定年度工作方案|1',
      '一、信用建设',
      '(二)|每月至少报送2次归集数据|3',
      '(二)|召开信用工作推进会|0',
      '(二)|开展诚信宣传|0',
      '二、没有任务的部分',
      '三、信用应用',
      '(十二)|推行信用承诺制|1',
      '3|及时办理信用修复|1',
    ]);
    const first = rows[2]!;
    expect(first.kind === 'requirement' && Object.fromEntries(SHEET_HEADER.map((h, i) => [h, first.cells[i]]))).toEqual({
      序号: '(二)',
      重点任务: '信用信息归集',
      任务内容: null,
      具体要求: '每月至少报送2次归集数据',
      完成时限: '每月10日前',
      牵头单位: '区发改局',
      配合单位: '区市场监管局、区税务局',
      分值: 10,
      考核要求: '报送清单',
    });
  });

  it('writes no blank row between the requirements of a task whose cells are merged', async () => {
    const preview = handMade();
    const sheet = (await load(await previewSheet(preview, zh))).getWorksheet(TASKS_SHEET)!;
    const requirementCells: string[] = [];
    for (let n = 1; n <= sheet.rowCount; n++) requirementCells.push(String(sheet.getRow(n).getCell(4).value ?? ''));
    // The title, the header, three section rows and one row per requirement: nothing else.
    const requirements = preview.tasks.flatMap((t) => t.requirements.map((r) => r.text));
    expect(sheet.rowCount).toBe(2 + preview.sections.length + requirements.length);
    expect(requirementCells.filter((text) => requirements.includes(text))).toEqual(requirements);
  });

  it('numbers prose tasks so the table reader takes them as tasks, not sections', () => {
    expect(['1', '一', '十八', '三十六', 'A1'].map(sheetTaskNumber)).toEqual(['1', '(一)', '(十八)', '(三十六)', 'A1']);
  });

  it('names the file after the plan, safely', () => {
    expect(previewSheetName('厦门市2022年工作要点')).toBe('预览-厦门市2022年工作要点.xlsx');
    expect(previewSheetName('a/b:c*?"<>|\n')).toBe('预览-a_b_c_.xlsx');
    expect(previewSheetName('  ')).toBe('预览-plan.xlsx');
    expect([...previewSheetName('长'.repeat(200))]).toHaveLength('预览-.xlsx'.length + 60);
  });
});

describe('task numbers a prose plan gets, through the sheet', () => {
  it('keeps 三-一 (numbering restarting per section) and 附加项 as task numbers', async () => {
    const text = [
      '2026年工作方案',
      '一、制度建设',
      '(一)建立制度。(责任单位:市信用办;完成时限:6月底前)',
      '二、宣传教育',
      '(一)开展宣传。(责任单位:市文明办;完成时限:9月底前)',
    ].join('\n');
    const preview = await readPlan('方案.txt', new TextEncoder().encode(text));
    expect(preview.tasks.map((t) => t.number)).toEqual(['一-一', '二-一']);
    const back = await readPlan('预览.xlsx', await previewSheet(preview, zh));
    expect(back.tasks.map((t) => [t.number, t.title, t.requirements[0]!.lead])).toEqual([
      ['一-一', '建立制度', ['市信用办']],
      ['二-一', '开展宣传', ['市文明办']],
    ]);
  });
});

describe('the year through the sheet', () => {
  it('comes back when the title names none (read from the notice date)', async () => {
    const text = readFileSync(new URL('../fixtures/huaihua-2020-housing-plan.txt', import.meta.url));
    const preview = await readPlan('huaihua.txt', text);
    expect(preview.title).not.toContain('2020');
    expect(preview.year).toBe(2020);
    const back = await readPlan('预览.xlsx', await previewSheet(preview, zh));
    expect([back.title, back.year]).toEqual([preview.title, 2020]);
  });
});

describe('empty cells through the sheet', () => {
  it('"—" keeps a requirement without a deadline or unit so, beside one with them (not the value above)', async () => {
    const text = readFileSync(new URL('../fixtures/huaihua-2020-housing-plan.txt', import.meta.url));
    const preview = await readPlan('huaihua.txt', text);
    const back = await readPlan('预览.xlsx', await previewSheet(preview, zh));
    const shape = (plan: PlanPreview) =>
      plan.tasks.flatMap((t) =>
        t.requirements.map((r) => [t.number, r.deadline.text, r.lead.join('、'), r.cooperating.join('、')].join(' | ')),
      );
    expect(shape(back)).toEqual(shape(preview));
    // The cases that came back wrong: 四's items 2–5 took "7天内" from item 1; 五's item 1 took item 2's units.
    const four = back.tasks.find((t) => t.number === '四')!;
    expect(four.requirements.map((r) => r.deadline.text)).toEqual(['7天内', '', '', '', '']);
    expect(back.tasks.find((t) => t.number === '五')!.requirements[0]!.lead).toEqual([]);
  });

  it('reads —, / and 无 in a table as "none here"', async () => {
    const csv = [
      '2026年任务分解表',
      '序号,重点任务,具体要求,完成时限,牵头单位',
      '1,建设平台,①建成平台,6月底前,市信用办',
      ',,②维护平台,—,/',
      '2,开展宣传,开展宣传,无,市文明办',
    ].join('\n');
    const plan = await readPlan('plan.csv', new TextEncoder().encode(csv));
    expect(plan.tasks[0]!.requirements.map((r) => [r.deadline.text, r.lead])).toEqual([
      ['6月底前', ['市信用办']],
      ['', []],
    ]);
    expect(plan.tasks[1]!.requirements[0]!.deadline.text).toBe('');
  });
});
