import { describe, expect, it } from 'vitest';
import { MAX_LABEL_WIDTH, estimateTextWidth, formatFigure, labelColumnWidth, niceAxis } from '../../../digests/charts/chart-style';
import { chartText } from '../../../digests/charts/chart-text';
import { selectWorstRows } from '../../../digests/charts/row-selection';

describe('niceAxis', () => {
  it('ends on a round tick at or above the largest value, in whole steps', () => {
    expect(niceAxis(0)).toEqual({ max: 1, interval: 1 });
    expect(niceAxis(3)).toEqual({ max: 3, interval: 1 });
    expect(niceAxis(7)).toEqual({ max: 8, interval: 2 });
    expect(niceAxis(11)).toEqual({ max: 12, interval: 2 });
    expect(niceAxis(60)).toEqual({ max: 60, interval: 10 });
    expect(niceAxis(1234)).toEqual({ max: 1500, interval: 500 });
  });
});

describe('label sizing', () => {
  it('counts CJK characters as one em and others as about 0.6 em', () => {
    expect(estimateTextWidth('政策法规处', 10)).toBe(50);
    expect(estimateTextWidth('ab', 10)).toBe(12);
  });

  it('fits the widest label, but never beyond the cap', () => {
    const labels = [
      { text: '办公室', fontSize: 13 },
      { text: '信息中心', fontSize: 13 },
    ];
    expect(labelColumnWidth(labels)).toBe(4 * 13 + 4);
    expect(labelColumnWidth([{ text: '很'.repeat(40), fontSize: 13 }])).toBe(MAX_LABEL_WIDTH);
  });
});

describe('formatFigure', () => {
  it('writes whole numbers plainly and others with one decimal', () => {
    expect([formatFigure(5), formatFigure(1.5), formatFigure(10 / 3)]).toEqual(['5', '1.5', '3.3']);
  });
});

describe('selectWorstRows', () => {
  it('orders worst first, keeps ties in the given order, and splits at the cap', () => {
    const rows = [3, 1, 3, 2, 1].map((badness, index) => ({ badness, index }));
    const { shown, hidden } = selectWorstRows(rows, 3, (a, b) => b.badness - a.badness);
    expect(shown.map((row) => row.index)).toEqual([0, 2, 3]);
    expect(hidden.map((row) => row.index)).toEqual([1, 4]);
  });
});

describe('chartText', () => {
  it('is Chinese unless English is asked for', () => {
    expect(chartText().onTime).toBe('按时');
    expect(chartText('en').onTime).toBe('On time');
    expect(chartText('en').moreUnitsAllOnTime(1)).toBe('1 more unit, all on time');
  });
});
