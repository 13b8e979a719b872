/**
 * The .pdf reader: PDFs made here with pdfkit and the CJK font the project ships (never stored
 * binaries). A task table drawn as a real table must read as the same table does as text; prose
 * drawn a line at a time must read exactly as the text. The line and table rebuilding is also
 * tested on hand-placed text pieces, where each rule can be seen to hold.
 */
import { describe, expect, it } from 'vitest';
import { withoutPlaces, placesIn } from './places';
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { blocksFromPages, MAX_PDF_PAGES, type TextItem } from '../../plans/pdf';
import { documentWorkerThread } from '../../plans/document-thread';
import { documentText } from '../../plans/document';
import { previewJson, readPlan, type PlanPreview } from '../../plans/import';
import type { PlanInputError } from '../../plans/errors';
import { deflateSync } from 'node:zlib';
import { linesPdf, scannedPdf, tablePdf, tabRows } from '../faults/support/pdf-files';
import { rawPdf } from '../faults/support/pdf-inputs';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const where = { file: 'a.pdf' };

async function problemOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'read',
    (e: PlanInputError) => e.problem,
  );
}

/** What a careful reader checks of a task table: each task, its requirements' deadlines and units; the plan's units. */
function essentials(preview: PlanPreview) {
  const json = previewJson(preview);
  return {
    plan: json.plan,
    tasks: json.tasks.map((t) => ({
      number: t.number,
      title: t.title,
      requirements: t.requirements.map((r) => ({ deadline: r.deadline, lead: r.lead, cooperating: r.cooperating, quota: r.quota })),
    })),
    units: json.units,
  };
}

describe('a task table drawn in a PDF', () => {
  it('reads the Fuzhou table as its text does: tasks, titles, deadlines, units (cells wrapped, rows across pages, header repeated)', async () => {
    const text = fixture('fuzhou-2020-task-table.txt');
    const [header, ...rows] = tabRows(text);
    const bytes = await tablePdf(header!, rows, {
      before: ['附件 2', '福州市不动产登记和交易中心 2020 年社会信用体系建设任务分解表'],
      widths: [30, 90, 170, 230, 70, 140],
    });
    const fromPdf = await readPlan('fuzhou.pdf', bytes);
    const fromText = await readPlan('fuzhou.txt', new TextEncoder().encode(text));
    expect(fromText.tasks).toHaveLength(18);
    expect(essentials(fromPdf)).toEqual(essentials(fromText));
    // The requirement text differs only where the text file has the PDF's wrapping spaces.
    const squeeze = (p: PlanPreview) => p.tasks.flatMap((t) => t.requirements.map((r) => r.text.replace(/\s/g, '')));
    expect(squeeze(fromPdf)).toEqual(squeeze(fromText));
  });
});

describe('a task table printed as Word prints it', () => {
  it('reads the same with a wrapped header cell, rows broken across pages, page numbers and a signature; lists what it left out; places problems by page', async () => {
    const text = fixture('fuzhou-2020-task-table.txt');
    const [header, ...rows] = tabRows(text);
    const bytes = await tablePdf(header!, rows, {
      before: ['附件 2', '福州市不动产登记和交易中心 2020 年社会信用体系建设任务分解表'],
      // 完成时限 in a column two characters wide: its header wraps over two lines.
      widths: [30, 90, 170, 230, 36, 140],
      breakRows: true,
      pageNumbers: true,
      after: ['福州市不动产登记和交易中心', '2020年3月1日'],
    });
    const fromPdf = await readPlan('fuzhou.pdf', bytes);
    const fromText = await readPlan('fuzhou.txt', new TextEncoder().encode(text));
    expect(essentials(fromPdf)).toEqual(essentials(fromText));
    const squeeze = (p: PlanPreview) => p.tasks.flatMap((t) => t.requirements.map((r) => r.text.replace(/\s/g, '')));
    expect(squeeze(fromPdf)).toEqual(squeeze(fromText));

    const ignored = fromPdf.ignored.map((line) => [line.reason, line.text]);
    const pages = ignored.filter(([reason]) => reason === 'page-number');
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(pages.map(([, text]) => text)).toEqual(pages.map((_, i) => `- ${i + 1} -`));
    expect(ignored).toContainEqual(['signature', '福州市不动产登记和交易中心']);
    expect(ignored).toContainEqual(['signature', '2020年3月1日']);

    // The deadline nobody can read (task 18's second item) is placed by its page and its row there.
    const unread = fromPdf.problems.find((p) => p.code === 'deadline-unread')!;
    const task18 = fromPdf.tasks.find((t) => t.number === '18')!;
    expect(task18.where).toMatchObject({ file: 'fuzhou.pdf', page: expect.any(Number) as number, row: expect.any(Number) as number });
    expect(unread.where).toMatchObject({ file: 'fuzhou.pdf', page: task18.where.page });
    expect(unread.where.row).toBeGreaterThanOrEqual(task18.where.row!);
    expect(unread.where.line).toBeUndefined();
  });
});

