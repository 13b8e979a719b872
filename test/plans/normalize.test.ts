import { describe, expect, it } from 'vitest';
import { cleanLines, cleanText, toHalfWidth } from '../../plans/normalize';
import { parseChineseNumber } from '../../plans/numerals';

describe('cleanText', () => {
  it('removes spaces PDF extraction puts inside Chinese words', () => {
    expect(cleanText('每月 10 日 前')).toBe('每月10日前');
    expect(cleanText('政策法规处牵 头,中心各处室、 各分中心')).toBe('政策法规处牵头,中心各处室、各分中心');
    expect(cleanText('12 月底前 完成')).toBe('12月底前完成');
  });

  it('turns full-width forms half-width and keeps spaces between Latin words', () => {
    expect(toHalfWidth('（责任单位：市信用办，１０）')).toBe('(责任单位:市信用办,10)');
    expect(cleanText('  规范 v2.5  and  more ')).toBe('规范v2.5 and more');
  });

  it('handles the edges of the full-width block, the ideographic space, no-break and other Unicode spaces, and text with none', () => {
    expect(toHalfWidth('！～\u3000\uff00\uff5f𠀀')).toBe('!~ \uff00\uff5f𠀀');
    expect(cleanText('\u2003每月\u00a010日前\u3000')).toBe('每月10日前');
    expect(cleanText('全年不少于１０例')).toBe('全年不少于10例');
  });

  it('keeps line structure in cleanLines', () => {
    expect(cleanLines('12月底前\r\n\n 3 月底前 ')).toEqual(['12月底前', '3月底前']);
  });
});

describe('parseChineseNumber', () => {
  it.each([
    ['10', 10],
    ['两', 2],
    ['二', 2],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十五', 25],
    ['一百', 100],
    ['一百零五', 105],
    ['三千', 3000],
    ['二〇二〇', 2020],
    ['七', 7],
  ])('%s → %d', (text, value) => {
    expect(parseChineseNumber(text)).toBe(value);
  });

  it.each(['', '三四', '十x', 'abc', '万'])('"%s" is not a number', (text) => {
    expect(parseChineseNumber(text)).toBeNull();
  });
});
