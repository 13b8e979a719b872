import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readPlan, type PlanPreview } from '../../plans/import';
import { parseProse, reportingCycle, splitClauses } from '../../plans/prose';
import { inEnglish } from './wording';

function item(preview: PlanPreview, number: string) {
  const found = preview.tasks.find((t) => t.number === number);
  if (!found) throw new Error(`item ${number} not found`);
  return found;
}

describe('the Xiamen 2022 work points (prose copied from a web page)', () => {
  let preview: PlanPreview;
  beforeAll(async () => {
    preview = await readPlan(
      'xiamen-2022-work-points.txt',
      readFileSync(new URL('../fixtures/xiamen-2022-work-points.txt', import.meta.url)),
    );
  });

  it('finds the plan title (not the notice publishing it) and its year', () => {
    expect(preview.title).toBe('厦门市社会信用体系建设2022年工作要点');
    expect(preview.year).toBe(2022);
  });

  it('reads the seven section headings and thirty-six items', () => {
    expect(preview.sections.map((s) => s.number)).toEqual(['一', '二', '三', '四', '五', '六', '七']);
    expect(preview.sections[1]!.title).toBe('推进信用信息基础设施建设');
    expect(preview.tasks).toHaveLength(36);
    expect(item(preview, '一')).toMatchObject({ title: '细化落实国家政策文件', section: '一' });
    expect(item(preview, '三十六')).toMatchObject({ title: '大力推进信用大数据产业招商', section: '七' });
  });

  it("reads each item's responsible units from its closing clause", () => {
    const units = (n: string) => item(preview, n).requirements[0]!;
    expect(units('一')).toMatchObject({ lead: ['市信用办', '各有关单位'], cooperating: [] });
    expect(units('三').lead).toEqual(['市社会信用体系建设工作领导小组各成员单位']);
    expect(units('五').lead).toEqual([
      '市委编办',
      '市民政局',
      '市司法局',
      '市农业农村局',
      '市场监管局',
      '市税务局',
      '市组织机构统一社会信用代码服务中心',
      '市公共信用信息中心',
    ]);
    // 市 written once for the list (市民政局、司法局) is distributed, and each addition listed for the admin.
    expect(preview.problems).toContainEqual(
      expect.objectContaining({ code: 'unit-prefix-added', args: { name: '市司法局', text: '司法局' } }),
    );
    expect(units('五').problems).toContain('unit-prefix-added');
    expect(units('十七').lead).toEqual(['金圆集团']);
    expect(units('十八').lead).toEqual(['金圆集团', '各区政府', '自贸委', '火炬管委会']);
    expect(units('十六').lead).toEqual(['市公共信用信息中心', '各有关单位']);
    expect(units('三十五').lead).toEqual(['市发改委', '厦门国信信用大数据创新研究院']);
  });

  it("gives items without a deadline the notice's quarterly reporting cycle, and says so", () => {
    for (const task of preview.tasks) {
      expect(task.requirements[0]!.deadline).toMatchObject({ text: '每季度', recognized: true, rule: { kind: 'quarterly' } });
    }
    expect(preview.problems).toContainEqual({
      code: 'reporting-cycle',
      args: { cycle: '每季度' },
      where: { file: 'xiamen-2022-work-points.txt' },
    });
    expect(preview.problems.map(inEnglish)).toContainEqual({
      where: 'xiamen-2022-work-points.txt',
      message: 'items that name no deadline follow the notice\'s reporting cycle "每季度"',
    });
  });

  it('reads ratio targets and leaves web-page debris out of the last item', () => {
    expect(item(preview, '六').requirements[0]!.quota).toMatchObject({ target: 100, unit: '%', kind: 'ratio' });
    expect(item(preview, '二十四').requirements[0]!.quota).toBeNull(); // 60次以上 describes, it is no target
    expect(item(preview, '三十六').requirements[0]!.text).not.toContain('code');
  });
});

describe('other prose forms', () => {
  const plan = [
    '某区2020年信用建设实施方案',
    '一、健全机制',
    '1. 制定年度工作方案。明确目标任务。(牵头科室:局办公室;完成时限:2020年8月底前)',
    '2. 建立联络员制度。',
    '各科室明确一名联络员。牵头单位:区发改局责任单位:区委办、区政府办 工作时限:xx年6月30日前',
    '二、加强宣传',
    '3. 开展诚信宣传。①全年不少于2次。②每月至少在网站发布信用信息1篇。(责任单位:区融媒体中心;完成时限:每月25日前)',
  ].join('\n');

  it('reads 1. 2. numbering, bracketed and unbracketed clauses, masked years and ①② items', () => {
    const parsed = parseProse('plan.txt', plan);
    expect(parsed.title).toBe('某区2020年信用建设实施方案');
    expect(parsed.tasks.map((t) => [t.number, t.title, t.section])).toEqual([
      ['1', '制定年度工作方案', '一'],
      ['2', '建立联络员制度', '一'],
      ['3', '开展诚信宣传', '二'],
    ]);
    const [one, two, three] = parsed.tasks;
    expect(one!.requirements[0]).toMatchObject({
      lead: ['局办公室'],
      deadline: { text: '2020年8月底前', recognized: true, rule: { kind: 'once', year: 2020, month: 8, day: 'last' } },
    });
    expect(two!.requirements[0]).toMatchObject({
      text: '各科室明确一名联络员。',
      lead: ['区发改局'],
      cooperating: ['区委办', '区政府办'],
      deadline: { text: 'xx年6月30日前', recognized: true, rule: { kind: 'once', year: 2020, month: 6, day: 30 } },
    });
    expect(three!.requirements.map((r) => [r.text, r.quota?.target, r.quota?.period, r.deadline.text])).toEqual([
      ['①全年不少于2次。', 2, 'year', '每月25日前'],
      ['②每月至少在网站发布信用信息1篇。', 1, 'month', '每月25日前'],
    ]);
  });

  it('reports an item with no deadline and no cycle to fall back on', () => {
    const parsed = parseProse('p.txt', '一、任务\n(一)做一件事。(责任单位:市信用办)', { year: 2026 });
    expect(parsed.tasks[0]!.requirements[0]!.deadline).toEqual({ text: '', recognized: false, rule: null });
    expect(parsed.problems).toEqual([{ code: 'no-deadline', args: {}, where: { file: 'p.txt', line: 2, item: '一' } }]);
    expect(parsed.problems.map(inEnglish)).toEqual([{ where: 'p.txt line 2, item 一', message: 'no deadline given' }]);
  });

  it('splits clauses off the item text', () => {
    expect(splitClauses('做一件事。(牵头科室:局办公室;完成时限:2020年8月底前)')).toEqual({
      body: '做一件事。',
      units: '牵头科室:局办公室',
      deadline: '2020年8月底前',
    });
  });

  it('takes the reporting cycle only from a sentence about reporting', () => {
    expect(reportingCycle(['请按照职责分工抓好工作落实,每季度向市信用管理工作平台反馈进展情况'])).toBe('每季度');
    expect(reportingCycle(['每月召开一次会议'])).toBeNull();
  });
});
