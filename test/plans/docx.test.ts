/**
 * The .docx reader: documents made here with the `docx` package (never stored binaries), read
 * back into blocks and plans. The seeds as .docx (a paragraph per line, as Word holds a plan
 * pasted into it) must read exactly as the seeds as .txt.
 */
import { describe, expect, it } from 'vitest';
import { withoutPlaces, placesIn } from './places';
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { formatCounter } from '../../plans/docx-numbering';
import { blocksFromDocumentXml, blocksFromDocx, MAX_DOCX_PARTS } from '../../plans/docx';
import { documentText } from '../../plans/document';
import { previewJson, readPlan } from '../../plans/import';
import type { PlanInputError } from '../../plans/errors';
import type { Grid } from '../../plans/grid';

const cell = (text: string, more: { rowSpan?: number; columnSpan?: number } = {}) =>
  new TableCell({ children: text.split('\n').map((line) => new Paragraph(line)), ...more });
const row = (...cells: TableCell[]) => new TableRow({ children: cells });

async function pack(children: (Paragraph | Table)[]): Promise<Uint8Array> {
  const doc = new Document({
    numbering: {
      config: [{ reference: 'auto', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT }] }],
    },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** A notice, numbered paragraphs, a contacts table without a task header, then the task table with merges. */
async function noticeWithTables(): Promise<Uint8Array> {
  return pack([
    new Paragraph('关于印发《某局2021年社会信用体系建设任务分解表》的通知'),
    new Paragraph('各科室：现将任务分解表印发给你们，请认真落实。'),
    new Paragraph('一、高度重视'),
    new Paragraph({ text: '各科室要明确联络员。', numbering: { reference: 'auto', level: 0 } }),
    new Paragraph({ children: [new TextRun('联系人：张三'), new TextRun({ text: '电话：1234', break: 1 })] }),
    new Table({ rows: [row(cell('联系人'), cell('电话')), row(cell('张三'), cell('1234'))] }),
    new Paragraph('某局2021年社会信用体系建设任务分解表'),
    new Table({
      rows: [
        row(cell('序号'), cell('工作任务'), cell('任务要求'), cell('完成时限'), cell('责任科室')),
        row(cell('一、完善工作机制', { columnSpan: 5 })),
        row(
          cell('1', { rowSpan: 2 }),
          cell('部署信用工作', { rowSpan: 2 }),
          cell('①召开工作会议'),
          cell('3月底前'),
          cell('办公室', { rowSpan: 2 }),
        ),
        row(cell('②制定工作方案'), cell('6月底前')),
        row(cell('2'), cell('报送信用信息'), cell('每月报送双公示信息'), cell('每月10日前'), cell('信息科\n法规科')),
      ],
    }),
    new Paragraph('某局办公室'),
  ]);
}

function texts(grid: Grid): string[][] {
  return grid.rows.map((r) => r.cells.map((c) => c.text));
}

describe('reading a .docx into blocks', () => {
  it('keeps paragraphs and tables in order, with the text of numbered and broken paragraphs', async () => {
    const blocks = await blocksFromDocx(await noticeWithTables(), 'plan.docx');
    expect(blocks.map((b) => b.kind)).toEqual([
      'paragraph',
      'paragraph',
      'paragraph',
      'paragraph',
      'paragraph',
      'table',
      'paragraph',
      'table',
      'paragraph',
    ]);
    // Word's automatic number ("1.") is not stored in the paragraph: it is counted again from numbering.xml.
    expect(blocks[3]).toEqual({ kind: 'paragraph', text: '1.各科室要明确联络员。' });
    expect(blocks[4]).toEqual({ kind: 'paragraph', text: '联系人：张三\n电话：1234' });
  });

  it('expands horizontal spans and vertical merges as workbooks mark merged cells', async () => {
    const blocks = await blocksFromDocx(await noticeWithTables(), 'plan.docx');
    const table = blocks[7]!;
    if (table.kind !== 'table') throw new Error('expected a table');
    expect(texts(table.grid)).toEqual([
      ['序号', '工作任务', '任务要求', '完成时限', '责任科室'],
      ['一、完善工作机制', '一、完善工作机制', '一、完善工作机制', '一、完善工作机制', '一、完善工作机制'],
      ['1', '部署信用工作', '①召开工作会议', '3月底前', '办公室'],
      ['1', '部署信用工作', '②制定工作方案', '6月底前', '办公室'],
      ['2', '报送信用信息', '每月报送双公示信息', '每月10日前', '信息科\n法规科'],
    ]);
    expect(table.grid.rows[1]!.cells.map((c) => c.mergedFrom)).toEqual([null, 'r2c1', 'r2c1', 'r2c1', 'r2c1']);
    expect(table.grid.rows[3]!.cells.map((c) => c.mergedFrom)).toEqual(['r3c1', 'r3c2', null, null, 'r3c5']);
    expect(table.grid.rows.map((r) => r.number)).toEqual([1, 2, 3, 4, 5]);
  });

  it('reads the table with a task header as the plan, titled and dated by the paragraph before it', async () => {
    const preview = await readPlan('plan.docx', await noticeWithTables());
    expect(preview.title).toBe('某局2021年社会信用体系建设任务分解表');
    expect(preview.year).toBe(2021);
    expect(preview.tasks.map((t) => [t.number, t.title, t.requirements.length])).toEqual([
      ['1', '部署信用工作', 2],
      ['2', '报送信用信息', 1],
    ]);
    expect(preview.tasks[0]!.requirements.map((r) => [r.deadline.text, r.lead])).toEqual([
      ['3月底前', ['办公室']],
      ['6月底前', ['办公室']],
    ]);
    expect(preview.tasks[1]!.requirements[0]!.deadline.recognized).toBe(true);
    // Placed by the table it is in (the second) and its row there, as the admin finds it in Word.
    expect(preview.tasks.map((t) => t.where)).toEqual([
      { file: 'plan.docx', table: 2, row: 3 },
      { file: 'plan.docx', table: 2, row: 5 },
    ]);
  });

  it('flattens a document without a task table to text as Word pastes it: a line per paragraph and per cell', async () => {
    const bytes = await pack([
      new Paragraph('说明'),
      new Table({ rows: [row(cell('项目', { rowSpan: 2 }), cell('分值')), row(cell('4'))] }),
      new Paragraph('附件'),
    ]);
    expect(documentText(await blocksFromDocx(bytes, 'a.docx'))).toBe(['说明', '项目', '分值', '', '4', '附件'].join('\n'));
  });
});

describe('the word/document.xml reader', () => {
  const W = 'xmlns:w="x" xmlns:mc="y"';
  const doc = (body: string) => `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`;

  it('reads tabs, breaks and typed text; skips deleted text, the fallback copy of a text box and tab stop definitions', () => {
    const xml = doc(
      '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="100"/></w:tabs></w:pPr><w:r><w:t>1</w:t><w:tab/><w:t xml:space="preserve">任务 &amp; 要求</w:t><w:br/><w:t>下行</w:t></w:r>' +
        '<w:del><w:r><w:delText>删掉</w:delText><w:t>也删掉</w:t></w:r></w:del>' +
        '<w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></mc:Choice>' +
        '<mc:Fallback><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>',
    );
    expect(blocksFromDocumentXml(xml, { file: 'a.docx' })).toEqual([{ kind: 'paragraph', text: '1\t任务 & 要求\n下行框\n' }]);
  });

  it('fills cells a row skips (w:gridBefore) and keeps a nested table as lines of its cell', () => {
    const xml = doc(
      '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr>' +
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>y</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>',
    );
    const [table] = blocksFromDocumentXml(xml, { file: 'a.docx' });
    if (table?.kind !== 'table') throw new Error('expected a table');
    expect(texts(table.grid)).toEqual([
      ['a', 'b'],
      ['', 'x\ny\n'],
    ]);
  });

  it('refuses malformed XML and an undeclared entity with a code naming the file', () => {
    for (const xml of [doc('<w:p><w:r><w:t>x</w:r></w:p>'), doc('<w:p><w:r><w:t>&lol;</w:t></w:r></w:p>')]) {
      let error: unknown;
      try {
        blocksFromDocumentXml(xml, { file: 'a.docx' });
      } catch (e) {
        error = e;
      }
      expect((error as PlanInputError).problem).toMatchObject({ code: 'docx-unreadable', where: { file: 'a.docx' } });
    }
  });

  it('refuses a merge spanning millions of cells before laying them out', () => {
    const xml = doc('<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="900000000"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>');
    expect(() => blocksFromDocumentXml(xml, { file: 'a.docx' })).toThrow(/docx-too-many-cells/);
  });
});

async function codeOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'read',
    (e: PlanInputError) => e.problem,
  );
}

