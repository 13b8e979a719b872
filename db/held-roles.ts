/**
 * The liaison and lead roles people hold, as /remove lists them, and ending one. Revoking is one
 * transaction: the role's revoked_at, the reminders still pending for it skipped ("removed": the
 * dispatcher does not look at roles) and the audit entry ('role.revoke').
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DB } from './index';
import { outbox, people, plans, roles, units } from './schema';
import { recordAudit, type Actor } from './audit-log';
import { isLiaisonKind } from '../core/outbox-kind';

export interface HeldRole {
  roleId: number;
  role: 'liaison' | 'lead';
  personId: number;
  telegramId: number;
  chatId: number;
  name: string;
  username: string | null;
  unitId: number | null;
  /** The unit's name, or for a lead of a whole plan the plan's title. */
  scope: string;
}

function held(db: DB, roleId?: number): HeldRole[] {
  const rows = db
    .select({
      roleId: roles.id,
      role: roles.role,
      personId: people.id,
      telegramId: people.telegramId,
      chatId: people.chatId,
      name: people.name,
      username: people.username,
      unitId: roles.unitId,
      unitName: units.name,
      planTitle: plans.title,
    })
    .from(roles)
    .innerJoin(people, eq(people.id, roles.personId))
    .leftJoin(units, eq(units.id, roles.unitId))
    .leftJoin(plans, eq(plans.id, roles.planId))
    .where(and(inArray(roles.role, ['liaison', 'lead']), isNull(roles.revokedAt), roleId === undefined ? undefined : eq(roles.id, roleId)))
    .orderBy(roles.id)
    .all();
  return rows
    .map(({ unitName, planTitle, ...r }) => ({ ...r, role: r.role as 'liaison' | 'lead', scope: unitName ?? planTitle ?? '' }))
    .sort((a, b) => (a.unitId ?? 0) - (b.unitId ?? 0) || a.roleId - b.roleId);
}

/** Liaison and lead roles still held, by unit (plan leads first), then by when they were given. */
export function heldRoles(db: DB): HeldRole[] {
  return held(db);
}

/** The liaison or lead role of this id, while it is held. */
export function heldRole(db: DB, roleId: number): HeldRole | undefined {
  return held(db, roleId)[0];
}

/**
 * Ends the role; false when it was revoked already (two admins confirming at once revoke, and
 * audit, once). The person's pending reminders that were for this role only are skipped: a
 * liaison's of this unit unless they still serve it, a lead's notices unless they still lead.
 */
export function revokeRole(db: DB, role: HeldRole, { actor, now }: { actor: Actor; now: Date }): boolean {
  return db.transaction((tx) => {
    const changed = tx
      .update(roles)
      .set({ revokedAt: now, updatedAt: now })
      .where(and(eq(roles.id, role.roleId), isNull(roles.revokedAt)))
      .run().changes;
    if (changed === 0) return false;
    // Reminders already planned go out unless skipped here: the dispatcher checks reachability and reports, not roles.
    const remaining = tx
      .select({ role: roles.role, unitId: roles.unitId })
      .from(roles)
      .where(and(eq(roles.personId, role.personId), isNull(roles.revokedAt)))
      .all();
    const pending = tx
      .select({ id: outbox.id, kind: outbox.kind, unitId: outbox.unitId })
      .from(outbox)
      .where(and(eq(outbox.personId, role.personId), eq(outbox.status, 'pending')))
      .all();
    const stillLead = remaining.some((r) => r.role === 'lead');
    const stillServes = (unitId: number | null) => remaining.some((r) => r.role === 'liaison' && r.unitId === unitId);
    const skip = pending
      .filter((row) =>
        isLiaisonKind(row.kind)
          ? role.role === 'liaison' && row.unitId === role.unitId && !stillServes(row.unitId)
          : role.role === 'lead' && !stillLead,
      )
      .map((row) => row.id);
    if (skip.length > 0)
      tx.update(outbox).set({ status: 'skipped', lastError: 'removed', updatedAt: now }).where(inArray(outbox.id, skip)).run();
    recordAudit(db, {
      at: now,
      actor,
      action: 'role.revoke',
      subject: `role:${role.roleId}`,
      details: { person: role.name, telegramId: role.telegramId, role: role.role, scope: role.scope, remindersSkipped: skip.length },
    });
    return true;
  });
}
