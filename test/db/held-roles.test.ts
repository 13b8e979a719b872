/**
 * /remove's rows (db/held-roles.ts, db/people.ts): the roles held, the people a word names, and
 * revoking a role once, skipping only the reminders that were for it; a circular held with its
 * audit entry (db/circulars.ts).
 */
import { describe, expect, it } from 'vitest';
import { auditLog, circulars, outbox, people, plans, roles, units } from '../../db/schema';
import { heldRole, heldRoles, revokeRole } from '../../db/held-roles';
import { peopleNamed, setPersonLanguage } from '../../db/people';
import { circularById, holdCircular, publishCircularAudited } from '../../db/circulars';
import { outboxRow } from '../../db/outbox-rows';
import type { DB } from '../../db';
import { freshDatabase } from '../support/db';

const now = new Date('2026-03-02T01:00:00Z');
const actor = { personId: null, label: '5001' };

function seed(db: DB) {
  const planId = db.insert(plans).values({ key: 'p', title: '甲计划', year: 2026, sourceName: 'p.xlsx' }).returning().get().id;
  const unit = (name: string) => db.insert(units).values({ name, kind: 'division' }).returning().get().id;
  const law = unit('政策法规处');
  const office = unit('办公室');
  const person = (telegramId: number, name: string, username: string | null = null) =>
    db.insert(people).values({ telegramId, chatId: telegramId, name, username, createdAt: now, updatedAt: now }).returning().get().id;
  const lina = person(5005, '李娜', 'lina');
  const wei = person(5006, '张伟');
  const role = (personId: number, role: 'liaison' | 'lead', unitId: number | null, plan: number | null = null) =>
    db.insert(roles).values({ personId, role, unitId, planId: plan }).returning().get().id;
  const linaOffice = role(lina, 'liaison', office);
  const linaLaw = role(lina, 'liaison', law);
  const linaLead = role(lina, 'lead', null, planId);
  const weiLaw = role(wei, 'liaison', law);
  db.insert(roles).values({ personId: wei, role: 'admin' }).run();
  const row = (key: string, kind: 'due' | 'weekly-summary', unitId: number | null) =>
    db.insert(outbox).values({ key, chatId: 5005, personId: lina, kind, unitId, sendAfter: now, payload: {} }).returning().get().id;
  const rows = { office: row('o', 'due', office), law: row('l', 'due', law), summary: row('s', 'weekly-summary', null) };
  return { planId, law, office, lina, wei, linaOffice, linaLaw, linaLead, weiLaw, rows };
}

describe('held roles', () => {
  it('lists liaison and lead roles by unit, plan leads first, each with its scope', () => {
    const { db } = freshDatabase();
    const s = seed(db);
    expect(heldRoles(db).map((h) => [h.roleId, h.role, h.name, h.scope])).toEqual([
      [s.linaLead, 'lead', '李娜', '甲计划'],
      [s.linaLaw, 'liaison', '李娜', '政策法规处'],
      [s.weiLaw, 'liaison', '张伟', '政策法规处'],
      [s.linaOffice, 'liaison', '李娜', '办公室'],
    ]);
    expect(heldRole(db, s.weiLaw)).toEqual({
      roleId: s.weiLaw,
      role: 'liaison',
      personId: s.wei,
      telegramId: 5006,
      chatId: 5006,
      name: '张伟',
      username: null,
      unitId: s.law,
      scope: '政策法规处',
    });
  });

  it('finds people by Telegram id, @username or name', () => {
    const { db } = freshDatabase();
    const s = seed(db);
    expect(peopleNamed(db, '5005')).toEqual([s.lina]);
    expect(peopleNamed(db, '@lina')).toEqual([s.lina]);
    expect(peopleNamed(db, '张伟')).toEqual([s.wei]);
    expect(peopleNamed(db, 'nobody')).toEqual([]);
    setPersonLanguage(db, s.wei, 'en', now);
    expect(
      db
        .select({ language: people.language })
        .from(people)
        .all()
        .map((p) => p.language),
    ).toEqual([null, 'en']);
  });

  it('revokes once, skipping only the reminders of the unit the person no longer serves, and audits it', () => {
    const { db } = freshDatabase();
    const s = seed(db);
    const role = heldRole(db, s.linaOffice)!;
    expect(revokeRole(db, role, { actor, now })).toBe(true);
    expect(revokeRole(db, role, { actor, now })).toBe(false);
    expect(heldRole(db, s.linaOffice)).toBeUndefined();
    const status = (id: number) => outboxRow(db, id)!;
    expect(status(s.rows.office)).toMatchObject({ status: 'skipped', lastError: 'removed' });
    expect(status(s.rows.law).status).toBe('pending');
    expect(status(s.rows.summary).status).toBe('pending');
    // Still a lead of the plan: a lead's notice stays.
    revokeRole(db, heldRole(db, s.linaLead)!, { actor, now });
    expect(status(s.rows.summary)).toMatchObject({ status: 'skipped', lastError: 'removed' });
    const entries = db.select().from(auditLog).orderBy(auditLog.id).all();
    expect(entries.map((e) => [e.action, e.subject, e.actorLabel, e.at, e.details])).toEqual([
      [
        'role.revoke',
        `role:${s.linaOffice}`,
        '5001',
        now,
        { person: '李娜', telegramId: 5005, role: 'liaison', scope: '办公室', remindersSkipped: 1 },
      ],
      [
        'role.revoke',
        `role:${s.linaLead}`,
        '5001',
        now,
        { person: '李娜', telegramId: 5005, role: 'lead', scope: '甲计划', remindersSkipped: 1 },
      ],
    ]);
  });
});

describe('circular rows', () => {
  it('holds a draft and publishes one with their audit entries, rolling back a failed publish', () => {
    const { db } = freshDatabase();
    const { planId } = seed(db);
    const id = db.insert(circulars).values({ planId, period: '2026-02', content: {} }).returning().get().id;
    holdCircular(db, id, { actor, now });
    expect(circularById(db, id)!.status).toBe('held');
    expect(() =>
      publishCircularAudited(
        db,
        id,
        () => {
          throw new Error('failed');
        },
        { actor, now },
      ),
    ).toThrow('failed');
    publishCircularAudited(db, id, () => undefined, { actor, now });
    expect(
      db
        .select()
        .from(auditLog)
        .all()
        .map((e) => [e.action, e.subject, e.details]),
    ).toEqual([
      ['circular.hold', `circular:${id}`, null],
      ['circular.publish', `circular:${id}`, null],
    ]);
    expect(circularById(db, 999)).toBeUndefined();
  });
});
