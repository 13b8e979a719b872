/**
 * Assessment columns of a table (issue 13 item 6): 分值 → task points, 评分标准 / 评分细则 →
 * ignored scoring rules (never requirements), 任务分解 → requirements with the units in
 * their closing parentheses, 考核要求 / 佐证材料 → requirement evidence.
 */
import { describe, expect, it } from 'vitest';
import { parseTable, readTaskHeading } from '../../plans/table';
import type { Grid } from '../../plans/grid';

function grid(rows: string[][], file = 'indicators.xlsx'): Grid {
  return { where: { file }, rows: rows.map((cells, i) => ({ number: i + 1, cells: cells.map((text) => ({ text, mergedFrom: null })) })) };
}

const HEADER = ['项目', '分值', '评估内容', '评分标准', '评分细则', '任务分解', '责任单位'];

describe('an indicator table', () => {
  const plan = parseTable(
    grid([
      ['社会信用体系建设示范城市评估指标细则(2019年版)及任务分解'],
      HEADER,
      [
        '一、政务诚信建设',
        '6',
        '政务诚信建设的举措和成效',
        '【有公务员诚信档案】\n·建立公务员诚信档案的,得2分。',
        '1)诚信档案按比例得分,最高得1分。',
        '(1)由市委组织部提供市公务员信息。\n(2)建立诚信档案(市信用办、市文明办)。',
        '市委组织部',
      ],
      [
        '',
        '',
        '政策环境(3分)',
        '·地方政府是否对金融机构进行行政干预。\n2.硬性规定金融机构贷款投放的规模',
        '',
        '(1)市营商局汇总材料',
        '(1)市营商局',
      ],
      ['二、推进落实', '0.5', '推进落实(0.5分)', '·有任务分工的,得0.5分。', '', '', '市信用办'],
      ['附加项:探索创新和突出贡献', '10', '创新探索', '', '', '1、上报创新案例', '市信用办、各县市区政府'],
      ['总分', '100'],
    ]),
  );

  it('reads the tasks from 项目 without a number column, 附加项 keeping its own number', () => {
    expect(plan.tasks.map((t) => [t.number, t.title, t.points])).toEqual([
      ['一', '政务诚信建设', 6],
      ['二', '推进落实', 0.5],
      ['附加项', '探索创新和突出贡献', 10],
    ]);
    expect(plan.title).toBe('社会信用体系建设示范城市评估指标细则(2019年版)及任务分解');
    expect(plan.year).toBe(2019);
  });

  it("makes each 任务分解 item a requirement, with the units in its closing parentheses or the row's unit cell", () => {
    const [first, second, third] = plan.tasks[0]!.requirements;
    expect(first).toMatchObject({ text: '(1)由市委组织部提供市公务员信息。', lead: ['市委组织部'] });
    expect(second).toMatchObject({ text: '(2)建立诚信档案(市信用办、市文明办)。', lead: ['市信用办', '市文明办'] });
    // A unit cell numbered like the duties gives each its own line.
    expect(third).toMatchObject({ text: '(1)市营商局汇总材料', lead: ['市营商局'] });
    expect(plan.tasks[2]!.requirements.map((r) => [r.text, r.lead])).toEqual([['1、上报创新案例', ['市信用办', '各县市区政府']]]);
  });

  it('lists scoring rules as ignored, never as requirements, even one naming forbidden conduct', () => {
    const texts = plan.tasks.flatMap((t) => t.requirements.map((r) => r.text)).join('\n');
    expect(texts).not.toContain('硬性规定');
    expect(texts).not.toContain('得');
    expect(plan.ignored).toContainEqual({
      where: { file: 'indicators.xlsx', row: 4, column: 'D' },
      text: '·地方政府是否对金融机构进行行政干预。\n2.硬性规定金融机构贷款投放的规模',
      reason: 'scoring-rule',
    });
    expect(plan.ignored).toContainEqual({
      where: { file: 'indicators.xlsx', row: 3, column: 'E' },
      text: '1)诚信档案按比例得分,最高得1分。',
      reason: 'scoring-rule',
    });
    expect(plan.ignored).toContainEqual({ where: { file: 'indicators.xlsx', row: 7 }, text: '总分 100', reason: 'heading' });
  });

  it('falls back to the content when a task has no 任务分解 item', () => {
    expect(plan.tasks[1]!.requirements.map((r) => [r.text, r.lead])).toEqual([['推进落实(0.5分)', ['市信用办']]]);
  });

  it('flags a 分值 that is no number and gives the task no points', () => {
    const odd = parseTable(grid([HEADER, ['一、建设', '四分', '内容', '', '', '(1)做事(市信用办)', '']]));
    expect(odd.tasks[0]!.points).toBeNull();
    expect(odd.problems).toContainEqual({ code: 'points-unread', args: { text: '四分' }, where: { file: 'indicators.xlsx', row: 2 } });
  });

  it("names lines, not rows, when the grid is a text's table (lines: true)", () => {
    const lined = parseTable(grid([HEADER, ['一、建设', '4', '内容', '·得1分', '', '(1)做事(市信用办)', '']], 'plan.txt'), { lines: true });
    expect(lined.tasks[0]!.where).toEqual({ file: 'plan.txt', line: 2 });
    expect(lined.ignored[0]!.where).toEqual({ file: 'plan.txt', line: 2, column: 'D' });
  });
});

