/**
 * Unit expressions as the real plans write them (test/fixtures/, copies of ../shared/seeds/):
 * names split at line breaks and spaces without splitting a name the PDF broke, 等… lists,
 * units in brackets after an item, groups, and what is never a unit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findUnitClause, readGroupRef, readResponsibility, splitAtBreaks, unitNameProblem } from '../../plans/units';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8');

/** A unit cell as the fixture prints it, checked to be there so the test reads what the document says. */
function cellOf(text: string, cell: string): string {
  expect(text, 'the fixture holds this cell').toContain(cell);
  return cell;
}

describe('a break between two names splits them; a break inside a name does not', () => {
  it.each<[string, string[]]>([
    // between names: the name before the break is complete, the piece after starts a new one
    ['房监科\n建工科', ['房监科', '建工科']],
    ['政策法规处 信息管理处', ['政策法规处', '信息管理处']],
    ['政策法规处\u3000信息管理处', ['政策法规处', '信息管理处']],
    ['政策法规处\u00a0信息管理处', ['政策法规处', '信息管理处']],
    ['房监科\r\n\r\n建工科\n\n相关科室单位', ['房监科', '建工科', '相关科室单位']],
    ['政策法规处 信息 管理处', ['政策法规处', '信息管理处']],
    ['市公安局 厦门海关', ['市公安局', '厦门海关']],
    // inside a name: the piece before the break is no complete name, or the piece after only finishes it
    ['信息管 理处', ['信息管理处']],
    ['市 信用办', ['市信用办']],
    ['局办 公室', ['局办公室']],
    ['区委 宣传部', ['区委宣传部']],
    ['高新区 管委会', ['高新区管委会']],
    ['市公共信用信息 中心', ['市公共信用信息中心']],
    ['新建商品房登记 处、测绘技术处、 抵押登记处', ['新建商品房登记处', '测绘技术处', '抵押登记处']],
  ])('%j → %j', (cell, names) => {
    expect(readResponsibility(cell)).toEqual({ lead: names, cooperating: [] });
  });

  it('reads a role word the PDF moved past a break as the role, not as a name', () => {
    expect(readResponsibility('政策法规处牵 头,中心各处室、 各分中心、各直 属单位配合')).toEqual({
      lead: ['政策法规处'],
      cooperating: ['中心各处室', '各分中心', '各直属单位'],
    });
    expect(readResponsibility('政策法规处 牵头\n信息管理处 配合')).toEqual({ lead: ['政策法规处'], cooperating: ['信息管理处'] });
    expect(readResponsibility('市信用办 (牵头)\n各区政府')).toEqual({ lead: ['市信用办'], cooperating: ['各区政府'] });
  });

  it('keeps the cleaning of the rest: full-width forms, and a space between Latin words', () => {
    expect(splitAtBreaks('责任单位：市信用办，\n市公共信用信息中心')).toBe('责任单位:市信用办,\n市公共信用信息中心');
    expect(splitAtBreaks('  IBM China  ')).toBe('IBM China');
    expect(readResponsibility('（1）市营商局\n（2）市司法局等、各责任单位')).toEqual({
      lead: ['市营商局', '市司法局', '各责任单位'],
      cooperating: [],
      openEnded: ['等'],
    });
  });
});

describe('等… lists: the units named, and the list marked open', () => {
  it.each<[string, string[], string[], string[]]>([
    ['房监科、建工科等科室', ['房监科', '建工科'], [], ['等科室']],
    ['局办公室、建工科、房监科等相关科室', ['局办公室', '建工科', '房监科'], [], ['等相关科室']],
    ['牵头科室:局办公室,责任科室:房监科、建工科、市燃气办等科室和单位', ['局办公室'], ['房监科', '建工科', '市燃气办'], ['等科室和单位']],
    [
      '市司法局、市住建局、市人社局、市文旅广电局、市市场监管局等部门',
      ['市司法局', '市住建局', '市人社局', '市文旅广电局', '市市场监管局'],
      [],
      ['等部门'],
    ],
    ['区教育局、区人民法院等按职责分工推进', ['区教育局', '区人民法院'], [], ['等']],
  ])('%s', (text, lead, cooperating, openEnded) => {
    expect(readResponsibility(text)).toEqual({ lead, cooperating, openEnded });
  });

  it('leaves a closed list without the flag, and a 等 inside a name alone', () => {
    expect(readResponsibility('房监科、建工科')).toEqual({ lead: ['房监科', '建工科'], cooperating: [] });
    expect(readResponsibility('市中等职业学校')).toEqual({ lead: ['市中等职业学校'], cooperating: [] });
  });
});

