/**
 * The planner reads the leads of a range of units at once (recipients.ts leadsOfUnits): the same
 * people, in the same order, as leadsOfUnit asked unit by unit, whatever mix of own leads, the
 * plan's leads, revoked roles and unreachable people. Real SQLite file (freshDatabase).
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDatabase } from '../support/db';
import { seedOffice } from '../../bench/scenarios/planning-data';
import { people, roles } from '../../db/schema';
import { leadsOfUnit, leadsOfUnits } from '../../schedules/recipients';
import type { DB } from '../../db';

function addLead(db: DB, telegramId: number, unitId: number | null, planId: number | null) {
  const person = db
    .insert(people)
    .values({ telegramId, chatId: telegramId, name: `领导${telegramId}` })
    .returning()
    .get();
  const role = db.insert(roles).values({ personId: person.id, role: 'lead', unitId, planId }).returning().get();
  return { person, role };
}

describe('leads of a range of units', () => {
  it("gives each unit its own leads, else the plan's, as leadsOfUnit does unit by unit", () => {
    const database = freshDatabase();
    const { db } = database;
    const office = seedOffice({ ...database, dispose: () => undefined }, { units: 12, requirements: 1 });
    const [u1, u2, u3, u4] = office.unitIds;
    addLead(db, 501, u1!, null);
    addLead(db, 502, u1!, null); // two own leads: both, in person order
    const revoked = addLead(db, 503, u2!, null); // only a revoked own lead: the plan's leads
    db.update(roles)
      .set({ revokedAt: new Date(0) })
      .where(eq(roles.id, revoked.role.id))
      .run();
    const gone = addLead(db, 504, u3!, null); // only an unreachable own lead: the plan's leads
    db.update(people)
      .set({ unreachableAt: new Date(0) })
      .where(eq(people.id, gone.person.id))
      .run();
    addLead(db, 505, u4!, office.planId); // an own lead named with the plan: still the unit's own
    addLead(db, 506, null, null); // a lead of no plan and no unit: never the plan's

    const range = { from: Math.min(...office.unitIds), to: Math.max(...office.unitIds) };
    const leadsOf = leadsOfUnits(db, range, office.planId);
    for (const unitId of office.unitIds) expect(leadsOf(unitId), `unit ${unitId}`).toEqual(leadsOfUnit(db, unitId, office.planId));
    expect(leadsOf(u1!)).toHaveLength(2);
    expect(leadsOf(u2!)).toEqual(leadsOfUnit(db, office.unitIds.at(-1)!, office.planId));
  });
});
