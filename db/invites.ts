/**
 * Invites: one-time links that bind a person to a role — liaison of a unit, lead of a unit
 * or of a plan (the plan the admin chose: bot/plan-picker.ts) — valid for 7 days. Creating,
 * redeeming and revoking are each one transaction with an audit entry; redeeming twice (a
 * duplicate update, a forwarded link) binds once. The chat's side is bot/features/invites.ts.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { DB } from './index';
import { invites, roles } from './schema';
import { upsertPerson, type TelegramUser } from './identity';
import { recordAudit, type Actor } from './audit-log';
import { personIdOf } from './people';

export type { Actor } from './audit-log';

export const INVITE_DAYS = 7;

export type Invite = typeof invites.$inferSelect;

/** A code for a t.me/<bot>?start= link: 16 characters of base64url, 96 random bits. */
export function newInviteCode(): string {
  return randomBytes(12).toString('base64url');
}

export function createInvite(
  db: DB,
  target: { role: 'liaison' | 'lead'; unitId: number | null; planId: number | null },
  options: { actor: Actor; now: Date },
): Invite {
  return db.transaction(() => {
    const { now } = options;
    const invite = db
      .insert(invites)
      .values({
        code: newInviteCode(),
        role: target.role,
        unitId: target.unitId,
        planId: target.planId,
        createdBy: options.actor.personId,
        expiresAt: new Date(now.getTime() + INVITE_DAYS * 24 * 3600_000),
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    recordAudit(db, { at: now, actor: options.actor, action: 'invite.create', subject: `invite:${invite.id}`, details: target });
    return invite;
  });
}

/** The invites not used, revoked or expired, oldest first. */
export function openInvites(db: DB, now: Date): Invite[] {
  return db
    .select()
    .from(invites)
    .where(and(isNull(invites.usedAt), isNull(invites.revokedAt), gt(invites.expiresAt, now)))
    .orderBy(invites.id)
    .all();
}

/** Revokes an open invite by its code; false when there is none to revoke. */
export function revokeInvite(db: DB, code: string, options: { actor: Actor; now: Date }): boolean {
  return db.transaction(() => {
    const { now } = options;
    const invite = openInvites(db, now).find((i) => i.code === code);
    if (!invite) return false;
    db.update(invites).set({ revokedAt: now, updatedAt: now }).where(eq(invites.id, invite.id)).run();
    recordAudit(db, { at: now, actor: options.actor, action: 'invite.revoke', subject: `invite:${invite.id}` });
    return true;
  });
}

export type Redemption =
  { outcome: 'joined' | 'already'; invite: Invite; personId: number } | { outcome: 'invalid' | 'used' | 'expired' | 'revoked' };

export function redeemInvite(db: DB, code: string, user: TelegramUser, now: Date): Redemption {
  return db.transaction(() => {
    const invite = db.select().from(invites).where(eq(invites.code, code)).get();
    if (!invite) return { outcome: 'invalid' };
    if (invite.revokedAt) return { outcome: 'revoked' };
    if (invite.usedAt) {
      // The same person opening their link again (or a re-delivered update) is no error.
      const self = personIdOf(db, user.id);
      return self !== undefined && invite.usedBy === self ? { outcome: 'already', invite, personId: self } : { outcome: 'used' };
    }
    if (invite.expiresAt.getTime() <= now.getTime()) return { outcome: 'expired' };
    const person = upsertPerson(db, user, now);
    const held = db
      .select({ id: roles.id })
      .from(roles)
      .where(
        and(
          eq(roles.personId, person.id),
          eq(roles.role, invite.role),
          invite.unitId === null ? isNull(roles.unitId) : eq(roles.unitId, invite.unitId),
          invite.planId === null ? isNull(roles.planId) : eq(roles.planId, invite.planId),
          isNull(roles.revokedAt),
        ),
      )
      .get();
    if (!held) {
      db.insert(roles)
        .values({
          personId: person.id,
          role: invite.role,
          unitId: invite.unitId,
          planId: invite.planId,
          grantedBy: invite.createdBy,
          createdAt: now,
          updatedAt: now,
        })
        .run();
    }
    db.update(invites).set({ usedBy: person.id, usedAt: now, updatedAt: now }).where(eq(invites.id, invite.id)).run();
    recordAudit(db, {
      at: now,
      actor: { personId: person.id, label: person.name },
      action: 'invite.use',
      subject: `invite:${invite.id}`,
      details: { role: invite.role, unitId: invite.unitId, planId: invite.planId },
    });
    return { outcome: held ? 'already' : 'joined', invite, personId: person.id };
  });
}
