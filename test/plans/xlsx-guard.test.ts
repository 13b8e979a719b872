import { describe, expect, it } from 'vitest';
import { scanTags } from '../../plans/xlsx-guard';

/** What the workbook check counted before it read bytes: the patterns on the decoded text. */
function onText(bytes: Uint8Array) {
  const xml = new TextDecoder().decode(bytes);
  return {
    elements: [...xml.matchAll(/<[A-Za-z_]/g)].length,
    cells: [...xml.matchAll(/<c[\s>/]/g)].length,
    ranges: /<mergeCell|<definedName/i.test(xml),
  };
}

describe('the workbook check counts tags on the bytes', () => {
  it('as the patterns count them on the decoded text, whitespace of any kind and broken UTF-8 included', () => {
    const pieces = [
      '<c r="A1">',
      '<c/>',
      '<c>',
      '<C ',
      '<cc>',
      '<c\u3000',
      '<c\u00a0',
      '<c\ufeff',
      '<c\u2028',
      '<c\t',
      '<',
      '<_x',
      '<1',
      '任',
      '\u{1F600}',
    ];
    const broken = [[0xc2], [0xe3, 0x80], [0xef, 0xbb], [0xff], [0x80]];
    let seed = 1;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) >>> 0) % n;
    for (let sample = 0; sample < 3000; sample++) {
      const bytes: number[] = [];
      for (let k = next(10); k > 0; k--) {
        if (next(5) === 0) bytes.push(...broken[next(broken.length)]!);
        else bytes.push(...new TextEncoder().encode(pieces[next(pieces.length)]));
      }
      const data = new Uint8Array(bytes);
      const { elements, cells, ranges } = onText(data);
      expect(scanTags(data)).toMatchObject({ elements, cells });
      if (ranges) expect(scanTags(data).ranges).toBe(true);
    }
  });

  it('tell a part with merged ranges or defined names, in any case, from one without', () => {
    const encode = (xml: string) => new TextEncoder().encode(xml);
    expect(scanTags(encode('<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>')).ranges).toBe(true);
    expect(scanTags(encode('<DEFINEDNAME name="x">S!$A$1:$B$2</DEFINEDNAME>')).ranges).toBe(true);
    expect(scanTags(encode('<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>'))).toEqual({
      elements: 4,
      cells: 1,
      ranges: false,
    });
  });
});
