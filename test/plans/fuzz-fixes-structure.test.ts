/**
 * Regressions for two fixes the fault drills led to (test/faults/README.md lists them), checked
 * by counting work rather than timing it, so they hold on any machine under any load:
 *
 * - plans/table.ts looked for a repeated task number by searching the tasks read so far
 *   (`tasks.some(…)`), quadratic in a 5,000-row table. Counted: the array elements visited by
 *   the array methods that scan (some, find, filter, includes, map …) and by array iteration
 *   (for…of, spread), while one table of n tasks and one of 4n are read. A linear reader
 *   visits about 4 times as many for 4n; the old search made it 11 to 14 times. A search
 *   written as an indexed for loop over the tasks is not counted.
 * - plans/deadline.ts built its regular expressions (`new RegExp(…)`) on every call; the cell
 *   splitter reads every piece of a line it tries, so that made splitting slow. Counted: calls
 *   of the global RegExp constructor while every deadline form is read and cells are split,
 *   after the module has loaded. Regex literals (/…/) are not constructor calls and are not counted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseTable } from '../../plans/table';
import { gridFromDelimited } from '../../plans/grid';
import { readDeadline, splitDeadlineCell } from '../../plans/deadline';

const SCANNING = [
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'filter',
  'includes',
  'indexOf',
  'lastIndexOf',
  'map',
  'forEach',
  'reduce',
  'reduceRight',
  'flatMap',
] as const;

/** Runs `run` synchronously, counting the array elements that scanning methods and array iterators may visit. */
function arrayVisits<T>(run: () => T): { value: T; visits: number } {
  let visits = 0;
  const proto = Array.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = SCANNING.map((name) => [name, proto[name]!] as const);
  const iterator = Object.getPrototypeOf([][Symbol.iterator]()) as { next: (this: unknown) => unknown };
  const next = iterator.next;
  try {
    for (const [name, original] of originals) {
      proto[name] = function (this: unknown[], ...args: unknown[]) {
        visits += this.length;
        return original.apply(this, args);
      };
    }
    iterator.next = function (this: unknown) {
      visits++;
      return next.call(this);
    };
    const value = run();
    return { value, visits };
  } finally {
    for (const [name, original] of originals) proto[name] = original;
    iterator.next = next;
  }
}

/** A table of `n` tasks with distinct numbers, one row each, and then task 1 again. */
function table(n: number) {
  const rows = Array.from({ length: n }, (_, i) => `${i + 1},任务${i + 1},要求${i + 1},每月10日前,办公室`);
  return gridFromDelimited(
    ['序号,工作任务,任务要求,完成时限,责任单位', ...rows, '1,任务重复,要求,每月10日前,办公室'].join('\n'),
    ',',
    'plan.csv',
  );
}

describe('plans/table.ts: a repeated task number is found without searching the tasks read so far', () => {
  it('reading 4 times as many tasks visits at most 5 times as many array elements (the old search: 11 to 14 times)', () => {
    const n = 300;
    const [small, large] = [table(n), table(4 * n)];
    const a = arrayVisits(() => parseTable(small, { year: 2026 }));
    const b = arrayVisits(() => parseTable(large, { year: 2026 }));
    // The count is not vacuous: the readers did visit elements, in proportion to the rows.
    expect(a.visits).toBeGreaterThan(n);
    expect(b.visits / a.visits).toBeLessThanOrEqual(5);
    // And the repeat is still reported, once, at its row.
    for (const [plan, tasks] of [
      [a.value, n],
      [b.value, 4 * n],
    ] as const) {
      expect(plan.tasks).toHaveLength(tasks + 1);
      expect(plan.problems.filter((p) => p.code === 'task-number-repeated')).toEqual([
        { code: 'task-number-repeated', args: { number: '1' }, where: { file: 'plan.csv', row: tasks + 2 } },
      ]);
    }
  });
});

describe('plans/deadline.ts: the regular expressions are built once, when the module loads', () => {
  const NativeRegExp = globalThis.RegExp;
  afterEach(() => {
    globalThis.RegExp = NativeRegExp;
  });

  /** Counts calls of the global RegExp constructor (with or without `new`) while `run` runs. */
  function constructions<T>(run: () => T): { value: T; built: string[] } {
    const built: string[] = [];
    globalThis.RegExp = new Proxy(NativeRegExp, {
      construct(target, args, newTarget) {
        built.push(String(args[0]));
        return Reflect.construct(target, args, newTarget === globalThis.RegExp ? target : newTarget);
      },
      apply(target, self, args) {
        built.push(String(args[0]));
        return Reflect.apply(target, self, args);
      },
    });
    try {
      return { value: run(), built };
    } finally {
      globalThis.RegExp = NativeRegExp;
    }
  }

  it('the spy sees a RegExp built by a call (so a count of zero means something)', () => {
    expect(constructions(() => new RegExp('a')).built).toEqual(['a']);
    expect(constructions(() => (globalThis.RegExp as unknown as (s: string) => RegExp)('b')).built).toEqual(['b']);
  });

  it('reading every deadline form and splitting cells, 50 times over, builds no RegExp', () => {
    // One of each form the module's compiled expressions read (MONTHLY, ALTERNATE_MONTHS,
    // QUARTERLY, AFTER_QUARTER, YEARLY, MONTH_DAY, YEAR_END, HALF_YEAR, QUARTER, RELATIVE,
    // DAY_NUMBER), and a day alone, which none of them reads.
    const forms = [
      '每月10日前',
      '每个双数月15日前',
      '单数月底前',
      '每季度末',
      '每季度首月10日前',
      '每半年',
      '每年3月底前',
      '每周周五下班前',
      '12月底前',
      '2026年6月30日前',
      '2026年底',
      '年内',
      '上半年',
      '第三季度',
      '七个工作日内',
      '及时完成',
      '半年总结',
      '10日前',
    ];
    const cell = '3月底前6月底前9月底前12月底前';
    const once = () => [...forms, ...splitDeadlineCell(cell)].map((text) => readDeadline(text, { year: 2026 }));
    // Read before counting (the module is loaded and every path has run once), to compare with.
    const expected = once();
    expect(expected.map((r) => r.recognized)).toEqual([...forms.map((form) => form !== '10日前'), true, true, true, true]);
    expect(new Set(expected.map((r) => r.rule?.kind))).toEqual(
      new Set(['monthly', 'quarterly', 'weekly', 'once', 'relative', 'ongoing', undefined]),
    );
    const { value, built } = constructions(() => Array.from({ length: 50 }, once));
    expect(built).toEqual([]);
    expect(value).toEqual(Array.from({ length: 50 }, () => expected));
  });
});
