/**
 * Small plans and people for the outage and Telegram drills, written the way they reach a
 * real database: a task table read by readPlan and stored by commitPlan, people and roles
 * as invites would leave them.
 */
import { eq } from 'drizzle-orm';
import type { DB } from '../../../db';
import { people, roles, units } from '../../../db/schema';
import { readPlan } from '../../../plans/import';
import { commitPlan } from '../../../plans/commit';
import { toCsv } from './delimited';

/** A task row: number, title, requirement text, deadline, responsible units. */
export type TaskRow = [number: string, title: string, text: string, deadline: string, units: string];

export async function commitTable(db: DB, title: string, year: number, tasks: TaskRow[], now: Date): Promise<number> {
  const rows = [
    [title, '', '', '', '', ''],
    ['序号', '工作任务', '任务内容', '任务要求', '完成时限', '责任处室'],
    ...tasks.map(([n, t, text, deadline, u]) => [n, t, '', text, deadline, u]),
  ];
  const preview = await readPlan(`${title}.csv`, new TextEncoder().encode(toCsv(rows, 'when needed')), { year });
  return commitPlan(db, preview, { actor: { personId: null, label: 'drill' }, now }).planId;
}

export function addPerson(db: DB, person: { telegramId: number; name: string; chatId?: number }, now: Date): number {
  return db
    .insert(people)
    .values({
      telegramId: person.telegramId,
      chatId: person.chatId ?? person.telegramId,
      name: person.name,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: people.id })
    .get().id;
}

export function unitId(db: DB, name: string): number {
  const found = db.select({ id: units.id }).from(units).where(eq(units.name, name)).get();
  if (!found) throw new Error(`no unit ${name}`);
  return found.id;
}

export function grant(db: DB, personId: number, role: 'liaison' | 'lead', scope: { unit?: string; planId?: number }, now: Date): void {
  db.insert(roles)
    .values({
      personId,
      role,
      unitId: scope.unit === undefined ? null : unitId(db, scope.unit),
      planId: scope.planId ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .run();
}
