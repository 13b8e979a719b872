import { describe, expect, it } from 'vitest';
import { rememberedByText, rememberedByTextAndYear } from '../../plans/memo';

describe('remembered readings', () => {
  it('read each text once, and give the same answer as reading it', () => {
    const read: string[] = [];
    const length = rememberedByText((text) => {
      read.push(text);
      return text.length === 0 ? null : text.length;
    });
    expect([length('每月10日前'), length('每月10日前'), length(''), length('')]).toEqual([6, 6, null, null]);
    expect(read).toEqual(['每月10日前', '']);
  });

  it('keep a reading per year: a deadline without a year takes the plan’s', () => {
    const read: string[] = [];
    const withYear = rememberedByTextAndYear((text, year) => {
      read.push(`${year}:${text}`);
      return `${year ?? '?'}年${text}`;
    });
    expect([withYear('3月底前', 2020), withYear('3月底前', 2021), withYear('3月底前', null), withYear('3月底前', 2020)]).toEqual([
      '2020年3月底前',
      '2021年3月底前',
      '?年3月底前',
      '2020年3月底前',
    ]);
    expect(read).toEqual(['2020:3月底前', '2021:3月底前', 'null:3月底前']);
  });

  it('do not keep long texts (a fuzzed cell of a megabyte must not stay in memory)', () => {
    let reads = 0;
    const count = rememberedByText((text) => ++reads + text.length);
    const long = '时'.repeat(10_000);
    count(long);
    count(long);
    expect(reads).toBe(2);
  });

  it('stay bounded: full, the memory is dropped and filled again', () => {
    let reads = 0;
    const read = rememberedByText((text) => (reads++, text));
    for (let i = 0; i < 25_000; i++) read(String(i));
    expect(reads).toBe(25_000);
    read('24999'); // kept since the last drop
    read('0'); // dropped
    expect(reads).toBe(25_001);
  });
});