describe('damaged and hostile .docx files are refused', () => {
  it('an encrypted document (an OLE container), another file type, a zip without a document', async () => {
    expect(await codeOf(readPlan('a.docx', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3])))).toEqual({
      code: 'docx-protected',
      args: {},
      where: { file: 'a.docx' },
    });
    expect(await codeOf(readPlan('a.docx', new TextEncoder().encode('序号\t任务')))).toMatchObject({ code: 'not-docx' });
    const zip = new JSZip().file('hello.txt', 'hi');
    expect(await codeOf(readPlan('a.docx', await zip.generateAsync({ type: 'uint8array' })))).toMatchObject({ code: 'not-docx' });
  });

  it('a zip bomb: a part packed thousands of times smaller than its content', async () => {
    const zip = new JSZip().file('word/document.xml', ' '.repeat(8 * 1024 * 1024));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(await codeOf(readPlan('a.docx', bytes))).toEqual({
      code: 'docx-zip-bomb',
      args: { name: 'word/document.xml', max: 200 },
      where: { file: 'a.docx' },
    });
  });

  it('too many parts', async () => {
    const zip = new JSZip();
    for (let i = 0; i <= MAX_DOCX_PARTS; i++) zip.file(`p${i}.xml`, '');
    expect(await codeOf(readPlan('a.docx', await zip.generateAsync({ type: 'uint8array' })))).toMatchObject({
      code: 'docx-too-many-parts',
    });
  });

  it('a damaged zip directory, and a document of only blank paragraphs', async () => {
    const good = await pack([new Paragraph('x')]);
    expect(await codeOf(readPlan('a.docx', good.subarray(0, good.byteLength - 30)))).toMatchObject({ code: 'docx-zip-damaged' });
    expect(await codeOf(readPlan('a.docx', await pack([new Paragraph(' '), new Paragraph('')])))).toMatchObject({ code: 'file-blank' });
  });
});

