/**
 * Tables printed one cell per paragraph (plans/paragraph-table.ts): found by their header,
 * rebuilt cell by cell, every line in a cell or listed as ignored (issue 13 item 2).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cleanText } from '../../plans/normalize';
import { findParagraphTable, isUnitLine, type ParagraphTable } from '../../plans/paragraph-table';

const HUAIHUA = readFileSync(new URL('../fixtures/huaihua-2020-housing-plan.txt', import.meta.url), 'utf8');
const CHAOYANG = readFileSync(new URL('../fixtures/chaoyang-2019-assessment-indicators.txt', import.meta.url), 'utf8');

function cells(table: ParagraphTable): string[][] {
  return table.grid.rows.map((row) => row.cells.map((cell) => cell.text));
}

/** Every non-blank line of [start, end) is in a cell or in `ignored`, and nothing else is. */
function expectEveryLinePlaced(lines: string[], table: ParagraphTable): void {
  const [header, ...body] = table.grid.rows;
  const bodyStart = body[0]!.number - 1;
  const clean = (from: number, to: number) =>
    lines
      .slice(from, to)
      .map((line) => cleanText(line))
      .filter((line) => line !== '');
  // The header's names, some broken over two lines (责任 / 单位).
  expect(header!.cells.map((cell) => cell.text).join('')).toBe(clean(table.start, bodyStart).join(''));
  const placed: string[] = [];
  for (const row of body) for (const cell of row.cells) if (cell.text !== '') placed.push(...cell.text.split('\n'));
  placed.push(...table.ignored.map((line) => line.text));
  expect(placed.sort()).toEqual(clean(bodyStart, table.end).sort());
}

describe('the Huaihua appendix table (序号 / 任务内容 / 牵头单位 / 责任 单位 / 考核要求 / 完成时限)', () => {
  const lines = HUAIHUA.split('\n');
  const table = findParagraphTable(lines, 'huaihua.txt')!;

  it('finds the header after the prose, joining a name broken over two lines (责任 / 单位)', () => {
    expect(table).not.toBeNull();
    expect(lines[table.start]).toBe('序号');
    expect(cells(table)[0]).toEqual(['序号', '任务内容', '牵头单位', '责任单位', '考核要求', '完成时限']);
    expect(table.end).toBe(lines.length);
  });

  it('rebuilds its ten rows, a ①② line after the unit cell opening a sub-row of the same task', () => {
    const numbers = cells(table)
      .slice(1)
      .map((row) => row[0])
      .filter((n) => n !== '');
    expect(numbers).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    const [, , , , row4, row4b] = cells(table);
    expect(row4).toEqual([
      '4',
      '建立健全信用体系建设管理制度\n①明确制定联合奖惩工作制度。\n②建立行业红黑名单制度,完善守信激励和失信惩戒机制。\n③建立行业红黑名单的跨部门应用和失信联合惩戒的跨部门联动工作机制。',
      '房监科',
      '建工科\n相关科室单位',
      '根据《怀化市信用办关于印发〈怀化市2020年社会信用体系建设工作考核指标〉的通知》(怀信办发〔2020〕1号)精神,结合本科室行业管理工作情况,出台相关文件。',
      '',
    ]);
    expect(row4b!.slice(0, 2)).toEqual(['', '④制定本单位其他信用相关制度']);
    expect(table.grid.rows[5]!.number).toBe(163); // the ④ line, 1-based
  });

  it('gives the first unit line to 牵头单位 and the rest, one per line, to 责任单位', () => {
    expect(cells(table)[1]!.slice(2, 5)).toEqual(['办公室', '', '工作方案']);
    expect(cells(table)[2]!.slice(2, 5)).toEqual(['办公室', '建工科', '会议纪要']);
    const row6 = cells(table).find((row) => row[0] === '6')!;
    expect(row6.slice(2, 5)).toEqual(['行审科', '房监科\n建工科等科室单位', '扫描资料上传并存档记录']);
  });

  it('puts every line of the table in a cell', () => {
    expectEveryLinePlaced(lines, table);
  });
});

