/**
 * Text files as offices save them: UTF-16 from Excel's "Unicode text" and Notepad (with a BOM,
 * and without one), GB18030, and Excel's tab-separated text whose cells holding line breaks
 * or quotes are quoted with the quotes doubled.
 */
import { describe, expect, it } from 'vitest';
import { decodeText, gridFromDelimited, utf16Order } from '../../plans/grid';
import { readPlan } from '../../plans/import';

function utf16le(text: string, bom: boolean): Uint8Array {
  const body = Buffer.from(text, 'utf16le');
  return new Uint8Array(bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body);
}

function utf16be(text: string): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
}

/** What Excel writes as "Unicode text": tab-separated, UTF-16LE with a BOM, a multi-line cell quoted, quotes doubled. */
const EXCEL_UNICODE_TEXT = [
  '序号\t工作任务\t任务要求\t完成时限\t责任单位',
  '1\t报送信息\t"①按月报送""双公示""信息。\n②核查数据。"\t"每月10日前\n12月底前"\t"办公室\n法规科"',
  '2\t组织培训\t组织全员培训\t6月底前\t人事科',
].join('\r\n');

describe('decoding text files', () => {
  const text = '序号\t工作任务\r\n1\t报送信用信息\r\n';

  it('reads UTF-16LE and UTF-16BE by their BOM, and UTF-16LE without one by its NUL bytes', () => {
    expect(decodeText(utf16le(text, true))).toBe(text);
    expect(decodeText(utf16be(text))).toBe(text);
    expect(decodeText(utf16le(text, false))).toBe(text);
  });

  it('reads UTF-16LE without a BOM even where 一 (U+4E00) puts a NUL on the other side', () => {
    const plan = '序号\t工作任务\t完成时限\r\n1\t统一社会信用代码一张网\t一季度末\r\n2\t推进一网通办\t12月底前\r\n';
    expect(utf16Order(utf16le(plan, false))).toBe('utf-16le');
    expect(decodeText(utf16le(plan, false))).toBe(plan);
  });

  it('does not take UTF-8 or GB18030 Chinese text for UTF-16', () => {
    expect(utf16Order(new TextEncoder().encode(text))).toBeNull();
    const gbk = new Uint8Array([0xd0, 0xf2, 0xba, 0xc5, 0x09, 0x31]); // 序号\t1 in GBK
    expect(utf16Order(gbk)).toBeNull();
    expect(decodeText(gbk)).toBe('序号\t1');
  });

  it('decodes UTF-16 text with a stray NUL as UTF-16 only when the NULs keep to one side', () => {
    const mixed = new Uint8Array([0x31, 0x00, 0x00, 0x32, 0x09, 0x00]);
    expect(utf16Order(mixed)).toBeNull();
  });
});

describe("Excel's quoted tab-separated text", () => {
  it('keeps a quoted cell with line breaks in one cell and undoubles its quotes', () => {
    const grid = gridFromDelimited(EXCEL_UNICODE_TEXT, '\t', 'plan.txt');
    expect(grid.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['序号', '工作任务', '任务要求', '完成时限', '责任单位'],
      ['1', '报送信息', '①按月报送"双公示"信息。\n②核查数据。', '每月10日前\n12月底前', '办公室\n法规科'],
      ['2', '组织培训', '组织全员培训', '6月底前', '人事科'],
    ]);
    // Row 2's cells span lines 2 to 5 of the file.
    expect(grid.rows.map((r) => r.number)).toEqual([1, 2, 6]);
  });

  it('reads quotes inside text as text, and a whole quoted cell as Excel does', () => {
    const pasted = '序号\t工作任务\t任务要求\n1\t"信用福州"网站\t在"信用福州"网站公示\n2\t"茉莉分"\t开展"茉莉分"工作';
    expect(gridFromDelimited(pasted, '\t', 'pasted.txt').rows.map((r) => r.cells[1]!.text)).toEqual([
      '工作任务',
      '"信用福州"网站',
      '茉莉分',
    ]);
  });

  it('reads a quote that never closes as text, instead of swallowing the rows after it', () => {
    const pasted = '序号\t工作任务\t任务要求\n1\t"信用福州网站\t公示\n2\t茉莉分\t开展工作';
    expect(gridFromDelimited(pasted, '\t', 'pasted.txt').rows.map((r) => r.cells[1]!.text)).toEqual([
      '工作任务',
      '"信用福州网站',
      '茉莉分',
    ]);
  });

  it('imports the Unicode text file end to end: two requirements with a deadline and units each', async () => {
    for (const name of ['plan.txt', 'plan.tsv']) {
      const preview = await readPlan(name, utf16le(EXCEL_UNICODE_TEXT, true), { year: 2021 });
      expect(preview.tasks.map((t) => t.number)).toEqual(['1', '2']);
      const first = preview.tasks[0]!.requirements;
      expect(first.map((r) => r.deadline.text)).toEqual(['每月10日前', '12月底前']);
      expect(first.map((r) => r.text)).toEqual(['①按月报送"双公示"信息。', '②核查数据。']);
      expect(preview.units.map((u) => u.name)).toEqual(expect.arrayContaining(['办公室', '法规科', '人事科']));
    }
  });
});