/** Tasks, units and problems of a preview, with the file's name taken out (it differs by extension). */
function comparable(preview: Awaited<ReturnType<typeof readPlan>>, name: string): string {
  return JSON.stringify(previewJson(preview)).replaceAll(JSON.stringify(name).slice(1, -1), 'FILE');
}

const SEEDS = [
  'fuzhou-2020-task-table',
  'xiamen-2022-work-points',
  'huaihua-2020-housing-plan',
  'district-plan-no-line-breaks',
  'chaoyang-2019-assessment-indicators',
];

describe('each seed as .docx reads exactly as the seed as .txt', () => {
  for (const seed of SEEDS) {
    it(seed, async () => {
      const text = readFileSync(new URL(`../fixtures/${seed}.txt`, import.meta.url), 'utf8');
      const options = { year: seed.startsWith('district') ? 2020 : null };
      const bytes = await pack(text.split('\n').map((line) => new Paragraph({ children: [new TextRun(line)] })));
      const fromText = await readPlan(`${seed}.txt`, new TextEncoder().encode(text), options).then(
        (p) => comparable(p, `${seed}.txt`),
        (e: PlanInputError) => JSON.stringify(e.problem).replaceAll(`${seed}.txt`, 'FILE'),
      );
      const fromDocx = await readPlan(`${seed}.docx`, bytes, options).then(
        (p) => comparable(p, `${seed}.docx`),
        (e: PlanInputError) => JSON.stringify(e.problem).replaceAll(`${seed}.docx`, 'FILE'),
      );
      expect(withoutPlaces(fromDocx)).toBe(withoutPlaces(fromText));
      // A Word paragraph has no line number to show: a place names the item, or a table's row.
      expect(placesIn(fromDocx).filter((where) => where.line !== undefined)).toEqual([]);
      // The two seeds read right today are compared as plans, not as two refusals.
      if (seed.startsWith('fuzhou') || seed.startsWith('xiamen')) expect(fromText).toMatch(/"tasks":\[\{/);
    });
  }
});

describe('a Word plan with prose and its appendix as a real table', () => {
  it('reads the prose tasks and the appendix rows, losing neither', async () => {
    const bytes = await pack([
      new Paragraph('某局2026年信用工作实施方案'),
      new Paragraph('一、工作任务'),
      new Paragraph('(一)建立制度。制定信用管理制度。(责任单位:法规科;完成时限:6月底前)'),
      new Paragraph('(二)开展宣传。开展诚信宣传活动。(责任单位:办公室;完成时限:9月底前)'),
      new Paragraph('附件:'),
      new Paragraph('某局2026年信用工作任务分解表'),
      new Table({
        rows: [
          row(cell('序号'), cell('任务内容'), cell('责任单位'), cell('完成时限'), cell('考核要求')),
          row(cell('1'), cell('召开部署会'), cell('办公室'), cell('3月底前'), cell('会议纪要')),
          row(cell('2'), cell('报送信用信息'), cell('法规科'), cell('每月10日前'), cell('报送清单')),
        ],
      }),
      new Paragraph('某局'),
      new Paragraph('2026年2月1日'),
    ]);
    const plan = await readPlan('方案.docx', bytes);
    expect(plan.tasks.map((task) => [task.number, task.title])).toEqual([
      ['一', '建立制度'],
      ['二', '开展宣传'],
      ['1', '召开部署会'],
      ['2', '报送信用信息'],
    ]);
    expect(plan.tasks[2]!.requirements[0]).toMatchObject({
      lead: ['办公室'],
      evidence: '会议纪要',
      deadline: { text: '3月底前', recognized: true },
    });
    expect(plan.year).toBe(2026);
  });

  it('lists the paragraphs around a lone task table as ignored, with why', async () => {
    const bytes = await pack([
      new Paragraph('关于印发2026年任务分解表的通知'),
      new Paragraph('2026年信用工作任务分解表'),
      new Table({
        rows: [
          row(cell('序号'), cell('工作任务'), cell('责任单位'), cell('完成时限')),
          row(cell('1'), cell('召开部署会'), cell('办公室'), cell('3月底前')),
        ],
      }),
      new Paragraph('2026年2月1日'),
    ]);
    const plan = await readPlan('表.docx', bytes);
    expect(plan.tasks).toHaveLength(1);
    expect(plan.ignored.map((line) => [line.text, line.reason])).toEqual([
      ['关于印发2026年任务分解表的通知', 'notice'],
      ['2026年信用工作任务分解表', 'heading'],
      ['2026年2月1日', 'signature'],
    ]);
  });
});

describe("Word's automatic numbering", () => {
  /** The Huaihua plan as Word keeps it when 一、（一）1. are list numbering, not typed text. */
  async function autoNumbered(lines: string[]): Promise<Uint8Array> {
    const levels = [
      { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.LEFT },
      { level: 1, format: LevelFormat.CHINESE_COUNTING, text: '（%2）', alignment: AlignmentType.LEFT },
      { level: 2, format: LevelFormat.DECIMAL, text: '%3.', alignment: AlignmentType.LEFT },
    ];
    const children = lines.map((line) => {
      const section = line.match(/^[一二三四五六七八九十]+、(.*)$/);
      const item = line.match(/^\([一二三四五六七八九十]+\)(.*)$/);
      const digit = line.match(/^\d+\.(.*)$/);
      const numbered = section ? [0, section[1]!] : item ? [1, item[1]!] : digit ? [2, digit[1]!] : null;
      return numbered
        ? new Paragraph({ text: numbered[1] as string, numbering: { reference: 'plan', level: numbered[0] as number } })
        : new Paragraph(line);
    });
    const doc = new Document({ numbering: { config: [{ reference: 'plan', levels }] }, sections: [{ children }] });
    return new Uint8Array(await Packer.toBuffer(doc));
  }

  it('is counted again, so an auto-numbered plan reads as the typed one', async () => {
    const text = readFileSync(new URL('../fixtures/huaihua-2020-housing-plan.txt', import.meta.url), 'utf8');
    const docx = await autoNumbered(text.split('\n'));
    // The numbers are not in the paragraphs' text: only the list numbering can give them.
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    expect(xml).not.toContain('（一）制定工作方案');
    const typed = await readPlan('plan.txt', new TextEncoder().encode(text));
    const auto = await readPlan('plan.docx', docx);
    expect(auto.tasks.map((t) => [t.number, t.title, t.requirements.length])).toEqual(
      typed.tasks.map((t) => [t.number, t.title, t.requirements.length]),
    );
    expect(auto.sections).toEqual(typed.sections);
  });

  it('formats each level as Word prints it', () => {
    expect([formatCounter(3, 'chineseCounting'), formatCounter(12, 'chineseCountingThousand'), formatCounter(2, 'decimal')]).toEqual([
      '三',
      '十二',
      '2',
    ]);
    expect([
      formatCounter(3, 'decimalEnclosedCircle'),
      formatCounter(2, 'decimalEnclosedParen'),
      formatCounter(4, 'upperRoman'),
      formatCounter(28, 'lowerLetter'),
    ]).toEqual(['③', '⑵', 'IV', 'bb']);
  });
});
