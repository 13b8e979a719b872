/**
 * Whether the bot can write to a person, and what changes with it.
 *
 * Telegram says a person blocked the bot in two ways: a 403 when the bot writes to them (the
 * dispatcher, the command menus) and a my_chat_member update with status "kicked". Either
 * marks them unreachable at once (`markUnreachable`, the one rule for all of them): nothing is
 * planned or sent to them any more, and the leads of the units they serve are told once.
 *
 * They are back when they unblock the bot (my_chat_member "member") or write to it: then
 * `markReachable` clears the mark and plans their reminders again (`planReturn`). What a
 * liaison coming back gets is what the bot's own catch-up after downtime sends, for the time
 * they could not be reached: per period, the latest reminder that is still useful (one that
 * bounced or was skipped while they were blocked, or one that fell due meanwhile), never one
 * before a due moment that has passed; and of the overdue notices, only each requirement's
 * latest period, not a backlog of every missed month. Reminders after their return are
 * planned as for anyone.
 */
import { and, desc, eq, inArray, isNull, like, lte, or, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { DB } from '../db';
import { auditLog, outbox, people, roles } from '../db/schema';
import { PLAN_ZONE } from '../plans/due-dates';
import type { WorkingDayCalendar } from './calendar';
import { draftsByRequirement, MAX_SPAN_DAYS, type PlannerState } from './planner';
import { plannerState } from './planner-store';
import { leadsOfUnit } from './recipients';
import { nextSendableInstant } from './reminder-times';
import type { OutboxKind } from '../core/outbox-kind';
import { enqueue } from './enqueue';

/** Who made the change, for the audit log: the person themselves, or "system" (a 403 seen by the bot). */
export interface ReachabilityActor {
  personId: number | null;
  label: string;
}

export const SYSTEM_ACTOR: ReachabilityActor = { personId: null, label: 'system' };

export interface ReachabilityChange {
  /** How the bot learned it: "403", "my_chat_member", "message" … (kept in the audit log). */
  via: string;
  actor?: ReachabilityActor;
  /** Telegram's words, when there were any ("Forbidden: bot was blocked by the user"). */
  detail?: string;
}

/**
 * The person blocked the bot: they are marked unreachable, the leads of the units they serve
 * as liaison are told once, and the change is audited. False (and nothing changes) when they
 * were marked already, so a second 403 or a late my_chat_member tells nobody twice.
 */
export function markUnreachable(db: DB, personId: number, now: Date, change: ReachabilityChange): boolean {
  return db.transaction(() => {
    const marked = db
      .update(people)
      .set({ unreachableAt: now, updatedAt: now })
      .where(and(eq(people.id, personId), isNull(people.unreachableAt)))
      .run().changes;
    if (marked === 0) return false;
    const unitIds = db
      .select({ unitId: roles.unitId })
      .from(roles)
      .where(and(eq(roles.personId, personId), eq(roles.role, 'liaison'), isNull(roles.revokedAt)))
      .all()
      .map((r) => r.unitId)
      .filter((id): id is number => id !== null);
    const told = new Set<number>([personId]);
    for (const unitId of unitIds) {
      for (const lead of leadsOfUnit(db, unitId)) {
        if (told.has(lead.personId)) continue;
        told.add(lead.personId);
        enqueue(
          db,
          {
            key: { kind: 'unreachable', personId: lead.personId, aboutPersonId: personId, since: now },
            personId: lead.personId,
            chatId: lead.chatId,
            unitId,
            payload: { personId },
          },
          now,
        );
      }
    }
    audit(db, now, 'person.unreachable', personId, change, {});
    return true;
  });
}

export interface Return {
  /** Since when they could not be reached. */
  since: Date;
  /** Reminders planned or put back for them. */
  planned: number;
}

/**
 * The person can be reached again: the mark goes, a notice to the leads about them that is
 * still unsent goes too, their reminders are planned again (planReturn) and the change is
 * audited. Null when they were not marked unreachable.
 */
export function markReachable(
  db: DB,
  calendar: WorkingDayCalendar,
  personId: number,
  now: Date,
  change: ReachabilityChange,
): Return | null {
  return db.transaction(() => {
    const person = db.select({ since: people.unreachableAt }).from(people).where(eq(people.id, personId)).get();
    if (!person?.since) return null;
    const since = person.since;
    db.update(people).set({ unreachableAt: null, updatedAt: now }).where(eq(people.id, personId)).run();
    // A lead not yet told that they blocked the bot need not hear it now.
    db.update(outbox)
      .set({ status: 'skipped', lastError: 'reachable again', updatedAt: now })
      .where(
        and(eq(outbox.kind, 'unreachable'), eq(outbox.status, 'pending'), sql`json_extract(${outbox.payload}, '$.personId') = ${personId}`),
      )
      .run();
    const planned = planReturn(db, calendar, personId, since, now);
    audit(db, now, 'person.reachable', personId, change, { since: since.toISOString(), planned });
    return { since, planned };
  });
}

function audit(db: DB, now: Date, action: string, personId: number, change: ReachabilityChange, details: Record<string, unknown>): void {
  const actor = change.actor ?? SYSTEM_ACTOR;
  db.insert(auditLog)
    .values({
      at: now,
      actorPersonId: actor.personId,
      actorLabel: actor.label,
      action,
      subject: `person:${personId}`,
      details: { via: change.via, ...(change.detail ? { detail: change.detail } : {}), ...details },
    })
    .run();
}

/** The planner's reminder kinds; snoozes and notices to leads are not planned again. */
const PLANNED_KINDS = /^(before-\d+|due|overdue)$/;
/** What a row given up while its person was blocked says once it is neither sent nor wanted. */
const SUPERSEDED = 'not sent again on return';

/** Later kinds say more: before-3 < before-1 < due < overdue. */
function rank(kind: string): number {
  if (kind === 'overdue') return 1_000_000;
  if (kind === 'due') return 100_000;
  return 100_000 - Number(kind.slice('before-'.length));
}

interface Candidate {
  key: string;
  kind: OutboxKind;
  requirementId: number;
  unitId: number;
  period: string;
  dueAt: Date;
  /** A row given up while the person was blocked; null for a reminder planned now. */
  rowId: number | null;
}

/**
 * Plans a liaison's reminders again after `since`, the moment they could no longer be reached
 * (see the top of the file for which ones). Returns how many rows were planned or put back.
 * The person must be reachable again. Runs in the caller's transaction when there is one.
 */
export function planReturn(db: DB, calendar: WorkingDayCalendar, personId: number, since: Date, now: Date): number {
  const units = new Set(
    db
      .select({ unitId: roles.unitId })
      .from(roles)
      .where(and(eq(roles.personId, personId), eq(roles.role, 'liaison'), isNull(roles.revokedAt)))
      .all()
      .map((r) => r.unitId)
      .filter((id): id is number => id !== null),
  );
  // Rows that bounced (403, or 400 chat not found) or were skipped while they were away, never looked at since.
  const givenUp = db
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.personId, personId),
        or(
          and(eq(outbox.status, 'skipped'), eq(outbox.lastError, 'unreachable')),
          and(
            eq(outbox.status, 'failed'),
            or(like(outbox.lastError, 'Forbidden:%'), like(outbox.lastError, 'Bad Request: chat not found%')),
          ),
        ),
      ),
    )
    .all();

  const base = plannerState(db, calendar);
  const state: PlannerState = {
    ...base,
    assignmentsOf: (requirementId) => base.assignmentsOf(requirementId).filter((a) => units.has(a.unitId)),
    liaisonsOf: (unitId) => base.liaisonsOf(unitId).filter((l) => l.personId === personId),
    // The leads heard about the unit while the liaison was away; nothing new for them here.
    leadsOf: () => [],
  };
  const policyOf = new Map(base.requirements.map((r) => [r.requirementId, r.policy]));

  const candidates: Candidate[] = [];
  for (const part of draftsByRequirement(state, { from: since, to: now })) {
    for (const d of part.drafts) {
      if (d.requirementId === null || d.personId !== personId) continue;
      candidates.push({
        key: d.key,
        kind: d.kind,
        requirementId: d.requirementId,
        unitId: d.unitId,
        period: d.period,
        dueAt: d.dueAt,
        rowId: null,
      });
    }
  }
  for (const row of givenUp) {
    if (!PLANNED_KINDS.test(row.kind) || row.requirementId === null || row.unitId === null || row.period === null || row.dueAt === null)
      continue;
    candidates.push({
      key: row.key,
      kind: row.kind,
      requirementId: row.requirementId,
      unitId: row.unitId,
      period: row.period,
      dueAt: row.dueAt,
      rowId: row.id,
    });
  }

  // One reminder per period: the latest kind; of one kind, the row that exists (same key).
  const latest = new Map<string, Candidate>();
  for (const c of candidates) {
    const periodKey = `${c.requirementId}|${c.unitId}|${c.period}`;
    const held = latest.get(periodKey);
    if (!held || rank(c.kind) > rank(held.kind) || (rank(c.kind) === rank(held.kind) && c.rowId !== null)) latest.set(periodKey, c);
  }
  const oldest = DateTime.fromJSDate(now, { zone: PLAN_ZONE }).minus({ days: MAX_SPAN_DAYS }).toMillis();
  const sendAfterOf = new Map<number, Date>();
  const sendAfter = (requirementId: number) => {
    let found = sendAfterOf.get(requirementId);
    if (!found)
      sendAfterOf.set(
        requirementId,
        (found = nextSendableInstant(DateTime.fromJSDate(now, { zone: PLAN_ZONE }), policyOf.get(requirementId)!, calendar).toJSDate()),
      );
    return found;
  };
  const useful = [...latest.values()].filter((c) => {
    if (!units.has(c.unitId) || !policyOf.has(c.requirementId)) return false;
    if (state.isReported(c.requirementId, c.unitId, c.period)) return false;
    // Before a due moment: only if it can still go out before it.
    if (c.kind !== 'overdue') return sendAfter(c.requirementId).getTime() < c.dueAt.getTime();
    return c.dueAt.getTime() >= oldest;
  });
  // Overdue: what the requirement still lacks, once; its earlier missed periods are in /tasks.
  const lastOverdue = new Map<string, Candidate>();
  for (const c of useful) {
    if (c.kind !== 'overdue') continue;
    const key = `${c.requirementId}|${c.unitId}`;
    const held = lastOverdue.get(key);
    if (!held || c.dueAt.getTime() > held.dueAt.getTime()) lastOverdue.set(key, c);
  }
  const chosen = useful.filter((c) => c.kind !== 'overdue' || lastOverdue.get(`${c.requirementId}|${c.unitId}`) === c);

  const chatId = db.select({ chatId: people.chatId }).from(people).where(eq(people.id, personId)).get()?.chatId;
  if (chatId === undefined) return 0;
  let planned = 0;
  const revived = new Set<number>();
  for (const c of chosen) {
    const values = {
      status: 'pending' as const,
      sendAfter: sendAfter(c.requirementId),
      chatId,
      attempts: 0,
      lastError: null,
      updatedAt: now,
    };
    if (c.rowId !== null) {
      db.update(outbox).set(values).where(eq(outbox.id, c.rowId)).run();
      revived.add(c.rowId);
      planned++;
    } else {
      planned += db
        .insert(outbox)
        .values({
          key: c.key,
          personId,
          requirementId: c.requirementId,
          unitId: c.unitId,
          period: c.period,
          kind: c.kind,
          dueAt: c.dueAt,
          payload: {},
          createdAt: now,
          ...values,
        })
        .onConflictDoNothing({ target: outbox.key })
        .run().changes;
    }
  }
  // The rest of what was given up stays given up, and is not looked at again next time.
  const superseded = givenUp.map((r) => r.id).filter((id) => !revived.has(id));
  if (superseded.length > 0) {
    db.update(outbox)
      .set({ status: 'skipped', lastError: sql`${SUPERSEDED} || ': ' || coalesce(${outbox.lastError}, '')`, updatedAt: now })
      .where(inArray(outbox.id, superseded))
      .run();
  }
  return planned;
}

export type UnreachableReason = 'blocked' | 'deactivated' | 'not-found';

/**
 * Why a person cannot be reached, as Telegram said it when they were last marked (kept in the
 * audit log by markUnreachable): a deleted account, a chat Telegram does not find (never met,
 * never started), or else a block. `before`: the mark to read (default: the latest).
 */
export function unreachableReason(db: DB, personId: number, before: Date = new Date(8.64e15)): UnreachableReason {
  const marked = db
    .select({ details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'person.unreachable'), eq(auditLog.subject, `person:${personId}`), lte(auditLog.at, before)))
    .orderBy(desc(auditLog.id))
    .get();
  const detail = (marked?.details as { detail?: string } | null | undefined)?.detail ?? '';
  if (/user is deactivated/i.test(detail)) return 'deactivated';
  if (/chat not found|can't initiate conversation/i.test(detail)) return 'not-found';
  return 'blocked';
}
