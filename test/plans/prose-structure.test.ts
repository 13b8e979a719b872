/**
 * The prose reader's structure (issue 13): numbering at every level, text with no line
 * breaks, and every line of the source ending in a task, a requirement or the ignored list.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProse } from '../../plans/prose';
import { OutlineSequence, readMarker } from '../../plans/outline';
import { breakRunningText } from '../../plans/running-text';
import { bodyYear, frontMatterReason, issueYear } from '../../plans/front-matter';
import { readLabelledFields } from '../../plans/labelled-fields';
import { cleanText } from '../../plans/normalize';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

describe('numbering markers', () => {
  it('reads every level, with half-width and full-width brackets and 、 or .', () => {
    const read = (line: string) => {
      const m = readMarker(cleanText(line));
      return m && [m.level, m.numeral, m.value, m.rest];
    };
    expect(read('三、工作任务')).toEqual(['section', '三', 3, '工作任务']);
    expect(read('（十二）推进信用监管')).toEqual(['paren-han', '十二', 12, '推进信用监管']);
    expect(read('(二)建立制度')).toEqual(['paren-han', '二', 2, '建立制度']);
    expect(read('3.推送典型案例')).toEqual(['digit', '3', 3, '推送典型案例']);
    expect(read('3、推送典型案例')).toEqual(['digit', '3', 3, '推送典型案例']);
    expect(read('（2）召开会议')).toEqual(['paren-digit', '2', 2, '召开会议']);
    expect(read('2)召开会议')).toEqual(['paren-digit', '2', 2, '召开会议']);
    expect(read('⑶召开会议')).toEqual(['paren-digit', '3', 3, '召开会议']);
    expect(read('⒉召开会议')).toEqual(['digit', '2', 2, '召开会议']);
    // A date or a number in a sentence is no item.
    expect(read('12.31前完成')).toBeNull();
    expect(read('2020年8月底前')).toBeNull();
    expect(read('推进信用建设')).toBeNull();
  });

  it('takes a marker only where it continues its level, and restarts lower levels under a new item', () => {
    const sequence = new OutlineSequence();
    const take = (line: string) => {
      const marker = readMarker(line)!;
      const ok = sequence.accepts(marker);
      if (ok) sequence.take(marker);
      return ok;
    };
    expect(take('一、第一部分')).toBe(true);
    expect(take('(一)甲')).toBe(true);
    expect(take('1.乙')).toBe(true);
    expect(take('3.跳号')).toBe(false); // 3 after 1: text, not an item
    expect(take('2.丙')).toBe(true);
    expect(take('(二)丁')).toBe(true);
    expect(take('1.戊')).toBe(true); // 1. restarts under (二)
    expect(take('二、下一部分')).toBe(true);
    expect(take('(三)己')).toBe(true); // (一)… counts on across sections, as in the Xiamen points
  });
});

describe('text extracted with no line breaks', () => {
  it('is cut before sections, items and labelled fields, but not inside sentences', () => {
    const running = `${'社会信用体系建设实施方案一、工作目标按照文件确定的8个专项工程、32项重点任务,逐项落实。'.repeat(1)}二、工作步骤及完成时限(一)完善组织领导体系工作职责:健全领导体系。${'各单位认真落实'.repeat(80)}工作时限:xx年6月30日前报送名单。牵头单位:区发改局责任单位:区委办、区政府办(二)建立制度工作职责:贯彻落实。`;
    const lines = breakRunningText([{ line: 1, text: running }]).map((l) => l.text.slice(0, 12));
    expect(lines).toEqual([
      '社会信用体系建设实施方案',
      '一、工作目标按照文件确定',
      '二、工作步骤及完成时限',
      '(一)完善组织领导体系',
      '工作职责:健全领导体系。',
      '工作时限:xx年6月30',
      '牵头单位:区发改局',
      '责任单位:区委办、区政府',
      '(二)建立制度',
      '工作职责:贯彻落实。',
    ]);
  });

  it('cuts a short one-line plan too, numbered (一) or 1., when two items or more run on', () => {
    const one = parseProse(
      'p.txt',
      '2026年工作要点一、工作任务(一)建立制度。(责任单位:市信用办;完成时限:6月底前)(二)开展宣传。(责任单位:市文明办;完成时限:9月底前)',
    );
    expect(one.tasks.map((t) => [t.number, t.title, t.requirements[0]!.lead[0]])).toEqual([
      ['一', '建立制度', '市信用办'],
      ['二', '开展宣传', '市文明办'],
    ]);
    const digits = parseProse(
      'p.txt',
      '2026年工作要点:1.建立制度。(责任单位:市信用办;完成时限:6月底前)2.开展宣传。(责任单位:市文明办;完成时限:9月底前)3.报送信息。(责任单位:市发改委;完成时限:每月10日前)',
    );
    expect(digits.tasks.map((t) => t.number)).toEqual(['1', '2', '3']);
  });

  it('leaves lines of ordinary length as they are', () => {
    const lines = [{ line: 3, text: '(一)甲。(二)乙。' }];
    expect(breakRunningText(lines)).toEqual(lines);
  });
});

describe('labelled fields', () => {
  it('cuts an item into its fields, and the deadline field into one duty per deadline', () => {
    const fields = readLabelledFields(
      '完善组织领导体系工作职责:健全领导体系。工作要求:一是明确责任。工作时限:xx年6月30日前,成员单位报送联络员名单;各成员单位于每个双数月15日前报送建设情况。牵头单位:区发改局责任单位:区委办、区政府办',
    )!;
    expect(fields.title).toBe('完善组织领导体系');
    expect(fields.duties).toBe('健全领导体系。');
    expect(fields.requirements).toBe('一是明确责任。');
    expect(fields.lead).toBe('区发改局');
    expect(fields.cooperating).toBe('区委办、区政府办');
    expect(fields.deadlineDuties.map((d) => d.deadline)).toEqual(['xx年6月30日前', '每个双数月15日前']);
  });

  it('is not used for an item that only closes with unit and deadline labels', () => {
    expect(readLabelledFields('各科室明确一名联络员。牵头单位:区发改局责任单位:区委办 工作时限:xx年6月30日前')).toBeNull();
  });
});

describe('front matter', () => {
  it('names why each line around the plan is left out', () => {
    expect(frontMatterReason('发布时间:2020-08-18 17:13信息来源:怀化市住房和城乡建设局', false)).toBe('page-furniture');
    expect(frontMatterReason('{"code": 200, "msg": "ok"}', false)).toBe('page-furniture');
    expect(frontMatterReason('怀建函〔202092', false)).toBe('notice');
    expect(frontMatterReason('局机关相关科室、局属相关单位:', false)).toBe('notice');
    expect(frontMatterReason('附件:', false)).toBe('attachment-heading');
    expect(frontMatterReason('2020年8月17日', false)).toBe('signature');
    expect(frontMatterReason('为贯彻落实《规划(2015-2020年)》精神,特制定本方案。', false)).toBe('preamble');
  });

  it('finds the year of issue, and the year most written in the body but not a span', () => {
    expect(issueYear(['怀化市住房和城乡建设局', '2020年8月17日'])).toBe(2020);
    expect(issueYear(['发布时间:2019/11/01 | 来源:'])).toBe(2019);
    expect(issueYear(['没有日期'])).toBeNull();
    expect(bodyYear('规划(2015-2020年)。2021年底前完成,2021年6月前报送')).toBe(2021);
    expect(bodyYear('xx年6月30日前')).toBeNull();
  });
});

describe("the Huaihua housing plan (a plan's prose before its appendix)", () => {
  const plan = parseProse('huaihua-2020-housing-plan.txt', fixture('huaihua-2020-housing-plan.txt'));

  it("takes its year from the notice's date and its title across two lines", () => {
    expect(plan.year).toBe(2020);
    expect(plan.title).toBe('怀化市住房和城乡建设局社会信用体系建设工作实施方案');
  });

  it('reads the seven tasks of 三、工作任务 with every numbered item under them', () => {
    const prose = plan.tasks.filter((task) => task.section === '三');
    expect(prose.map((task) => [task.number, task.title, task.requirements.length])).toEqual([
      ['一', '制定工作方案', 1],
      ['二', '及时安排部署', 1],
      ['三', '建立管理制度', 3],
      ['四', '信用信息归集报送', 5],
      ['五', '信用监管', 2],
      ['六', '信用修复', 2],
      ['七', '加强诚信文化教育宣传', 2],
    ]);
    // Items 2–5 of (四), with their own clauses and the quotas in them.
    const four = prose[3]!.requirements;
    expect(four[1]!.text).toMatch(/^及时更新红黑名单数据/);
    expect(four[1]!.quota).toMatchObject({ target: 1, unit: '次', period: 'year' });
    expect(four[3]!.lead).toEqual(['局办公室']);
    expect(four[4]!.lead).toEqual(['行政审批科']);
    expect(prose[6]!.requirements[0]!.lead).toContain('人事科');
  });

  it('lists the goals, the leadership and the exhortations of 四、工作要求 as ignored, not as tasks', () => {
    const reasons = (pattern: RegExp) => plan.ignored.filter((line) => pattern.test(line.text)).map((line) => line.reason);
    expect(reasons(/^一、工作目标$/)).toEqual(['goals']);
    expect(reasons(/^副组长/)).toEqual(['organization']);
    expect(reasons(/^\(一\)提高思想认识/)).toEqual(['work-requirements']);
    expect(reasons(/^2020年8月17日$/)).toEqual(['signature']);
    expect(reasons(/^发布时间/)).toEqual(['page-furniture']);
    expect(plan.tasks.some((task) => /提高思想认识|强化舆论宣传/.test(task.title))).toBe(false);
  });
});

describe('the Huaihua appendix, a table printed one cell per paragraph after the prose', () => {
  const plan = parseProse('huaihua-2020-housing-plan.txt', fixture('huaihua-2020-housing-plan.txt'));
  const appendix = plan.tasks.filter((task) => task.section === '附件');

  it('is read as its ten rows, in a section of its own named by its title', () => {
    expect(plan.sections.at(-1)).toEqual({ number: '附件', title: '怀化市住建局2020年度社会信用体系建设考评任务分解表' });
    expect(appendix.map((task) => task.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(appendix[1]).toMatchObject({ title: '召开全局社会信用体系建设工作部署会' });
    expect(appendix[1]!.requirements[0]).toMatchObject({ lead: ['办公室'], cooperating: ['建工科'], evidence: '会议纪要' });
    // Row 4's ①–④ are four requirements, not one glued text.
    expect(appendix[3]!.requirements.map((r) => r.text.slice(0, 2))).toEqual(['①明', '②建', '③建', '④制']);
  });

  it("leaves its heading out of the prose: the prose's last task ends before it", () => {
    const last = plan.tasks.find((task) => task.section === '三' && task.number === '七')!;
    expect(last.requirements.map((r) => r.text).join('')).not.toContain('序号');
    expect(plan.ignored.filter((line) => /考评任务分解表$/.test(line.text)).map((line) => line.reason)).toEqual(['heading']);
  });
});

describe('the district plan extracted with no line breaks', () => {
  const plan = parseProse('district-plan-no-line-breaks.txt', fixture('district-plan-no-line-breaks.txt'), { year: 2020 });

  it('reads its eight tasks and a requirement per duty of each 工作时限', () => {
    expect(plan.tasks.map((task) => task.title)).toEqual([
      '完善组织领导体系',
      '建立制度和标准体系',
      '完善评价考核监督体系',
      '强化公共信用信息网站建设',
      '推进政务诚信建设',
      '推进法人和个人信用建设',
      '推进信用联合奖惩',
      '推进在行政管理事项中应用信用产品',
    ]);
    const requirements = plan.tasks.flatMap((task) => task.requirements);
    expect(requirements.length).toBeGreaterThanOrEqual(12);
    expect(requirements.filter((r) => r.deadline.recognized).length).toBeGreaterThanOrEqual(8);
    const [first, second] = plan.tasks[0]!.requirements;
    expect(first).toMatchObject({
      lead: ['区发改局'],
      deadline: { text: 'xx年6月30日前', rule: { kind: 'once', year: 2020, month: 6, day: 30 } },
    });
    expect(second!.deadline.rule).toMatchObject({ kind: 'monthly', day: 15, months: [2, 4, 6, 8, 10, 12] });
    expect(second!.cooperating).toContain('区委办');
  });

  it('ignores its goals, and says when no year can be found', () => {
    expect(plan.ignored.map((line) => line.reason)).toContain('goals');
    const without = parseProse('district.txt', fixture('district-plan-no-line-breaks.txt'));
    expect(without.year).toBeNull();
    expect(without.problems.map((p) => p.code)).toContain('no-year');
  });
});

describe('clauses and deadlines that hold for the items under them', () => {
  it('reads a unit clause before ①② lines as the clause of each', () => {
    const plan = parseProse(
      'p.txt',
      [
        '2026年工作要点',
        '一、工作任务',
        '(一)归集信用信息。每月10日前报送。(区政务服务局负责)',
        '①归集行政许可信息。',
        '②归集行政处罚信息。',
      ].join('\n'),
    );
    expect(plan.tasks[0]!.requirements.map((r) => [r.text, r.lead, r.deadline.text])).toEqual([
      // Words before ① stay with the first item, as in a table's cell.
      ['每月10日前报送。①归集行政许可信息。', ['区政务服务局'], '每月10日前'],
      ['②归集行政处罚信息。', ['区政务服务局'], '每月10日前'],
    ]);
  });

  it('passes a deadline written in a task heading down to its numbered items', () => {
    const plan = parseProse(
      'p.txt',
      [
        '2026年工作要点',
        '一、工作任务',
        '(一)6月底前完成制度建设',
        '1.制定信用承诺制度。(责任单位:区发改局)',
        '2.制定信用修复制度。(责任单位:区司法局)',
      ].join('\n'),
    );
    expect(plan.tasks[0]!.requirements.map((r) => r.deadline.text)).toEqual(['6月底前', '6月底前']);
  });
});
