/**
 * The generated plan files of the CSV and text drills, as fast-check arbitraries. Each
 * value is a readPlan input (name, bytes, year) with a label saying how it was made.
 */
import fc from 'fast-check';
import { applyByteEdits, byteEdit } from './byte-arbitraries';
import { QUOTINGS, toCsv, toTsv } from './delimited';
import { labelled } from './labels';
import { ENCODINGS, encode } from './encodings';
import { FUZHOU_CSV, PIECES } from './fixtures';
import { proseTexts } from './prose';
import { tables } from './tables';
import { editedText } from './text-arbitraries';

/** The longest run of one piece in a table cell: a 100,000-character cell. */
const MAX_CELL = 100_000;
/** The longest pathological line of prose: a megabyte. */
const MAX_LINE = 1_000_000;

/**
 * CSV and .tsv files: tables edited, huge, wide and made up, written with good and broken
 * quoting, in UTF-8, GBK and UTF-16, some with damaged bytes; quote soup; random bytes.
 */
export const csvFiles = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .record({
        table: tables(MAX_CELL),
        name: fc.constantFrom('plan.csv', '任务分解表.CSV', 'plan.tsv', '.csv'),
        quoting: fc.constantFrom(...QUOTINGS),
        newline: fc.constantFrom('\r\n', '\n', '\r'),
        encoding: fc.constantFrom(...ENCODINGS),
        damage: fc.array(byteEdit, { maxLength: 2 }),
        year: fc.constantFrom(null, 2020),
      })
      .map(({ table, name, quoting, newline, encoding, damage, year }) => {
        const text = name.endsWith('.tsv') ? toTsv(table.rows, newline) : toCsv(table.rows, quoting, newline);
        const how = `${table.label}, ${name.endsWith('.tsv') ? 'tab-separated' : `quoted ${quoting}`}, ${encoding}${damage.length ? `, ${damage.length} byte edits` : ''}`;
        return labelled(how, { name, bytes: applyByteEdits(encode(text, encoding), damage), year });
      }),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({ text: editedText([FUZHOU_CSV], 10), encoding: fc.constantFrom(...ENCODINGS) })
      .map(({ text, encoding }) =>
        labelled(`Fuzhou CSV with text edits, ${encoding}`, { name: 'plan.csv', bytes: encode(text, encoding), year: 2020 }),
      ),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(
        fc.constantFrom('"', '""', '\0', '\ufeff', ',', '\r', '\n', '序号', '工作任务', '任务要求', '完成时限', '责任单位', ...PIECES),
        { maxLength: 400 },
      )
      .map((parts) => labelled('quotes, NULs and BOMs', { name: 'plan.csv', bytes: encode(parts.join(''), 'utf-8'), year: null })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ count: fc.constantFrom(1000, 100_000, 1_000_000), line: fc.constantFrom('', 'a', ',,,,', '1,任务', '"', '\r') })
      .map(({ count, line }) =>
        labelled(`a header, then ${count} lines of ${JSON.stringify(line)}`, {
          name: 'plan.csv',
          bytes: encode(`序号,工作任务,任务要求,完成时限,责任单位\n${`${line}\n`.repeat(count)}`, 'utf-8'),
          year: null,
        }),
      ),
  },
  {
    weight: 1,
    arbitrary: fc.uint8Array({ maxLength: 4096 }).map((bytes) => labelled('random bytes', { name: 'plan.csv', bytes, year: null })),
  },
);

const textName = fc.constantFrom('plan.txt', '工作要点.TXT', 'plan');

/**
 * Text files: prose with edited lines, thousands of items, odd item numerals, lines of a
 * megabyte, items broken over thousands of lines, every deadline form run together; tables
 * pasted as tab-separated text; in several encodings, some with damaged bytes; random bytes.
 */
export const textFiles = fc.oneof(
  {
    weight: 10,
    arbitrary: fc
      .record({
        prose: proseTexts(MAX_LINE),
        name: textName,
        encoding: fc.constantFrom(...ENCODINGS),
        damage: fc.array(byteEdit, { maxLength: 2 }),
        year: fc.constantFrom(null, 2022),
      })
      .map(({ prose, name, encoding, damage, year }) =>
        labelled(`${prose.label}, ${encoding}${damage.length ? `, ${damage.length} byte edits` : ''}`, {
          name,
          bytes: applyByteEdits(encode(prose.text, encoding), damage),
          year,
        }),
      ),
  },
  {
    weight: 4,
    arbitrary: fc
      .record({ table: tables(MAX_CELL), name: textName, newline: fc.constantFrom('\n', '\r\n'), encoding: fc.constantFrom(...ENCODINGS) })
      .map(({ table, name, newline, encoding }) =>
        labelled(`pasted ${table.label}, ${encoding}`, { name, bytes: encode(toTsv(table.rows, newline), encoding), year: 2020 }),
      ),
  },
  {
    weight: 1,
    arbitrary: fc.uint8Array({ maxLength: 4096 }).map((bytes) => labelled('random bytes', { name: 'plan.txt', bytes, year: null })),
  },
);
