/**
 * Writes a plan preview to the database in one transaction: all of it or nothing.
 *
 * Importing the same plan again (same title and year, or same file name when untitled)
 * updates it in place, matching tasks by number and requirements by their index in the
 * task. Nothing is deleted: a task or requirement that disappeared is archived, so the
 * reports made against it stay. A deadline an admin fixed by hand is kept over the file's.
 */
import { shiftRuleYear } from './plan-years';
import { eq } from 'drizzle-orm';
import type { DB } from '../db';
import { auditLog, planUnits, plans, sections, tasks, units } from '../db/schema';
import { commitStatements, type CommitStatements } from './commit-statements';
import { expandGroup, readGroupRef } from './units';
import { refusal } from './errors';
import type { Location } from './problems';
import type { ParsedRequirement } from './plan';
import type { PlanPreview } from './import';
import type { UnitKind } from '../core/plan-types';

export interface Actor {
  personId: number | null;
  /** "cli", or the person's name. */
  label: string;
}

export interface CommitResult {
  planId: number;
  created: boolean;
  tasks: { added: string[]; updated: string[]; archived: string[]; unchanged: number };
  requirements: { added: number; updated: number; archived: number };
  /** Units the database did not know before. */
  newUnits: string[];
  /** The plan was archived before this import and stays so (restoring is /plans restore). */
  archivedPlan: boolean;
}

type Tx = Parameters<Parameters<DB['transaction']>[0]>[0];

export function planKey(preview: Pick<PlanPreview, 'title' | 'year' | 'source'>): string {
  return `${preview.title ?? preview.source}|${preview.year ?? ''}`;
}

/**
 * The preview as the plan runs: a plan rolled to another year (setPlanYear: the 2022 work points
 * run in 2026) keeps that year when its document is imported again, its dated once-deadlines
 * (3月底前, read as 2022-03-31) moved with it.
 */
function inPlanYear(preview: PlanPreview, planYear: number | null): PlanPreview {
  if (planYear === null || preview.year === null || planYear === preview.year) return preview;
  const years = planYear - preview.year;
  return {
    ...preview,
    year: planYear,
    tasks: preview.tasks.map((task) => ({
      ...task,
      requirements: task.requirements.map((r) =>
        r.deadline.rule ? { ...r, deadline: { ...r.deadline, rule: shiftRuleYear(r.deadline.rule, years) } } : r,
      ),
    })),
  };
}

