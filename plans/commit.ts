/**
 * Writes a plan preview to the database in one transaction: all of it or nothing.
 *
 * Importing the same plan again (same title and year, or same file name when untitled)
 * updates it in place, matching tasks by number and requirements by their index in the
 * task. Nothing is deleted: a task or requirement that disappeared is archived, so the
 * reports made against it stay. A deadline an admin fixed by hand is kept over the file's.
 */
import { and, eq, isNull, notInArray } from 'drizzle-orm';
import type { DB } from '../db';
import {
  assignments,
  auditLog,
  deadlineRules,
  planUnits,
  plans,
  quotas,
  requirementGroups,
  requirements,
  sections,
  tasks,
  unitAliases,
  units,
} from '../db/schema';
import { expandGroup, readGroupRef } from './units';
import { PlanInputError } from './errors';
import type { ParsedRequirement } from './plan';
import type { PlanPreview } from './import';
import type { UnitKind } from './types';

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
}

type Tx = Parameters<Parameters<DB['transaction']>[0]>[0];

export function planKey(preview: Pick<PlanPreview, 'title' | 'year' | 'source'>): string {
  return `${preview.title ?? preview.source}|${preview.year ?? ''}`;
}

export function commitPlan(db: DB, preview: PlanPreview, options: { actor: Actor; now: Date }): CommitResult {
  refuseRepeatedTaskNumbers(preview);
  return db.transaction((tx) => {
    const { now } = options;
    const key = planKey(preview);
    const existing = tx.select().from(plans).where(eq(plans.key, key)).get();
    const planId =
      existing?.id ??
      tx
        .insert(plans)
        .values({ key, title: preview.title, year: preview.year, sourceName: preview.source, createdAt: now, updatedAt: now })
        .returning({ id: plans.id })
        .get().id;
    if (existing) {
      tx.update(plans)
        .set({ title: preview.title, year: preview.year, sourceName: preview.source, archivedAt: null, updatedAt: now })
        .where(eq(plans.id, planId))
        .run();
    }

    const sectionIds = upsertSections(tx, planId, preview, now);
    const { unitIds, newUnits } = resolveUnits(tx, planId, preview.units, now);
    const planUnitKinds = tx
      .select({ id: units.id, name: units.name, kind: units.kind })
      .from(planUnits)
      .innerJoin(units, eq(units.id, planUnits.unitId))
      .where(eq(planUnits.planId, planId))
      .all();

    const result: CommitResult = {
      planId,
      created: !existing,
      tasks: { added: [], updated: [], archived: [], unchanged: 0 },
      requirements: { added: 0, updated: 0, archived: 0 },
      newUnits,
    };

    const oldTasks = new Map(tx.select().from(tasks).where(eq(tasks.planId, planId)).all().map((t) => [t.number, t]));
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
        source: task.where,
        archivedAt: null,
        updatedAt: now,
      };
      let taskId: number;
      let changed = !old;
      if (old) {
        taskId = old.id;
        changed =
          old.title !== values.title ||
          old.content !== values.content ||
          old.sectionId !== values.sectionId ||
          old.archivedAt !== null;
        tx.update(tasks).set(values).where(eq(tasks.id, taskId)).run();
      } else {
        taskId = tx.insert(tasks).values({ ...values, createdAt: now }).returning({ id: tasks.id }).get().id;
      }
      const counts = upsertRequirements(tx, taskId, task.requirements, unitIds, planUnitKinds, now);
      result.requirements.added += counts.added;
      result.requirements.updated += counts.updated;
      result.requirements.archived += counts.archived;
      if (!old) result.tasks.added.push(task.number);
      else if (changed || counts.added + counts.updated + counts.archived > 0) result.tasks.updated.push(task.number);
      else result.tasks.unchanged++;
    });

    for (const gone of oldTasks.values()) {
      if (gone.archivedAt !== null) continue;
      tx.update(tasks).set({ archivedAt: now, updatedAt: now }).where(eq(tasks.id, gone.id)).run();
      const archived = tx
        .update(requirements)
        .set({ archivedAt: now, updatedAt: now })
        .where(and(eq(requirements.taskId, gone.id), isNull(requirements.archivedAt)))
        .returning({ id: requirements.id })
        .all();
      result.requirements.archived += archived.length;
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
  const firstAt = new Map<string, string>();
  for (const task of preview.tasks) {
    const first = firstAt.get(task.number);
    if (first !== undefined) {
      throw new PlanInputError(
        `${preview.source}: task number ${task.number} is used twice (${first}; ${task.where}); give each task its own number, then import again`,
      );
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
  tx: Tx,
  planId: number,
  named: { name: string; kind: UnitKind }[],
  now: Date,
): { unitIds: Map<string, number>; newUnits: string[] } {
  const unitIds = new Map<string, number>();
  const newUnits: string[] = [];
  for (const { name, kind } of named) {
    const byAlias = tx.select({ id: unitAliases.unitId }).from(unitAliases).where(eq(unitAliases.alias, name)).get();
    let id = byAlias?.id ?? tx.select({ id: units.id }).from(units).where(eq(units.name, name)).get()?.id;
    if (id === undefined) {
      id = tx.insert(units).values({ name, kind, createdAt: now, updatedAt: now }).returning({ id: units.id }).get().id;
      newUnits.push(name);
    }
    unitIds.set(name, id);
    tx.insert(planUnits).values({ planId, unitId: id, createdAt: now, updatedAt: now }).onConflictDoNothing().run();
  }
  return { unitIds, newUnits };
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
  planUnitKinds: { id: number; name: string; kind: UnitKind }[],
): { wanted: Wanted[]; groups: { name: string; role: 'lead' | 'cooperating' }[] } {
  const wanted = new Map<number, Wanted>();
  const groups: { name: string; role: 'lead' | 'cooperating' }[] = [];
  const add = (unitId: number, role: Wanted['role'], viaGroup: string | null) => {
    const current = wanted.get(unitId);
    if (!current || (current.role === 'cooperating' && role === 'lead')) wanted.set(unitId, { unitId, role, viaGroup });
  };
  const byName = new Map(planUnitKinds.map((u) => [u.name, u.id]));
  for (const role of ['lead', 'cooperating'] as const) {
    for (const name of requirement[role]) {
      const group = readGroupRef(name);
      if (!group) {
        add(unitIds.get(name)!, role, null);
        continue;
      }
      if (!groups.some((g) => g.name === name)) groups.push({ name, role });
      for (const member of expandGroup(group, planUnitKinds)) {
        if (!wanted.has(byName.get(member)!)) add(byName.get(member)!, role, name);
      }
    }
  }
  return { wanted: [...wanted.values()], groups };
}

function upsertRequirements(
  tx: Tx,
  taskId: number,
  parsed: ParsedRequirement[],
  unitIds: Map<string, number>,
  planUnitKinds: { id: number; name: string; kind: UnitKind }[],
  now: Date,
): { added: number; updated: number; archived: number } {
  const counts = { added: 0, updated: 0, archived: 0 };
  const old = new Map(tx.select().from(requirements).where(eq(requirements.taskId, taskId)).all().map((r) => [r.index, r]));

  parsed.forEach((requirement, i) => {
    const index = i + 1;
    const previous = old.get(index);
    old.delete(index);
    const before = previous ? snapshot(tx, previous.id) : null;
    const requirementId = previous
      ? previous.id
      : tx
          .insert(requirements)
          .values({ taskId, index, text: requirement.text, problems: requirement.problems, createdAt: now, updatedAt: now })
          .returning({ id: requirements.id })
          .get().id;
    if (previous) {
      tx.update(requirements)
        .set({ text: requirement.text, problems: requirement.problems, archivedAt: null, updatedAt: now })
        .where(eq(requirements.id, requirementId))
        .run();
    }

    const rule = tx.select().from(deadlineRules).where(eq(deadlineRules.requirementId, requirementId)).get();
    if (!rule || rule.origin === 'import') {
      tx.insert(deadlineRules)
        .values({
          requirementId,
          text: requirement.deadline.text,
          recognized: requirement.deadline.recognized,
          rule: requirement.deadline.rule,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: deadlineRules.requirementId,
          set: { text: requirement.deadline.text, recognized: requirement.deadline.recognized, rule: requirement.deadline.rule, updatedAt: now },
        })
        .run();
    }

    if (requirement.quota) {
      const q = requirement.quota;
      const values = { target: q.target, unitLabel: q.unit, period: q.period, kind: q.kind, source: q.source, updatedAt: now };
      tx.insert(quotas)
        .values({ requirementId, ...values, createdAt: now })
        .onConflictDoUpdate({ target: quotas.requirementId, set: values })
        .run();
    } else {
      tx.delete(quotas).where(eq(quotas.requirementId, requirementId)).run();
    }

    const { wanted, groups } = wantedAssignments(requirement, unitIds, planUnitKinds);
    tx.delete(requirementGroups).where(eq(requirementGroups.requirementId, requirementId)).run();
    for (const group of groups) {
      tx.insert(requirementGroups).values({ requirementId, ...group, createdAt: now, updatedAt: now }).run();
    }
    const keep = wanted.map((w) => w.unitId);
    tx.delete(assignments)
      .where(
        keep.length > 0
          ? and(eq(assignments.requirementId, requirementId), notInArray(assignments.unitId, keep))
          : eq(assignments.requirementId, requirementId),
      )
      .run();
    for (const w of wanted) {
      tx.insert(assignments)
        .values({ requirementId, ...w, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({
          target: [assignments.requirementId, assignments.unitId],
          set: { role: w.role, viaGroup: w.viaGroup, updatedAt: now },
        })
        .run();
    }

    if (!previous) counts.added++;
    else if (previous.archivedAt !== null || before !== snapshot(tx, requirementId)) counts.updated++;
  });

  for (const gone of old.values()) {
    if (gone.archivedAt !== null) continue;
    tx.update(requirements).set({ archivedAt: now, updatedAt: now }).where(eq(requirements.id, gone.id)).run();
    counts.archived++;
  }
  return counts;
}

/** Everything an import sets on a requirement, as one string, to tell whether a re-import changed it. */
function snapshot(tx: Tx, requirementId: number): string {
  const requirement = tx.select({ text: requirements.text, problems: requirements.problems }).from(requirements).where(eq(requirements.id, requirementId)).get();
  const rule = tx.select({ text: deadlineRules.text, rule: deadlineRules.rule }).from(deadlineRules).where(eq(deadlineRules.requirementId, requirementId)).get();
  const quota = tx.select({ target: quotas.target, unit: quotas.unitLabel, period: quotas.period }).from(quotas).where(eq(quotas.requirementId, requirementId)).get();
  const assigned = tx
    .select({ unitId: assignments.unitId, role: assignments.role, via: assignments.viaGroup })
    .from(assignments)
    .where(eq(assignments.requirementId, requirementId))
    .orderBy(assignments.unitId)
    .all();
  return JSON.stringify([requirement, rule, quota ?? null, assigned]);
}

