import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { readPlan } from '../../plans/import';
import { PlanInputError } from '../../plans/errors';
import { inEnglish, refusalInEnglish } from './wording';

async function refused(name: string, bytes: Uint8Array | string): Promise<string> {
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  const error = await readPlan(name, data).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlanInputError);
  return refusalInEnglish(error);
}

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Sheet1');
  rows.forEach((row) => sheet.addRow(row));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const HEADER = '序号,工作任务,任务要求,完成时限,责任单位';

describe('bad input is refused with a message naming the file and, where it applies, the row', () => {
  it('is a code, its arguments and where, worded from the locales (here in English)', async () => {
    const error = await readPlan('plan.png', Buffer.from('\x89PNG')).catch((e: unknown) => e);
    expect((error as PlanInputError).problem).toEqual({ code: 'unsupported-type', args: { type: '.png' }, where: { file: 'plan.png' } });
  });

  it('an unsupported file type', async () => {
    expect(await refused('plan.rtf', '{\\rtf1')).toBe(
      'plan.rtf: .rtf files are not supported; send .docx, .pdf, .xlsx, .csv, .tsv or .txt',
    );
    expect(await refused('plan.xls', 'x')).toMatch(/^plan\.xls: the old \.xls format is not supported; save the workbook as \.xlsx/);
  });

  it('an empty file, or one holding only blanks', async () => {
    expect(await refused('plan.csv', '')).toBe('plan.csv: the file is empty');
    expect(await refused('plan.txt', ' \n\n ')).toBe('plan.txt: the file holds only blank text');
  });

  it('a table with no header row', async () => {
    expect(await refused('plan.csv', 'a,b,c\n1,2,3\n')).toBe(
      'plan.csv: no header row found in the first 30 rows (expected columns such as 序号, 工作任务, 任务要求, 完成时限, 责任处室)',
    );
    expect(
      await refused(
        'plan.xlsx',
        await workbook([
          ['just', 'numbers'],
          [1, 2],
        ]),
      ),
    ).toMatch(/^plan\.xlsx, sheet Sheet1: no header row found/);
  });

  it('a damaged workbook, and a password-protected one', async () => {
    const truncated = (await workbook([['序号']])).subarray(0, 200);
    expect(await refused('plan.xlsx', truncated)).toMatch(/^plan\.xlsx: the workbook cannot be read \(/);
    expect(await refused('plan.xlsx', 'not a zip at all')).toBe(
      'plan.xlsx: not an .xlsx workbook (the file is damaged or of another type)',
    );
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    expect(await refused('plan.xlsx', ole)).toMatch(/^plan\.xlsx: the workbook is password-protected or in the old \.xls format/);
  });

  it('a file over 10 MB', async () => {
    expect(await refused('big.csv', Buffer.alloc(10 * 1024 * 1024 + 1, 0x41))).toBe(
      'big.csv: 10.0 MB, more than the 10 MB a plan may have',
    );
  });

  it('a table over 5,000 rows', async () => {
    const rows = Array.from({ length: 5001 }, (_, i) => `${i + 1},任务${i},要求,每月10日前,办公室`);
    expect(await refused('long.csv', [HEADER, ...rows].join('\n'))).toBe(
      'long.csv: 5,001 rows below the header, more than the 5,000 a plan may have; split the plan',
    );
  });

  it('a table with a header and no task rows', async () => {
    expect(await refused('plan.csv', `标题\n${HEADER}\n,,,,\n`)).toBe('plan.csv: the table has a header row (row 2) but no task rows');
  });

  it('prose with no numbered items', async () => {
    expect(await refused('notes.txt', '这是一段说明文字。\n没有编号。')).toMatch(/^notes\.txt: no numbered items found/);
  });

  it('a CSV whose quotes never close names the row', async () => {
    expect(await refused('plan.csv', `${HEADER}\n1,"任务,要求\n`)).toMatch(/^plan\.csv row \d+: the CSV cannot be read/);
  });
});

describe('odd but valid input', () => {
  it('reads a GB18030 (GBK) CSV as Excel on Chinese Windows saves it', async () => {
    // "序号,工作任务,任务要求,完成时限,责任单位\n1,任务,要求,每月10日前,办公室" in GBK bytes is built
    // from the UTF-8 text by a small table of the characters used.
    const gbk: Record<string, number[]> = {
      序: [0xd0, 0xf2],
      号: [0xba, 0xc5],
      工: [0xb9, 0xa4],
      作: [0xd7, 0xf7],
      任: [0xc8, 0xce],
      务: [0xce, 0xf1],
      要: [0xd2, 0xaa],
      求: [0xc7, 0xf3],
      完: [0xcd, 0xea],
      成: [0xb3, 0xc9],
      时: [0xca, 0xb1],
      限: [0xcf, 0xde],
      责: [0xd4, 0xf0],
      单: [0xb5, 0xa5],
      位: [0xce, 0xbb],
      每: [0xc3, 0xbf],
      月: [0xd4, 0xc2],
      日: [0xc8, 0xd5],
      前: [0xc7, 0xb0],
      办: [0xb0, 0xec],
      公: [0xb9, 0xab],
      室: [0xca, 0xd2],
    };
    const text = `${HEADER}\n1,任务,要求,每月10日前,办公室\n`;
    const bytes = Buffer.from([...text].flatMap((ch) => gbk[ch] ?? [ch.charCodeAt(0)]));
    const preview = await readPlan('gbk.csv', bytes);
    expect(preview.tasks[0]!.requirements[0]).toMatchObject({
      text: '要求',
      lead: ['办公室'],
      deadline: { text: '每月10日前', recognized: true },
    });
  });

  it("uses a formula cell's cached result and a separate 牵头单位 column", async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('表');
    sheet.addRow(['序号', '工作任务', '任务要求', '完成时间', '牵头单位', '责任单位']);
    sheet.addRow([{ formula: '0+1', result: 1 }, '任务', '要求', '6月30日前', '区发改局', '区委办、区政府办']);
    const preview = await readPlan('plan.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), { year: 2026 });
    expect(preview.tasks[0]).toMatchObject({ number: '1' });
    expect(preview.tasks[0]!.requirements[0]).toMatchObject({
      lead: ['区发改局'],
      cooperating: ['区委办', '区政府办'],
      deadline: { rule: { kind: 'once', year: 2026, month: 6, day: 30 } },
    });
  });

  it('reports an empty deadline cell as a problem, keeping the requirement', async () => {
    const preview = await readPlan('plan.csv', Buffer.from(`${HEADER}\n1,任务,要求,,办公室\n`));
    expect(preview.tasks[0]!.requirements[0]!.deadline).toEqual({ text: '', recognized: false, rule: null });
    expect(preview.problems.map(inEnglish)).toEqual([{ where: 'plan.csv row 2, requirement 1', message: 'no deadline given' }]);
  });
});
