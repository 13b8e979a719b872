/**
 * splitDuties: a cell or 工作时限 field naming several duties, one entry per duty. Quoted fields
 * are the district seed's (../shared/seeds/district-plan-no-line-breaks.txt) unless marked.
 */
import { describe, expect, it } from 'vitest';
import { splitDuties } from '../../plans/deadline';
import { cleanText } from '../../plans/normalize';

const YEAR = { year: 2020 };
const brief = (text: string) => splitDuties(text, YEAR).map((d) => [d.deadline.text, d.duty, d.text]);

describe('splitDuties', () => {
  it('"每季度末报送进展，11月底前完成": a periodic report and a one-off completion (issue 13)', () => {
    expect(splitDuties('每季度末报送进展，11月底前完成', YEAR)).toEqual([
      {
        text: '每季度末报送进展',
        deadline: { text: '每季度末', recognized: true, rule: { kind: 'quarterly', day: 'last' } },
        duty: 'report',
        index: 0,
      },
      {
        text: '11月底前完成',
        deadline: { text: '11月底前', recognized: true, rule: { kind: 'once', year: 2020, month: 11, day: 'last' } },
        duty: 'complete',
        index: 9,
      },
    ]);
  });

  it('the first 工作时限: a one-off report by 6月30日 and a report every even month', () => {
    const field =
      'xx年6月30日前,领导小组成员单位向区领导小组办公室报送本单位的领导组织、联络员名单(联络员名单见附件1);各成员单位于每个双数月15日前向区领导小组办公室报送信用体系建设情况。';
    const duties = splitDuties(field, YEAR);
    expect(duties.map((d) => [d.deadline.rule, d.duty])).toEqual([
      [{ kind: 'once', year: 2020, month: 6, day: 30 }, 'report'],
      [{ kind: 'monthly', day: 15, months: [2, 4, 6, 8, 10, 12] }, 'report'],
    ]);
    expect(duties.map((d) => d.text)).toEqual([
      'xx年6月30日前,领导小组成员单位向区领导小组办公室报送本单位的领导组织、联络员名单(联络员名单见附件1)',
      '各成员单位于每个双数月15日前向区领导小组办公室报送信用体系建设情况',
    ]);
  });

  it('numbered duties: 1. 2. 3., item numbers left out of the words', () => {
    expect(
      brief(
        '1.xx年6月末前,各成员单位向区领导小组办公室报送本单位的社会信用体系建设工作计划,相关单位报送本级《公共信用信息资源目录》。2.xx年8月15日前,根据市级相关政策规定,各成员单位出台本领域信用制度。3.xx年7月末前,形成全区公共信用信息资源目录。',
      ),
    ).toEqual([
      [
        'xx年6月末前',
        'report',
        'xx年6月末前,各成员单位向区领导小组办公室报送本单位的社会信用体系建设工作计划,相关单位报送本级《公共信用信息资源目录》',
      ],
      ['xx年8月15日前', 'complete', 'xx年8月15日前,根据市级相关政策规定,各成员单位出台本领域信用制度'],
      ['xx年7月末前', 'complete', 'xx年7月末前,形成全区公共信用信息资源目录'],
    ]);
  });

  it('a conditional weekly report keeps its condition, and a sentence without a deadline stays with the duty before it', () => {
    const duties = splitDuties(
      '1.xx年11月末前建立独立的信用门户网站。2.区信用网站投入使用前,由相关单位在每周周五下班前向区领导小组办公室报送“双公示”信息;信息中心在政府门户网站开辟“双公示”专栏,对“双公示”信息进行公示。',
      YEAR,
    );
    expect(duties).toHaveLength(2);
    expect(duties[0]).toMatchObject({
      text: 'xx年11月末前建立独立的信用门户网站',
      duty: 'complete',
      deadline: { rule: { kind: 'once', month: 11, day: 'last' } },
    });
    expect(duties[1]!.deadline).toEqual({
      text: '每周周五下班前',
      recognized: true,
      rule: { kind: 'weekly', weekday: 5, endOfWorkday: true },
      condition: '区信用网站投入使用前',
    });
    expect(duties[1]!.duty).toBe('report');
    expect(duties[1]!.text).toBe(
      '区信用网站投入使用前,由相关单位在每周周五下班前向区领导小组办公室报送“双公示”信息;信息中心在政府门户网站开辟“双公示”专栏,对“双公示”信息进行公示',
    );
  });

  it('two one-off deadlines in sentences of their own: a completion and a submission', () => {
    expect(brief('xx年9月末前初步建立政务信用主体档案;9月末前相关单位向区领导小组上交政务重点领域诚信建设操作办法。')).toEqual([
      ['xx年9月末前', 'complete', 'xx年9月末前初步建立政务信用主体档案'],
      ['9月末前', 'report', '9月末前相关单位向区领导小组上交政务重点领域诚信建设操作办法'],
    ]);
  });

  it('the first verb decides a one-off duty; a monthly duty that reports is a report', () => {
    expect(
      brief(
        '1.xx年8月末前,具有行政审批职能的相关单位,制定标准化的信用承诺书并公示,信用承诺书样本及公示情况报区领导小组备案。2.每月末,区发改局组织相关单位整合形成联合奖惩案例,及时记录并统计结果,报送至市信用信息平台。',
      ).map(([deadline, duty]) => [deadline, duty]),
    ).toEqual([
      ['xx年8月末前', 'complete'],
      ['每月末', 'report'],
    ]);
  });

  it('one duty when the field names one deadline, however long', () => {
    expect(brief('双数月末,由上述11个领域主(监)管部门将信用信息应用情况报区领导小组。')).toEqual([
      ['双数月末', 'report', '双数月末,由上述11个领域主(监)管部门将信用信息应用情况报区领导小组'],
    ]);
  });

  it('ongoing phrases of one sentence are one ongoing duty', () => {
    expect(brief('长期推进,实时更新信息。')).toEqual([['长期推进', 'ongoing', '长期推进,实时更新信息']]);
  });

  it('deadlines run together with no comma are cut at the second, and "及" left out (fuzhou)', () => {
    expect(brief('12月底前3月底前')).toEqual([
      ['12月底前', 'complete', '12月底前'],
      ['3月底前', 'complete', '3月底前'],
    ]);
    expect(brief('报送半年总结及年度总结').map(([deadline, , text]) => [deadline, text])).toEqual([
      ['半年总结', '报送半年总结'],
      ['年度总结', '年度总结'],
    ]);
  });

  it('a field with no deadline it can read is one duty, its deadline unread, nothing dropped', () => {
    expect(splitDuties('尽快完成', YEAR)).toEqual([
      { text: '尽快完成', deadline: { text: '尽快完成', recognized: false, rule: null }, duty: 'complete', index: 0 },
    ]);
    // 每月 alone is read by readDeadline though prose search skips it.
    expect(splitDuties('每月', YEAR)).toMatchObject([{ deadline: { recognized: true, rule: { kind: 'monthly' } }, duty: 'report' }]);
    expect(splitDuties('  ', YEAR)).toEqual([]);
    expect(splitDuties('。;', YEAR)).toEqual([]);
  });

  it("indexes are into the cleaned text, and each duty's words are there", () => {
    const input = '每季度末 报送进展 ；  11 月底前完成';
    const clean = cleanText(input);
    for (const duty of splitDuties(input, YEAR)) {
      expect(clean.slice(duty.index)).toContain(duty.text);
      expect(clean).toContain(duty.deadline.text);
    }
  });

  it('stays linear on a field of 100,000 characters of duties', () => {
    const text = '投入使用前,每周五报送;'.repeat(9000);
    const started = performance.now();
    const duties = splitDuties(text, YEAR);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(duties.length).toBeGreaterThan(100);
    expect(duties[0]!.deadline.condition).toBe('投入使用前');
  });
});
