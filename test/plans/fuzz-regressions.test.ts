/**
 * Regressions for the bugs the fault drills (npm run test:faults) found, each with the
 * reduced input that showed it. Most were time bombs: work growing with the square of
 * the input (a regular expression rescanning, a list searched per item) or an object per
 * cell of a huge range. The time limits here are generous for the fixed code (which takes
 * milliseconds) and far below what the old code took (seconds to minutes, noted per test).
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { cleanText } from '../../plans/normalize';
import { readDeadline, splitDeadlineCell } from '../../plans/deadline';
import { readQuota } from '../../plans/quota';
import { readResponsibility } from '../../plans/units';
import { parseProse } from '../../plans/prose';
import { readPlan } from '../../plans/import';
import { commitPlan } from '../../plans/commit';
import { PlanInputError } from '../../plans/errors';
import { inEnglish, refusalInEnglish } from './wording';
import { fuzhouCsv, fuzhouWorkbook } from '../../sandbox/demo/fuzhou-workbook';
import { readZip, writeZip } from '../faults/support/zip';
import { freshDatabase } from '../support/db';

/**
 * Hang guards, not speed measurements (those are in bench/): each input here once took
 * minutes or ran out of memory, and reads in well under its bound. The bound is scaled by
 * HANG_MARGIN so a machine busy with other work (CI on two cores) does not fail a read that
 * is merely slow; a regression to the old behaviour is still orders of magnitude past it.
 */
const HANG_MARGIN = 5;

function within<T>(ms: number, run: () => T): T {
  const start = performance.now();
  const result = run();
  expect(performance.now() - start).toBeLessThan(ms * HANG_MARGIN);
  return result;
}

async function withinAsync<T>(ms: number, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  expect(performance.now() - start).toBeLessThan(ms * HANG_MARGIN);
  return result;
}

async function refusal(ms: number, name: string, bytes: Uint8Array | string): Promise<string> {
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  const error = await withinAsync(ms, () =>
    readPlan(name, data).then(
      () => null,
      (e: unknown) => e,
    ),
  );
  expect(error).toBeInstanceOf(PlanInputError);
  return refusalInEnglish(error);
}

const HEADER = '序号,工作任务,任务要求,完成时限,责任单位';

