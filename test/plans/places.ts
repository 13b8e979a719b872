/**
 * A plan's JSON with the places its lines were read at left out: a .docx or .pdf names a page or
 * a table's row where the same plan as .txt names a line, and the tests comparing the two
 * compare what was read. Where the places are right is checked on its own.
 */
export function withoutPlaces(json: string): string {
  return JSON.stringify(
    JSON.parse(json, (key, value: unknown) => {
      if (typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { file?: unknown }).file === 'string') {
        const { line: _line, page: _page, table: _table, row: _row, ...rest } = value as Record<string, unknown>;
        return rest;
      }
      return value;
    }),
  );
}

/** Every place (an object with a `file`) in a plan's JSON. */
export function placesIn(json: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  JSON.parse(json, (_key, value: unknown) => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { file?: unknown }).file === 'string')
      found.push(value as Record<string, unknown>);
    return value;
  });
  return found;
}
