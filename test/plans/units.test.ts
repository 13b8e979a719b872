import { describe, expect, it } from 'vitest';
import {
  aliasCandidates,
  classifyUnit,
  distributePrefix,
  expandGroup,
  findUnitClause,
  MAX_UNIT_NAME,
  readGroupRef,
  readResponsibility,
  splitResponsibilityCell,
  unitNameProblem,
  type UnitNameProblem,
} from '../../plans/units';
import type { UnitKind } from '../../core/plan-types';

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
    expect(splitResponsibilityCell('各业务处室、各分中心、各直属单位\n政策法规处', 2)).toEqual([
      '各业务处室、各分中心、各直属单位',
      '政策法规处',
    ]);
  });

  it('joins lines the PDF broke inside a name before counting', () => {
    expect(splitResponsibilityCell('各业务处室、各\n分中心、各直属\n单位\n政策法规处', 2)).toEqual([
      '各业务处室、各分中心、各直属单位',
      '政策法规处',
    ]);
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

  it("a unit's own name is no group", () => {
    for (const name of ['政策法规处', '市信用办', '各分中心办公室', '厦门国信信用大数据创新研究院']) expect(readGroupRef(name)).toBeNull();
  });

  it("expands against the plan's units by kind, in plan order", () => {
    const units = ['政策法规处', '鼓楼分中心', '办公室', '市公共信用信息中心', '测绘院直属单位'].map((name) => ({
      name,
      kind: classifyUnit(name),
    }));
    expect(expandGroup(readGroupRef('中心各处室')!, units)).toEqual(['政策法规处', '办公室']);
    expect(expandGroup(readGroupRef('各分中心')!, units)).toEqual(['鼓楼分中心']);
    expect(expandGroup(readGroupRef('各直属单位')!, units)).toEqual(['测绘院直属单位']);
    expect(expandGroup(readGroupRef('领导小组各成员单位')!, units)).toEqual(units.map((u) => u.name));
    expect(expandGroup(readGroupRef('各有关单位')!, units)).toEqual([]);
  });
});

