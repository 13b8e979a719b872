/**
 * Worksheet names Excel accepts: at most 31 characters, none of \ / ? * [ ] :, not starting
 * or ending with an apostrophe, unique in the workbook (case-insensitively).
 */

const MAX_LENGTH = 31;
const INVALID = /[\\/?*[\]:]/g;

/** `base`, or `base qualifier` when given, made valid and distinct from the names in `taken` (which it joins). */
export function sheetName(base: string, qualifier: string | null, taken: Set<string>): string {
  const clean = (text: string) => text.replace(INVALID, ' ').replace(/\s+/g, ' ').trim();
  const stem = clean(qualifier ? `${base} ${qualifier}` : base).replace(/^'+|'+$/g, '') || 'Sheet';
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` (${n})`;
    const name = `${Array.from(stem).slice(0, MAX_LENGTH - suffix.length).join('').trimEnd().replace(/'+$/, '')}${suffix}`;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}
