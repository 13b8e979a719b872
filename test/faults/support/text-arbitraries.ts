/**
 * fast-check arbitraries for text: real strings with edits, strings glued from the pieces
 * plans are made of, and long runs of one piece, the shape that exposes a regular
 * expression's catastrophic backtracking.
 */
import fc from 'fast-check';
import { PIECES } from './fixtures';

/** A position in any text, as a fraction of its length, so an edit means something whatever the text. */
const position = fc.integer({ min: 0, max: 10_000 }).map((n) => n / 10_000);

export type TextEdit =
  | { kind: 'insert'; at: number; piece: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace'; at: number; length: number; piece: string }
  | { kind: 'duplicate'; at: number; length: number; times: number }
  | { kind: 'full-width'; at: number; length: number };

export const textEdit = (pieces: string[] = PIECES): fc.Arbitrary<TextEdit> =>
  fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), at: position, piece: fc.constantFrom(...pieces) }),
    fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }),
    fc.record({
      kind: fc.constant('replace' as const),
      at: position,
      length: fc.integer({ min: 1, max: 8 }),
      piece: fc.constantFrom(...pieces),
    }),
    fc.record({
      kind: fc.constant('duplicate' as const),
      at: position,
      length: fc.integer({ min: 1, max: 200 }),
      times: fc.integer({ min: 1, max: 50 }),
    }),
    fc.record({ kind: fc.constant('full-width' as const), at: position, length: fc.integer({ min: 1, max: 100 }) }),
  );

function toFullWidth(text: string): string {
  return text.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const edit of edits) {
    const at = Math.floor(edit.at * out.length);
    switch (edit.kind) {
      case 'insert':
        out = out.slice(0, at) + edit.piece + out.slice(at);
        break;
      case 'delete':
        out = out.slice(0, at) + out.slice(at + edit.length);
        break;
      case 'replace':
        out = out.slice(0, at) + edit.piece + out.slice(at + edit.length);
        break;
      case 'duplicate':
        out = out.slice(0, at) + out.slice(at, at + edit.length).repeat(edit.times + 1) + out.slice(at + edit.length);
        break;
      case 'full-width':
        out = out.slice(0, at) + toFullWidth(out.slice(at, at + edit.length)) + out.slice(at + edit.length);
        break;
    }
  }
  return out;
}

/** One of `samples` with up to `maxEdits` edits. */
export const editedText = (samples: string[], maxEdits = 6): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...samples), fc.array(textEdit(), { maxLength: maxEdits })).map(([text, edits]) => applyEdits(text, edits));

/** Pieces of `samples` and of plan text in any order: fragments concatenated. */
export const gluedText = (samples: string[], maxParts = 30): fc.Arbitrary<string> =>
  fc.array(fc.oneof(fc.constantFrom(...samples), fc.constantFrom(...PIECES)), { maxLength: maxParts }).map((parts) => parts.join(''));

/** What long runs are made of: each a piece some pattern repeats (\s+, [。,]+, 至少…, numerals …). */
export const RUN_UNITS = [
  ' ',
  '\t',
  ' \n',
  '\u3000',
  '。',
  ',',
  ',',
  '、',
  ';',
  '.',
  '(',
  ')',
  '(',
  '((',
  '一',
  '十',
  '二十',
  '〇',
  '0',
  '9',
  '1.',
  '至少',
  '不少于',
  '全年不少于',
  '至少一',
  '达到',
  '每月',
  '日',
  '前',
  '前完成',
  '之前',
  '年',
  '季度',
  '个工作日',
  'xx年',
  '牵头',
  '配合',
  '处、',
  '处和',
  '单位',
  '处室',
  '(责任单位:',
  '责任单位:',
  '(一)',
  '①',
  '%',
  'a',
  '-',
  '\r',
  '\u00a0',
];
const RUN_HEADS = ['', '每月', '至少', '全年不少于', '(一)', '1.', '牵头单位:', '截至', '每个', '12月', '责任单位:'];
const RUN_TAILS = ['', 'a', 'x', '。', '例', '日前', '月底前', ')', '\0', '牵头', '\n', '完成'];

/** `head` + `unit` × n + `tail`, at most `maxLength` characters long. */
export const longRun = (maxLength: number): fc.Arbitrary<string> =>
  fc
    .record({
      head: fc.constantFrom(...RUN_HEADS),
      unit: fc.constantFrom(...RUN_UNITS),
      second: fc.constantFrom('', ...RUN_UNITS),
      length: fc.integer({ min: Math.min(1000, maxLength), max: maxLength }),
      tail: fc.constantFrom(...RUN_TAILS),
    })
    .map(({ head, unit, second, length, tail }) => {
      const cell = unit + second;
      return head + cell.repeat(Math.max(1, Math.floor(length / cell.length))) + tail;
    });

/** Any text a reader may be handed: real with edits, glued, long runs, and arbitrary code points. */
export const readerText = (samples: string[], maxRunLength: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: editedText(samples) },
    { weight: 3, arbitrary: gluedText(samples) },
    { weight: 2, arbitrary: longRun(maxRunLength) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...samples), { minLength: 1, maxLength: 100 }).map((parts) => parts.join('')) },
  );