describe('classifyUnit', () => {
  it.each<[string, UnitKind]>([
    ['政策法规处', 'division'],
    ['办公室', 'division'],
    ['信息科', 'division'],
    ['鼓楼分中心', 'branch'],
    ['市信用办', 'bureau'],
    ['市司法局', 'bureau'],
    ['市发改委', 'bureau'],
    ['市公共信用信息中心', 'center'],
    ['金圆集团', 'enterprise'],
    ['国网厦门供电公司', 'enterprise'],
    ['思明区人民政府', 'government'],
    ['火炬管委会', 'other'],
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

describe('unitNameProblem', () => {
  it.each<[string, UnitNameProblem]>([
    ['处', 'unit-name-too-short'],
    ['头', 'unit-name-too-short'],
    ['市'.repeat(MAX_UNIT_NAME) + '局', 'unit-name-too-long'],
    ['①政策法规处', 'unit-name-is-requirement'],
    ['12月底前', 'unit-name-is-deadline'],
    ['2020年8月底前', 'unit-name-is-deadline'],
    ['2020年度工作任务详见附件', 'unit-name-is-reference'],
    ['联络员名单见附件1', 'unit-name-is-reference'],
    ['陆安智同志', 'unit-name-is-person'],
    ['李显军副局长', 'unit-name-is-person'],
    ['按分管领域提供信易+佐证材料', 'unit-name-is-sentence'],
    ['简称“局信用办”', 'unit-name-is-sentence'],
    ['组长:李建国', 'unit-name-is-sentence'],
    ['其他各县市区提供一个领域的实质性开展工作的证明材料', 'unit-name-is-sentence'],
    ['属单位', 'unit-name-is-fragment'],
    ['和市司法局', 'unit-name-is-fragment'],
    ['区教', 'unit-name-is-fragment'],
    ['2015-2020年', 'unit-name-is-fragment'],
    ['单位', 'unit-name-is-fragment'],
    ['A-1', 'unit-name-is-fragment'],
  ])('%s: %s', (name, reason) => {
    expect(unitNameProblem(name, 2020)).toBe(reason);
  });

  it('passes the units and groups the real plans name', () => {
    const names = [
      '政策法规处',
      '办公室',
      '局办公室',
      '房监科',
      '行审科',
      '市燃气办',
      '市信用办',
      '市公共信用信息中心',
      '金圆集团',
      '国网厦门供电公司',
      '厦门海关',
      '人行厦门市中心支行',
      '火炬管委会',
      '自贸委',
      '厦门国信信用大数据创新研究院',
      '市发改委(金融发展局)',
      '区人民法院',
      '公安分局',
      '市社会信用体系建设工作领导小组各成员单位',
      '各有关单位',
      '相关科室单位',
      '各镇',
      '各街道',
      '各开发区',
      '办公室主任',
      '市组织机构统一社会信用代码服务中心',
    ];
    expect(names.filter((name) => unitNameProblem(name, 2020) !== null)).toEqual([]);
  });
});

describe('findUnitClause', () => {
  it.each<[string, string, string[], string[]]>([
    ['召开会议(X局、Y局牵头负责,Z局参加)', '召开会议', ['X局', 'Y局'], ['Z局']],
    ['建立制度(市营商局负责)', '建立制度', ['市营商局'], []],
    ['建立制度(由市营商局负责)。', '建立制度。', ['市营商局'], []],
    ['报送信息(责任单位:市信用办,市公共信用信息中心)', '报送信息', ['市信用办', '市公共信用信息中心'], []],
    ['收集整理贯彻落实文件（市信用办）', '收集整理贯彻落实文件', ['市信用办'], []],
    ['整理材料(市信用办、市文明办、市委宣传部)。 ', '整理材料。', ['市信用办', '市文明办', '市委宣传部'], []],
    ['报送(市发改委(金融发展局)、人行朝阳市中心支行)', '报送', ['市发改委(金融发展局)', '人行朝阳市中心支行'], []],
    ['贯彻落实(各有关部门按照职责分工分别负责)', '贯彻落实', ['各有关部门'], []],
  ])('%s', (text, body, lead, cooperating) => {
    const found = findUnitClause(text);
    expect(found?.body).toBe(body);
    expect(found?.units).toEqual({ lead, cooperating });
  });

  it('keeps the clause as written and the parts that name no unit', () => {
    expect(findUnitClause('制定方案。（牵头科室：局办公室；完成时限：2020年8月底前）')).toEqual({
      body: '制定方案。',
      units: { lead: ['局办公室'], cooperating: [] },
      clause: '（牵头科室：局办公室；完成时限：2020年8月底前）',
      extras: ['完成时限:2020年8月底前'],
    });
  });

  it.each([
    '社会信用体系建设规划(2015-2020年)',
    '领导小组下设办公室(简称“局信用办”)',
    '报送领导组织、联络员名单(联络员名单见附件1)',
    '研究制定信用制度(制度标准详见附件2)',
    '公示信用信息(提供网址和网页截图)。',
    '(完成时限:2020年8月底前)',
    '由市发改委(金融发展局)、人行朝阳市中心支行准备材料', // the bracket is inside the sentence
    '收集文件(市信用办)并报送', // text follows the bracket
    '收集文件市信用办)', // no opening bracket
    '收集文件()',
    '',
  ])('%j holds no unit clause', (text) => {
    expect(findUnitClause(text)).toBeNull();
  });
});

describe('distributePrefix', () => {
  const xiamen = [
    '市委编办',
    '市民政局',
    '市司法局',
    '市税务局',
    '市信用办',
    '市公共信用信息中心',
    '市金融监管局',
    '人行厦门市中心支行',
    '厦门银保监局',
    '市发改委',
  ];
  const names = (list: { name: string }[]) => list.map((entry) => entry.name);

  it('gives the names after a prefixed one its prefix, keeping how each was written', () => {
    expect(distributePrefix(['市委编办', '市民政局', '司法局', '农业农村局', '市场监管局', '税务局'], xiamen)).toEqual([
      { name: '市委编办', written: '市委编办' },
      { name: '市民政局', written: '市民政局' },
      { name: '市司法局', written: '司法局' },
      { name: '市农业农村局', written: '农业农村局' },
      { name: '市场监管局', written: '市场监管局' },
      { name: '市税务局', written: '税务局' },
    ]);
  });

  it("distributes 区 and 县 the same way, but not to a higher bureau's 分局", () => {
    const district = ['区发改局', '区民政局', '区财政局', '公安分局'];
    expect(names(distributePrefix(['区发改局', '司法局', '公安分局', '财政局'], district))).toEqual([
      '区发改局',
      '区司法局',
      '公安分局',
      '财政局',
    ]);
    expect(names(distributePrefix(['县教育局', '科技局'], ['县教育局', '县科技局']))).toEqual(['县教育局', '县科技局']);
  });

  it("leaves a name with a place of its own, after a name without the prefix, or when the plan's units do not carry it", () => {
    expect(names(distributePrefix(['市金融监管局', '厦门银保监局'], xiamen))).toEqual(['市金融监管局', '厦门银保监局']);
    expect(names(distributePrefix(['金圆集团', '自贸委', '火炬管委会'], xiamen))).toEqual(['金圆集团', '自贸委', '火炬管委会']);
    expect(names(distributePrefix(['司法局', '市民政局'], xiamen))).toEqual(['司法局', '市民政局']);
    expect(names(distributePrefix(['市民政局', '各有关单位', '政策法规处'], xiamen))).toEqual(['市民政局', '各有关单位', '政策法规处']);
    expect(names(distributePrefix(['市民政局', '司法局'], ['财政局', '税务局', '市民政局']))).toEqual(['市民政局', '司法局']);
    // …unless the prefixed name is itself one of the plan's units.
    expect(names(distributePrefix(['市民政局', '司法局'], ['财政局', '税务局', '市民政局', '市司法局']))).toEqual(['市民政局', '市司法局']);
  });
});
