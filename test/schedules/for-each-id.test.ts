/** forEachId reads json_group_array's text in place, as JSON.parse would read it. */
import { describe, expect, it } from 'vitest';
import { forEachId } from '../../schedules/unit-requirements';

function ids(json: string): number[] {
  const found: number[] = [];
  forEachId(json, (id) => found.push(id));
  return found;
}

describe('forEachId', () => {
  it('gives each id of the array, in order, as JSON.parse reads them', () => {
    for (const json of ['[]', '[0]', '[3,17,42]', '[1, 2 ,3]', '[9007199254740991,10,0,100000]']) {
      expect(ids(json)).toEqual(JSON.parse(json));
    }
  });

  it('reads a group of 10,000 unit ids as SQLite writes it', () => {
    const unitIds = Array.from({ length: 10_000 }, (_, i) => i * 37 + 1);
    expect(ids(JSON.stringify(unitIds))).toEqual(unitIds);
  });
});
