/**
 * Task tables as rows of cell texts, and how they are damaged: rows repeated, dropped and
 * swapped, cells replaced by huge or odd text, numbers broken, thousands of columns, the
 * 5,000-row limit reached and passed. The CSV, pasted-text and workbook drills all start
 * from these rows and differ only in how they write them down.
 */
import fc from 'fast-check';
import { fuzhouLayout } from '../../../sandbox/demo/fuzhou-workbook';
import { DEADLINES, REQUIREMENTS, RESPONSIBILITIES } from './fixtures';
import { editedText, gluedText, longRun } from './text-arbitraries';

export type Rows = string[][];

/** The Fuzhou table: two title rows, the header, sections and tasks, each value once. */
export const FUZHOU_ROWS: Rows = fuzhouLayout().rows;
const HEADER_INDEX = 2;
const BODY = FUZHOU_ROWS.slice(HEADER_INDEX + 1);

/** Header names in use, known and unknown, for headers made up by the generator. */
const HEADER_WORDS = [
  '序号',
  '序 号',
  '编号',
  '工作任务',
  '重点任务',
  '任务内容',
  '任务要求',
  '工作要求',
  '完成时限',
  '完成时间',
  '时间节点',
  '责任处室',
  '责任单位',
  '牵头单位',
  '配合单位',
  '备注',
  '',
  '序号序号',
  '(序号)',
  '完成时限*',
  '任务',
  '要求',
];

/** Any cell text: real cells edited, glued fragments, long runs (up to `maxRun` characters). */
export const cellText = (maxRun: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: editedText([...DEADLINES, ...REQUIREMENTS, ...RESPONSIBILITIES]) },
    { weight: 3, arbitrary: gluedText([...DEADLINES, ...RESPONSIBILITIES]) },
    { weight: 1, arbitrary: longRun(maxRun) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('', ' ', '1', '一', '一、', '_', 'Ξ', '1.1', '01', '99999', '-1', '①', '十一、完善', '=1+1', '#REF!'),
    },
  );

export type TableEdit =
  | { kind: 'set-cell'; row: number; column: number; text: string }
  | { kind: 'repeat-row'; row: number; times: number }
  | { kind: 'delete-row'; row: number }
  | { kind: 'swap-rows'; row: number; other: number }
  | { kind: 'shift-row'; row: number; by: number }
  | { kind: 'blank-column'; column: number }
  | { kind: 'header'; names: string[] };

const index = fc.integer({ min: 0, max: 10_000 });

export const tableEdit = (maxRun: number): fc.Arbitrary<TableEdit> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('set-cell' as const), row: index, column: index, text: cellText(maxRun) }) },
    fc.record({ kind: fc.constant('repeat-row' as const), row: index, times: fc.integer({ min: 1, max: 30 }) }),
    fc.record({ kind: fc.constant('delete-row' as const), row: index }),
    fc.record({ kind: fc.constant('swap-rows' as const), row: index, other: index }),
    fc.record({ kind: fc.constant('shift-row' as const), row: index, by: fc.integer({ min: -2, max: 3 }) }),
    fc.record({ kind: fc.constant('blank-column' as const), column: index }),
    fc.record({ kind: fc.constant('header' as const), names: fc.array(fc.constantFrom(...HEADER_WORDS), { maxLength: 9 }) }),
  );

export function applyTableEdits(rows: Rows, edits: TableEdit[]): Rows {
  let out = rows.map((row) => [...row]);
  const at = (n: number) => (out.length === 0 ? 0 : n % out.length);
  for (const edit of edits) {
    switch (edit.kind) {
      case 'set-cell': {
        const row = out[at(edit.row)];
        if (row) row[edit.column % (row.length + 1)] = edit.text;
        break;
      }
      case 'repeat-row': {
        const i = at(edit.row);
        out.splice(i, 0, ...Array.from({ length: edit.times }, () => [...(out[i] ?? [])]));
        break;
      }
      case 'delete-row':
        out.splice(at(edit.row), 1);
        break;
      case 'swap-rows': {
        const [i, j] = [at(edit.row), at(edit.other)];
        [out[i], out[j]] = [out[j]!, out[i]!];
        break;
      }
      case 'shift-row': {
        // PDF extraction pushes a row's cells right (a repeated number) or left (a lost cell).
        const row = out[at(edit.row)];
        if (row && edit.by > 0) row.unshift(...Array<string>(edit.by).fill(row[0] ?? ''));
        if (row && edit.by < 0) row.splice(0, -edit.by);
        break;
      }
      case 'blank-column':
        out = out.map((row) => row.map((cell, c) => (c === edit.column % Math.max(1, row.length) ? '' : cell)));
        break;
      case 'header':
        if (out[HEADER_INDEX]) out[HEADER_INDEX] = edit.names;
        break;
    }
  }
  return out;
}

/** The Fuzhou table with up to `maxEdits` edits. */
export const editedFuzhou = (maxRun: number, maxEdits = 6): fc.Arbitrary<Rows> =>
  fc.array(tableEdit(maxRun), { maxLength: maxEdits }).map((edits) => applyTableEdits(FUZHOU_ROWS, edits));

/** The Fuzhou rows repeated and renumbered up to `count` task rows: the 5,000-row limit, reached or passed. */
export function longTable(count: number): Rows {
  const rows: Rows = FUZHOU_ROWS.slice(0, HEADER_INDEX + 1).map((row) => [...row]);
  let number = 0;
  for (let i = 0; rows.length - HEADER_INDEX - 1 < count; i++) {
    const row = [...BODY[i % BODY.length]!];
    if (/^\d+$/.test(row[0]!)) row[0] = String(++number);
    rows.push(row);
  }
  return rows;
}

/** The table with `extra` more columns on every row (10,000 columns and more). */
export function widened(rows: Rows, extra: number, filler: (row: number, column: number) => string): Rows {
  return rows.map((row, r) => [...row, ...Array.from({ length: extra }, (_, c) => filler(r, c))]);
}

export interface TableShape {
  label: string;
  rows: Rows;
}

/**
 * Tables from the Fuzhou one: edited, huge (5,000 rows, 5,001 rows), wide (10,000 columns),
 * with a cell of `maxRun` characters, or made up from a random header and cells.
 */
export const tables = (maxRun: number): fc.Arbitrary<TableShape> =>
  fc.oneof(
    { weight: 12, arbitrary: editedFuzhou(maxRun).map((rows) => ({ label: 'edited Fuzhou table', rows })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(4990, 5000, 5001), fc.array(tableEdit(2000), { maxLength: 3 }))
        .map(([count, edits]) => ({ label: `${count}-row table`, rows: applyTableEdits(longTable(count), edits) })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(9_990, 10_000, 16_384), fc.constantFrom('', 'x', '序号', '一'), fc.boolean())
        .map(([extra, filler, distinct]) => ({
          label: `table widened by ${extra} columns of "${filler}"${distinct ? ' (distinct)' : ''}`,
          rows: widened(FUZHOU_ROWS, extra, (r, c) => (distinct && filler !== '' ? `${filler}${r}-${c}` : filler)),
        })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({
          header: fc.array(fc.constantFrom(...HEADER_WORDS), { minLength: 1, maxLength: 8 }),
          body: fc.array(fc.array(cellText(maxRun), { maxLength: 8 }), { maxLength: 20 }),
        })
        .map(({ header, body }) => ({ label: 'made-up table', rows: [header, ...body] })),
    },
  );