describe('the readers stay linear on long runs (regular expressions that rescanned)', () => {
  it('cleanText: 100,000 spaces that touch no Chinese character (took 30 s)', () => {
    expect(within(500, () => cleanText(`${' '.repeat(100_000)}a`))).toBe('a');
    expect(cleanText('每月 10 日 前')).toBe('每月10日前');
  });

  it('readDeadline: a run of punctuation inside the text (took 57 s)', () => {
    expect(within(500, () => readDeadline(`${'。'.repeat(100_000)}a`)).recognized).toBe(false);
    expect(readDeadline('每月10日前。。。').recognized).toBe(true);
  });

  it('splitDeadlineCell: a cell of 1,000 lines of deadlines run together (took 7 s); real cells still split', () => {
    const cell = `${'12月底前'.repeat(12)}\n`.repeat(1000);
    expect(within(1000, () => splitDeadlineCell(cell))).toHaveLength(1000);
    expect(splitDeadlineCell('3月底前6月底前9月底前12月底前')).toEqual(['3月底前', '6月底前', '9月底前', '12月底前']);
    expect(splitDeadlineCell('2020年3月底前2020年6月底前2020年9月底前2020年12月底前')).toHaveLength(4);
    expect(splitDeadlineCell('及时完成 每月 25 日 前')).toEqual(['及时完成', '每月25日前']);
  });

  it('readQuota: a clause of 50,000 markers and one of 100,000 numerals (the first took 40 s)', () => {
    expect(within(500, () => readQuota('至少0'.repeat(50_000)))).toBeNull();
    expect(within(500, () => readQuota(`至少${'一'.repeat(100_000)}`))).toBeNull();
  });

  it('readQuota: a target word far from any number no longer hides the target after it', () => {
    // The old unbounded gap matched 至少 … 10例 (too far), skipped past it, and found nothing.
    expect(readQuota('至少组织各处室认真学习相关政策文件精神并全面贯彻落实全年不少于10例')).toMatchObject({
      target: 10,
      unit: '例',
      period: 'year',
    });
  });

  it('readResponsibility: 50,000 units in one cell (took 3 s) and runs of separators', () => {
    const names = Array.from({ length: 50_000 }, (_, i) => `单位${i}处`);
    const result = within(1000, () => readResponsibility(names.join('、')));
    expect(result.lead).toHaveLength(50_000);
    expect(within(500, () => readResponsibility(`牵头单位:办公室${';'.repeat(100_000)}x`)).lead).toEqual(['办公室', 'x']);
    expect(within(500, () => readResponsibility(`办公室、${'。'.repeat(100_000)}处`)).lead).toContain('办公室');
    expect(readResponsibility('政策法规处牵头,政策法规处、信息管理处配合')).toEqual({ lead: ['政策法规处'], cooperating: ['信息管理处'] });
  });

  it('parseProse: runs of punctuation in a title and a unit clause (took 11 s)', () => {
    const text = `工作要点\n(一)推进${','.repeat(100_000)}x。(责任单位:办公室${';'.repeat(100_000)})`;
    const plan = within(1000, () => parseProse('plan.txt', text));
    expect(plan.tasks[0]!.requirements[0]!.lead).toEqual(['办公室']);
  });

  it('parseProse: an item broken over 4,000 lines (took 6 s; 5,000 longer lines, 20 s); a clause broken across lines still closes it', () => {
    const text = [
      '工作要点',
      '(一)细化落实国家政策文件。',
      ...Array<string>(4000).fill('推进工作('.repeat(60)),
      '(责任单位:市信用办)',
    ].join('\n');
    const plan = within(2000, () => parseProse('plan.txt', text));
    expect(plan.tasks[0]!.requirements[0]!.lead).toEqual(['市信用办']);
    const broken = parseProse('plan.txt', '工作要点\n(一)推进工作。(责任单位:市信\n用办)\n页脚文字');
    expect(broken.tasks[0]!.requirements[0]!.lead).toEqual(['市信用办']);
    expect(broken.tasks[0]!.title).toBe('推进工作');
  });
});

describe('tables of odd shape read in bounded time', () => {
  it('a row 8,000 distinct cells wide (took 6 s; 10,000, 20 s)', async () => {
    const rows = fuzhouCsv().split('\r\n');
    const wide = rows.map((row, r) => `${row},${Array.from({ length: 8000 }, (_, c) => `x${r}-${c}`).join(',')}`).join('\r\n');
    const preview = await withinAsync(4000, () => readPlan('wide.csv', Buffer.from(wide)));
    expect(preview.tasks).toHaveLength(18);
  });

  it('a workbook with one stray cell in column XFD (took 7 s)', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await fuzhouWorkbook()) as unknown as ArrayBuffer);
    workbook.worksheets[0]!.getCell(1, 16_384).value = '备注';
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const preview = await withinAsync(2000, () => readPlan('stray.xlsx', bytes));
    expect(preview.tasks).toHaveLength(18);
  });

  it('a header and 200,000 blank lines (took 6 s; a million, 44 s)', async () => {
    expect(await refusal(2000, 'blank.csv', `${HEADER}\n${'\n'.repeat(200_000)}`)).toMatch(
      /^blank\.csv row \d+: the CSV cannot be read \(more than 10,000 of its rows have a different number of cells/,
    );
  });

  it('a million empty cells (took 4 s; 10 MB of commas, 11 s in csv-parse alone)', async () => {
    expect(await refusal(2000, 'empty.csv', `${HEADER}\n${',,,,\n'.repeat(1_000_000)}`)).toBe(
      'empty.csv: more than 500,000 cells, far more than a plan has; delete the empty rows and columns and send it again',
    );
  });

  it('a requirement cell of 30,000 ① items (read as 30,000 requirements; a 4 MB file of them took 12 s)', async () => {
    expect(await refusal(2000, 'items.csv', `${HEADER}\n1,任务,${'①x'.repeat(30_000)},每月10日前,办公室\n`)).toMatch(
      /^items\.csv row 2: more than 20,000 requirements in the plan/,
    );
  });
});

