/**
 * Merges two units that are one office written two ways (局办公室 / 办公室, 市司法局 / 司法局):
 * everything that points at `from` moves to `into`, `from`'s name becomes an alias of
 * `into` so later imports resolve it, and `from` is removed. One transaction.
 */
import { and, eq } from 'drizzle-orm';
import type { DB } from '../db';
import { assignments, auditLog, invites, outbox, planUnits, reports, roles, unitAliases, units } from '../db/schema';
import type { Actor } from './commit';

export class MergeError extends Error {
  override name = 'MergeError';
}

type Tx = Parameters<Parameters<DB['transaction']>[0]>[0];

function findUnit(tx: Tx, name: string): { id: number; name: string } | undefined {
  const byName = tx.select({ id: units.id, name: units.name }).from(units).where(eq(units.name, name)).get();
  if (byName) return byName;
  const alias = tx.select({ id: unitAliases.unitId }).from(unitAliases).where(eq(unitAliases.alias, name)).get();
  return alias ? tx.select({ id: units.id, name: units.name }).from(units).where(eq(units.id, alias.id)).get() : undefined;
}

export interface MergeResult {
  from: string;
  into: string;
  assignmentsMoved: number;
  reportsMoved: number;
}

export function mergeUnits(db: DB, names: { from: string; into: string }, options: { actor: Actor; now: Date }): MergeResult {
  return db.transaction((tx) => {
    const from = findUnit(tx, names.from);
    const into = findUnit(tx, names.into);
    if (!from) throw new MergeError(`no unit named "${names.from}"`);
    if (!into) throw new MergeError(`no unit named "${names.into}"`);
    if (from.id === into.id) throw new MergeError(`"${names.from}" and "${names.into}" are already one unit`);
    const { now } = options;

    // Two reports for the same requirement and period cannot become one without losing one.
    const clashes = tx
      .select({ requirementId: reports.requirementId, period: reports.period })
      .from(reports)
      .where(eq(reports.unitId, from.id))
      .all()
      .filter(
        (r) =>
          tx
            .select({ id: reports.id })
            .from(reports)
            .where(and(eq(reports.unitId, into.id), eq(reports.requirementId, r.requirementId), eq(reports.period, r.period)))
            .get() !== undefined,
      );
    if (clashes.length > 0) {
      const list = clashes.map((c) => `requirement #${c.requirementId} ${c.period}`).join(', ');
      throw new MergeError(`both units reported on ${list}; correct those reports before merging`);
    }

    let assignmentsMoved = 0;
    for (const assignment of tx.select().from(assignments).where(eq(assignments.unitId, from.id)).all()) {
      const existing = tx
        .select()
        .from(assignments)
        .where(and(eq(assignments.requirementId, assignment.requirementId), eq(assignments.unitId, into.id)))
        .get();
      if (existing) {
        // Lead wins over cooperating, as it does when an import names a unit twice.
        if (assignment.role === 'lead' && existing.role !== 'lead') {
          tx.update(assignments).set({ role: 'lead', viaGroup: assignment.viaGroup, updatedAt: now }).where(eq(assignments.id, existing.id)).run();
        }
        tx.delete(assignments).where(eq(assignments.id, assignment.id)).run();
      } else {
        tx.update(assignments).set({ unitId: into.id, updatedAt: now }).where(eq(assignments.id, assignment.id)).run();
      }
      assignmentsMoved++;
    }
    const reportsMoved = tx.update(reports).set({ unitId: into.id, updatedAt: now }).where(eq(reports.unitId, from.id)).returning({ id: reports.id }).all().length;
    tx.update(roles).set({ unitId: into.id, updatedAt: now }).where(eq(roles.unitId, from.id)).run();
    tx.update(invites).set({ unitId: into.id, updatedAt: now }).where(eq(invites.unitId, from.id)).run();
    tx.update(outbox).set({ unitId: into.id, updatedAt: now }).where(eq(outbox.unitId, from.id)).run();
    for (const link of tx.select().from(planUnits).where(eq(planUnits.unitId, from.id)).all()) {
      tx.insert(planUnits).values({ planId: link.planId, unitId: into.id, createdAt: now, updatedAt: now }).onConflictDoNothing().run();
    }
    tx.update(unitAliases).set({ unitId: into.id, updatedAt: now }).where(eq(unitAliases.unitId, from.id)).run();
    tx.delete(units).where(eq(units.id, from.id)).run(); // cascades the plan links of `from`
    tx.insert(unitAliases).values({ unitId: into.id, alias: from.name, createdAt: now, updatedAt: now }).run();

    const result = { from: from.name, into: into.name, assignmentsMoved, reportsMoved };
    tx.insert(auditLog)
      .values({ at: now, actorPersonId: options.actor.personId, actorLabel: options.actor.label, action: 'unit.merge', subject: `unit:${into.id}`, details: result })
      .run();
    return result;
  });
}
