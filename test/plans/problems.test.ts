import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES, LOCALES_DIR } from '../../bot/i18n';
import {
  PROBLEM_ARGS,
  PROBLEM_CODES,
  problem,
  problemKey,
  wordLocation,
  wordProblem,
  type Location,
  type PlanProblem,
} from '../../plans/problems';
import { chinese, english } from './wording';

/** Sample arguments in Chinese and digits, so that any English in a Chinese wording comes from the locale. */
const SAMPLE: Record<string, string | number | Location> = {
  number: '十八',
  column: 'B',
  text: '十日片子',
  deadlines: 3,
  requirements: 2,
  cycle: '每季度',
  name: '各有关单位',
  max: 5000,
  longer: '市司法局',
  shorter: '司法局',
  size: '12.5',
  type: '.png',
  detail: 'end of data reached',
  format: 'csv',
  withUnit: 1,
  withDeadline: 2,
  condition: '网站投入使用前',
  source: '全局每月至少2篇',
  scope: 'whole',
  rows: 30,
  header: '2',
  lines: 6000,
  pages: 600,
  count: 14,
  first: { file: '计划.txt', line: 2, item: '一' },
  second: { file: '计划.txt', line: 9, item: '一' },
};

function sample(code: (typeof PROBLEM_CODES)[number]): PlanProblem {
  const args = Object.fromEntries(PROBLEM_ARGS[code].map((name) => [name, SAMPLE[name as string]]));
  return problem(code, { file: '计划.xlsx', sheet: '表', row: 7, requirement: 2 }, args as never);
}

/** English words left in a text once file names, extensions and commands are taken out. */
function englishWords(text: string): string[] {
  return (
    text
      .replace(/\/units merge/g, '')
      .replace(/\/[a-z]+/g, '')
      .replace(/\.(?:xlsx|xls|csv|tsv|txt|png|docx|doc|wps|pdf|et)\b/g, '')
      .match(/[A-Za-z]{4,}/g) ?? []
  );
}

describe('problem codes', () => {
  it("every code is worded in every locale, and its wording uses only the code's arguments", () => {
    const keys = (locale: string) =>
      new Set([...readFileSync(join(LOCALES_DIR, `${locale}.ftl`), 'utf8').matchAll(/^([a-z][a-z0-9_-]*)\s*=/gm)].map((m) => m[1]!));
    expect(PROBLEM_CODES.length).toBeGreaterThan(40);
    for (const locale of LOCALES) {
      const known = keys(locale);
      expect(
        PROBLEM_CODES.filter((code) => !known.has(problemKey(code))),
        locale,
      ).toEqual([]);
    }
    for (const code of PROBLEM_CODES) {
      for (const t of [chinese, english]) {
        const worded = wordProblem(t, sample(code));
        // A missing key comes back as the key, a missing argument as {$name}.
        expect(worded, code).not.toContain(problemKey(code));
        expect(worded, code).not.toMatch(/[{}]/);
      }
    }
  });

  it('words every code in Chinese without English words', () => {
    for (const code of PROBLEM_CODES) expect(englishWords(wordProblem(chinese, sample(code))), code).toEqual([]);
  });

  it('words where a problem is in each language', () => {
    const item: Location = { file: 'xiamen.txt', line: 32, item: '一' };
    expect(wordLocation(chinese, item)).toBe('xiamen.txt 第32行，第一项');
    expect(wordLocation(english, item)).toBe('xiamen.txt line 32, item 一');
    const cell: Location = { file: 'plan.xlsx', sheet: '任务分解表', row: 5001, column: 'A', requirement: 2 };
    expect(wordLocation(chinese, cell)).toBe('plan.xlsx 工作表“任务分解表” 第5001行，A列，第2条要求');
    expect(wordLocation(english, cell)).toBe('plan.xlsx, sheet 任务分解表 row 5001, column A, requirement 2');
    // A PDF's row is the table's row on that page, not a line; a Word table is counted in the document.
    expect(wordLocation(chinese, { file: 'a.pdf', page: 3, row: 2 })).toBe('a.pdf 第3页，表格第2行');
    expect(wordLocation(english, { file: 'a.pdf', page: 3, row: 2 })).toBe('a.pdf page 3, table row 2');
    expect(wordLocation(chinese, { file: 'a.docx', table: 2, row: 5, requirement: 1 })).toBe('a.docx 第2个表格，第5行，第1条要求');
    expect(wordLocation(english, { file: 'a.docx', table: 2, row: 5 })).toBe('a.docx table 2, row 5');
    expect(wordLocation(chinese, { file: 'pasted.txt', line: 3 }, { fileLabel: () => '粘贴的文本' })).toBe('粘贴的文本 第3行');
  });

  it('words a problem with its place, and locations among its arguments', () => {
    const group = problem('group-unassigned', { file: 'xiamen.txt', line: 32, item: '一' }, { name: '各有关单位' });
    expect(wordProblem(chinese, group)).toBe('xiamen.txt 第32行，第一项：“各有关单位”没有说明指哪些单位，导入后由管理员指定');
    expect(wordProblem(english, group)).toBe(
      'xiamen.txt line 32, item 一: "各有关单位" does not say which units it means; an admin assigns them after import',
    );
    expect(wordProblem(chinese, sample('task-number-twice'))).toContain(
      '任务号 十八 用了两次（计划.txt 第2行，第一项；计划.txt 第9行，第一项）',
    );
  });
});
