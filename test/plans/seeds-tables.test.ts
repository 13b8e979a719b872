/**
 * The real documents' tables (issue 13, done-when): the Chaoyang indicator table printed one
 * cell per paragraph, the Huaihua appendix table, and the two seeds that already imported
 * right, which must import exactly as before.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readPlan, type PlanPreview } from '../../plans/import';
import { findParagraphTable } from '../../plans/paragraph-table';
import { parseTable } from '../../plans/table';
import { cleanText } from '../../plans/normalize';
import type { ParsedPlan } from '../../plans/plan';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
const CHAOYANG = 'chaoyang-2019-assessment-indicators.txt';

describe('the Chaoyang indicator table', () => {
  let plan: PlanPreview;
  beforeAll(async () => {
    plan = await readPlan(CHAOYANG, fixture(CHAOYANG));
  });
  const scored = () => plan.tasks.filter((task) => task.number !== '附加项');
  const requirements = () => plan.tasks.flatMap((task) => task.requirements);

  it('reads the title after the page debris, and the year from it', () => {
    expect(plan.title).toBe('社会信用体系建设示范城市评估指标细则(2019年版)及任务分解');
    expect(plan.year).toBe(2019);
  });

  it('reads 11 scored items whose points add up to 100, and the 附加项 with its 10', () => {
    expect(scored().map((task) => task.number)).toEqual(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一']);
    expect(scored().map((task) => task.points)).toEqual([4, 4, 6, 6, 6, 6, 10, 17, 14, 22, 5]);
    expect(scored().reduce((sum, task) => sum + task.points!, 0)).toBe(100);
    expect(plan.tasks.find((task) => task.number === '附加项')).toMatchObject({ title: '探索创新和突出贡献', points: 10 });
  });

  it('reads at least 30 任务分解 items with their units, none longer than 600 characters', () => {
    const withUnits = requirements().filter((r) => r.lead.length + r.cooperating.length > 0);
    expect(withUnits.length).toBeGreaterThanOrEqual(30);
    expect(Math.max(...requirements().map((r) => r.text.length))).toBeLessThanOrEqual(600);
    expect(requirements().find((r) => r.text.startsWith('1)整理开展城市接力'))!.lead).toEqual(['市信用办', '市文明办', '市委宣传部']);
    expect(requirements().find((r) => r.text.startsWith('收集整理贯彻落实文件'))!.lead).toEqual(['市信用办']);
  });

  it('makes no task or requirement of a scoring rule: they are ignored, with their reason', () => {
    const texts = plan.tasks.flatMap((task) => [task.title, ...task.requirements.map((r) => r.text)]).join('\n');
    for (const rule of ['硬性规定金融机构贷款投放的规模', '诱导和干预金融机构', '得0.1分', '最高得']) expect(texts).not.toContain(rule);
    const rules = plan.ignored
      .filter((line) => line.reason === 'scoring-rule')
      .map((line) => line.text)
      .join('\n');
    expect(rules).toContain('2.硬性规定金融机构贷款投放的规模');
  });

  it('accounts for every line: in the title, a task, a requirement, or the ignored list', () => {
    const lines = fixture(CHAOYANG)
      .toString('utf8')
      .split('\n')
      .map((line) => cleanText(line))
      .filter((line) => line !== '');
    const read = [
      plan.title!,
      ...plan.ignored.map((line) => line.text),
      ...plan.tasks.flatMap((task) => [task.title, task.content ?? '', ...task.requirements.map((r) => r.text)]),
      // What a unit cell holds that is no unit is shown as a problem naming it.
      ...plan.problems.map((problem) => JSON.stringify(problem.args)),
    ].join('\n');
    const units = plan.tasks.flatMap((task) => task.requirements.flatMap((r) => [...r.lead, ...r.cooperating]));
    const missing = lines.filter(
      (line) =>
        !read.includes(line) &&
        !read.includes(line.replace(/^(?:[一二三四五六七八九十]{1,3}、|附加项:)/, '')) && // task headings lose their numeral
        !read.includes(line.replace(/[。;]$/, '')) &&
        !units.some((unit) => line.includes(unit)) && // unit cells are read as units
        !/^\d+(?:\.\d+)?$/.test(line), // points
    );
    // The unit cell's label line (its units are read); nothing else goes unread.
    expect(missing).toEqual(['责任单位包括:']);
    expect(plan.ignored.filter((line) => line.reason === 'page-furniture').map((line) => line.text)).toContain(
      '发布时间:2019/11/01 |来源:|专栏:本地政策',
    );
    expect(plan.ignored).toContainEqual({ where: { file: CHAOYANG, line: 6 }, text: '附件2', reason: 'attachment-heading' });
  });
});

describe('the Huaihua appendix table', () => {
  let plan: ParsedPlan;
  beforeAll(() => {
    const lines = fixture('huaihua-2020-housing-plan.txt').toString('utf8').split('\n');
    const table = findParagraphTable(lines, 'huaihua.txt')!;
    plan = parseTable(table.grid, { lines: true, year: 2020 });
  });

  it('reads its 10 rows as 10 tasks, each with its ①② requirements and their evidence', () => {
    expect(plan.tasks.map((task) => task.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(plan.tasks.map((task) => task.requirements.length)).toEqual([1, 1, 1, 4, 3, 1, 2, 2, 1, 1]);
    expect(plan.tasks.every((task) => task.requirements.every((r) => r.evidence !== null))).toBe(true);
    expect(plan.tasks[1]!.requirements[0]).toMatchObject({
      text: '召开全局社会信用体系建设工作部署会',
      evidence: '会议纪要',
      lead: ['办公室'],
    });
  });

  it('names each task by the first line of its content, the rest being what must be done', () => {
    expect(plan.tasks[3]!.title).toBe('建立健全信用体系建设管理制度');
    expect(plan.tasks[3]!.requirements.map((r) => r.text.slice(0, 2))).toEqual(['①明', '②建', '③建', '④制']);
    expect(plan.tasks[5]).toMatchObject({ title: '市场主体信用承诺' });
    expect(plan.tasks[5]!.requirements[0]!.text).toBe(
      '鼓励来办理业务的企业主动作出信用承诺,引导本行业协会和其他社会组织统一作出行业信用承诺。',
    );
    expect(plan.tasks[3]!.requirements[3]!.evidence).toMatch(/^双公示数据录入/);
  });

  it('reads the unit cells: the first line leads, the rest are responsible', () => {
    expect(plan.tasks[5]!.requirements[0]!.lead).toEqual(['行审科']);
    expect(plan.tasks[4]!.requirements[0]!.lead).toEqual(['办公室']);
    expect(plan.tasks[3]!.requirements[0]!.lead).toEqual(['房监科']);
    // 办公室 in both cells leads, and is listed once.
    expect(plan.tasks[2]!.requirements[0]).toMatchObject({ lead: ['办公室'], cooperating: [] });
  });
});

describe('the seeds that imported right import as before', () => {
  it('Fuzhou: 18 tasks, 35 requirements; Xiamen: 36 and 36', async () => {
    for (const [name, tasks, requirements] of [
      ['fuzhou-2020-task-table.txt', 18, 35],
      ['xiamen-2022-work-points.txt', 36, 36],
    ] as const) {
      const plan = await readPlan(name, fixture(name));
      expect([plan.tasks.length, plan.tasks.flatMap((task) => task.requirements).length], name).toEqual([tasks, requirements]);
      expect(
        plan.tasks.every((task) => task.points === null),
        name,
      ).toBe(true);
    }
  });
});
