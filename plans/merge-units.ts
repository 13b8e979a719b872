/**
 * Merges two units that are one office written two ways (局办公室 / 办公室, 市司法局 / 司法局):
 * everything that points at `from` moves to `into`, `from`'s name becomes an alias of
 * `into` so later imports resolve it, and `from` is removed. One transaction.
 */
import { and, count, eq, isNull } from 'drizzle-orm';
import type { DB } from '../db';
import { assignments, auditLog, events, invites, outbox, planUnits, reports, roles, unitAliases, units } from '../db/schema';
import type { Actor } from './commit';

export class MergeError extends Error {
  override name = 'MergeError';
  /** Why, for a caller that words it itself (the chat): an unknown name, one unit already, or reports that clash. */
  constructor(
    message: string,
    readonly reason:
      { kind: 'unknown'; name: string } | { kind: 'same' } | { kind: 'clash'; clashes: { requirementId: number; period: string }[] } = {
      kind: 'same',
    },
  ) {
    super(message);
  }
}

type Tx = Parameters<Parameters<DB['transaction']>[0]>[0];

function findUnit(tx: Tx | DB, name: string): { id: number; name: string } | undefined {
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

/** The two units, or why they cannot be merged: unknown names, one unit, or reports that would clash. */
function checkedPair(tx: Tx | DB, names: { from: string; into: string }) {
  const from = findUnit(tx, names.from);
  const into = findUnit(tx, names.into);
  if (!from) throw new MergeError(`no unit named "${names.from}"`, { kind: 'unknown', name: names.from });
  if (!into) throw new MergeError(`no unit named "${names.into}"`, { kind: 'unknown', name: names.into });
  if (from.id === into.id) throw new MergeError(`"${names.from}" and "${names.into}" are already one unit`, { kind: 'same' });
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
    throw new MergeError(`both units reported on ${list}; correct those reports before merging`, { kind: 'clash', clashes });
  }
  return { from, into };
}

/** What a merge would move, without moving it (the chat's preview); throws MergeError as the merge would. */
export interface MergePreview {
  from: string;
  into: string;
  assignments: number;
  reports: number;
  events: number;
  /** Liaisons and leads of `from` still serving. */
  people: number;
  invites: number;
}

export function previewMerge(db: DB, names: { from: string; into: string }): MergePreview {
  const { from, into } = checkedPair(db, names);
  const n = (rows: { n: number } | undefined) => rows?.n ?? 0;
  return {
    from: from.name,
    into: into.name,
    assignments: n(db.select({ n: count() }).from(assignments).where(eq(assignments.unitId, from.id)).get()),
    reports: n(db.select({ n: count() }).from(reports).where(eq(reports.unitId, from.id)).get()),
    events: n(db.select({ n: count() }).from(events).where(eq(events.unitId, from.id)).get()),
    people: n(
      db
        .select({ n: count() })
        .from(roles)
        .where(and(eq(roles.unitId, from.id), isNull(roles.revokedAt)))
        .get(),
    ),
    invites: n(db.select({ n: count() }).from(invites).where(eq(invites.unitId, from.id)).get()),
  };
}

export function mergeUnits(db: DB, names: { from: string; into: string }, options: { actor: Actor; now: Date }): MergeResult {
  return db.transaction((tx) => {
    const { from, into } = checkedPair(tx, names);
    const { now } = options;

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
          tx.update(assignments)
            .set({ role: 'lead', viaGroup: assignment.viaGroup, updatedAt: now })
            .where(eq(assignments.id, existing.id))
            .run();
        }
        tx.delete(assignments).where(eq(assignments.id, assignment.id)).run();
      } else {
        tx.update(assignments).set({ unitId: into.id, updatedAt: now }).where(eq(assignments.id, assignment.id)).run();
      }
      assignmentsMoved++;
    }
    const reportsMoved = tx
      .update(reports)
      .set({ unitId: into.id, updatedAt: now })
      .where(eq(reports.unitId, from.id))
      .returning({ id: reports.id })
      .all().length;
    // Events are periods of their own ("event-<id>", the reports above point at them): they move, never cascade away.
    const eventsMoved = tx
      .update(events)
      .set({ unitId: into.id, updatedAt: now })
      .where(eq(events.unitId, from.id))
      .returning({ id: events.id })
      .all().length;
    for (const role of tx.select().from(roles).where(eq(roles.unitId, from.id)).all()) {
      // Someone who already serves `into` in the same way keeps that one role.
      const same = tx
        .select({ id: roles.id })
        .from(roles)
        .where(and(eq(roles.personId, role.personId), eq(roles.role, role.role), eq(roles.unitId, into.id), isNull(roles.revokedAt)))
        .get();
      if (same && role.revokedAt === null)
        tx.update(roles).set({ unitId: into.id, revokedAt: now, updatedAt: now }).where(eq(roles.id, role.id)).run();
      else tx.update(roles).set({ unitId: into.id, updatedAt: now }).where(eq(roles.id, role.id)).run();
    }
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
      .values({
        at: now,
        actorPersonId: options.actor.personId,
        actorLabel: options.actor.label,
        action: 'unit.merge',
        subject: `unit:${into.id}`,
        details: { ...result, eventsMoved },
      })
      .run();
    return result;
  });
}