describe('groups written as lists', () => {
  it('各镇、街道、开发区 are three groups', () => {
    const read = readResponsibility('牵头单位:区发改局责任单位:区委办,各镇、街道、开发区');
    expect(read).toEqual({ lead: ['区发改局'], cooperating: ['区委办', '各镇', '各街道', '各开发区'] });
    expect(read.cooperating.slice(1).map((name) => readGroupRef(name)?.kinds)).toEqual([['government'], ['government'], null]);
  });

  it.each<[string, boolean]>([
    ['局机关各科室', false],
    ['局机关各相关科室', false],
    ['局属各单位', false],
    ['局属各相关单位', false],
    ['各成员单位', true],
    ['各有关单位', false],
    ['各县市区政府', false],
    ['各县市区人民政府', false],
    ['有关部门', false],
    ['各责任单位', false],
    ['其他行业主管部门', false],
  ])('%s is a group', (name, everyUnit) => {
    expect(readGroupRef(name)?.everyUnit).toBe(everyUnit);
  });

  it('各责任单位 is a group, not a 责任单位 label', () => {
    expect(readResponsibility('市信用办、各责任单位')).toEqual({ lead: ['市信用办', '各责任单位'], cooperating: [] });
  });

  it('reads "each by its duties" as naming no unit', () => {
    expect(readResponsibility('各有关部门按照职责分工分别负责')).toEqual({ lead: ['各有关部门'], cooperating: [] });
  });
});

describe('huaihua-2020-housing-plan.txt', () => {
  const text = fixture('huaihua-2020-housing-plan.txt');
  const tasks = text.slice(text.indexOf('三、工作任务'), text.indexOf('四、工作要求'));
  const items = tasks.split('\n').filter((line) => /^(?:\([一二三四五六七]\)|\d\.)/.test(line));

  it('reads the units closing every item of 三、工作任务', () => {
    const read = items.map((item) => {
      const clause = findUnitClause(item);
      return clause && { ...clause.units, extras: clause.extras };
    });
    const office = { lead: ['局办公室'], cooperating: [], extras: ['完成时限:2020年8月底前'] };
    const both = (open: string, extras: string[] = []) => ({ lead: ['房监科', '建工科'], cooperating: [], openEnded: [open], extras });
    const annex = ['2020年度工作任务详见附件'];
    expect(read).toEqual([
      office, // (一)
      office, // (二)
      null, // (三) heading: no clause
      both('等科室', annex),
      both('等科室', annex),
      both('等机关科室'),
      null, // (四) heading
      { lead: ['局办公室', '建工科', '房监科'], cooperating: [], openEnded: ['等相关科室'], extras: [] },
      both('等相关科室', annex),
      both('等科室', annex),
      { lead: ['局办公室'], cooperating: ['房监科', '建工科', '市燃气办'], openEnded: ['等科室和单位'], extras: annex },
      { lead: ['行政审批科'], cooperating: ['房监科', '建工科'], openEnded: ['等科室'], extras: [] },
      null, // (五) heading
      null, // 1.事前监管 names no unit
      both('等科室'),
      null, // (六) heading
      both('等科室'),
      both('等科室'),
      null, // (七) heading
      { lead: ['房监科', '建工科', '人事科'], cooperating: [], openEnded: ['等科室'], extras: annex },
      { lead: ['房监科', '建工科'], cooperating: [], extras: [] },
    ]);
    const units = new Set(read.flatMap((r) => (r ? [...r.lead, ...r.cooperating] : [])));
    expect([...units].sort()).toEqual(['人事科', '局办公室', '市燃气办', '建工科', '房监科', '行政审批科'].sort());
  });

  it("keeps the item's text without its clause", () => {
    const clause = findUnitClause(items.find((item) => item.startsWith('5.信用主体信用承诺'))!)!;
    expect(clause.body).toBe(
      '5.信用主体信用承诺。行业管理部门应提倡和鼓励来办理业务的企业主动作出信用承诺,引导本行业协会和其他社会组织统一集中作出行业信用承诺。',
    );
    expect(clause.clause).toBe('(牵头科室:行政审批科,责任科室:房监科、建工科等科室)');
  });

  it("reads the appendix's unit cells, one unit per line", () => {
    expect(readResponsibility(cellOf(text, '房监科\n\n建工科\n\n相关科室单位'))).toEqual({
      lead: ['房监科', '建工科', '相关科室单位'],
      cooperating: [],
    });
    expect(readResponsibility(cellOf(text, '行审科\n\n房监科\n\n建工科等科室单位'))).toEqual({
      lead: ['行审科', '房监科', '建工科'],
      cooperating: [],
      openEnded: ['等科室单位'],
    });
    expect(readResponsibility(cellOf(text, '办公室\n\n建工科\n\n房监科'))).toEqual({
      lead: ['办公室', '建工科', '房监科'],
      cooperating: [],
    });
  });

  it('never takes a bracket that names no unit', () => {
    for (const item of ['特制定本方案(2015-2020年)', '领导小组下设办公室(简称“局信用办”)']) expect(findUnitClause(item)).toBeNull();
  });
});

