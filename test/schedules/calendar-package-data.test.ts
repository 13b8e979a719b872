import { describe, expect, it } from 'vitest';
import { packageSchedules, schedulesFromPackageJson } from '../../schedules/calendar/package-data';

describe('reading the chinese-days JSON', () => {
  it('files each day under its own year with both names, the short ones spelt as the notices spell them', () => {
    const schedules = schedulesFromPackageJson({
      holidays: { '2030-02-03': 'Spring Festival,春节,4', '2030-06-05': 'Dragon Boat Festival,端午,1' },
      workdays: { '2030-02-09': 'Spring Festival,春节,4' },
      inLieuDays: {},
    });
    expect([...schedules.keys()]).toEqual([2030]);
    expect(schedules.get(2030)?.holidays.get('2030-06-05')).toEqual({ zh: '端午节', en: 'Dragon Boat Festival' });
    expect(schedules.get(2030)?.workdays.get('2030-02-09')).toEqual({ zh: '春节', en: 'Spring Festival' });
  });

  it('does not count a year whose only days are the next notice reaching back into December', () => {
    const schedules = schedulesFromPackageJson({
      holidays: { '2031-12-31': "New Year's Day,元旦,1", '2032-01-01': "New Year's Day,元旦,1", '2032-02-10': 'Spring Festival,春节,4' },
      workdays: { '2031-12-27': "New Year's Day,元旦,1" },
    });
    expect([...schedules.keys()]).toEqual([2032]);
  });

  it('fails loudly if the package changes its format', () => {
    expect(() => schedulesFromPackageJson({ holidays: [], workdays: 'none' })).toThrow(/"workdays" is not an object/);
    expect(() => schedulesFromPackageJson({})).toThrow(/"holidays" is not an object/);
    expect(() => schedulesFromPackageJson({ holidays: { '2030-02-03': { name: '春节' } }, workdays: {} })).toThrow(
      /unreadable "holidays" entry 2030-02-03/,
    );
    expect(() => schedulesFromPackageJson({ holidays: { '2030/02/03': 'Spring Festival,春节,4' }, workdays: {} })).toThrow(
      /unreadable "holidays" entry 2030\/02\/03/,
    );
  });

  it('reads the installed package without complaint', () => {
    expect(packageSchedules().get(2026)?.holidays.size).toBe(33);
    expect(packageSchedules().get(2026)?.workdays.size).toBe(6);
  });
});