describe('prose drawn a line at a time', () => {
  for (const seed of ['xiamen-2022-work-points', 'huaihua-2020-housing-plan']) {
    it(`${seed}: the same lines (blank lines from vertical space) and the same preview as the .txt`, async () => {
      const text = fixture(`${seed}.txt`);
      const bytes = await linesPdf(text.split('\n'));
      const fromPdf = JSON.stringify(previewJson(await readPlan('seed.pdf', bytes))).replaceAll('seed.pdf', 'FILE');
      const fromText = JSON.stringify(previewJson(await readPlan('seed.txt', new TextEncoder().encode(text)))).replaceAll(
        'seed.txt',
        'FILE',
      );
      expect(withoutPlaces(fromPdf)).toBe(withoutPlaces(fromText));
      expect(fromText).toMatch(/"tasks":\[\{/);
      // Each place is a page of the PDF (all on page 1 here), never a line of text it does not have.
      const places = placesIn(fromPdf).filter((where) => Object.keys(where).length > 1);
      expect(places.length).toBeGreaterThan(0);
      expect(places.filter((where) => where.line !== undefined || where.page !== 1)).toEqual([]);
    });
  }
});

describe('PDFs that cannot be read are refused with a code naming the file', () => {
  it('a scan: no text layer', async () => {
    expect(await problemOf(readPlan('scan.pdf', await scannedPdf()))).toEqual({
      code: 'pdf-no-text',
      args: {},
      where: { file: 'scan.pdf' },
    });
  });

  it('a password-protected PDF; one only restricted by an owner password reads', async () => {
    const locked = await linesPdf(['一、工作任务', '(一)报送信用信息。(办公室，每月10日前)'], {
      pdf: { userPassword: 'x', ownerPassword: 'y' },
    });
    expect(await problemOf(readPlan('locked.pdf', locked))).toEqual({ code: 'pdf-protected', args: {}, where: { file: 'locked.pdf' } });
    const restricted = await linesPdf(['一、工作任务', '(一)报送信用信息。(办公室，每月10日前)'], {
      pdf: { ownerPassword: 'y', permissions: { printing: 'highResolution' } },
    });
    expect(await problemOf(readPlan('restricted.pdf', restricted))).toBe('read');
  });

  it('another file type, and a truncated PDF', async () => {
    expect(await problemOf(readPlan('a.pdf', new TextEncoder().encode('序号\t工作任务')))).toEqual({
      code: 'not-pdf',
      args: {},
      where: { file: 'a.pdf' },
    });
    const bytes = await linesPdf(['一、工作任务']);
    const cut = await problemOf(readPlan('a.pdf', bytes.subarray(0, 400)));
    expect(cut).toMatchObject({ where: { file: 'a.pdf' } });
    expect(['pdf-unreadable', 'pdf-no-text']).toContain((cut as { code: string }).code);
  });

  it(`more than ${MAX_PDF_PAGES} pages`, async () => {
    const doc = new PDFDocument({ autoFirstPage: false, size: [50, 50] });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((resolve) => doc.on('end', resolve));
    for (let i = 0; i <= MAX_PDF_PAGES; i++) doc.addPage();
    doc.end();
    await ended;
    expect(await problemOf(readPlan('long.pdf', Buffer.concat(chunks)))).toEqual({
      code: 'pdf-too-many-pages',
      args: { pages: MAX_PDF_PAGES + 1, max: MAX_PDF_PAGES },
      where: { file: 'long.pdf' },
    });
  });
});

/** One page of Helvetica text whose content stream is `content`. */
function onePage(content: string, font = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'): Uint8Array {
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    font,
    { dict: '/Filter /FlateDecode', stream: deflateSync(Buffer.from(content, 'latin1')) },
  ]);
}