describe('district-plan-no-line-breaks.txt', () => {
  const text = fixture('district-plan-no-line-breaks.txt');
  // Each item's units run from 牵头单位: to the next item's number (the text has no line breaks).
  const runs = [...text.matchAll(/牵头单位:.*?(?=\([一二三四五六七八九十]\)|$)/gsu)].map((m) => m[0]);

  it('reads the lead units and the long 责任单位 lists of all eight items', () => {
    expect(runs).toHaveLength(8);
    const read = runs.map((run) => readResponsibility(run));
    expect(read.map((r) => r.lead)).toEqual([
      ['区发改局'],
      ['区政府办', '区发改局'],
      ['区绩效办', '区发改局', '区软环境办'],
      ['区政府办', '区发改局', '工商分局', '区公共信息管理服务中心'],
      ['区政府办', '区人社局', '区财政局', '区商务局'],
      ['工商分局', '区发改局', '区人社局', '区民政局'],
      ['区委宣传部', '区发改局', '工商分局', '区公共信息管理服务中心'],
      [
        '区政府办',
        '区发改局',
        '区财政局',
        '区人社局',
        '食药监分局',
        '区安监局',
        '质监分局',
        '环保分局',
        '区住建局',
        '区卫计局',
        '区国税局',
        '区地税局',
      ],
    ]);
    expect(read.map((r) => r.cooperating.length)).toEqual([36, 28, 1, 28, 26, 22, 27, 1]);
    // The lists ending in 各镇、街道、开发区 end in three groups.
    for (const i of [0, 1, 3, 4, 6]) expect(read[i]!.cooperating.slice(-3)).toEqual(['各镇', '各街道', '各开发区']);
    expect(read[2]!.cooperating).toEqual(['各相关单位']);
    expect(read[5]!.cooperating.at(-1)).toBe('区人民法院');
    expect(read[5]!.openEnded).toEqual(['等']);
  });

  it('finds nothing in those lists that cannot be a unit but the name the file cuts off', () => {
    const names = runs.flatMap((run) => {
      const r = readResponsibility(run);
      return [...r.lead, ...r.cooperating];
    });
    const flagged = names.map((name) => [name, unitNameProblem(name, 2020)]).filter(([, problem]) => problem !== null);
    // The seed ends in the middle of 区教育局.
    expect(flagged).toEqual([['区教', 'unit-name-is-fragment']]);
  });
});

