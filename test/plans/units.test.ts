import { describe, expect, it } from 'vitest';
import {
  aliasCandidates, classifyUnit, expandGroup, readGroupRef, readResponsibility, splitResponsibilityCell,
} from '../../plans/units';
import type { UnitKind } from '../../plans/types';

describe('readResponsibility', () => {
  it.each<[string, string[], string[]]>([
    ['政策法规处牵头,中心各处室、各分中心、各直属单位配合', ['政策法规处'], ['中心各处室', '各分中心', '各直属单位']],
    ['政策法规处牵 头,中心各处室、 各分中心、各直 属单位配合', ['政策法规处'], ['中心各处室', '各分中心', '各直属单位']],
    ['新建商品房登记处牵头,信息管理处配合', ['新建商品房登记处'], ['信息管理处']],
    ['人力资源处牵头、政策法规处配合', ['人力资源处'], ['政策法规处']],
    ['新建商品房登记 处、测绘技术处、 抵押登记处', ['新建商品房登记处', '测绘技术处', '抵押登记处'], []],
    ['责任单位:市信用办,市公共信用信息中心', ['市信用办', '市公共信用信息中心'], []],
    ['牵头科室:局办公室', ['局办公室'], []],
    ['牵头单位:区发改局责任单位:区委办、区政府办', ['区发改局'], ['区委办', '区政府办']],
    ['牵头单位:区发改局;配合单位:区财政局', ['区发改局'], ['区财政局']],
    ['市信用办(牵头),各区政府', ['市信用办'], ['各区政府']],
    ['市司法局和市场监管局', ['市司法局', '市场监管局'], []],
    ['市委编办,市民政局、司法局', ['市委编办', '市民政局', '司法局'], []],
    ['政策法规处牵头,政策法规处、信息管理处配合', ['政策法规处'], ['信息管理处']],
    ['', [], []],
  ])('%s', (text, lead, cooperating) => {
    expect(readResponsibility(text)).toEqual({ lead, cooperating });
  });
});

describe('splitResponsibilityCell: the units of several requirements in one cell', () => {
  it('one expression per line, in order (seed row 16)', () => {
    expect(splitResponsibilityCell('各业务处室、各分中心、各直属单位\n政策法规处', 2)).toEqual(['各业务处室、各分中心、各直属单位', '政策法规处']);
  });

  it('joins lines the PDF broke inside a name before counting', () => {
    expect(splitResponsibilityCell('各业务处室、各\n分中心、各直属\n单位\n政策法规处', 2)).toEqual(['各业务处室、各分中心、各直属单位', '政策法规处']);
    expect(splitResponsibilityCell('政策法规处牵\n头,中心各处室、\n各分中心、各直\n属单位配合', 2)).toBeNull();
  });

  it('returns null when the cell does not hold one expression per requirement', () => {
    expect(splitResponsibilityCell('办公室', 2)).toBeNull();
    expect(splitResponsibilityCell('办公室\n政策法规处\n信息管理处', 2)).toBeNull();
  });
});

describe('groups', () => {
  it.each<[string, UnitKind[] | null, boolean]>([
    ['中心各处室', ['division'], false],
    ['各业务处室', ['division'], false],
    ['各科室', ['division'], false],
    ['各分中心', ['branch'], false],
    ['各直属单位', ['affiliate'], false],
    ['各区政府', ['government'], false],
    ['相关科室单位', null, false],
    ['各有关单位', null, false],
    ['领导小组各成员单位', null, true],
    ['市社会信用体系建设工作领导小组各成员单位', null, true],
  ])('%s', (name, kinds, everyUnit) => {
    expect(readGroupRef(name)).toEqual({ name, kinds, everyUnit });
  });

  it('a unit\'s own name is no group', () => {
    for (const name of ['政策法规处', '市信用办', '各分中心办公室', '厦门国信信用大数据创新研究院']) expect(readGroupRef(name)).toBeNull();
  });

  it('expands against the plan\'s units by kind, in plan order', () => {
    const units = ['政策法规处', '鼓楼分中心', '办公室', '市公共信用信息中心', '测绘院直属单位'].map((name) => ({ name, kind: classifyUnit(name) }));
    expect(expandGroup(readGroupRef('中心各处室')!, units)).toEqual(['政策法规处', '办公室']);
    expect(expandGroup(readGroupRef('各分中心')!, units)).toEqual(['鼓楼分中心']);
    expect(expandGroup(readGroupRef('各直属单位')!, units)).toEqual(['测绘院直属单位']);
    expect(expandGroup(readGroupRef('领导小组各成员单位')!, units)).toEqual(units.map((u) => u.name));
    expect(expandGroup(readGroupRef('各有关单位')!, units)).toEqual([]);
  });
});

describe('classifyUnit', () => {
  it.each<[string, UnitKind]>([
    ['政策法规处', 'division'], ['办公室', 'division'], ['信息科', 'division'], ['鼓楼分中心', 'branch'],
    ['市信用办', 'bureau'], ['市司法局', 'bureau'], ['市发改委', 'bureau'], ['市公共信用信息中心', 'center'],
    ['金圆集团', 'enterprise'], ['国网厦门供电公司', 'enterprise'], ['思明区人民政府', 'government'], ['火炬管委会', 'other'],
  ])('%s → %s', (name, kind) => {
    expect(classifyUnit(name)).toBe(kind);
  });
});

describe('aliasCandidates', () => {
  it('pairs a name with the same name less a level prefix, and nothing else', () => {
    expect(aliasCandidates(['局办公室', '办公室', '市司法局', '司法局', '市场监管局', '市委编办'])).toEqual([
      { longer: '局办公室', shorter: '办公室' },
      { longer: '市司法局', shorter: '司法局' },
    ]);
  });
});
