/** Invites (db/invites.ts) and units by name (db/unit-names.ts), on a real database. */
import { describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { auditLog, roles, unitAliases, units } from '../../db/schema';
import { createInvite, INVITE_DAYS, openInvites, redeemInvite, revokeInvite } from '../../db/invites';
import { findUnit, unitIdByName, unitName } from '../../db/unit-names';
import { freshDatabase } from '../support/db';

const now = new Date('2026-03-02T01:00:00Z');
const later = (days: number) => new Date(now.getTime() + days * 24 * 3600_000);
const admin = { personId: null, label: '42' };
const user = { id: 5001, first_name: '李', last_name: '娜', username: 'lina' };

describe('invites', () => {
  it('are created, redeemed once (again by the same person: already) and audited, each in its transaction', () => {
    const { db } = freshDatabase();
    const unitId = db.insert(units).values({ name: '办公室', kind: 'division' }).returning().get().id;
    const invite = createInvite(db, { role: 'liaison', unitId, planId: null }, { actor: admin, now });
    expect(invite.code).toMatch(/^[\w-]{16}$/);
    expect(invite.expiresAt).toEqual(later(INVITE_DAYS));
    expect(openInvites(db, now).map((i) => i.id)).toEqual([invite.id]);

    const joined = redeemInvite(db, invite.code, user, later(1));
    expect(joined).toMatchObject({ outcome: 'joined', invite: { id: invite.id } });
    expect(redeemInvite(db, invite.code, user, later(1))).toMatchObject({ outcome: 'already' });
    expect(redeemInvite(db, invite.code, { ...user, id: 5002 }, later(1))).toEqual({ outcome: 'used' });
    expect(redeemInvite(db, 'made-up', user, later(1))).toEqual({ outcome: 'invalid' });
    expect(db.select({ unitId: roles.unitId, role: roles.role }).from(roles).all()).toEqual([{ unitId, role: 'liaison' }]);
    expect(openInvites(db, later(1))).toEqual([]);

    expect(
      db
        .select({ action: auditLog.action, subject: auditLog.subject, actor: auditLog.actorLabel, details: auditLog.details })
        .from(auditLog)
        .orderBy(asc(auditLog.id))
        .all(),
    ).toEqual([
      { action: 'invite.create', subject: `invite:${invite.id}`, actor: '42', details: { role: 'liaison', unitId, planId: null } },
      { action: 'invite.use', subject: `invite:${invite.id}`, actor: '李 娜', details: { role: 'liaison', unitId, planId: null } },
    ]);
  });

  it('are revoked while open, and then say so; an expired one is expired', () => {
    const { db } = freshDatabase();
    const unitId = db.insert(units).values({ name: '办公室', kind: 'division' }).returning().get().id;
    const first = createInvite(db, { role: 'lead', unitId, planId: null }, { actor: admin, now });
    const second = createInvite(db, { role: 'liaison', unitId, planId: null }, { actor: admin, now });
    expect(revokeInvite(db, first.code, { actor: admin, now })).toBe(true);
    expect(revokeInvite(db, first.code, { actor: admin, now })).toBe(false);
    expect(redeemInvite(db, first.code, user, now)).toEqual({ outcome: 'revoked' });
    expect(redeemInvite(db, second.code, user, later(INVITE_DAYS))).toEqual({ outcome: 'expired' });
    const revoked = db.select({ action: auditLog.action, details: auditLog.details }).from(auditLog).all().at(-1);
    expect(revoked).toEqual({ action: 'invite.revoke', details: null });
  });
});

describe('unit names', () => {
  it('find a unit by its name or an alias, or suggest the names containing it', () => {
    const { db } = freshDatabase();
    const office = db.insert(units).values({ name: '局办公室', kind: 'division' }).returning().get().id;
    db.insert(units).values({ name: '办公室二', kind: 'division' }).run();
    db.insert(unitAliases).values({ unitId: office, alias: '办公厅' }).run();
    expect(findUnit(db, '局办公室')).toEqual({ unit: { id: office, name: '局办公室' }, similar: [] });
    expect(findUnit(db, '办公厅')).toEqual({ unit: { id: office, name: '局办公室' }, similar: [] });
    const guess = findUnit(db, '办公室');
    expect(guess.unit).toBeNull();
    expect(guess.similar.toSorted()).toEqual(['办公室二', '局办公室'].toSorted());
    expect(findUnit(db, '%')).toEqual({ unit: null, similar: [] });
    expect(unitIdByName(db, '局办公室')).toBe(office);
    expect(unitIdByName(db, '办公厅')).toBeUndefined(); // names only, no aliases
    expect(unitName(db, office)).toBe('局办公室');
    expect(unitName(db, 999)).toBeUndefined();
  });
});