describe('evidence columns', () => {
  it("reads 考核要求 as the evidence of the row's requirements, not as their text", () => {
    const plan = parseTable(
      grid([
        ['序号', '任务内容', '牵头单位', '考核要求', '完成时限'],
        ['1', '召开工作部署会', '办公室', '会议纪要', '3月底前'],
        ['2', '建立制度\n①制定联合奖惩制度。\n②建立红黑名单制度。', '房监科', '出台相关文件', '12月底前'],
      ]),
      { year: 2020 },
    );
    expect(plan.tasks[0]!.requirements).toMatchObject([{ text: '召开工作部署会', evidence: '会议纪要', lead: ['办公室'] }]);
    // A content cell with ①② items: its first line is the title, each item a requirement.
    expect(plan.tasks[1]!.title).toBe('建立制度');
    expect(plan.tasks[1]!.requirements.map((r) => [r.text, r.evidence])).toEqual([
      ['①制定联合奖惩制度。', '出台相关文件'],
      ['②建立红黑名单制度。', '出台相关文件'],
    ]);
  });

  it('reads 佐证材料 beside a requirement column', () => {
    const plan = parseTable(
      grid([
        ['序号', '工作任务', '任务要求', '佐证材料', '责任单位'],
        ['1', '宣传', '①开展宣传活动', '活动照片', '市信用办'],
      ]),
    );
    expect(plan.tasks[0]!.requirements[0]).toMatchObject({ text: '①开展宣传活动', evidence: '活动照片' });
  });

  it('leaves evidence null where the plan names none', () => {
    const plan = parseTable(
      grid([
        ['序号', '工作任务', '任务要求', '责任单位'],
        ['1', '宣传', '①开展宣传活动', '市信用办'],
      ]),
    );
    expect(plan.tasks[0]!.requirements[0]!.evidence).toBeNull();
  });
});

describe('readTaskHeading', () => {
  it('reads 一、… and 附加项:…, and numbers any other title by its position', () => {
    expect(readTaskHeading('十一、工作保障和推进落实措施', 11)).toEqual({ number: '十一', title: '工作保障和推进落实措施' });
    expect(readTaskHeading('附加项:探索创新和突出贡献', 12)).toEqual({ number: '附加项', title: '探索创新和突出贡献' });
    expect(readTaskHeading('附加项', 12)).toEqual({ number: '附加项', title: '附加项' });
    expect(readTaskHeading('信用监管', 3)).toEqual({ number: '3', title: '信用监管' });
  });
});
