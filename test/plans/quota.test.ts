import { describe, expect, it } from 'vitest';
import { readQuota } from '../../plans/quota';

describe('readQuota', () => {
  it.each([
    [
      '①按月将…查询的案例反馈政策法规处。全年不少于10例。',
      { target: 10, unit: '例', period: 'year', kind: 'count', source: '全年不少于10例', scope: 'each' },
    ],
    [
      '按月将案例反馈政策法规处,全年不少于6例(优先选择…)',
      { target: 6, unit: '例', period: 'year', kind: 'count', source: '全年不少于6例', scope: 'each' },
    ],
    [
      '①通过市级以上媒体进行诚信宣传,全年不少于2次。',
      { target: 2, unit: '次', period: 'year', kind: 'count', source: '全年不少于2次', scope: 'each' },
    ],
    [
      '①至少召开两次社会信用体系建设工作会议。',
      { target: 2, unit: '次', period: 'once', kind: 'count', source: '至少召开两次', scope: 'each' },
    ],
    [
      '每月至少在网站发布信用信息1篇',
      { target: 1, unit: '篇', period: 'month', kind: 'count', source: '每月至少在网站发布信用信息1篇', scope: 'each' },
    ],
    ['每年至少推送1个典型案例', { target: 1, unit: '个', period: 'year', kind: 'count', source: '每年至少推送1个', scope: 'each' }],
    ['全年不少于十二篇', { target: 12, unit: '篇', period: 'year', kind: 'count', source: '全年不少于十二篇', scope: 'each' }],
    ['双公示信息公示率达到100%', { target: 100, unit: '%', period: 'year', kind: 'ratio', source: '达到100%', scope: 'each' }],
    ['信用承诺覆盖率不低于30%', { target: 30, unit: '%', period: 'year', kind: 'ratio', source: '不低于30%', scope: 'each' }],
    ['每季度至少报送1次', { target: 4, unit: '次', period: 'year', kind: 'count', source: '每季度至少报送1次', scope: 'each' }],
  ])('%s', (text, quota) => {
    expect(readQuota(text)).toEqual(quota);
  });

  it.each([
    '一年内受到行政处罚数量在60次以上', // a description, not a target
    '受到3个及以上部门处罚',
    '制定2020年社会信用体系建设工作方案。',
    '至少召开会议。', // no number
    '全年不少于-3例',
    '不低于150%',
    '',
  ])('no quota in "%s"', (text) => {
    expect(readQuota(text)).toBeNull();
  });

  it('does not take a period word from another sentence', () => {
    expect(readQuota('每月报送信息。至少召开两次会议')).toMatchObject({ target: 2, period: 'once' });
  });
});
