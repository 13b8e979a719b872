/**
 * A plan as big as a province's, seeded straight with SQL in one transaction (a thousand units
 * and five thousand requirements take well under a second): `requirements` tasks of one
 * requirement each, due every month on the 10th (每月10日前), dealt round the `units` units
 * (requirement k to unit k mod units, so each unit has requirements / units of them), all
 * assigned, and the plan imported, at `since`. Nobody has reported anything.
 */
import type Database from 'better-sqlite3';

export interface BigPlan {
  planId: number;
  title: string;
  units: { id: number; name: string }[];
  requirementIds: number[];
}

export interface BigPlanOptions {
  units: number;
  requirements: number;
  year?: number;
  /** When the plan was imported and its requirements assigned (default 1 January of its year, 08:00 Shanghai). */
  since?: Date;
  title?: string;
  /** Each unit's name (default 第0001业务处 …, zero-padded so no name is part of another). */
  unitName?: (index: number) => string;
  /** Each task's title (default 推进第N项信用工作). */
  taskTitle?: (number: number) => string;
}

export function seedBigPlan(sqlite: Database.Database, options: BigPlanOptions): BigPlan {
  const year = options.year ?? 2026;
  const since = (options.since ?? new Date(`${year}-01-01T00:00:00Z`)).getTime();
  const title = options.title ?? `省${year}年社会信用体系建设任务分解表`;
  const unitName = options.unitName ?? ((i: number) => `第${String(i + 1).padStart(4, '0')}业务处`);
  const taskTitle = options.taskTitle ?? ((n: number) => `推进第${n}项信用工作`);
  const rule = JSON.stringify({ kind: 'monthly', day: 10, months: null });
  return sqlite.transaction(() => {
    const planId = Number(
      sqlite
        .prepare(`insert into plans (key, title, year, source_name, created_at, updated_at) values (?, ?, ?, ?, ?, ?)`)
        .run(`${title}|${year}`, title, year, 'big-plan.xlsx', since, since).lastInsertRowid,
    );
    const insertUnit = sqlite.prepare(`insert into units (name, kind, created_at, updated_at) values (?, 'division', ?, ?)`);
    const insertPlanUnit = sqlite.prepare(`insert into plan_units (plan_id, unit_id, created_at, updated_at) values (?, ?, ?, ?)`);
    const units: BigPlan['units'] = [];
    for (let i = 0; i < options.units; i++) {
      const name = unitName(i);
      const id = Number(insertUnit.run(name, since, since).lastInsertRowid);
      insertPlanUnit.run(planId, id, since, since);
      units.push({ id, name });
    }
    const insertTask = sqlite.prepare(
      `insert into tasks (plan_id, number, title, position, created_at, updated_at) values (?, ?, ?, ?, ?, ?)`,
    );
    const insertRequirement = sqlite.prepare(
      `insert into requirements (task_id, "index", text, problems, created_at, updated_at) values (?, 1, ?, '[]', ?, ?)`,
    );
    const insertRule = sqlite.prepare(
      `insert into deadline_rules (requirement_id, text, recognized, rule, origin, created_at, updated_at) values (?, '每月10日前', 1, ?, 'import', ?, ?)`,
    );
    const insertAssignment = sqlite.prepare(
      `insert into assignments (requirement_id, unit_id, role, created_at, updated_at) values (?, ?, 'lead', ?, ?)`,
    );
    const requirementIds: number[] = [];
    for (let n = 1; n <= options.requirements; n++) {
      const taskId = Number(insertTask.run(planId, String(n), taskTitle(n), n, since, since).lastInsertRowid);
      const id = Number(insertRequirement.run(taskId, `每月10日前报送第${n}项工作进展。`, since, since).lastInsertRowid);
      insertRule.run(id, rule, since, since);
      insertAssignment.run(id, units[(n - 1) % units.length]!.id, since, since);
      requirementIds.push(id);
    }
    return { planId, title, units, requirementIds };
  })();
}

/** A person with a private chat, and the roles given (a lead of units, an admin …). */
export function seedPerson(
  sqlite: Database.Database,
  person: { telegramId: number; name: string; language?: string },
  grants: { role: 'admin' | 'lead' | 'liaison'; unitId?: number; planId?: number }[],
): number {
  return sqlite.transaction(() => {
    const id = Number(
      sqlite
        .prepare(`insert into people (telegram_id, chat_id, name, language) values (?, ?, ?, ?)`)
        .run(person.telegramId, person.telegramId, person.name, person.language ?? null).lastInsertRowid,
    );
    const grant = sqlite.prepare(`insert into roles (person_id, role, plan_id, unit_id) values (?, ?, ?, ?)`);
    for (const g of grants) grant.run(id, g.role, g.planId ?? null, g.unitId ?? null);
    return id;
  })();
}
