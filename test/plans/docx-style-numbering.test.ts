/**
 * Numbering through paragraph styles: the paragraph names only its style (w:pStyle) and the
 * style in word/styles.xml carries the list (w:numPr), as Word's heading styles do in most
 * government documents. The .docx files are written here by hand and zipped with jszip, so
 * styles.xml says exactly what each test needs.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { readStyles } from '../../plans/docx-numbering';
import { blocksFromDocx } from '../../plans/docx';
import { readPlan } from '../../plans/import';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const numPr = (numId?: string, ilvl?: number) =>
  `<w:numPr>${ilvl === undefined ? '' : `<w:ilvl w:val="${ilvl}"/>`}${numId === undefined ? '' : `<w:numId w:val="${numId}"/>`}</w:numPr>`;

interface Para {
  text: string;
  style?: string;
  /** The paragraph's own numPr. */
  numId?: string;
  ilvl?: number;
  /** The paragraph's formatting before a tracked change (w:pPrChange), inside its w:pPr. */
  changedFrom?: string;
}

const paragraph = ({ text, style, numId, ilvl, changedFrom }: Para) => {
  const own = numId === undefined && ilvl === undefined ? '' : numPr(numId, ilvl);
  const change = changedFrom === undefined ? '' : `<w:pPrChange w:id="1" w:author="a"><w:pPr>${changedFrom}</w:pPr></w:pPrChange>`;
  const pPr =
    style === undefined && own === '' && change === ''
      ? ''
      : `<w:pPr>${style === undefined ? '' : `<w:pStyle w:val="${style}"/>`}${own}${change}</w:pPr>`;
  return `<w:p>${pPr}<w:r><w:t xml:space="preserve">${escape(text)}</w:t></w:r></w:p>`;
};

/** A paragraph style: its id, the style it is based on, its own numPr. */
const style = (id: string, more: { basedOn?: string; numId?: string; ilvl?: number; isDefault?: boolean } = {}) =>
  `<w:style w:type="paragraph" w:styleId="${id}"${more.isDefault ? ' w:default="1"' : ''}><w:name w:val="style ${id}"/>` +
  `${more.basedOn === undefined ? '' : `<w:basedOn w:val="${more.basedOn}"/>`}` +
  `<w:pPr>${more.numId === undefined && more.ilvl === undefined ? '' : numPr(more.numId, more.ilvl)}</w:pPr></w:style>`;

const stylesXml = (styles: string[]) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ${W}>${styles.join('')}</w:styles>`;

const level = (ilvl: number, format: string, text: string, pStyle?: string) =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${format}"/>${pStyle === undefined ? '' : `<w:pStyle w:val="${pStyle}"/>`}<w:lvlText w:val="${text}"/></w:lvl>`;

/**
 * List 1: 一、（一）1. as offices number, its levels linked to the heading styles 1, 2, 3.
 * List 2: 1) 2) on its own.
 */
const NUMBERING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering ${W}>
<w:abstractNum w:abstractNumId="0">${level(0, 'chineseCounting', '%1、', '1')}${level(1, 'chineseCounting', '（%2）', '2')}${level(2, 'decimal', '%3.', '3')}</w:abstractNum>
<w:abstractNum w:abstractNumId="1">${level(0, 'decimal', '%1)')}</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>`;

/**
 * The heading styles as Word writes them in Chinese documents: 1 numbers level 0 of list 1;
 * 2 is based on 1 and only sets level 1 (the list it inherits); 3 names the list without a
 * level, which numbering.xml's w:lvl/w:pStyle gives (level 2).
 */
const HEADINGS = [
  style('a', { isDefault: true }),
  style('1', { basedOn: 'a', numId: '1', ilvl: 0 }),
  style('2', { basedOn: '1', ilvl: 1 }),
  style('3', { basedOn: 'a', numId: '1' }),
];

async function docx(paragraphs: Para[], styles: string | null = stylesXml(HEADINGS)): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${paragraphs.map(paragraph).join('')}</w:body></w:document>`,
  );
  zip.file('word/numbering.xml', NUMBERING);
  if (styles !== null) zip.file('word/styles.xml', styles);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

