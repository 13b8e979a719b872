/**
 * findDeadlines: the deadline phrases inside a requirement's prose. The quoted texts come from
 * the seeds in ../shared/seeds (district-plan-no-line-breaks, huaihua-2020-housing-plan,
 * fuzhou-2020-task-table, xiamen-2022-work-points) unless marked otherwise.
 */
import { describe, expect, it } from 'vitest';
import { findDeadlines } from '../../plans/deadline';
import { cleanText } from '../../plans/normalize';

const YEAR = { year: 2020 };
const texts = (text: string) => findDeadlines(text, YEAR).map((found) => found.text);

describe('findDeadlines: phrases inside prose', () => {
  it('finds a monthly deadline in a sentence, with its rule and where it stands', () => {
    const text = '各处室每月报送的信用动态,每月10日前汇总政策法规处。';
    expect(findDeadlines(text, YEAR)).toEqual([
      { text: '每月10日前', rule: { kind: 'monthly', day: 10, months: null }, index: text.indexOf('每月10日前') },
    ]);
  });

  it('finds both summaries of "半年总结及年度总结" (fuzhou row 5)', () => {
    expect(findDeadlines('⑤按要求报送社会信用体系建设工作半年总结及年度总结。', YEAR).map((f) => [f.text, f.rule])).toEqual([
      ['半年总结', { kind: 'once', year: 2020, month: 6, day: 'last' }],
      ['年度总结', { kind: 'once', year: 2020, month: 12, day: 'last' }],
    ]);
  });

  it("finds the one-off and the periodic deadline of the district seed's first 工作时限, masked year read as the plan's", () => {
    const text =
      'xx年6月30日前,领导小组成员单位向区领导小组办公室报送本单位的领导组织、联络员名单(联络员名单见附件1);各成员单位于每个双数月15日前向区领导小组办公室报送信用体系建设情况。';
    expect(findDeadlines(text, YEAR).map((f) => [f.text, f.rule])).toEqual([
      ['xx年6月30日前', { kind: 'once', year: 2020, month: 6, day: 30 }],
      ['每个双数月15日前', { kind: 'monthly', day: 15, months: [2, 4, 6, 8, 10, 12] }],
    ]);
  });

  it('reads every 工作时限 of the district seed', () => {
    const field = [
      '1.xx年6月末前,各成员单位向区领导小组办公室报送本单位的社会信用体系建设工作计划。2.xx年8月15日前,根据市级相关政策规定,各成员单位出台本领域信用制度。3.xx年7月末前,形成全区公共信用信息资源目录。',
      'xx年9月末前初步建立政务信用主体档案;9月末前相关单位向区领导小组上交政务重点领域诚信建设操作办法。',
      '1.xx年8月末前,具有行政审批职能的相关单位,制定标准化的信用承诺书并公示。2.每月末,区发改局组织相关单位整合形成联合奖惩案例。',
      '双数月末,由上述11个领域主(监)管部门将信用信息应用情况报区领导小组。',
      '长期推进,实时更新信息。',
    ].join('');
    expect(texts(field)).toEqual([
      'xx年6月末前',
      'xx年8月15日前',
      'xx年7月末前',
      'xx年9月末前',
      '9月末前',
      'xx年8月末前',
      '每月末',
      '双数月末',
      '长期推进',
      '实时更新',
    ]);
  });

  it('keeps the condition of "区信用网站投入使用前,由相关单位在每周周五下班前…"', () => {
    const text =
      '1.xx年11月末前建立独立的信用门户网站。2.区信用网站投入使用前,由相关单位在每周周五下班前向区领导小组办公室报送“双公示”信息;';
    const found = findDeadlines(text, YEAR);
    expect(found.map((f) => f.text)).toEqual(['xx年11月末前', '每周周五下班前']);
    expect(found[0]).not.toHaveProperty('condition');
    expect(found[1]).toMatchObject({ rule: { kind: 'weekly', weekday: 5, endOfWorkday: true }, condition: '区信用网站投入使用前' });
  });

  it("reads the huaihua plan's dates and working-day limits", () => {
    expect(findDeadlines('确保2020年年底前完成信用信息共享交换、信用记录全覆盖', YEAR)).toMatchObject([
      { text: '2020年年底前', rule: { kind: 'once', year: 2020, month: 12, day: 'last' } },
    ]);
    expect(findDeadlines('(牵头科室:局办公室;完成时限:2020年8月底前)', YEAR)).toMatchObject([
      { text: '2020年8月底前', rule: { kind: 'once', month: 8, day: 'last' } },
    ]);
    expect(findDeadlines('行政许可信息生效7天内在本单位网站公示,20个工作日内录入“信用怀化”后台系统', YEAR).map((f) => f.rule)).toEqual([
      { kind: 'relative', days: 7, workingDays: false },
      { kind: 'relative', days: 20, workingDays: true },
    ]);
  });

  it('reads the quarterly report of the xiamen notice', () => {
    expect(findDeadlines('请按照职责分工抓好工作落实,每季度向市信用管理工作平台反馈进展情况', YEAR)).toMatchObject([
      { text: '每季度', rule: { kind: 'quarterly', day: 'last' } },
    ]);
  });

  it('finds the new forms in prose (phrases not from a seed)', () => {
    expect(
      findDeadlines('各单位于次月10日前报送上月工作情况,每季度结束后10日内报送季度总结,12.31前报送年度总结', YEAR).map((f) => [
        f.text,
        f.rule,
      ]),
    ).toEqual([
      ['次月10日前', { kind: 'monthly', day: 10, months: null }],
      ['每季度结束后10日内', { kind: 'monthly', day: 10, months: [1, 4, 7, 10] }],
      ['12.31前', { kind: 'once', year: 2020, month: 12, day: 31 }],
      ['年度总结', { kind: 'once', year: 2020, month: 12, day: 'last' }],
    ]);
    expect(texts('每半年向市信用办报送一次,按季度更新台账,12月31日前完成')).toEqual(['每半年', '按季度', '12月31日前']);
    expect(texts('1.12月底前完成')).toEqual(['12月底前']);
  });

  it('indexes into the cleaned text: spaces and full-width forms removed', () => {
    const input = '请于 每月 10 日 前，报送';
    const [found] = findDeadlines(input, YEAR);
    expect(found!.text).toBe('每月10日前');
    expect(cleanText(input).slice(found!.index, found!.index + found!.text.length)).toBe('每月10日前');
  });

  it('works without a plan year (the year stays empty)', () => {
    expect(findDeadlines('xx年6月30日前报送')).toMatchObject([{ rule: { kind: 'once', year: null, month: 6, day: 30 } }]);
  });
});