describe('workbooks that asked exceljs for gigabytes are refused, or read without what it would expand', () => {
  const SHEET = 'xl/worksheets/sheet1.xml';

  /** The Fuzhou workbook with one part's XML edited. */
  async function fuzhouWith(part: string, edit: (xml: string) => string, options: { zip64?: boolean } = {}): Promise<Uint8Array> {
    const parts = readZip(new Uint8Array(await fuzhouWorkbook()));
    parts.set(part, new TextEncoder().encode(edit(new TextDecoder().decode(parts.get(part)))));
    return writeZip(parts, options);
  }

  /** The Fuzhou workbook with its sheet's merges replaced by `refs`. */
  function withMerges(refs: string[]): Promise<Uint8Array> {
    const merges = `<mergeCells count="${refs.length}">${refs.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>`;
    return fuzhouWith(SHEET, (sheet) => sheet.replace(/<mergeCells[\s\S]*?<\/mergeCells>/, merges));
  }

  it('a merge over a whole column (took 21 s and 3 GB) or the whole sheet (ran out of memory)', async () => {
    for (const ref of ['H60:H1048576', 'A1:XFD1048576']) {
      expect(await refusal(1000, 'merged.xlsx', await withMerges([ref]))).toMatch(
        /^merged\.xlsx: the workbook has more than 300,000 cells/,
      );
    }
  });

  it('the same merge in single quotes and lower case, in a ZIP64 archive', async () => {
    const bytes = await fuzhouWith(
      SHEET,
      (sheet) => sheet.replace(/<mergeCells[\s\S]*?<\/mergeCells>/, '<mergeCells count="1"><mergeCell ref=\'h60:h1048576\'/></mergeCells>'),
      { zip64: true },
    );
    expect(await refusal(1000, 'merged.xlsx', bytes)).toMatch(/^merged\.xlsx: the workbook has more than 300,000 cells/);
  });

  it('the same merge in an archive whose end record counts no entries (exceljs reads them anyway)', async () => {
    const bytes = Buffer.from(await withMerges(['H60:H1048576']));
    bytes.writeUInt32LE(0, bytes.byteLength - 22 + 8);
    expect(await refusal(1000, 'merged.xlsx', bytes)).toBe('merged.xlsx: the workbook cannot be read (its zip directory is damaged)');
  });

  it('a defined name over 26 whole columns (took 9 s and 2.8 GB)', async () => {
    const bytes = await fuzhouWith('xl/workbook.xml', (xml) =>
      xml.replace('</sheets>', '</sheets><definedNames><definedName name="all">任务分解表!$A$1:$Z$1048576</definedName></definedNames>'),
    );
    expect(await refusal(1000, 'named.xlsx', bytes)).toMatch(/^named\.xlsx: the workbook has more than 300,000 cells/);
  });

  it('a million empty rows (took 3 s and 600 MB)', async () => {
    const rows = Array.from({ length: 1_000_000 }, (_, i) => `<row r="${i + 100}"/>`).join('');
    const bytes = await fuzhouWith(SHEET, (sheet) => sheet.replace('</sheetData>', `${rows}</sheetData>`));
    expect(await refusal(1000, 'rows.xlsx', bytes)).toMatch(/^rows\.xlsx: the workbook's XML has more than 1,000,000 elements/);
  });

  it('a value in column XFD on each of 1,000 rows (ran out of memory)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('表');
    sheet.addRow(HEADER.split(','));
    for (let row = 2; row <= 1000; row++) sheet.getCell(row, 16_384).value = '备注';
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await refusal(2000, 'wide.xlsx', bytes)).toMatch(
      /^wide\.xlsx, sheet 表 row \d+: the workbook's rows span more than 500,000 cells \(this one reaches column XFD\)/,
    );
  });

  it('a data validation over 26 whole columns (ran out of memory) and a <col> range to column 100,000,000 (took gigabytes) are not read', async () => {
    const validated = await fuzhouWith(SHEET, (sheet) =>
      sheet.replace(
        '</worksheet>',
        '<dataValidations count="1"><dataValidation type="list" sqref="A1:Z1048576"><formula1>"a,b"</formula1></dataValidation></dataValidations></worksheet>',
      ),
    );
    expect((await withinAsync(1000, () => readPlan('validated.xlsx', validated))).tasks).toHaveLength(18);
    const columns = await fuzhouWith(SHEET, (sheet) =>
      sheet.replace(/<cols>[\s\S]*?<\/cols>/, '<cols><col min="1" max="100000000" width="6"/></cols>'),
    );
    expect((await withinAsync(1000, () => readPlan('columns.xlsx', columns))).tasks).toHaveLength(18);
  });

  it('a merge over a whole row (16,384 cells) still reads', async () => {
    const bytes = await withMerges(['A2:XFD2']);
    const preview = await withinAsync(2000, () => readPlan('row.xlsx', bytes));
    expect(preview.tasks).toHaveLength(18);
  });

  it('a part that unpacks to 70 MB', async () => {
    const parts = readZip(new Uint8Array(await fuzhouWorkbook()));
    parts.set('docProps/padding.xml', new Uint8Array(70 * 1024 * 1024).fill(0x20));
    expect(await refusal(2000, 'bomb.xlsx', writeZip(parts))).toMatch(/^bomb\.xlsx: the workbook unpacks to more than 64 MB/);
  });

  it('a cell of 10 million characters (took 4 s; 50 million, 30 s and 2 GB)', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('表').addRows([HEADER.split(','), ['1', '任务', 'x'.repeat(10_000_000), '每月10日前', '办公室']]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await refusal(3000, 'huge.xlsx', bytes)).toMatch(
      /^huge\.xlsx, sheet 表 row 2: the sheet holds more than 2,000,000 characters of text/,
    );
  });

  it('a date-formatted number past the calendar reads as an empty cell (threw RangeError: Invalid time value)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('表');
    sheet.addRows([HEADER.split(','), [1, '任务', '要求', 1e308, '办公室']]);
    sheet.getCell('D2').numFmt = 'yyyy-mm-dd';
    const preview = await readPlan('date.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(preview.tasks[0]!.requirements[0]!.deadline).toEqual({ text: '', recognized: false, rule: null });
  });
});

describe('a commit', () => {
  it('refuses a plan that uses a task number twice, writing nothing (was a raw UNIQUE constraint error)', async () => {
    const { db, sqlite } = freshDatabase();
    const text = '工作要点\n(一)推进甲。(责任单位:市信用办)\n(二)推进乙。(责任单位:市发改委)\n(一)推进丙。(责任单位:市财政局)';
    const preview = await readPlan('repeat.txt', Buffer.from(text), { year: 2022 });
    expect(preview.problems.map(inEnglish)).toContainEqual({
      where: 'repeat.txt line 4, item 一',
      message: 'item number (一) appears a second time',
    });
    const error = (() => {
      try {
        commitPlan(db, preview, { actor: { personId: null, label: 'test' }, now: new Date('2026-03-01T00:00:00Z') });
      } catch (e) {
        return e;
      }
    })();
    expect(refusalInEnglish(error)).toBe(
      'repeat.txt: task number 一 is used twice (repeat.txt line 2, item 一; repeat.txt line 4, item 一); give each task its own number, then import again',
    );
    expect(sqlite.prepare('SELECT count(*) FROM plans').pluck().get()).toBe(0);
  });
});