async function texts(paragraphs: Para[], styles?: string | null): Promise<string[]> {
  const blocks = await blocksFromDocx(await docx(paragraphs, styles), 'plan.docx');
  return blocks.map((block) => (block.kind === 'paragraph' ? block.text : '(table)'));
}

describe('numbering through paragraph styles', () => {
  it('reads a plan whose 一、（一）1. come from its heading styles as the same plan typed', async () => {
    const text = readFileSync(new URL('../fixtures/huaihua-2020-housing-plan.txt', import.meta.url), 'utf8');
    const paragraphs = text.split('\n').map((line): Para => {
      const section = line.match(/^[一二三四五六七八九十]+、(.*)$/);
      const item = line.match(/^\([一二三四五六七八九十]+\)(.*)$/);
      const digit = line.match(/^\d+\.(.*)$/);
      if (section) return { text: section[1]!, style: '1' };
      if (item) return { text: item[1]!, style: '2' };
      if (digit) return { text: digit[1]!, style: '3' };
      return { text: line };
    });
    expect(paragraphs.filter((p) => p.style !== undefined).length).toBeGreaterThan(20);
    const bytes = await docx(paragraphs);
    // No paragraph has a numPr of its own: only the styles can number them.
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    expect(xml).not.toContain('<w:numPr>');
    expect(xml).toContain('>制定工作方案。');
    expect(xml).not.toMatch(/[（(]一[）)]制定工作方案/);

    const typed = await readPlan('plan.txt', new TextEncoder().encode(text));
    const styled = await readPlan('plan.docx', bytes);
    expect(typed.tasks.length).toBeGreaterThan(10);
    expect(styled.tasks.map((t) => [t.number, t.title, t.requirements.length])).toEqual(
      typed.tasks.map((t) => [t.number, t.title, t.requirements.length]),
    );
    expect(styled.sections).toEqual(typed.sections);
  });

  it('numbers each level as Word does: a heading restarts the levels under it', async () => {
    expect(
      await texts([
        { text: '工作目标', style: '1' },
        { text: '组织领导', style: '1' },
        { text: '制定方案', style: '2' },
        { text: '录入信息', style: '3' },
        { text: '更新名单', style: '3' },
        { text: '建立制度', style: '2' },
        { text: '推送案例', style: '3' },
        { text: '工作要求', style: '1' },
        { text: '提高认识', style: '2' },
        { text: '正文不编号', style: 'a' },
      ]),
    ).toEqual([
      '一、工作目标',
      '二、组织领导',
      '（一）制定方案',
      '1.录入信息',
      '2.更新名单',
      '（二）建立制度',
      '1.推送案例',
      '三、工作要求',
      '（一）提高认识',
      '正文不编号',
    ]);
  });

  it("a paragraph's own numPr wins: numId 0 switches the style's numbering off, an ilvl alone picks the level", async () => {
    expect(
      await texts([
        { text: '工作目标', style: '1' },
        { text: '不编号的标题', style: '1', numId: '0' },
        { text: '组织领导', style: '1' },
        { text: '降一级', style: '1', ilvl: 1 },
        { text: '另一列表', style: '1', numId: '2' },
        { text: '工作任务', style: '1' },
      ]),
    ).toEqual(['一、工作目标', '不编号的标题', '二、组织领导', '（一）降一级', '1)另一列表', '三、工作任务']);
  });

  it('takes no numbering from the formatting a paragraph had before a tracked change (w:pPrChange)', async () => {
    expect(
      await texts([
        { text: '工作目标', style: '1' },
        // Numbering was switched on in the tracked change: before it, numId 0 (none), or another list.
        { text: '组织领导', style: '1', changedFrom: numPr('0') },
        { text: '工作任务', changedFrom: `<w:pStyle w:val="1"/>${numPr('1', 0)}` },
      ]),
    ).toEqual(['一、工作目标', '二、组织领导', '工作任务']);
  });

  it('inherits numPr through basedOn, and a style with numId 0 switches an inherited list off', async () => {
    const styles = stylesXml([
      ...HEADINGS,
      style('2b', { basedOn: '2' }), // two steps from the numId, one from the level
      style('1x', { basedOn: '1', numId: '0' }),
      style('1y', { basedOn: '1x' }),
    ]);
    expect(
      await texts(
        [
          { text: '工作任务', style: '1' },
          { text: '继承的二级', style: '2b' },
          { text: '关掉编号', style: '1x' },
          { text: '关掉后再继承', style: '1y' },
          { text: '下一条', style: '2' },
        ],
        styles,
      ),
    ).toEqual(['一、工作任务', '（一）继承的二级', '关掉编号', '关掉后再继承', '（二）下一条']);
  });

  it('gives a paragraph naming no style the default paragraph style', async () => {
    const styles = stylesXml([style('list', { isDefault: true, numId: '2' })]);
    expect(await texts([{ text: '第一段' }, { text: '第二段' }], styles)).toEqual(['1)第一段', '2)第二段']);
  });

  it('stops on a basedOn cycle, numbering from the styles inside it or not at all', async () => {
    const styles = stylesXml([
      style('self', { basedOn: 'self' }),
      style('p', { basedOn: 'q' }),
      style('q', { basedOn: 'p', numId: '2' }),
      style('x', { basedOn: 'y' }),
      style('y', { basedOn: 'x' }),
    ]);
    expect(
      await texts(
        [
          { text: '自环', style: 'self' },
          { text: '环中继承', style: 'p' },
          { text: '环中自有', style: 'q' },
          { text: '无编号的环', style: 'x' },
        ],
        styles,
      ),
    ).toEqual(['自环', '1)环中继承', '2)环中自有', '无编号的环']);
  });

  it('resolves ten thousand styles based on each other in one ring, each chain cut at the cap', () => {
    const n = 10_000;
    // Only style 0 numbers; style i is based on style i + 1, and the last on style 0.
    const ring = Array.from({ length: n }, (_, i) =>
      style(`s${i}`, { basedOn: `s${(i + 1) % n}`, ...(i === 0 ? { numId: '1', ilvl: 2 } : {}) }),
    );
    const styles = readStyles(stylesXml(ring));
    expect(styles.numbering.get('s0')).toEqual({ numId: '1', ilvl: 2 });
    // A few steps from the numbered style inherits its list; thousands of steps do not (the chain is cut).
    expect(styles.numbering.get(`s${n - 3}`)).toEqual({ numId: '1', ilvl: 2 });
    expect(styles.numbering.has(`s${n / 2}`)).toBe(false);
    expect(styles.numbering.has('s1')).toBe(false);
  });

  it('leaves numbering from styles out when styles.xml cannot be read, keeping numbering of the paragraph', async () => {
    const paragraphs: Para[] = [
      { text: '工作目标', style: '1' },
      { text: '自带编号', numId: '2' },
    ];
    expect(await texts(paragraphs, '<w:styles><w:style w:styleId="1"><w:pPr><w:numPr><w:numId w:val="1"/>')).toEqual([
      '工作目标',
      '1)自带编号',
    ]);
    expect(await texts(paragraphs, `<!DOCTYPE w [<!ENTITY a "x">]><w:styles ${W}>&a;</w:styles>`)).toEqual(['工作目标', '1)自带编号']);
    expect(await texts(paragraphs, null)).toEqual(['工作目标', '1)自带编号']);
    expect(readStyles('<w:styles>&undefined;</w:styles>')).toEqual({ numbering: new Map(), defaultStyle: null });
  });

  it('reads only paragraph styles, and not the numPr before a tracked change', () => {
    const styles = readStyles(
      stylesXml([
        `<w:style w:type="character" w:styleId="c"><w:pPr>${numPr('1', 0)}</w:pPr></w:style>`,
        `<w:style w:type="paragraph" w:styleId="changed"><w:pPr><w:pPrChange w:id="1"><w:pPr>${numPr('2', 0)}</w:pPr></w:pPrChange></w:pPr></w:style>`,
        style('bad-level', { numId: '1', ilvl: 9 }),
      ]),
    );
    expect([...styles.numbering]).toEqual([['bad-level', { numId: '1', ilvl: null }]]);
  });
});
