/** /units' list (db/unit-roster.ts): a plan's units with their liaisons, in one query. */
import { describe, expect, it } from 'vitest';
import { people, planUnits, plans, roles, units } from '../../db/schema';
import { unitRoster } from '../../db/unit-roster';
import { freshDatabase } from '../support/db';

const now = new Date('2026-03-02T01:00:00Z');

describe('unitRoster', () => {
  it("lists the plan's units in order, each with its current liaisons, marking the unreachable", () => {
    const { db } = freshDatabase();
    const plan = (key: string) =>
      db
        .insert(plans)
        .values({ key, title: key, year: 2026, sourceName: `${key}.xlsx` })
        .returning()
        .get().id;
    const unit = (name: string) => db.insert(units).values({ name, kind: 'division' }).returning().get().id;
    const person = (telegramId: number, name: string, unreachableAt: Date | null = null) =>
      db.insert(people).values({ telegramId, chatId: telegramId, name, unreachableAt, createdAt: now, updatedAt: now }).returning().get()
        .id;
    const liaison = (personId: number, unitId: number, revokedAt: Date | null = null) =>
      db.insert(roles).values({ personId, role: 'liaison', unitId, revokedAt, createdAt: now, updatedAt: now }).run();

    const a = plan('甲计划');
    const b = plan('乙计划');
    const office = unit('办公室');
    const law = unit('政策法规处');
    const other = unit('别的计划的处');
    for (const [p, u] of [
      [a, office],
      [a, law],
      [b, other],
    ] as const)
      db.insert(planUnits).values({ planId: p, unitId: u, createdAt: now, updatedAt: now }).run();
    liaison(person(1, '张伟'), office);
    liaison(person(2, '王芳', now), office);
    liaison(person(3, '离任者'), office, now);
    liaison(person(4, '别人'), other);

    expect(unitRoster(db, a)).toEqual([
      {
        id: office,
        name: '办公室',
        liaisons: [
          { id: 1, name: '张伟', unreachable: false },
          { id: 2, name: '王芳', unreachable: true },
        ],
      },
      { id: law, name: '政策法规处', liaisons: [] },
    ]);
  });
});