describe('findDeadlines: what is not a deadline', () => {
  it.each([
    // Year spans and years in titles and document names.
    '为贯彻落实《湖南省人民政府关于印发〈湖南省社会信用体系建设规划(2015-2020年)的通知〉》(湘政发〔2015〕20号)',
    '按照《xx市推进社会信用体系建设工作方案(xx-xx年)》所列的8个专项工程',
    '(责任科室:房监科、建工科等科室,2020年度工作任务详见附件)',
    // A quota's period.
    '各相关科室每年至少推送1次“红名单”和黑名单”信息数据',
    '局机关各相关科室、局属各相关单位每月至少在局门户网站上发布相关工作信息1篇',
    '每季度至少报送1次',
    '每半年不少于一次',
    // A notice's own date, festivals written as month.day.
    '怀化市住房和城乡建设局 2020年8月17日',
    '发布时间:2020-08-18 17:13 信息来源:怀化市住房和城乡建设局',
    '通过开展“3.15消费者权益日”“全国质量月”“6.14信用记录日”等诚信主题实践活动',
    // Counts in descriptions.
    '各成员单位要对照国家城市信用状况监测153项制度标准(制度标准详见附件2)',
    // 每月 alone: a monthly duty whose day is the plan's report day, not a phrase of its own.
    '每月及时向福州市公共信用信息平台报送',
    // Impossible dates.
    '2月30日前完成',
    '',
  ])('"%s"', (text) => {
    expect(findDeadlines(text, YEAR)).toEqual([]);
  });
});

describe('findDeadlines: bounded work', () => {
  it('reads a text of 100,000 characters of near-deadlines in linear time', () => {
    for (const piece of ['每月32日前', '1', '每季度', '12.', 'xx年', '每', '月底前']) {
      const text = piece.repeat(Math.ceil(100_000 / piece.length));
      const started = performance.now();
      const found = findDeadlines(text, YEAR);
      expect(performance.now() - started).toBeLessThan(2000);
      for (let i = 1; i < found.length; i++)
        expect(found[i]!.index).toBeGreaterThanOrEqual(found[i - 1]!.index + found[i - 1]!.text.length);
    }
  });
});