export function commitPlan(db: DB, document: PlanPreview, options: { actor: Actor; now: Date }): CommitResult {
  refuseRepeatedTaskNumbers(document);
  return db.transaction((tx) => {
    const { now } = options;
    // One prepared statement per kind of row: building a drizzle query per row cost more than SQLite (issue 7).
    const statements = commitStatements(db.$client);
    // The key is the document's title and year, whatever year the plan was rolled to.
    const key = planKey(document);
    let existing = tx.select().from(plans).where(eq(plans.key, key)).get();
    if (!existing && document.year !== null) {
      // The same document imported before its year could be read (from the notice's date or its
      // text, since issue 13): its key had no year. That plan is updated, not joined by a twin.
      existing = tx
        .select()
        .from(plans)
        .where(eq(plans.key, planKey({ ...document, year: null })))
        .get();
      if (existing) tx.update(plans).set({ key }).where(eq(plans.id, existing.id)).run();
    }
    const preview = inPlanYear(document, existing?.year ?? null);
    const planId =
      existing?.id ??
      tx
        .insert(plans)
        .values({ key, title: preview.title, year: preview.year, sourceName: preview.source, createdAt: now, updatedAt: now })
        .returning({ id: plans.id })
        .get().id;
    if (existing) {
      tx.update(plans)
        // An archived plan stays archived (restoring is /plans restore): a re-import must not revive a plan next year's replaced.
        .set({ title: preview.title, year: preview.year, sourceName: preview.source, updatedAt: now })
        .where(eq(plans.id, planId))
        .run();
    }

    const sectionIds = upsertSections(tx, planId, preview, now);
    const { unitIds, newUnits } = resolveUnits(statements, planId, preview.units, now);
    const planUnitKinds = tx
      .select({ id: units.id, name: units.name, kind: units.kind })
      .from(planUnits)
      .innerJoin(units, eq(units.id, planUnits.unitId))
      .where(eq(planUnits.planId, planId))
      .all();
    const planUnitIds: PlanUnitIds = { kinds: planUnitKinds, byName: new Map(planUnitKinds.map((u) => [u.name, u.id])) };

    const result: CommitResult = {
      planId,
      created: !existing,
      archivedPlan: existing?.archivedAt != null,
      tasks: { added: [], updated: [], archived: [], unchanged: 0 },
      requirements: { added: 0, updated: 0, archived: 0 },
      newUnits,
    };

    const oldTasks = new Map(
      tx
        .select()
        .from(tasks)
        .where(eq(tasks.planId, planId))
        .all()
        .map((t) => [t.number, t]),
    );
    preview.tasks.forEach((task, position) => {
      const old = oldTasks.get(task.number);
      oldTasks.delete(task.number);
      const values = {
        planId,
        sectionId: task.section === null ? null : (sectionIds.get(task.section) ?? null),
        number: task.number,
        title: task.title,
        content: task.content,
        position,
        // Where the task was read, as data (its file, sheet and row, or line and item): in no one language.
        source: JSON.stringify(task.where),
        points: task.points ?? null,
      };
      let taskId: number;
      let changed = !old;
      if (old) {
        taskId = old.id;
        changed =
          old.title !== values.title ||
          old.content !== values.content ||
          old.sectionId !== values.sectionId ||
          old.points !== values.points ||
          old.archivedAt !== null;
        statements.updateTask(taskId, values, now);
      } else {
        taskId = statements.insertTask(values, now);
      }
      const counts = upsertRequirements(statements, taskId, !old, task.requirements, unitIds, planUnitIds, now);
      result.requirements.added += counts.added;
      result.requirements.updated += counts.updated;
      result.requirements.archived += counts.archived;
      if (!old) result.tasks.added.push(task.number);
      else if (changed || counts.added + counts.updated + counts.archived > 0) result.tasks.updated.push(task.number);
      else result.tasks.unchanged++;
    });

    for (const gone of oldTasks.values()) {
      if (gone.archivedAt !== null) continue;
      statements.archiveTask(gone.id, now);
      result.requirements.archived += statements.archiveRequirementsOfTask(gone.id, now);
      result.tasks.archived.push(gone.number);
    }

    tx.insert(auditLog)
      .values({
        at: now,
        actorPersonId: options.actor.personId,
        actorLabel: options.actor.label,
        action: 'plan.import',
        subject: `plan:${planId}`,
        details: { source: preview.source, title: preview.title, ...result },
      })
      .run();
    return result;
  });
}

/**
 * Tasks are stored and matched by number, one task per number: a plan using a number twice
 * (the preview lists it as a problem) broke the unique index half-way through the commit,
 * a raw SQLite error to the user (found by fuzzing). Refused before anything is written.
 */
function refuseRepeatedTaskNumbers(preview: PlanPreview): void {
  const firstAt = new Map<string, Location>();
  for (const task of preview.tasks) {
    const first = firstAt.get(task.number);
    if (first !== undefined) {
      throw refusal('task-number-twice', { file: preview.source }, { number: task.number, first, second: task.where });
    }
    firstAt.set(task.number, task.where);
  }
}

function upsertSections(tx: Tx, planId: number, preview: PlanPreview, now: Date): Map<string, number> {
  const ids = new Map<string, number>();
  preview.sections.forEach((section, position) => {
    const row = tx
      .insert(sections)
      .values({ planId, number: section.number, title: section.title, position, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [sections.planId, sections.number],
        set: { title: section.title, position, updatedAt: now },
      })
      .returning({ id: sections.id })
      .get();
    ids.set(section.number, row.id);
  });
  return ids;
}

/** Finds each named unit by name or alias, creating those never seen, and links them to the plan. */
function resolveUnits(
  statements: CommitStatements,
  planId: number,
  named: { name: string; kind: UnitKind }[],
  now: Date,
): { unitIds: Map<string, number>; newUnits: string[] } {
  const unitIds = new Map<string, number>();
  const newUnits: string[] = [];
  // Prepared statements, not drizzle queries: four built per unit took 0.3 s for 2,000 units.
  for (const { name, kind } of named) {
    let id = statements.unitIdByAlias(name) ?? statements.unitIdByName(name);
    if (id === undefined) {
      id = statements.insertUnit(name, kind, now);
      newUnits.push(name);
    }
    unitIds.set(name, id);
    statements.linkUnitToPlan(planId, id, now);
  }
  return { unitIds, newUnits };
}

