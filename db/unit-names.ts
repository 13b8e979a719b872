/**
 * Units by name and names by unit: what an admin types (/invite 政策法规处, /units merge A B)
 * and what the bot writes back. Names are unique; an alias is a name a merged unit had.
 */
import { eq, like } from 'drizzle-orm';
import type { DB } from './index';
import { unitAliases, units } from './schema';

/** The unit a name (or alias) stands for, or those whose names contain it, for "did you mean". */
export function findUnit(db: DB, name: string): { unit: { id: number; name: string } | null; similar: string[] } {
  const exact =
    db.select({ id: units.id, name: units.name }).from(units).where(eq(units.name, name)).get() ??
    db
      .select({ id: units.id, name: units.name })
      .from(unitAliases)
      .innerJoin(units, eq(units.id, unitAliases.unitId))
      .where(eq(unitAliases.alias, name))
      .get();
  if (exact) return { unit: exact, similar: [] };
  const needle = name.replace(/[%_]/g, '');
  const similar =
    needle.length === 0
      ? []
      : db
          .select({ name: units.name })
          .from(units)
          .where(like(units.name, `%${needle}%`))
          .limit(5)
          .all()
          .map((u) => u.name);
  return { unit: null, similar };
}

/** The id of the unit of exactly this name (no aliases), if there is one. */
export function unitIdByName(db: DB, name: string): number | undefined {
  return db.select({ id: units.id }).from(units).where(eq(units.name, name)).get()?.id;
}

/** The unit's name, or undefined when it is gone (merged into another, say). */
export function unitName(db: DB, id: number): string | undefined {
  return db.select({ name: units.name }).from(units).where(eq(units.id, id)).get()?.name;
}