describe('chaoyang-2019-assessment-indicators.txt', () => {
  const text = fixture('chaoyang-2019-assessment-indicators.txt');
  const lines = text.split('\n');
  const line = (start: string) => {
    const found = lines.find((l) => l.startsWith(start));
    expect(found, start).toBeDefined();
    return found!;
  };

  it('reads the units in brackets closing a 任务分解 item', () => {
    expect(findUnitClause(line('收集整理贯彻落实文件'))).toMatchObject({
      body: '收集整理贯彻落实文件',
      units: { lead: ['市信用办'], cooperating: [] },
    });
    expect(findUnitClause(line('1)整理开展城市接力'))).toMatchObject({
      body: '1)整理开展城市接力、宣传教育、百城万企亮信用材料。',
      units: { lead: ['市信用办', '市文明办', '市委宣传部'], cooperating: [] },
      clause: '(市信用办、市文明办、市委宣传部)',
    });
    expect(findUnitClause(line('(2)信用记录'))?.units).toEqual({ lead: ['市政府经济发展信息中心'], cooperating: [] });
    expect(findUnitClause(line('(4)红黑名单:提供认定标准、名单和平台截图'))?.units).toEqual({ lead: ['各责任单位'], cooperating: [] });
  });

  it('takes no bracket that is part of a sentence or says what to provide', () => {
    expect(findUnitClause(line('2)信息公示:在信用门户网站'))).toBeNull(); // (提供网址和网页截图)
    expect(findUnitClause(line('第七大部分金融生态环境建设'))).toBeNull(); // 市发改委(金融发展局) inside the sentence
  });

  it.each<[string, string[], string[]?]>([
    ['各有关单位', ['各有关单位']],
    [
      '市委组织部\n\n各县市区人民政府\n\n市营商局\n\n市政府经济发展信息中心',
      ['市委组织部', '各县市区人民政府', '市营商局', '市政府经济发展信息中心'],
    ],
    [
      '市司法局、市政府经济发展信息中心、市中级人民法院、市检察院、市公安局、市民政局,各县市区政府。',
      ['市司法局', '市政府经济发展信息中心', '市中级人民法院', '市检察院', '市公安局', '市民政局', '各县市区政府'],
    ],
    ['市发改委(金融发展局)、人行朝阳市中心支行', ['市发改委(金融发展局)', '人行朝阳市中心支行']],
    ['市市场监管局、市营商局、市编委办、市民政局', ['市市场监管局', '市营商局', '市编委办', '市民政局']],
    ['(1)市营商局\n\n(2)市司法局等、各责任单位', ['市营商局', '市司法局', '各责任单位'], ['等']],
    ['各县市区政府、市社会信用体系建设领导小组各成员单位,有关单位。', ['各县市区政府', '市社会信用体系建设领导小组各成员单位', '有关单位']],
    [
      '市信用办、各县市区政府及市社会信用体系建设领导小组各成员单位、有关部门。',
      ['市信用办', '各县市区政府', '市社会信用体系建设领导小组各成员单位', '有关部门'],
    ],
  ])('责任单位 cell %j', (cell, lead, openEnded) => {
    const read = readResponsibility(cellOf(text, cell));
    expect(read).toEqual(openEnded ? { lead, cooperating: [], openEnded } : { lead, cooperating: [] });
    for (const name of lead) expect(unitNameProblem(name, 2019), name).toBeNull();
  });

  it('reads a 责任单位 cell listed by domain without taking the domains for units', () => {
    const start = text.indexOf('责任单位包括:');
    const cell = text.slice(start, text.indexOf('各县市区政府。', start) + '各县市区政府。'.length);
    expect(readResponsibility(cell)).toEqual({
      lead: [
        '市应急管理局',
        '市市场监管局',
        '农业农村局',
        '市商务局',
        '市税务局',
        '市发改委',
        '市住建局',
        '市公共资源交易中心',
        '市财政局',
        '市交通局',
        '市司法局',
        '市人社局',
        '市文旅广电局',
        '商务局',
        '其他行业主管部门',
        '各县市区政府',
      ],
      cooperating: [],
      openEnded: ['等部门'],
    });
  });
});

describe('linear time on adversarial cells', () => {
  function within<T>(ms: number, run: () => T): T {
    const start = performance.now();
    const result = run();
    expect(performance.now() - start).toBeLessThan(ms);
    return result;
  }

  it('100,000 breaks between digits: the end of the growing text was read once per break (270 ms at 25,000; found by the fault drill)', () => {
    const text = `每个${'0\t'.repeat(100_000)}完成`;
    expect(within(1000, () => splitAtBreaks(text))).toBe(`每个${'0 '.repeat(99_999)}0完成`);
    expect(within(1000, () => readResponsibility(`${'政策 '.repeat(50_000)}处`).lead)).toHaveLength(1);
  });

  it('a name closed by 100,000 brackets: the opening bracket was looked for once per closing one', () => {
    expect(within(500, () => readResponsibility(`办公室${')'.repeat(100_000)}`))).toEqual({ lead: ['办公室'], cooperating: [] });
    expect(within(500, () => findUnitClause(`事项(市信用办${')'.repeat(50_000)}`))).toBeNull();
  });
});

describe('short names of county offices (股) and villages', () => {
  it('reads 法规股 and 综合股 as units, as before the splitting was made stricter', () => {
    expect(readResponsibility('法规股、综合股')).toEqual({ lead: ['法规股', '综合股'], cooperating: [] });
    expect(unitNameProblem('法规股', 2026)).toBeNull();
    expect(unitNameProblem('东村', 2026)).toBeNull();
  });
});

describe('the text left when the unit clause is taken off', () => {
  it('keeps one full stop where the clause stood between two', () => {
    expect(findUnitClause('推进信用建设。(责任单位:市信用办)。')?.body).toBe('推进信用建设。');
    expect(findUnitClause('推进信用建设(责任单位:市信用办)。')?.body).toBe('推进信用建设。');
  });
});
