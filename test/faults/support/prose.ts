/**
 * Plan prose as the text importer gets it, real and pathological: the Xiamen and Fuzhou
 * texts with lines edited, items numbered (一)(二)… thousands of times or with numerals no
 * one writes, lines of a megabyte, items broken over thousands of lines, and every
 * deadline form run together in one clause.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { chineseOrdinal } from '../../../plans/plan';
import { DEADLINES, FUZHOU_TXT, RESPONSIBILITIES, XIAMEN_TXT } from './fixtures';
import { applyEdits, longRun, textEdit, type TextEdit } from './text-arbitraries';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
export const XIAMEN = decode(XIAMEN_TXT);
export const FUZHOU_PASTED = decode(FUZHOU_TXT);

/** A Chinese numeral for any n, right or not (十十, 一百零), for item markers. */
const NUMERAL_NOISE = ['十十', '百', '一百二十三', '零', '〇', '十一十', '万', '两', '壹', '一二', '九十九', '二十', ''];

export type LineEdit =
  | { kind: 'repeat-line'; at: number; times: number }
  | { kind: 'delete-line'; at: number }
  | { kind: 'swap-lines'; at: number; other: number }
  | { kind: 'join-lines'; at: number; count: number }
  | { kind: 'in-line'; at: number; edit: TextEdit };

const fraction = fc.integer({ min: 0, max: 10_000 }).map((n) => n / 10_000);

export const lineEdit: fc.Arbitrary<LineEdit> = fc.oneof(
  fc.record({ kind: fc.constant('repeat-line' as const), at: fraction, times: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('delete-line' as const), at: fraction }),
  fc.record({ kind: fc.constant('swap-lines' as const), at: fraction, other: fraction }),
  fc.record({ kind: fc.constant('join-lines' as const), at: fraction, count: fc.integer({ min: 2, max: 50 }) }),
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('in-line' as const), at: fraction, edit: textEdit() }) },
);

export function applyLineEdits(text: string, edits: LineEdit[]): string {
  const lines = text.split('\n');
  for (const edit of edits) {
    const i = Math.min(lines.length - 1, Math.floor(edit.at * lines.length));
    switch (edit.kind) {
      case 'repeat-line':
        lines.splice(i, 0, ...Array<string>(edit.times).fill(lines[i]!));
        break;
      case 'delete-line':
        if (lines.length > 1) lines.splice(i, 1);
        break;
      case 'swap-lines': {
        const j = Math.min(lines.length - 1, Math.floor(edit.other * lines.length));
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        break;
      }
      case 'join-lines':
        lines.splice(i, edit.count, lines.slice(i, i + edit.count).join(''));
        break;
      case 'in-line':
        lines[i] = applyEdits(lines[i]!, [edit.edit]);
        break;
    }
  }
  return lines.join('\n');
}

/** A real text with edits to its lines and characters. */
export const editedProse = fc
  .tuple(fc.constantFrom(XIAMEN, FUZHOU_PASTED), fc.array(lineEdit, { minLength: 1, maxLength: 8 }))
  .map(([text, edits]) => applyLineEdits(text, edits));

/** `count` items (一)(二)…, one per line or all on one line, each closed by a unit clause. */
export function manyItems(count: number, oneLine: boolean): string {
  const items = Array.from({ length: count }, (_, i) => `(${chineseOrdinal(i + 1)})推进第${i + 1}项工作。(责任单位:市信用办)`);
  return ['厦门市社会信用体系建设2022年工作要点', '一、完善制度', ...items].join(oneLine ? '' : '\n');
}

/** One item whose text runs over `count` lines (extraction breaks lines anywhere). */
export function itemOverLines(count: number, line: string): string {
  return ['工作要点', '(一)细化落实国家政策文件。', ...Array<string>(count).fill(line), '(责任单位:市信用办)'].join('\n');
}

/** Every deadline form run together, as a clause of one item and as the deadline cell of a pasted table. */
export function allDeadlines(separator: string): string {
  const run = DEADLINES.map((d) => d.replace(/\n/g, ' ')).join(separator);
  return [
    '工作要点',
    `(一)推进工作。(牵头单位:市信用办;完成时限:${run})`,
    `(二)推进工作。完成时限:${run}`,
    '',
    '序号\t工作任务\t任务要求\t完成时限\t责任单位',
    `1\t任务\t①要求②要求\t${run}\t${RESPONSIBILITIES.join(separator)}`,
  ].join('\n');
}