describe('the Chaoyang indicator table (项目 / 分值 / 评估内容 / 评分标准 / 评分细则 / 任务分解 / 责任单位)', () => {
  const lines = CHAOYANG.split('\n');
  const table = findParagraphTable(lines, 'chaoyang.txt')!;
  const rows = cells(table);

  it('lists the header repeated at a page break as ignored headings, and ends at the total row', () => {
    expect(table.ignored.map((line) => line.text)).toEqual(['项目', '分值', '评估内容', '评分标准', '评分细则', '任务分解', '责任单位']);
    expect(table.ignored.every((line) => line.reason === 'heading')).toBe(true);
    expect(lines[table.end - 1]).toBe('总分');
    expectEveryLinePlaced(lines, table);
  });

  it('tells 评分细则 from 任务分解 by the numbering restarting at 1', () => {
    const row3 = rows.find((row) => row[0] === '三、政务诚信建设')!;
    expect(row3[4]!.split('\n').map((line) => line.slice(0, 2))).toEqual(['1)', '2)', '3)', '4)']);
    expect(row3[5]!.split('\n').map((line) => line.slice(0, 3))).toEqual(['(1)', '(2)', '3)各', '4)政', '5)县']);
    expect(row3[6]).toBe('市委组织部\n各县市区人民政府\n市营商局\n市政府经济发展信息中心');
  });

  it('opens a sub-row at a paragraph followed by 【…】 (项目 and 分值 merged above)', () => {
    const seventh = rows.findIndex((row) => row[0]!.startsWith('七、'));
    expect(rows.slice(seventh, seventh + 3).map((row) => [row[0], row[1], row[2]])).toEqual([
      ['七、金融生态环境建设(由人民银行评分)', '10', '信用环境(4分)'],
      ['', '', '法治环境(3分)'],
      ['', '', '政策环境(3分)'],
    ]);
  });

  it('keeps the numbered sub-rules of a "·" rule in 评分标准, out of 任务分解 (conduct that loses points)', () => {
    const policy = rows.find((row) => row[2] === '政策环境(3分)')!;
    expect(policy[3]).toContain('2.硬性规定金融机构贷款投放的规模');
    expect(policy[3]).toContain('4.发生金融风险未能有效处置');
    expect(policy[5]).toBe('第七大部分金融生态环境建设由市发改委(金融发展局)、人行朝阳市中心支行根据评分标准和细则逐项准备材料');
  });

  it('reads a unit cell numbered like the duties, from its (1) line on', () => {
    const ninth = rows.find((row) => row[0]!.startsWith('九、'))!;
    expect(ninth[6]!.split('\n')[0]).toBe('(1)市信用办、市政府经济发展信息中心、市公安局;');
    expect(ninth[6]!.split('\n').at(-1)).toBe('(4)人行朝阳市中心支行');
    expect(ninth[5]!.startsWith('(1)诚信分')).toBe(true);
  });

  it('puts a lone middle paragraph that gives points in 评分细则, one that assigns work in 任务分解', () => {
    const progress = rows.find((row) => row[2] === '推进落实(3分)')!;
    expect(progress[4]).toMatch(/^1\)有详细的示范创建工作任务分工的,得0.5分/);
    expect(progress[5]).toBe('');
    const bonus = rows.find((row) => row[0] === '附加项:探索创新和突出贡献')!;
    expect(bonus[4]).toBe('');
    expect(bonus[5]!.split('\n').map((line) => line.slice(0, 2))).toEqual(['1、', '2、']);
  });
});

describe('findParagraphTable on small texts', () => {
  const table = (...lines: string[]) => findParagraphTable(lines, 't.txt');

  it('returns null for prose, for a header of fewer than three columns, and for names that say nothing of the task', () => {
    expect(table('一、工作目标', '(一)推进工作。(责任单位:市信用办)')).toBeNull();
    expect(table('序号', '工作任务', '1', '推进工作')).toBeNull();
    expect(table('序号', '完成时限', '责任单位', '1', '3月底前')).toBeNull();
  });

  it('ends the table at the next attachment label, and lines from `from` on are searched', () => {
    const lines = ['序号', '工作任务', '责任单位', '1', '推进工作', '市信用办', '附件2', '序号'];
    const found = findParagraphTable(lines, 't.txt')!;
    expect(found.end).toBe(6);
    expect(cells(found).slice(1)).toEqual([['1', '推进工作', '市信用办']]);
    expect(findParagraphTable(lines, 't.txt', { from: 1 })).toBeNull();
  });

  it('opens rows only at the next number: a stray number stays in its cell', () => {
    const found = table('序号', '工作任务', '考核要求', '责任单位', '1', '推进工作', '5', '市信用办', '2', '再推进', '市文明办')!;
    expect(cells(found).slice(1)).toEqual([
      ['1', '推进工作', '5', '市信用办'],
      ['2', '再推进', '', '市文明办'],
    ]);
  });

  it('reads a deadline column by its deadline phrases', () => {
    const found = table('序号', '工作任务', '完成时限', '责任单位', '1', '推进工作', '细化方案', '3月底前', '市信用办')!;
    expect(cells(found)[1]).toEqual(['1', '推进工作\n细化方案', '3月底前', '市信用办']);
  });

  it('stays linear on adversarial input: 30,000 header names, numbers or unit lines', () => {
    const names = Array<string>(30_000).fill('项目');
    const numbers = ['序号', '工作任务', '责任单位', ...Array.from({ length: 30_000 }, (_, i) => String((i % 999) + 1))];
    const units = ['序号', '工作任务', '责任单位', '1', ...Array<string>(30_000).fill('市信用办、市文明办')];
    const started = performance.now();
    expect(findParagraphTable(names, 't.txt')).toBeNull();
    expect(findParagraphTable(numbers, 't.txt')!.grid.rows.length).toBeGreaterThan(900);
    // The first line is the task's (工作任务 takes its first paragraph whatever it is).
    expect(findParagraphTable(units, 't.txt')!.grid.rows[1]!.cells[2]!.text.split('\n')).toHaveLength(29_999);
    // Quadratic work on these inputs takes minutes; linear work well under a second.
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('isUnitLine', () => {
  it('reads unit lists, numbered and labelled ones, and label lines', () => {
    for (const line of [
      '办公室',
      '市发改委(金融发展局)、人行朝阳市中心支行',
      '(2)市司法局等、各责任单位',
      '生产:市应急管理局、市市场监管局、农业农村局;',
      '责任单位包括:',
      '各县市区政府。',
    ]) {
      expect(isUnitLine(line), line).toBe(true);
    }
  });

  it('rejects clauses, titles and evidence', () => {
    for (const line of [
      '工作方案',
      '会议纪要',
      '召开全局社会信用体系建设工作部署会',
      '(2)信用记录(市政府经济发展信息中心)。',
      '4)政府失信问题由市营商局负责',
      '成立部门社会体系建设组织机构,落实分管科室、负责人',
    ]) {
      expect(isUnitLine(line), line).toBe(false);
    }
  });
});
