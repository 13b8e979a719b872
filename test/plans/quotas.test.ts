/**
 * readQuotas: every counted target of a requirement, with its scope. Quoted texts come from the
 * seeds in ../shared/seeds (huaihua-2020-housing-plan, chaoyang-2019-assessment-indicators,
 * district-plan-no-line-breaks, xiamen-2022-work-points) unless marked otherwise.
 */
import { describe, expect, it } from 'vitest';
import { readQuota, readQuotas } from '../../plans/quota';
import { cleanText } from '../../plans/normalize';

describe('readQuotas: several targets in one requirement', () => {
  it('reads both targets of huaihua (四)4, the second for the whole office', () => {
    const text =
      '局机关各相关科室、局属各相关单位每月至少在局门户网站上发布相关工作信息1篇;全局每月向“信用怀化”网站推送工作动态宣传稿件至少2篇。';
    expect(readQuotas(text)).toEqual([
      { target: 1, unit: '篇', period: 'month', kind: 'count', source: '每月至少在局门户网站上发布相关工作信息1篇', scope: 'each' },
      {
        target: 2,
        unit: '篇',
        period: 'month',
        kind: 'count',
        source: '全局每月向“信用怀化”网站推送工作动态宣传稿件至少2篇',
        scope: 'whole',
      },
    ]);
    // readQuota, for the callers that take one, is the first.
    expect(readQuota(text)).toEqual(readQuotas(text)[0]);
  });

  it('reads the ratios of the district seed as ratios, in order', () => {
    const text =
      '各相关单位对被列入黑名单的企业进行信用修复的培训率要达到100%,“黑名单”企业通过信用修复做出信用承诺的比例不低于30%,逐步达到100%。';
    expect(readQuotas(text).map((q) => [q.target, q.unit, q.kind, q.period])).toEqual([
      [100, '%', 'ratio', 'year'],
      [30, '%', 'ratio', 'year'],
      [100, '%', 'ratio', 'year'],
    ]);
  });

  it('keeps a period word for the second target of one sentence (not from a seed)', () => {
    expect(readQuotas('全年不少于2次宣传和不少于3次培训').map((q) => [q.target, q.period])).toEqual([
      [2, 'year'],
      [3, 'year'],
    ]);
  });

  it('every source is words of the cleaned text', () => {
    const text = '全局每年至少组织2次诚信文化教育宣传活动;每个领域至少5个案例;公示率达到 100 %';
    for (const quota of readQuotas(text)) expect(cleanText(text)).toContain(quota.source);
  });
});

describe('readQuotas: half-years', () => {
  it.each([
    ['每半年至少1次', 2, '每半年至少1次'],
    ['每半年至少报送2篇', 4, '每半年至少报送2篇'],
    ['每半年内不少于一次', 2, '每半年内不少于一次'],
  ])('%s → %i a year', (text, target, source) => {
    expect(readQuotas(text)).toEqual([
      { target, unit: text.endsWith('篇') ? '篇' : '次', period: 'year', kind: 'count', source, scope: 'each' },
    ]);
  });

  it('上半年 is no half-yearly period (a once target by mid-year, left as written)', () => {
    expect(readQuotas('上半年至少召开1次会议')).toMatchObject([{ target: 1, period: 'once' }]);
  });
});

describe('readQuotas: scope', () => {
  it.each([
    ['全局每年至少组织2次诚信文化教育宣传活动。', 'whole', '全局每年至少组织2次'],
    ['全市全年不少于10例', 'whole', '全市全年不少于10例'],
    ['全区每月至少1篇', 'whole', '全区每月至少1篇'],
    ['负责提供实质性开展工作的证明材料并形成案例(每个领域至少5个案例)。', 'per-domain', '每个领域至少5个'],
    ['每一个领域至少3个', 'per-domain', '每一个领域至少3个'],
    ['各领域不少于2个', 'per-domain', '各领域不少于2个'],
    ['请各区县挖掘信用建设创新做法,形成各区县特色案例。每个区县至少上报一个创新案例。', 'per-district', '每个区县至少上报一个'],
    ['各区县全年不少于2次', 'per-district', '各区县全年不少于2次'],
    ['每个街道至少1场', 'per-district', '每个街道至少1场'],
    ['各相关科室每年至少推送1次“红名单”和黑名单”信息数据', 'each', '每年至少推送1次'],
    ['各区域全年不少于2次', 'each', '全年不少于2次'],
  ])('%s → %s', (text, scope, source) => {
    expect(readQuotas(text)).toMatchObject([{ scope, source }]);
  });

  it('takes no scope word from another sentence', () => {
    expect(readQuotas('全局开展宣传。各科室每月至少1篇')).toMatchObject([{ scope: 'each', source: '每月至少1篇' }]);
  });
});

describe('readQuotas: what is not a target', () => {
  it.each([
    '各成员单位要对照国家城市信用状况监测153项制度标准(制度标准详见附件2)',
    '按照长府发5号文件确定的8个专项工程、32项重点任务',
    '要在5个以上领域应用各级平台的信用记录,3个以上领域应用第三方信用报告',
    '各单位红黑名单数量要达到国家层面在各领域认定数量的50%',
    '',
  ])('"%s"', (text) => {
    expect(readQuotas(text)).toEqual([]);
  });
});

describe('readQuotas: bounded work', () => {
  it('reads at most 1,000 targets of a text of 100,000 characters of them', () => {
    const text = '全局至少1次;'.repeat(15_000);
    const started = performance.now();
    const quotas = readQuotas(text);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(quotas).toHaveLength(1000);
    expect(quotas[999]).toEqual({ target: 1, unit: '次', period: 'once', kind: 'count', source: '全局至少1次', scope: 'whole' });
  });
});