/** Prose with a pathological line of up to `maxLine` characters at a chosen place. */
const hugeLine = (maxLine: number) =>
  fc
    .record({ line: longRun(maxLine), place: fc.constantFrom('preamble', 'section', 'item', 'clause', 'continuation') })
    .map(({ line, place }) => {
      const parts: Record<string, string[]> = {
        preamble: [line, '(一)推进工作。(责任单位:市信用办)'],
        section: [`一、${line}`, '(一)推进工作。(责任单位:市信用办)'],
        item: [`(一)${line}(责任单位:市信用办)`],
        clause: [`(一)推进工作。(责任单位:${line})`, `(二)推进工作。(牵头单位:市信用办;完成时限:${line})`],
        continuation: ['(一)推进工作。', line, '(责任单位:市信用办)'],
      };
      return { place, text: ['工作要点', ...parts[place]!].join('\n') };
    });

const fixtureText = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
/** Tables printed one cell per paragraph: the whole Chaoyang text, the Huaihua plan's appendix. */
export const CHAOYANG = fixtureText('chaoyang-2019-assessment-indicators.txt');
export const HUAIHUA = fixtureText('huaihua-2020-housing-plan.txt');

const INDICATOR_HEADER = ['项目', '分值', '评估内容', '评分标准', '评分细则', '任务分解', '责任单位'];
const TASK_HEADER = ['序号', '任务内容', '牵头单位', '责任', '单位', '考核要求', '完成时限'];

/** `count` times a paragraph pattern inside a one-cell-per-paragraph table (plans/paragraph-table.ts). */
export function paragraphTable(shape: string, count: number): string {
  const times = (make: (i: number) => string[]) => Array.from({ length: count }, (_, i) => make(i)).flat();
  const bodies: Record<string, () => string[]> = {
    'unit lines': () => [...TASK_HEADER, '1', '推进工作', ...times(() => ['市信用办、市文明办'])],
    rows: () => [...TASK_HEADER, ...times((i) => [String(i + 1), '推进工作', '办公室', '会议纪要'])],
    'circled sub-rows': () => [...TASK_HEADER, '1', '推进', ...times(() => ['①做事', '房监科', '留存记录'])],
    rules: () => [...INDICATOR_HEADER, '一、建设', '4', '内容', ...times(() => ['【a】', '·得1分'])],
    'sub-rows': () => [...INDICATOR_HEADER, '一、建设', '4', ...times(() => ['内容', '【a】', '(1)做事(市信用办)'])],
    restarts: () => [...INDICATOR_HEADER, '一、建设', '4', '内容', '【a】', '·a', ...times(() => ['1)得1分', '(2)做事'])],
    'numbered units': () => [...INDICATOR_HEADER, '一、建设', '4', '内容', '【a】', ...times((i) => [`(${(i % 99) + 1})市营商局`])],
    headers: () => times(() => INDICATOR_HEADER),
    headings: () => [...INDICATOR_HEADER, ...times((i) => [`${chineseOrdinal((i % 99) + 1)}、建设`])],
  };
  return ['社会信用体系建设评估指标细则(2019年版)', ...bodies[shape]!()].join('\n');
}

export interface ProseShape {
  label: string;
  text: string;
}

export const proseTexts = (maxLine: number): fc.Arbitrary<ProseShape> =>
  fc.oneof(
    { weight: 10, arbitrary: editedProse.map((text) => ({ label: 'edited real text', text })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(1, 99, 100, 101, 1000, 4990, 4999, 5000, 5001, 6000), fc.boolean())
        .map(([count, oneLine]) => ({ label: `${count} items${oneLine ? ' on one line' : ''}`, text: manyItems(count, oneLine) })),
    },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.tuple(fc.constantFrom(...NUMERAL_NOISE), fc.constantFrom('(', '('), fc.constantFrom(')', ')')), {
          minLength: 1,
          maxLength: 50,
        })
        .map((markers) => ({
          label: 'items with odd numerals',
          text: ['工作要点', ...markers.map(([n, open, close]) => `${open}${n}${close}推进工作。(责任单位:办公室)`)].join('\n'),
        })),
    },
    { weight: 2, arbitrary: hugeLine(maxLine).map(({ place, text }) => ({ label: `a huge line (${place})`, text })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(10, 1000, 4990), fc.constantFrom('推进工作', '。', '(', '推进工作('.repeat(100), '牵头'.repeat(300)))
        .map(([count, line]) => ({ label: `an item over ${count} lines`, text: itemOverLines(count, line) })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('', '、', ',', ';', ' ', '\n')
        .map((separator) => ({ label: `every deadline run together (${JSON.stringify(separator)})`, text: allDeadlines(separator) })),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom(CHAOYANG, HUAIHUA), fc.array(lineEdit, { minLength: 1, maxLength: 8 }))
        .map(([text, edits]) => ({ label: 'edited paragraph table', text: applyLineEdits(text, edits) })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'unit lines',
            'rows',
            'circled sub-rows',
            'rules',
            'sub-rows',
            'restarts',
            'numbered units',
            'headers',
            'headings',
          ),
          fc.constantFrom(1, 10, 1000, 4999, 20_000),
        )
        .map(([shape, count]) => ({ label: `paragraph table: ${count} × ${shape}`, text: paragraphTable(shape, count) })),
    },
  );