describe('pdf.js is kept within bounds (found by the fault drill)', () => {
  it('a file pdf.js works on past its budget is refused in time, and the next file reads (a new worker)', async () => {
    // pdf.js's graphics state stack makes q…Q nesting quadratic: 40,000 deep took it 50 s.
    const nested = onePage(`${'q '.repeat(40_000)}BT /F1 10 Tf 50 700 Td (x) Tj ET${' Q'.repeat(40_000)}`);
    const start = performance.now();
    expect(await problemOf(readPlan('deep.pdf', nested))).toEqual({
      code: 'pdf-too-complex',
      args: { max: 2 },
      where: { file: 'deep.pdf' },
    });
    expect(performance.now() - start).toBeLessThan(5000);
    expect(await problemOf(readPlan('next.pdf', await linesPdf(['一、工作任务', '(一)报送信用信息。(办公室，每月10日前)'])))).toBe('read');
  });

  it('a worker that ended while idle is replaced: the next file reads, not refused as too complex', async () => {
    const plan = await linesPdf(['一、工作任务', '(一)报送信用信息。(办公室，每月10日前)']);
    expect(await problemOf(readPlan('first.pdf', plan))).toBe('read');
    const idle = await documentWorkerThread()!;
    await idle.terminate(); // as if it ran out of memory or was killed between two files
    // Posted to the dead worker, the file got no answer and was refused as pdf-too-complex.
    expect(await problemOf(readPlan('second.pdf', plan))).toBe('read');
  });

  it('reads the text of a font whose embedded program is garbage, by its ToUnicode map', async () => {
    const toUnicode = deflateSync(
      Buffer.from(
        '/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <00> <FF> endcodespacerange 2 beginbfchar <41> <4E00> <42> <4E8C> endbfchar endcmap CMapName currentdict /CMap defineresource pop end end',
        'latin1',
      ),
    );
    const garbage = new Uint8Array(200_000).map((_, i) => (i * 7919) % 251);
    const pdf = rawPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
      '<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+Broken /FirstChar 65 /LastChar 66 /Widths [1000 1000] /FontDescriptor 6 0 R /ToUnicode 7 0 R >>',
      { dict: '/Filter /FlateDecode', stream: deflateSync(Buffer.from('BT /F1 10 Tf 50 700 Td (ABAB) Tj ET', 'latin1')) },
      '<< /Type /FontDescriptor /FontName /ABCDEF+Broken /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile3 8 0 R >>',
      { dict: '/Filter /FlateDecode', stream: toUnicode },
      { dict: '/Subtype /Type1C', stream: garbage },
    ]);
    const { blocksFromPdf } = await import('../../plans/pdf');
    expect(documentText(await blocksFromPdf(pdf, 'font.pdf'))).toBe('一二一二');
  });
});

/** A piece of text at (x, y), `size` high, as wide as its characters at that size. */
const piece = (text: string, x: number, y: number, size = 10): TextItem => ({ text, x, y, width: [...text].length * size, height: size });

