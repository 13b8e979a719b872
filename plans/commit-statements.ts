/**
 * The statements `commitPlan` runs once per task or requirement, each prepared once per commit
 * on the better-sqlite3 handle. Building them with drizzle cost more than running them: a
 * 5,000-row plan spent most of its commit turning query builders into SQL and compiling that
 * SQL anew for every row (issue 7). They run on the same connection, so inside the commit's
 * transaction.
 *
 * Values are written as drizzle writes them (db/schema.ts): instants as integer milliseconds,
 * booleans as 0/1, JSON columns as JSON.stringify; columns left out take the table's default.
 */
import type Database from 'better-sqlite3';
import type { DeadlineReading, Quota, UnitKind } from '../core/plan-types';

export interface TaskValues {
  planId: number;
  sectionId: number | null;
  number: string;
  title: string;
  content: string | null;
  position: number;
  source: string | null;
  /** 分值; left out (callers before issue 13) it is stored as null. */
  points?: number | null;
}

export interface StoredRequirement {
  id: number;
  index: number;
  /** Milliseconds, or null while the requirement is live. */
  archivedAt: number | null;
}

export interface AssignmentValues {
  unitId: number;
  role: 'lead' | 'cooperating';
  viaGroup: string | null;
}

export interface CommitStatements {
  /** The unit a name is an alias of (局办公室 for 办公室), or undefined. */
  unitIdByAlias(alias: string): number | undefined;
  unitIdByName(name: string): number | undefined;
  insertUnit(name: string, kind: UnitKind, now: Date): number;
  /** Links a unit to a plan; nothing when it is linked already. */
  linkUnitToPlan(planId: number, unitId: number, now: Date): void;

  insertTask(values: TaskValues, now: Date): number;
  /** Sets every imported field, un-archives the task. */
  updateTask(id: number, values: TaskValues, now: Date): void;
  archiveTask(id: number, now: Date): void;
  /** Archives the task's live requirements; returns how many. */
  archiveRequirementsOfTask(taskId: number, now: Date): number;

  requirementsOfTask(taskId: number): StoredRequirement[];
  /** `evidence` (考核要求 / 佐证材料) is null when the plan names none. */
  insertRequirement(taskId: number, index: number, text: string, problems: string[], now: Date, evidence?: string | null): number;
  /** Sets text, problems and evidence, un-archives the requirement. */
  updateRequirement(id: number, text: string, problems: string[], now: Date, evidence?: string | null): void;
  archiveRequirement(id: number, now: Date): void;

  /** The origin of the requirement's deadline rule, undefined when it has none. */
  deadlineOrigin(requirementId: number): 'import' | 'admin' | undefined;
  upsertDeadline(requirementId: number, deadline: DeadlineReading, now: Date): void;
  upsertQuota(requirementId: number, quota: Quota, now: Date): void;
  deleteQuota(requirementId: number): void;

  deleteGroups(requirementId: number): void;
  insertGroup(requirementId: number, name: string, role: 'lead' | 'cooperating', now: Date): void;
  /** Deletes the requirement's assignments to units not in `unitIds` (all of them when it is empty). */
  deleteAssignmentsExcept(requirementId: number, unitIds: number[]): void;
  upsertAssignment(requirementId: number, assignment: AssignmentValues, now: Date): void;

  /**
   * What an import says a requirement is (text, evidence, deadline, quota, units), as one
   * string, to tell whether a re-import changed it. Not its problems: they carry where they were
   * read (a row inserted above moves them all) and notes about the source (a prefix the reader
   * added), which change with the layout, not with the requirement.
   */
  snapshot(requirementId: number): string;
}