/** The plan's units with their kinds (to expand groups), and their ids by name: worked out once per commit. */
interface PlanUnitIds {
  kinds: { id: number; name: string; kind: UnitKind }[];
  byName: Map<string, number>;
}

interface Wanted {
  unitId: number;
  role: 'lead' | 'cooperating';
  viaGroup: string | null;
}

/** The units a requirement is assigned to: named ones first, then group members not already named; lead wins over cooperating. */
function wantedAssignments(
  requirement: ParsedRequirement,
  unitIds: Map<string, number>,
  planUnits: PlanUnitIds,
): { wanted: Wanted[]; groups: { name: string; role: 'lead' | 'cooperating' }[] } {
  const wanted = new Map<number, Wanted>();
  const groups: { name: string; role: 'lead' | 'cooperating' }[] = [];
  const add = (unitId: number, role: Wanted['role'], viaGroup: string | null) => {
    const current = wanted.get(unitId);
    if (!current || (current.role === 'cooperating' && role === 'lead')) wanted.set(unitId, { unitId, role, viaGroup });
  };
  // The map is the commit's, not built here: per requirement it was the plan's units times its requirements.
  const { byName } = planUnits;
  for (const role of ['lead', 'cooperating'] as const) {
    for (const name of requirement[role]) {
      const group = readGroupRef(name);
      if (!group) {
        add(unitIds.get(name)!, role, null);
        continue;
      }
      if (!groups.some((g) => g.name === name)) groups.push({ name, role });
      for (const member of expandGroup(group, planUnits.kinds)) {
        if (!wanted.has(byName.get(member)!)) add(byName.get(member)!, role, name);
      }
    }
  }
  return { wanted: [...wanted.values()], groups };
}

/**
 * Rows just inserted (a new task, a new requirement) are not looked up: ids are AUTOINCREMENT,
 * never reused, and foreign keys are on, so nothing can refer to them yet. A new requirement
 * saves a look-up and three deletes; a new plan of 20,000 requirements, 80,000 statements.
 */
function upsertRequirements(
  statements: CommitStatements,
  taskId: number,
  newTask: boolean,
  parsed: ParsedRequirement[],
  unitIds: Map<string, number>,
  planUnits: PlanUnitIds,
  now: Date,
): { added: number; updated: number; archived: number } {
  const counts = { added: 0, updated: 0, archived: 0 };
  const old = new Map(newTask ? [] : statements.requirementsOfTask(taskId).map((r) => [r.index, r]));

  parsed.forEach((requirement, i) => {
    const index = i + 1;
    const previous = old.get(index);
    old.delete(index);
    const before = previous ? statements.snapshot(previous.id) : null;
    const requirementId = previous
      ? previous.id
      : statements.insertRequirement(taskId, index, requirement.text, requirement.problems, now, requirement.evidence);
    if (previous) statements.updateRequirement(requirementId, requirement.text, requirement.problems, now, requirement.evidence);

    const origin = previous ? statements.deadlineOrigin(requirementId) : undefined;
    if (origin === undefined || origin === 'import') statements.upsertDeadline(requirementId, requirement.deadline, now);

    if (requirement.quota) statements.upsertQuota(requirementId, requirement.quota, now);
    else if (previous) statements.deleteQuota(requirementId);

    const { wanted, groups } = wantedAssignments(requirement, unitIds, planUnits);
    if (previous) statements.deleteGroups(requirementId);
    for (const group of groups) statements.insertGroup(requirementId, group.name, group.role, now);
    if (previous) {
      statements.deleteAssignmentsExcept(
        requirementId,
        wanted.map((w) => w.unitId),
      );
    }
    for (const w of wanted) statements.upsertAssignment(requirementId, w, now);

    if (!previous) counts.added++;
    else if (previous.archivedAt !== null || before !== statements.snapshot(requirementId)) counts.updated++;
  });

  for (const gone of old.values()) {
    if (gone.archivedAt !== null) continue;
    statements.archiveRequirement(gone.id, now);
    counts.archived++;
  }
  return counts;
}