describe('rebuilding lines and tables from positioned text', () => {
  it('groups pieces into lines by baseline, orders them by x, puts a space at a word gap and blank lines at vertical space', () => {
    const page = [
      piece('第二段', 50, 660),
      piece('世界', 71, 699), // a baseline 1 unit off, right after "你好": the same line, the same word
      piece('你好', 50, 700),
      piece('end', 200, 700),
      piece('第二行', 50, 685),
    ];
    expect(documentText(blocksFromPages([page], where))).toBe('你好世界 end\n第二行\n\n第二段');
  });

  it('reads a table by its header columns: a piece goes to the column it starts in, rows break at wide gaps and at a new number', () => {
    const header = [
      piece('序号', 50, 700),
      piece('工作任务', 100, 700),
      piece('任务要求', 200, 700),
      piece('完成时限', 400, 700),
      piece('责任单位', 500, 700),
      piece('备注', 600, 700),
    ];
    const body = [
      // row 1: the requirement wraps (its line fills the column up to the next one's text at 400), the units cell holds two lines
      piece('1', 50, 680),
      piece('报送信息', 100, 680),
      piece('按月报送双公示信息并核查数据的规范性', 200, 680),
      piece('每月10日前', 400, 680),
      piece('办公室', 500, 680),
      piece('与完整性', 200, 665),
      piece('法规科', 500, 665),
      // row 2, after a wider gap
      piece('2', 50, 640),
      piece('培训', 100, 640),
      piece('组织培训', 200, 640),
      piece('6月底前', 400, 640),
      piece('人事科', 500, 640),
      // row 3 starts right below row 2 with no gap but a new number
      piece('3', 50, 625),
      piece('宣传', 100, 625),
      piece('开展宣传', 200, 625),
      piece('12月底前', 400, 625),
      piece('宣传科', 500, 625),
      piece('年底总结', 600, 625),
    ];
    const title = piece('某局2021年信用工作任务分解表', 50, 740);
    const blocks = blocksFromPages([[title, ...header, ...body]], where);
    expect(blocks[0]).toEqual({ kind: 'paragraph', text: '某局2021年信用工作任务分解表', page: 1 });
    const table = blocks.at(-1)!;
    if (table.kind !== 'table') throw new Error('expected a table');
    expect(table.grid.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['序号', '工作任务', '任务要求', '完成时限', '责任单位', '备注'],
      ['1', '报送信息', '按月报送双公示信息并核查数据的规范性与完整性', '每月10日前', '办公室\n法规科', ''],
      ['2', '培训', '组织培训', '6月底前', '人事科', ''],
      ['3', '宣传', '开展宣传', '12月底前', '宣传科', '年底总结'],
    ]);
  });

  it('continues the table on the next page, starting a new row there and skipping the repeated header', () => {
    const header = (y: number) => [
      piece('序号', 50, y),
      piece('工作任务', 100, y),
      piece('任务要求', 200, y),
      piece('完成时限', 400, y),
      piece('责任单位', 480, y),
    ];
    const page1 = [
      ...header(700),
      piece('1', 50, 680),
      piece('报送', 100, 680),
      piece('按月报送', 200, 680),
      piece('每月10日前', 400, 680),
      piece('办公室', 480, 680),
    ];
    const page2 = [...header(700), piece('续写的要求', 200, 680)];
    const table = blocksFromPages([page1, page2], where).at(-1)!;
    if (table.kind !== 'table') throw new Error('expected a table');
    expect(table.grid.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['序号', '工作任务', '任务要求', '完成时限', '责任单位'],
      ['1', '报送', '按月报送', '每月10日前', '办公室'],
      ['', '', '续写的要求', '', ''],
    ]);
  });

  it('reads a header whose cells wrap or sit between two lines as one header row', () => {
    // 完成 over 时限 (wrapped), 序号 and 任务要求 centred between them; the title above is no part of it.
    const page = [
      piece('某局任务分解表', 100, 740),
      piece('完成', 400, 707),
      piece('牵头', 480, 707),
      piece('序号', 50, 700),
      piece('任务要求', 200, 700),
      piece('时限', 400, 693),
      piece('单位', 480, 693),
      piece('1', 50, 670),
      piece('报送信息', 200, 670),
      piece('每月10日前', 400, 670),
      piece('办公室', 480, 670),
    ];
    const table = blocksFromPages([page], where).at(-1)!;
    if (table.kind !== 'table') throw new Error('expected a table');
    expect(table.grid.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['序号', '任务要求', '完成时限', '牵头单位'],
      ['1', '报送信息', '每月10日前', '办公室'],
    ]);
  });

  it('joins a row Word broke across pages: the cell above filled its column, and the next page goes on without a number', () => {
    const header = (y: number) => [piece('序号', 50, y), piece('任务要求', 100, y), piece('完成时限', 300, y), piece('责任单位', 400, y)];
    // 任务要求 runs from 100 to the next column's text at 300: 18 characters fill it.
    const page1 = [
      ...header(700),
      piece('1', 50, 680),
      piece('按月报送双公示信息并核查数据的规范性', 100, 680),
      piece('每月10日前', 300, 680),
      piece('办公室', 400, 680),
      piece('- 1 -', 250, 40),
    ];
    const page2 = [
      ...header(700),
      piece('与完整性', 100, 680),
      piece('2', 50, 660),
      piece('组织培训', 100, 660),
      piece('6月底前', 300, 660),
      piece('人事科', 400, 660),
      piece('- 2 -', 250, 40),
    ];
    const blocks = blocksFromPages([page1, page2], where);
    const table = blocks.find((b) => b.kind === 'table')!;
    if (table.kind !== 'table') throw new Error('expected a table');
    expect(table.grid.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['序号', '任务要求', '完成时限', '责任单位'],
      ['1', '按月报送双公示信息并核查数据的规范性与完整性', '每月10日前', '办公室'],
      ['2', '组织培训', '6月底前', '人事科'],
    ]);
    // Row 2 is the second row seen on page 2, under the first row's last part.
    expect(table.grid.rows.slice(1).map((r) => r.place)).toEqual([
      { page: 1, row: 1 },
      { page: 2, row: 2 },
    ]);
    // The page numbers are no cell's text: they follow the table, each with its page.
    expect(blocks.filter((b) => b.kind === 'paragraph')).toEqual([
      { kind: 'paragraph', text: '- 1 -', page: 1 },
      { kind: 'paragraph', text: '- 2 -', page: 2 },
    ]);
  });

  it("ends the table where a gap wider than a row's lines follows its last row: a signature or a note is no cell", () => {
    const page = [
      piece('序号', 50, 700),
      piece('任务要求', 100, 700),
      piece('完成时限', 300, 700),
      piece('责任单位', 400, 700),
      piece('备注', 500, 700),
      piece('1', 50, 680),
      piece('报送信息', 100, 680),
      piece('每月10日前', 300, 680),
      piece('办公室', 400, 680),
      piece('法规科', 400, 668), // the units cell's second line: the same row
      piece('某某市信用办', 420, 620),
      piece('2021年3月1日', 420, 600),
    ];
    const blocks = blocksFromPages([page], where);
    const table = blocks.find((b) => b.kind === 'table')!;
    if (table.kind !== 'table') throw new Error('expected a table');
    expect(table.grid.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['序号', '任务要求', '完成时限', '责任单位', '备注'],
      ['1', '报送信息', '每月10日前', '办公室\n法规科', ''],
    ]);
    expect(blocks.filter((b) => b.kind === 'paragraph').map((b) => (b as { text: string }).text)).toEqual(['某某市信用办', '2021年3月1日']);
  });

  it('reads a 5,000-line page in linear time (no piece compared with every other)', () => {
    const page: TextItem[] = [];
    for (let i = 0; i < 5000; i++) page.push(piece(`第${i}行`, 50 + (i % 7), 100_000 - i * 12));
    const start = performance.now();
    const text = documentText(blocksFromPages([page], where));
    expect(text.split('\n')).toHaveLength(5000);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
