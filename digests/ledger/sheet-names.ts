/**
 * Worksheet names Excel accepts: at most 31 characters, none of \ / ? * [ ] :, not starting
 * or ending with an apostrophe, unique in the workbook (case-insensitively).
 */
import { planName } from '../../schedules/scope';

const MAX_LENGTH = 31;
const INVALID = /[\\/?*[\]:]/g;

/** `base`, or `base qualifier` when given, made valid and distinct from the names in `taken` (which it joins). */
export function sheetName(base: string, qualifier: string | null, taken: Set<string>): string {
  const clean = (text: string) => text.replace(INVALID, ' ').replace(/\s+/g, ' ').trim();
  const stem = clean(qualifier ? `${base} ${qualifier}` : base).replace(/^'+|'+$/g, '') || 'Sheet';
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` (${n})`;
    const name = `${Array.from(stem)
      .slice(0, MAX_LENGTH - suffix.length)
      .join('')
      .trimEnd()
      .replace(/'+$/, '')}${suffix}`;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}

/**
 * What tells the sheet pairs of several plans apart, by plan: its year, or where two plans share
 * a year (or one has none), its title (with the year in front when the title lacks it). Null for
 * a single plan: its sheets need no qualifier.
 */
export function planQualifiers(plans: readonly { title: string; year: number | null }[]): (string | null)[] {
  if (plans.length <= 1) return plans.map(() => null);
  const years = new Map<number | null, number>();
  for (const plan of plans) years.set(plan.year, (years.get(plan.year) ?? 0) + 1);
  return plans.map((plan) => (plan.year !== null && years.get(plan.year) === 1 ? String(plan.year) : planName(plan)));
}