export function commitStatements(client: Database.Database): CommitStatements {
  const unitIdByAlias = client.prepare<[string], number>('select unit_id from unit_aliases where alias = ?').pluck();
  const unitIdByName = client.prepare<[string], number>('select id from units where name = ?').pluck();
  const insertUnit = client.prepare('insert into units (name, kind, created_at, updated_at) values (?, ?, ?, ?)');
  const linkUnitToPlan = client.prepare(
    'insert into plan_units (plan_id, unit_id, created_at, updated_at) values (?, ?, ?, ?) on conflict do nothing',
  );

  const insertTask = client.prepare(
    `insert into tasks (plan_id, section_id, number, title, content, position, source, points, archived_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?)`,
  );
  const updateTask = client.prepare(
    `update tasks set plan_id = ?, section_id = ?, number = ?, title = ?, content = ?, position = ?, source = ?, points = ?, archived_at = null, updated_at = ?
     where id = ?`,
  );
  const archiveTask = client.prepare('update tasks set archived_at = ?, updated_at = ? where id = ?');
  const archiveRequirementsOfTask = client.prepare(
    'update requirements set archived_at = ?, updated_at = ? where task_id = ? and archived_at is null',
  );

  const requirementsOfTask = client.prepare<[number], StoredRequirement>(
    'select id, "index", archived_at as archivedAt from requirements where task_id = ?',
  );
  const insertRequirement = client.prepare(
    `insert into requirements (task_id, "index", text, problems, evidence, archived_at, created_at, updated_at) values (?, ?, ?, ?, ?, null, ?, ?)`,
  );
  const updateRequirement = client.prepare(
    'update requirements set text = ?, problems = ?, evidence = ?, archived_at = null, updated_at = ? where id = ?',
  );
  const archiveRequirement = client.prepare('update requirements set archived_at = ?, updated_at = ? where id = ?');

  const deadlineOrigin = client.prepare<[number], 'import' | 'admin'>('select origin from deadline_rules where requirement_id = ?').pluck();
  const upsertDeadline = client.prepare(
    `insert into deadline_rules (requirement_id, text, recognized, rule, origin, created_at, updated_at) values (?, ?, ?, ?, 'import', ?, ?)
     on conflict (requirement_id) do update set text = excluded.text, recognized = excluded.recognized, rule = excluded.rule, updated_at = excluded.updated_at`,
  );
  const upsertQuota = client.prepare(
    `insert into quotas (requirement_id, target, unit_label, period, kind, source, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (requirement_id) do update set target = excluded.target, unit_label = excluded.unit_label, period = excluded.period,
       kind = excluded.kind, source = excluded.source, updated_at = excluded.updated_at`,
  );
  const deleteQuota = client.prepare('delete from quotas where requirement_id = ?');

  const deleteGroups = client.prepare('delete from requirement_groups where requirement_id = ?');
  const insertGroup = client.prepare(
    'insert into requirement_groups (requirement_id, name, role, created_at, updated_at) values (?, ?, ?, ?, ?)',
  );
  const deleteAllAssignments = client.prepare('delete from assignments where requirement_id = ?');
  // `not in (?, ?, …)` has one statement per list length; a requirement names a handful of units.
  const deleteAssignmentsExcept = new Map<number, Database.Statement>();
  const upsertAssignment = client.prepare(
    `insert into assignments (requirement_id, unit_id, role, via_group, created_at, updated_at) values (?, ?, ?, ?, ?, ?)
     on conflict (requirement_id, unit_id) do update set role = excluded.role, via_group = excluded.via_group, updated_at = excluded.updated_at`,
  );

  const snapRequirement = client.prepare<[number], { text: string; problems: string; evidence: string | null }>(
    'select text, problems, evidence from requirements where id = ?',
  );
  const snapRule = client.prepare<[number], { text: string; rule: string | null }>(
    'select text, rule from deadline_rules where requirement_id = ?',
  );
  const snapQuota = client.prepare<[number], { target: number; unit: string; period: string }>(
    'select target, unit_label as unit, period from quotas where requirement_id = ?',
  );
  const snapAssigned = client.prepare<[number], { unitId: number; role: string; via: string | null }>(
    'select unit_id as unitId, role, via_group as via from assignments where requirement_id = ? order by unit_id',
  );

  return {
    unitIdByAlias: (alias) => unitIdByAlias.get(alias),
    unitIdByName: (name) => unitIdByName.get(name),
    insertUnit(name, kind, now) {
      return Number(insertUnit.run(name, kind, now.getTime(), now.getTime()).lastInsertRowid);
    },
    linkUnitToPlan(planId, unitId, now) {
      linkUnitToPlan.run(planId, unitId, now.getTime(), now.getTime());
    },

    insertTask(v, now) {
      const at = now.getTime();
      return Number(
        insertTask.run(v.planId, v.sectionId, v.number, v.title, v.content, v.position, v.source, v.points ?? null, at, at).lastInsertRowid,
      );
    },
    updateTask(id, v, now) {
      updateTask.run(v.planId, v.sectionId, v.number, v.title, v.content, v.position, v.source, v.points ?? null, now.getTime(), id);
    },
    archiveTask(id, now) {
      archiveTask.run(now.getTime(), now.getTime(), id);
    },
    archiveRequirementsOfTask(taskId, now) {
      return archiveRequirementsOfTask.run(now.getTime(), now.getTime(), taskId).changes;
    },

    requirementsOfTask: (taskId) => requirementsOfTask.all(taskId),
    insertRequirement(taskId, index, text, problems, now, evidence = null) {
      const at = now.getTime();
      return Number(insertRequirement.run(taskId, index, text, JSON.stringify(problems), evidence, at, at).lastInsertRowid);
    },
    updateRequirement(id, text, problems, now, evidence = null) {
      updateRequirement.run(text, JSON.stringify(problems), evidence, now.getTime(), id);
    },
    archiveRequirement(id, now) {
      archiveRequirement.run(now.getTime(), now.getTime(), id);
    },

    deadlineOrigin: (requirementId) => deadlineOrigin.get(requirementId),
    upsertDeadline(requirementId, d, now) {
      const at = now.getTime();
      upsertDeadline.run(requirementId, d.text, d.recognized ? 1 : 0, d.rule === null ? null : JSON.stringify(d.rule), at, at);
    },
    upsertQuota(requirementId, q, now) {
      const at = now.getTime();
      upsertQuota.run(requirementId, q.target, q.unit, q.period, q.kind, q.source, at, at);
    },
    deleteQuota(requirementId) {
      deleteQuota.run(requirementId);
    },

    deleteGroups(requirementId) {
      deleteGroups.run(requirementId);
    },
    insertGroup(requirementId, name, role, now) {
      insertGroup.run(requirementId, name, role, now.getTime(), now.getTime());
    },
    deleteAssignmentsExcept(requirementId, unitIds) {
      if (unitIds.length === 0) {
        deleteAllAssignments.run(requirementId);
        return;
      }
      let statement = deleteAssignmentsExcept.get(unitIds.length);
      if (!statement) {
        statement = client.prepare(
          `delete from assignments where requirement_id = ? and unit_id not in (${unitIds.map(() => '?').join(', ')})`,
        );
        deleteAssignmentsExcept.set(unitIds.length, statement);
      }
      statement.run(requirementId, ...unitIds);
    },
    upsertAssignment(requirementId, a, now) {
      upsertAssignment.run(requirementId, a.unitId, a.role, a.viaGroup, now.getTime(), now.getTime());
    },

    snapshot(requirementId) {
      const requirement = snapRequirement.get(requirementId);
      const rule = snapRule.get(requirementId);
      const quota = snapQuota.get(requirementId);
      const assigned = snapAssigned.all(requirementId);
      return JSON.stringify([
        requirement && { text: requirement.text, evidence: requirement.evidence },
        rule && { text: rule.text, rule: rule.rule === null ? null : (JSON.parse(rule.rule) as unknown) },
        quota ?? null,
        assigned,
      ]);
    },
  };
}
